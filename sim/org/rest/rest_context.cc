// rest_context.h: caller and object resolution shared by every resource.
#include "sim/org/rest/rest_context.h"

#include "sim/org/http/sf_http_errors.h"

namespace recoup::sim::org::rest {

SfOr<SfId> CallerUser(const Org& org, const http::Request& request) {
  if (request.principal() == nullptr) return http::InvalidSessionError();
  return org.ResolveUser(request.principal()->user_id);
}

SfOr<const ObjectDef*> ResolveObject(const Schema& schema, std::string_view name,
                                     bool allow_events) {
  const ObjectDef* object = schema.FindObject(name);
  if (object == nullptr || (object->is_platform_event() && !allow_events)) {
    return http::ResourceNotFoundError();
  }
  return object;
}

}  // namespace recoup::sim::org::rest
