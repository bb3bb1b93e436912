#include "sim/org/http/discovery.h"

#include <utility>

#include <nlohmann/json.hpp>

namespace recoup::sim::org::http {

std::string ReleaseLabel(int major) {
  static constexpr const char* kSeasons[] = {"Winter", "Spring", "Summer"};
  // 20 = Winter '11; each year adds three versions.
  const int offset = major - 20;
  const int year = 11 + offset / 3;
  std::string label = kSeasons[offset % 3];
  label += " '";
  if (year % 100 < 10) label += "0";
  label += std::to_string(year % 100);
  return label;
}

std::vector<std::string> DefaultResourceNames() {
  return {"sobjects", "query", "queryAll", "composite", "limits", "jobs"};
}

Status RegisterDiscoveryRoutes(Router* router, ApiVersionRange versions,
                               std::vector<std::string> resources) {
  // The version list never changes: build it once.
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (int major = versions.min_major; major <= versions.max_major; ++major) {
    const std::string version = std::to_string(major) + ".0";
    list.push_back({{"label", ReleaseLabel(major)},
                    {"url", "/services/data/v" + version},
                    {"version", version}});
  }
  Status s = router->Add(
      Method::kGet, "/services/data",
      [list = std::move(list)](const Request&, Response& response) { response.SetJson(200, list); },
      RouteOptions{Access::kPublic, 0});
  if (!s.ok()) return s;
  return router->Add(
      Method::kGet, "/services/data/v{version}",
      [resources = std::move(resources)](const Request& request, Response& response) {
        const std::string base = "/services/data/v" + std::string(request.api_version()) + "/";
        nlohmann::ordered_json map = nlohmann::ordered_json::object();
        for (const std::string& name : resources) map[name] = base + name;
        if (const Principal* p = request.principal()) {
          map["identity"] = std::string(request.base_url()) + "/id/" + p->org_id + "/" + p->user_id;
        }
        response.SetJson(200, map);
      },
      RouteOptions{Access::kApi, 0});
}

}  // namespace recoup::sim::org::http
