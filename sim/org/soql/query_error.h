// Query errors in Salesforce's shape: the message names the place in the SOQL text the way the real
// API does, so clients that parse "ERROR at Row:R:Column:C" (and people reading the caret) find it.
//
// A positioned message is
//     "\n<snippet of the offending line>\n<spaces>^\nERROR at Row:<line>:Column:<column>\n<detail>"
// with 1-based line and column (the column counts characters, not bytes; a tab counts as one). The
// snippet is the whole line when it is at most kSnippetWidth characters long; a longer line is cut
// at word boundaries to about kSnippetContext characters either side of the error (Salesforce also
// shows a window of the line; its exact width is not documented, so ours is an approximation).
#ifndef RECOUP_SIM_ORG_SOQL_QUERY_ERROR_H_
#define RECOUP_SIM_ORG_SOQL_QUERY_ERROR_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "sim/org/sf_error.h"

namespace recoup::sim::org::soql {

inline constexpr int kSnippetWidth = 120;
inline constexpr int kSnippetContext = 60;

// 1-based line and column (in characters: UTF-8 continuation bytes are not counted) of the byte
// `offset` in `source`. An offset at or past the end names the position just after the last byte.
struct LineColumn {
  int line = 1;
  int column = 1;
};
LineColumn Locate(std::string_view source, size_t offset);

// The positioned message described above (without an error code).
std::string PositionedMessage(std::string_view source, size_t offset, std::string_view detail);

// An SfError with HTTP 400, `error_code` and the positioned message.
SfError PositionedError(std::string_view error_code, std::string_view source, size_t offset,
                        std::string_view detail);

// PositionedError with errorCode "MALFORMED_QUERY".
SfError MalformedQuery(std::string_view source, size_t offset, std::string_view detail);

// The detail Salesforce gives for a syntax error: "unexpected token: '<token>'" ("<EOF>" at the
// end).
std::string UnexpectedTokenDetail(std::string_view token_text);

}  // namespace recoup::sim::org::soql

#endif  // RECOUP_SIM_ORG_SOQL_QUERY_ERROR_H_
