// What every REST resource handler of the mock org shares: the org, and the small steps each
// handler repeats (who is calling, which object the path names, answering with an SfError).
//
// Route groups (one header each in this folder) register their routes on an http::Router with
// Add<Group>Routes(org, router...); org_routes.h registers all of them on an OrgServer. Handlers
// take an Org::Session for the whole request, so each request is atomic with respect to others.
#ifndef RECOUP_SIM_ORG_REST_REST_CONTEXT_H_
#define RECOUP_SIM_ORG_REST_REST_CONTEXT_H_

#include <string_view>

#include "sim/org/http/request.h"
#include "sim/org/http/response.h"
#include "sim/org/schema.h"
#include "sim/org/service/org.h"
#include "sim/org/sf_error.h"

namespace recoup::sim::org::rest {

// The store user the request acts as: the principal's user Id resolved by the org.
// INVALID_SESSION_ID (401) when the route has no principal or the org has no such user.
SfOr<SfId> CallerUser(const Org& org, const http::Request& request);

// The record object (events too when `allow_events`) named by the path segment `name`
// (case-insensitive, as Salesforce matches sObject names in URLs). NOT_FOUND (404)
// "The requested resource does not exist" otherwise.
SfOr<const ObjectDef*> ResolveObject(const Schema& schema, std::string_view name,
                                     bool allow_events);

}  // namespace recoup::sim::org::rest

#endif  // RECOUP_SIM_ORG_REST_REST_CONTEXT_H_
