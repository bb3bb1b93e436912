// Helpers shared by the /composite and sObject Collections contract tests: the route groups, error
// checks, and direct looks into the org's record store.
#ifndef RECOUP_TESTS_SIM_ORG_REST_COMPOSITE_TEST_UTIL_H_
#define RECOUP_TESTS_SIM_ORG_REST_COMPOSITE_TEST_UTIL_H_

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "sim/org/ids.h"
#include "sim/org/rest/collections_routes.h"
#include "sim/org/rest/composite_routes.h"
#include "sim/org/rest/query_routes.h"
#include "sim/org/rest/sobject_routes.h"
#include "tests/sim/org/rest/rest_test_org.h"

namespace recoup::sim::org::rest::testing {

inline const std::string kJsonType = "application/json;charset=UTF-8";

// Every route a composite subrequest may reach, plus /composite and the collections.
inline RouteGroup AllCompositeRoutes() {
  return [](Org& org, http::OrgServer& server) -> Status {
    RECOUP_RETURN_IF_ERROR(AddSObjectRoutes(org, server.router()));
    RECOUP_RETURN_IF_ERROR(AddQueryRoutes(org, server.router()));
    RECOUP_RETURN_IF_ERROR(AddCollectionsRoutes(org, server.router()));
    return AddCompositeRoutes(org, server.router());
  };
}

// Only the collections routes.
inline RouteGroup CollectionsOnly() {
  return [](Org& org, http::OrgServer& server) -> Status {
    return AddCollectionsRoutes(org, server.router());
  };
}

// Expects the single Salesforce error [{"message": message, "errorCode": code}] with HTTP
// `status` (message compared exactly unless empty).
inline void ExpectError(const HttpResult& r, int status, const std::string& code,
                        const std::string& message = "") {
  EXPECT_EQ(r.status, status) << r.body;
  EXPECT_EQ(r.Header("content-type"), kJsonType);
  const nlohmann::json j = r.Json();
  ASSERT_TRUE(j.is_array() && j.size() == 1) << r.body;
  EXPECT_EQ(j[0].value("errorCode", ""), code) << r.body;
  if (!message.empty()) {
    EXPECT_EQ(j[0].value("message", ""), message) << r.body;
  }
}

// Expects one collections result {"success": false, "errors": [{"statusCode": code, ...}]} with
// exactly the members of the contract (no "id" unless `id` is given; then it must match).
inline void ExpectRecordFailure(const nlohmann::json& result, const std::string& code,
                                const std::string& id = "") {
  EXPECT_EQ(result.value("success", true), false) << result;
  ASSERT_TRUE(result.contains("errors") && result["errors"].size() == 1) << result;
  const nlohmann::json& error = result["errors"][0];
  EXPECT_EQ(error.value("statusCode", ""), code) << result;
  EXPECT_TRUE(error.contains("message") && error.contains("fields")) << result;
  EXPECT_FALSE(error.contains("errorCode")) << result;
  if (id.empty()) {
    EXPECT_FALSE(result.contains("id")) << result;
  } else {
    EXPECT_EQ(result.value("id", ""), id) << result;
  }
}

// Rows (live and deleted) and live rows of `object` in the org's store.
inline RowIndex StoreRows(Org& org, const std::string& object) {
  Org::Session session = org.Lock();
  return session.store().row_count(*session.schema().FindObject(object));
}
inline RowIndex LiveRows(Org& org, const std::string& object) {
  Org::Session session = org.Lock();
  return session.store().live_row_count(*session.schema().FindObject(object));
}

// The 18-character Id the store hands out for the n-th (1-based) row of `object`.
inline std::string NthId(Org& org, const std::string& object, uint64_t n) {
  return SfId::Generate(org.schema().FindObject(object)->key_prefix(), n).ToLong();
}

// The text value of `field` of the record `id` of `object` ("<null>" when null, "<missing>" when
// the record does not exist).
inline std::string FieldText(Org& org, const std::string& object, const std::string& id,
                             const std::string& field) {
  Org::Session session = org.Lock();
  const ObjectDef& def = *session.schema().FindObject(object);
  SfOr<SfId> parsed = ParseId(id);
  if (!parsed.ok()) return "<missing>";
  SfOr<RowIndex> row = session.store().FindRow(def, *parsed, /*all_rows=*/true);
  if (!row.ok()) return "<missing>";
  const ValueView v = session.store().Get(def, *row, *def.FindField(field));
  if (v.is_null()) return "<null>";
  if (v.kind() == ValueKind::kString) return std::string(v.str());
  if (v.kind() == ValueKind::kBool) return v.bool_value() ? "true" : "false";
  if (v.is_numeric()) return nlohmann::json(v.AsDouble()).dump();
  return "<other>";
}

// {"method": m, "url": "/services/data/v62.0" + rest, "referenceId": ref[, "body": body]}.
inline nlohmann::json Sub(const std::string& method, const std::string& rest,
                          const std::string& ref, const nlohmann::json& body = nullptr) {
  nlohmann::json sub = {{"method", method}, {"url", RestTestOrg::Path(rest)}, {"referenceId", ref}};
  if (!body.is_null()) sub["body"] = body;
  return sub;
}

}  // namespace recoup::sim::org::rest::testing

#endif  // RECOUP_TESTS_SIM_ORG_REST_COMPOSITE_TEST_UTIL_H_
