// /composite over HTTP against the real sObject, query and collections routes
// (sim/org/rest/composite_routes.h; reference/salesforce-api.md section 3.4): the contract's
// example, references into query results, allOrNone commit and rollback (checked in the store,
// Ids reused), partial success without allOrNone, and the subrequest limits.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "tests/sim/org/rest/composite_test_util.h"

namespace recoup::sim::org::rest {
namespace {

using testing::AllCompositeRoutes;
using testing::HttpResult;
using testing::LiveRows;
using testing::NthId;
using testing::RestTestOrg;
using testing::StoreRows;
using testing::Sub;

const char kHalted[] =
    "The transaction was rolled back since another operation in the same transaction failed.";

HttpResult Composite(RestTestOrg& org, const nlohmann::json& subs, bool all_or_none) {
  const nlohmann::json body = {{"allOrNone", all_or_none}, {"compositeRequest", subs}};
  return org.Call("POST", RestTestOrg::Path("/composite"), body.dump());
}

// The compositeResponse array of a 200 answer (fails the test otherwise).
nlohmann::json Results(const HttpResult& r) {
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Header("content-type"), testing::kJsonType);
  const nlohmann::json j = r.Json();
  EXPECT_TRUE(j.is_object() && j.size() == 1 && j.contains("compositeResponse")) << r.body;
  return j.value("compositeResponse", nlohmann::json::array());
}

void ExpectHalted(const nlohmann::json& result, const std::string& reference_id) {
  EXPECT_EQ(result["httpStatusCode"], 400) << result;
  EXPECT_EQ(result["referenceId"], reference_id) << result;
  EXPECT_EQ(result["httpHeaders"], nlohmann::json::object()) << result;
  EXPECT_EQ(result["body"], nlohmann::json::parse(std::string(R"([{"message":")") + kHalted +
                                                  R"(","errorCode":"PROCESSING_HALTED"}])"))
      << result;
}

TEST(CompositeTest, TheContractsExample) {
  RestTestOrg org(AllCompositeRoutes());
  const nlohmann::json subs = nlohmann::json::array(
      {Sub("POST", "/sobjects/Collection_Account__c", "acct", {{"Name", "A"}}),
       Sub("GET", "/sobjects/Collection_Account__c/@{acct.id}?fields=Name", "get")});
  const nlohmann::json results = Results(Composite(org, subs, true));
  ASSERT_EQ(results.size(), 2u);
  const std::string id = NthId(org.org(), "Collection_Account__c", 1);
  EXPECT_EQ(results[0],
            nlohmann::json::parse(R"({"body":{"id":")" + id +
                                  R"(","success":true,"errors":[]},
        "httpHeaders":{"Location":"/services/data/v62.0/sobjects/Collection_Account__c/)" +
                                  id + R"("},"httpStatusCode":201,"referenceId":"acct"})"));
  EXPECT_EQ(results[1]["httpStatusCode"], 200);
  EXPECT_EQ(results[1]["referenceId"], "get");
  EXPECT_EQ(results[1]["body"]["Name"], "A");
  EXPECT_EQ(results[1]["body"]["attributes"]["type"], "Collection_Account__c");
  EXPECT_EQ(results[1]["body"]["attributes"]["url"],
            "/services/data/v62.0/sobjects/Collection_Account__c/" + id);
  EXPECT_EQ(LiveRows(org.org(), "Collection_Account__c"), 1u);
}

