// Discovery resources (reference/salesforce-api.md section 3.1):
//   GET /services/data/             no session: [{"label":"Winter
//   '25","url":"/services/data/v62.0",
//                                   "version":"62.0"}, ...] for every served version, oldest first.
//   GET /services/data/v{version}/  the resource map {"sobjects": "/services/data/v62.0/sobjects",
//   ...}
//                                   for the resources this org serves (an API call: session +
//                                   usage).
// An unserved version answers 404 NOT_FOUND (the dispatcher checks every {version} capture).
#ifndef RECOUP_SIM_ORG_HTTP_DISCOVERY_H_
#define RECOUP_SIM_ORG_HTTP_DISCOVERY_H_

#include <string>
#include <vector>

#include "core/base/status.h"
#include "sim/org/http/dispatcher.h"
#include "sim/org/http/router.h"

namespace recoup::sim::org::http {

// The release name of an API version: 53 = "Winter '22", 54 = "Spring '22", 55 = "Summer '22", and
// so on three a year (62 = "Winter '25"). Defined for majors >= 20 (20 = "Winter '11").
std::string ReleaseLabel(int major);

// The resources listed by GET /services/data/vXX.X/ by default: what the mock org serves.
std::vector<std::string> DefaultResourceNames();

// Registers both routes. `resources` names the entries of the resource map (each maps to
// "/services/data/vXX.X/<name>"); the map also carries "identity" (the caller's identity URL).
Status RegisterDiscoveryRoutes(Router* router, ApiVersionRange versions,
                               std::vector<std::string> resources = DefaultResourceNames());

}  // namespace recoup::sim::org::http

#endif  // RECOUP_SIM_ORG_HTTP_DISCOVERY_H_
