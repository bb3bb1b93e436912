// rest_json.h: JSON text for save results, record URLs and 300 bodies.
#include "sim/org/rest/rest_json.h"

#include <nlohmann/json.hpp>

#include "sim/org/value.h"

namespace recoup::sim::org::rest {

void AppendSaveResult(const SfId& id, std::optional<bool> created, std::string* out) {
  char text[SfId::kLongLength];
  id.WriteLong(text);
  out->append("{\"id\":\"");
  out->append(text, sizeof(text));
  out->append("\",\"success\":true,\"errors\":[]");
  if (created.has_value()) out->append(*created ? ",\"created\":true" : ",\"created\":false");
  out->push_back('}');
}

void AppendRecordUrl(std::string_view api_version, const ObjectDef& object,
                     std::string_view id_text, std::string* out) {
  out->append("/services/data/v");
  out->append(api_version);
  out->append("/sobjects/");
  out->append(object.name());
  out->push_back('/');
  out->append(id_text);
}

void FinishJsonText(http::Response* response, int status) {
  response->set_status(status);
  response->set_content_type(http::kJsonContentType);
  if (!response->pretty()) return;
  nlohmann::ordered_json parsed = nlohmann::ordered_json::parse(response->body(), nullptr, false);
  if (parsed.is_discarded()) return;
  response->SetJson(status, parsed);
}

void WriteMultipleChoices(http::Response* response, std::string_view api_version,
                          const ObjectDef& object, const std::vector<std::string>& ids) {
  std::string& out = response->body();
  out.clear();
  out.push_back('[');
  std::string url;
  for (size_t i = 0; i < ids.size(); ++i) {
    if (i > 0) out.push_back(',');
    url.clear();
    AppendRecordUrl(api_version, object, ids[i], &url);
    AppendJsonString(url, &out);
  }
  out.push_back(']');
  FinishJsonText(response, 300);
}

int ApiMajorVersion(std::string_view api_version) {
  const size_t dot = api_version.find('.');
  if (dot == 0 || dot == std::string_view::npos || dot + 1 == api_version.size() || dot > 4) {
    return 0;
  }
  int major = 0;
  for (size_t i = 0; i < api_version.size(); ++i) {
    const char c = api_version[i];
    if (i == dot) continue;
    if (c < '0' || c > '9') return 0;
    if (i < dot) major = major * 10 + (c - '0');
  }
  return major;
}

}  // namespace recoup::sim::org::rest