TEST(CompositeTest, ReferencesIntoQueryResultsAndCollectionsResults) {
  RestTestOrg org(AllCompositeRoutes());
  const nlohmann::json create = {
      {"records",
       nlohmann::json::array({{{"attributes", {{"type", "Account"}}}, {"Name", "Parent"}},
                              {{"attributes", {{"type", "Account"}}}, {"Name", "Other"}}})}};
  const nlohmann::json subs = nlohmann::json::array({
      Sub("POST", "/composite/sobjects", "accounts", create),
      Sub("GET", "/query?q=SELECT+Id,Name+FROM+Account+WHERE+Name='Parent'", "q"),
      Sub("POST", "/sobjects/Contact", "contact",
          {{"LastName", "Child of @{q.records[0].Name}"}, {"AccountId", "@{q.records[0].Id}"}}),
      Sub("PATCH", "/sobjects/Account/@{accounts[1].id}", "rename", {{"Name", "Renamed"}}),
      Sub("GET", "/sobjects/Contact/@{contact.id}?fields=LastName,AccountId", "check"),
  });
  const nlohmann::json results = Results(Composite(org, subs, false));
  ASSERT_EQ(results.size(), 5u);
  const std::string parent = NthId(org.org(), "Account", 1);
  EXPECT_EQ(results[0]["httpStatusCode"], 200);
  EXPECT_EQ(results[0]["body"][0]["id"], parent);
  EXPECT_EQ(results[1]["body"]["totalSize"], 1);
  EXPECT_EQ(results[2]["httpStatusCode"], 201) << results[2];
  EXPECT_EQ(results[3]["httpStatusCode"], 204);
  EXPECT_TRUE(results[3]["body"].is_null());
  EXPECT_EQ(results[4]["body"]["LastName"], "Child of Parent");
  EXPECT_EQ(results[4]["body"]["AccountId"], parent);
  EXPECT_EQ(testing::FieldText(org.org(), "Account", NthId(org.org(), "Account", 2), "Name"),
            "Renamed");
}

TEST(CompositeTest, AllOrNoneRollsEverythingBackAndIdsAreHandedOutAgain) {
  RestTestOrg org(AllCompositeRoutes());
  const nlohmann::json subs = nlohmann::json::array({
      Sub("POST", "/sobjects/Account", "a1", {{"Name", "One"}}),
      Sub("POST", "/sobjects/Contact", "c1", {{"LastName", "Smith"}, {"AccountId", "@{a1.id}"}}),
      Sub("GET", "/sobjects/Account/@{a1.id}", "read"),
      Sub("POST", "/sobjects/Account", "bad", {{"Phone", "555"}}),  // Name is required
      Sub("POST", "/sobjects/Account", "never", {{"Name", "Never"}}),
  });
  const nlohmann::json results = Results(Composite(org, subs, true));
  ASSERT_EQ(results.size(), 5u);
  ExpectHalted(results[0], "a1");
  ExpectHalted(results[1], "c1");
  ExpectHalted(results[2], "read");
  EXPECT_EQ(results[3]["httpStatusCode"], 400);
  EXPECT_EQ(results[3]["referenceId"], "bad");
  EXPECT_EQ(results[3]["body"],
            nlohmann::json::parse(R"([{"message":"Required fields are missing: [Name]",
      "errorCode":"REQUIRED_FIELD_MISSING","fields":["Name"]}])"));
  ExpectHalted(results[4], "never");
  // Nothing remains, not even rolled-back rows, and the next create gets the first Id again.
  EXPECT_EQ(StoreRows(org.org(), "Account"), 0u);
  EXPECT_EQ(StoreRows(org.org(), "Contact"), 0u);
  const HttpResult again =
      org.Call("POST", RestTestOrg::Path("/sobjects/Account"), R"({"Name":"Again"})");
  ASSERT_EQ(again.status, 201) << again.body;
  EXPECT_EQ(again.Json()["id"], NthId(org.org(), "Account", 1));
}

