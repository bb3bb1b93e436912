// json_file_error.h: line and column of a JSON parse error.
#include "sim/org/json_file_error.h"

#include <string>

namespace recoup::sim::org {

Status MalformedJsonError(std::string_view source_name, std::string_view text, size_t byte,
                          std::string_view what) {
  size_t line = 1, column = 1;
  for (size_t i = 0; i + 1 < byte && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return InvalidArgumentError(std::string(source_name) + ":" + std::to_string(line) + ":" +
                              std::to_string(column) + ": malformed JSON: " + std::string(what));
}

}  // namespace recoup::sim::org
