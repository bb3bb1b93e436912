// The error for a configuration or data file (schema extension, data file, fault file) that is not
// well-formed JSON, naming the line and column where parsing stopped.
#ifndef RECOUP_SIM_ORG_JSON_FILE_ERROR_H_
#define RECOUP_SIM_ORG_JSON_FILE_ERROR_H_

#include <cstddef>
#include <string_view>

#include "core/base/status.h"

namespace recoup::sim::org {

// InvalidArgument "<source_name>:<line>:<column>: malformed JSON: <what>", where `byte` is the
// 1-based position nlohmann's parser reports (parse_error::byte or the SAX parse_error position);
// line and column are 1-based and count bytes.
Status MalformedJsonError(std::string_view source_name, std::string_view text, size_t byte,
                          std::string_view what);

}  // namespace recoup::sim::org

#endif  // RECOUP_SIM_ORG_JSON_FILE_ERROR_H_