TEST(CompositeTest, AllOrNoneCommitsWhenEverySubrequestSucceeds) {
  RestTestOrg org(AllCompositeRoutes());
  const nlohmann::json subs = nlohmann::json::array({
      Sub("POST", "/sobjects/Account", "a1", {{"Name", "One"}}),
      Sub("POST", "/sobjects/Contact", "c1", {{"LastName", "Smith"}, {"AccountId", "@{a1.id}"}}),
      Sub("DELETE", "/sobjects/Contact/@{c1.id}", "del"),
  });
  const nlohmann::json results = Results(Composite(org, subs, true));
  ASSERT_EQ(results.size(), 3u);
  EXPECT_EQ(results[0]["httpStatusCode"], 201);
  EXPECT_EQ(results[1]["httpStatusCode"], 201);
  EXPECT_EQ(results[2]["httpStatusCode"], 204);
  EXPECT_EQ(LiveRows(org.org(), "Account"), 1u);
  EXPECT_EQ(StoreRows(org.org(), "Contact"), 1u);
  EXPECT_EQ(LiveRows(org.org(), "Contact"), 0u);  // deleted, in the recycle bin
}

TEST(CompositeTest, AllOrNoneTreatsAnUnresolvableReferenceAsAFailure) {
  RestTestOrg org(AllCompositeRoutes());
  const nlohmann::json subs = nlohmann::json::array({
      Sub("POST", "/sobjects/Account", "a1", {{"Name", "One"}}),
      Sub("GET", "/query?q=SELECT+Id+FROM+Account+WHERE+Name='Nobody'", "q"),
      Sub("POST", "/sobjects/Contact", "c1",
          {{"LastName", "Smith"}, {"AccountId", "@{q.records[0].Id}"}}),
  });
  const nlohmann::json results = Results(Composite(org, subs, true));
  ASSERT_EQ(results.size(), 3u);
  ExpectHalted(results[0], "a1");
  ExpectHalted(results[1], "q");
  EXPECT_EQ(results[2]["httpStatusCode"], 400);
  EXPECT_EQ(results[2]["httpHeaders"], nlohmann::json::object());
  EXPECT_EQ(results[2]["body"][0]["errorCode"], "PROCESSING_HALTED");
  EXPECT_EQ(results[2]["body"][0]["message"],
            "Invalid reference specified. No value for q.records[0].Id found in q. Provided "
            "referenceId ('q') must start with a letter or a number, and it can contain only "
            "letters, numbers and underscores ('_').");
  EXPECT_EQ(StoreRows(org.org(), "Account"), 0u);
}

TEST(CompositeTest, AllOrNoneRollsBackWhenACollectionsSubrequestHasAFailedRecord) {
  RestTestOrg org(AllCompositeRoutes());
  const nlohmann::json records = {
      {"allOrNone", false},
      {"records", nlohmann::json::array({{{"attributes", {{"type", "Account"}}}, {"Name", "Ok"}},
                                         {{"attributes", {{"type", "Account"}}}}})}};
  const nlohmann::json subs = nlohmann::json::array({
      Sub("POST", "/sobjects/Account", "first", {{"Name", "First"}}),
      Sub("POST", "/composite/sobjects", "batch", records),
  });
  const nlohmann::json results = Results(Composite(org, subs, true));
  ASSERT_EQ(results.size(), 2u);
  ExpectHalted(results[0], "first");
  EXPECT_EQ(results[1]["httpStatusCode"], 200);  // the collections call's own answer
  EXPECT_EQ(results[1]["body"][0]["success"], true);
  EXPECT_EQ(results[1]["body"][1]["success"], false);
  EXPECT_EQ(StoreRows(org.org(), "Account"), 0u);

  // The same collections call with its own allOrNone inside the composite transaction.
  nlohmann::json inner = records;
  inner["allOrNone"] = true;
  const nlohmann::json nested = Results(Composite(
      org, nlohmann::json::array({Sub("POST", "/composite/sobjects", "batch", inner)}), true));
  ASSERT_EQ(nested.size(), 1u);
  testing::ExpectRecordFailure(nested[0]["body"][0], "ALL_OR_NONE_OPERATION_ROLLED_BACK");
  testing::ExpectRecordFailure(nested[0]["body"][1], "REQUIRED_FIELD_MISSING");
  EXPECT_EQ(StoreRows(org.org(), "Account"), 0u);
}

