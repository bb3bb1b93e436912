// Small checks on request JSON shared by /composite and sObject Collections: a cap on nesting depth
// (copying, dumping and walking a parsed value recurse, so a body such as "[[[[...]]]]" a million
// levels deep must be refused before anything else touches it), and short descriptions of values
// for error messages (never the whole value).
#ifndef RECOUP_SIM_ORG_REST_JSON_CHECKS_H_
#define RECOUP_SIM_ORG_REST_JSON_CHECKS_H_

#include <nlohmann/json.hpp>
#include <string>

#include "sim/org/sf_error.h"

namespace recoup::sim::org::rest {

// How deeply a request body may nest arrays and objects (the top level counts as 1).
inline constexpr int kMaxRequestJsonDepth = 64;

// 400 JSON_PARSER_ERROR "The JSON body nests arrays and objects more than 64 levels deep" when
// `value` is deeper than kMaxRequestJsonDepth; recursion is bounded by that depth.
SfStatus CheckJsonDepth(const nlohmann::json& value);

// A value for an error message: scalars as their JSON text (strings cut to 64 characters plus
// "..."), arrays and objects by their kind ("array", "object"). Valid UTF-8.
std::string DescribeJson(const nlohmann::json& value);

}  // namespace recoup::sim::org::rest

#endif  // RECOUP_SIM_ORG_REST_JSON_CHECKS_H_
