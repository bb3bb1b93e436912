// Internal to the sObject routes (sobject_routes.h): the state their handlers share and the
// handlers themselves, split over sobject_routes.cc (describe, create, publish),
// sobject_record_routes.cc (by Id) and sobject_external_id_routes.cc (by external Id).
#ifndef RECOUP_SIM_ORG_REST_SOBJECT_HANDLERS_H_
#define RECOUP_SIM_ORG_REST_SOBJECT_HANDLERS_H_

#include <string_view>

#include "sim/org/http/request.h"
#include "sim/org/http/response.h"
#include "sim/org/rest/sobject_catalog.h"
#include "sim/org/service/org.h"

namespace recoup::sim::org::rest::sobject_internal {

// What every sObject handler reads: the org (not owned) and the name lookups over its schema.
struct SObjectState {
  explicit SObjectState(Org& o) : org(o), catalog(o.schema()) {}
  Org& org;
  SObjectCatalog catalog;
};

// sobject_routes.cc
void CreateRecord(SObjectState& state, const http::Request& request, http::Response& response);

// sobject_record_routes.cc
void RetrieveById(SObjectState& state, const http::Request& request, http::Response& response);
void UpdateById(SObjectState& state, const http::Request& request, http::Response& response);
void DeleteById(SObjectState& state, const http::Request& request, http::Response& response);
// POST /sobjects/{O}/{id}: only "Id" (create with Id as the external Id); 405 for anything else.
void PostWithId(SObjectState& state, const http::Request& request, http::Response& response);
// Create through an upsert on the Id field with no value (POST .../Id, PATCH .../Id/): 201 with
// the upsert body.
void CreateByIdUpsert(SObjectState& state, const ObjectDef& object, const SfId& user,
                      const http::Request& request, http::Response& response);

// The record Id a path segment names for `object`. A segment that is not a 15/18-character Id with
// the object's key prefix is, for Salesforce, an external-Id field name: the error is the store's
// NOT_FOUND (404) "Provided external ID field does not exist or is not accessible: <segment>", or
// NOT_FOUND "The requested resource does not exist" when the segment does name an external-Id
// field (the key is missing). Takes the org's lock only on the error path.
SfOr<SfId> RecordIdInPath(SObjectState& state, const ObjectDef& object, std::string_view segment);

// Answers an upsert: 201 {"id","success":true,"errors":[],"created":true} with Location, or 200
// {...,"created":false} (below v46: 201 without "created", 204 with no body); a MULTIPLE_CHOICES
// error as 300 with the matching records' URLs; any other error with WriteSfError.
void WriteUpsertResult(const SfOr<UpsertResult>& result, const ObjectDef& object,
                       const http::Request& request, http::Response& response);

// sobject_external_id_routes.cc
void RetrieveByExternalId(SObjectState& state, const http::Request& request,
                          http::Response& response);
void UpsertByExternalId(SObjectState& state, const http::Request& request,
                        http::Response& response);
void DeleteByExternalId(SObjectState& state, const http::Request& request,
                        http::Response& response);

}  // namespace recoup::sim::org::rest::sobject_internal

#endif  // RECOUP_SIM_ORG_REST_SOBJECT_HANDLERS_H_
