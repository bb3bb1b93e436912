// The sObject resources of the mock org (reference/salesforce-api.md sections 3.1, 3.2, 5.1):
// describe, single-record CRUD by Id and by external Id, upsert, and platform-event publishing.
//
// Routes (all Access::kApi, under /services/data/v{version}; docs/org.md "## REST: sObjects and
// query" lists every status and body):
//   GET    /sobjects                          describe global (describe.h DescribeGlobal)
//   GET    /sobjects/{O}                      {"objectDescribe": ..., "recentItems": []}
//   GET    /sobjects/{O}/describe             describe object
//   POST   /sobjects/{O}                      create: 201 {"id","success":true,"errors":[]} and
//                                             Location: the record URL; for a platform event
//                                             (__e) publish: 201 {"id","success":true,"errors":
//                                             [{"statusCode":"OPERATION_ENQUEUED","message":
//                                             <EventUuid>,"fields":[]}]}
//   GET    /sobjects/{O}/{id}[?fields=A,B]    retrieve: 200 record JSON (attributes first)
//   PATCH  /sobjects/{O}/{id}                 update: 204
//   DELETE /sobjects/{O}/{id}                 delete (recycle bin): 204
//   POST   /sobjects/{O}/Id, PATCH /sobjects/{O}/Id/
//                                             create with Id as the external Id (upsert shape,
//                                             201 ... "created":true)
//   GET    /sobjects/{O}/{extField}/{value}[?fields=]   retrieve by external Id
//   PATCH  /sobjects/{O}/{extField}/{value}[?updateOnly=true]
//                                             upsert: 201 {...,"created":true} + Location, or
//                                             200 {...,"created":false} (v46+; 204 / 201 without
//                                             "created" below v46)
//   DELETE /sobjects/{O}/{extField}/{value}   delete by external Id: 204
// Several live records matching an external Id give 300 with a JSON array of their URLs. Errors are
// the model's SfErrors as they are (record_store.h, record_input.h, event_bus.h), written with
// WriteSfError: `[{"message","errorCode","fields"}]`.
//
// Each request runs under one Org::Session (publishing runs outside it: the bus is thread-safe).
// Retrieve by Id writes the record text straight into the response (AppendRecordJson, no DOM).
#ifndef RECOUP_SIM_ORG_REST_SOBJECT_ROUTES_H_
#define RECOUP_SIM_ORG_REST_SOBJECT_ROUTES_H_

#include "core/base/status.h"
#include "sim/org/http/router.h"
#include "sim/org/service/org.h"

namespace recoup::sim::org::rest {

// Registers the routes above on `router`. `org` must outlive the router's use of them (the server).
// Errors: the router's (a route already registered: AlreadyExists).
Status AddSObjectRoutes(Org& org, http::Router& router);

}  // namespace recoup::sim::org::rest

#endif  // RECOUP_SIM_ORG_REST_SOBJECT_ROUTES_H_
