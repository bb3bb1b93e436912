// Helpers shared by the sObject and query contract tests: the route group, JSON error checks, and
// records written straight into the org's store (for volumes that would be slow over HTTP).
#ifndef RECOUP_TESTS_SIM_ORG_REST_SOBJECTS_TEST_UTIL_H_
#define RECOUP_TESTS_SIM_ORG_REST_SOBJECTS_TEST_UTIL_H_

#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "sim/org/http/oauth.h"
#include "sim/org/rest/query_routes.h"
#include "sim/org/rest/sobject_routes.h"
#include "tests/sim/org/rest/rest_test_org.h"

namespace recoup::sim::org::rest::testing {

// The sObject and query routes.
inline RouteGroup SObjectAndQueryRoutes() {
  return [](Org& org, http::OrgServer& server) -> Status {
    RECOUP_RETURN_IF_ERROR(AddSObjectRoutes(org, server.router()));
    return AddQueryRoutes(org, server.router());
  };
}

// Expects `r` to be the single Salesforce error [{"message": message, "errorCode": code, ...}] with
// HTTP `status` (message compared exactly unless empty).
inline void ExpectSfError(const HttpResult& r, int status, const std::string& code,
                          const std::string& message = "") {
  EXPECT_EQ(r.status, status) << r.body;
  EXPECT_EQ(r.Header("content-type"), "application/json;charset=UTF-8");
  const nlohmann::json j = r.Json();
  ASSERT_TRUE(j.is_array() && j.size() == 1) << r.body;
  EXPECT_EQ(j[0].value("errorCode", ""), code) << r.body;
  if (!message.empty()) {
    EXPECT_EQ(j[0].value("message", ""), message) << r.body;
  }
}

// A second user ("second@recoup.example", Id 005000000000002AAA) with its own client
// "second-client" / "second-secret", added to both the server's OAuth users and the org's users.
inline void AddSecondUserToServer(http::OrgServerOptions& options) {
  http::Principal second = http::DefaultPrincipal();
  second.user_id = OrgUserId(1).ToLong();
  second.username = "second@recoup.example";
  second.display_name = "Second User";
  second.email = "second@recoup.example";
  options.oauth.users.push_back(second);
  options.oauth.clients.push_back({"second-client", "second-secret", "second@recoup.example"});
}
inline void AddSecondUserToOrg(OrgConfig& config) {
  config.users.push_back(OrgUser{"Second User", "second@recoup.example", "second@recoup.example"});
}

// Creates `count` Accounts named "<prefix>00000", "<prefix>00001", ... through the store (one
// session); returns their 18-character Ids in creation order.
inline std::vector<std::string> CreateAccountsInStore(Org& org, int count,
                                                      const std::string& prefix, Timestamp now) {
  std::vector<std::string> ids;
  Org::Session session = org.Lock();
  const ObjectDef& account = *session.schema().FindObject("Account");
  const FieldDef* name = account.FindField("Name");
  for (int i = 0; i < count; ++i) {
    std::string n = std::to_string(i);
    n.insert(0, 5 - std::min<size_t>(5, n.size()), '0');
    RecordInput input = {FieldInput{name, FieldValue::String(prefix + n), nullptr}};
    SfOr<SfId> id = session.store().Create(account, input, now, OrgUserId(0));
    EXPECT_TRUE(id.ok()) << id.error().message;
    if (id.ok()) ids.push_back(id->ToLong());
  }
  return ids;
}

}  // namespace recoup::sim::org::rest::testing

#endif  // RECOUP_TESTS_SIM_ORG_REST_SOBJECTS_TEST_UTIL_H_
