// json_checks.h: nesting depth and short descriptions of request JSON.
#include "sim/org/rest/json_checks.h"

#include "sim/org/value_parse.h"

namespace recoup::sim::org::rest {
namespace {

// Whether `value` nests at most `levels` levels of arrays and objects.
bool DepthAtMost(const nlohmann::json& value, int levels) {
  if (!value.is_structured()) return true;
  if (levels == 0) return false;
  for (const nlohmann::json& child : value) {
    if (!DepthAtMost(child, levels - 1)) return false;
  }
  return true;
}

}  // namespace

SfStatus CheckJsonDepth(const nlohmann::json& value) {
  if (DepthAtMost(value, kMaxRequestJsonDepth)) return {};
  return MakeSfError(400, "JSON_PARSER_ERROR",
                     "The JSON body nests arrays and objects more than " +
                         std::to_string(kMaxRequestJsonDepth) + " levels deep");
}

std::string DescribeJson(const nlohmann::json& value) {
  if (value.is_structured()) return value.type_name();
  if (value.is_string()) {
    const std::string& text = value.get_ref<const std::string&>();
    if (text.size() <= 64) return nlohmann::json(ToValidUtf8(text)).dump();
    return nlohmann::json(ToValidUtf8(text.substr(0, 64)) + "...").dump();
  }
  return value.dump();
}

}  // namespace recoup::sim::org::rest