TEST(CompositeTest, WithoutAllOrNoneEachSubrequestStandsAlone) {
  RestTestOrg org(AllCompositeRoutes());
  const nlohmann::json subs = nlohmann::json::array({
      Sub("POST", "/sobjects/Account", "good", {{"Name", "Good"}}),
      Sub("POST", "/sobjects/Account", "bad", {{"Nope__c", 1}}),
      Sub("POST", "/sobjects/Contact", "dependent",
          {{"LastName", "X"}, {"AccountId", "@{bad.id}"}}),
      Sub("POST", "/sobjects/Contact", "independent",
          {{"LastName", "Y"}, {"AccountId", "@{good.id}"}}),
  });
  const nlohmann::json results = Results(Composite(org, subs, false));
  ASSERT_EQ(results.size(), 4u);
  EXPECT_EQ(results[0]["httpStatusCode"], 201);
  EXPECT_EQ(results[1]["httpStatusCode"], 400);
  EXPECT_EQ(results[1]["body"][0]["errorCode"], "INVALID_FIELD");
  EXPECT_EQ(results[2]["httpStatusCode"], 400);
  EXPECT_EQ(results[2]["body"][0]["errorCode"], "PROCESSING_HALTED");
  EXPECT_EQ(results[2]["body"][0]["message"].get<std::string>().rfind(
                "Invalid reference specified. No value for bad.id found in bad.", 0),
            0u);
  EXPECT_EQ(results[3]["httpStatusCode"], 201);
  EXPECT_EQ(LiveRows(org.org(), "Account"), 1u);
  EXPECT_EQ(LiveRows(org.org(), "Contact"), 1u);
}

TEST(CompositeTest, LimitsOnSubrequests) {
  RestTestOrg org(AllCompositeRoutes());
  nlohmann::json creates = nlohmann::json::array();
  for (int i = 0; i < 25; ++i) {
    creates.push_back(Sub("POST", "/sobjects/Account", "a" + std::to_string(i),
                          {{"Name", "A" + std::to_string(i)}}));
  }
  const nlohmann::json results = Results(Composite(org, creates, true));
  ASSERT_EQ(results.size(), 25u);
  for (const nlohmann::json& result : results) EXPECT_EQ(result["httpStatusCode"], 201);
  EXPECT_EQ(LiveRows(org.org(), "Account"), 25u);

  creates.push_back(Sub("POST", "/sobjects/Account", "a25", {{"Name", "A25"}}));
  testing::ExpectError(Composite(org, creates, true), 400, "LIMIT_EXCEEDED",
                       "A composite request can have at most 25 subrequests; it has 26");
  EXPECT_EQ(LiveRows(org.org(), "Account"), 25u);

  nlohmann::json queries = nlohmann::json::array();
  for (int i = 0; i < 5; ++i) {
    const std::string rest = i % 2 == 0 ? "/query?q=SELECT+Id+FROM+Account+LIMIT+1"
                                        : "/queryAll?q=SELECT+Id+FROM+Account+LIMIT+1";
    queries.push_back(Sub("GET", rest, "q" + std::to_string(i)));
  }
  const nlohmann::json five = Results(Composite(org, queries, false));
  ASSERT_EQ(five.size(), 5u);
  for (const nlohmann::json& result : five) EXPECT_EQ(result["httpStatusCode"], 200) << result;
  queries.push_back(
      Sub("DELETE", "/composite/sobjects?ids=" + NthId(org.org(), "Account", 1), "collection"));
  testing::ExpectError(Composite(org, queries, false), 400, "LIMIT_EXCEEDED",
                       "A composite request can have at most 5 query or sObject Collections "
                       "subrequests; it has 6");
  EXPECT_EQ(LiveRows(org.org(), "Account"), 25u);
}

}  // namespace
}  // namespace recoup::sim::org::rest
