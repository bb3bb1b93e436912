// QueryEngine tests: the exact JSON of query results (attributes, parent objects, child lists,
// nulls), COUNT(), paging over more than 2,000 rows with locators, batch sizes, queryAll cursors
// served by query-more, the cursor rules (owner, idle expiry, per-user cap with LRU eviction), and
// count-only (write-only) objects refused.
#include "sim/org/soql/query_engine.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/sim/org/soql/test_org.h"

namespace recoup::sim::org::soql {
namespace {

using testing::At;
using testing::TestOrg;

class QueryEngineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    options_.user = org_.admin();
    options_.now = At("2025-02-01T12:00:00Z");
    more_.user = org_.admin();
    more_.now = options_.now;
  }

  // Creates n attempts on one account, Attempted_At__c one minute apart, External_Id__c "T-<i>".
  SfId AccountWithAttempts(const std::string& name, int n, int deleted_every = 0) {
    const SfId account = org_.Create("Collection_Account__c", {{"Name", name}});
    for (int i = 0; i < n; ++i) {
      const SfId id = org_.Create(
          "Contact_Attempt__c",
          {{"Collection_Account__c", account.ToLong()},
           {"Channel__c", "Call"},
           {"External_Id__c", name + "-" + std::to_string(i)},
           {"Attempted_At__c", (At("2025-01-01T00:00:00Z") + Duration::Minutes(i)).ToIso8601()}});
      if (deleted_every > 0 && i % deleted_every == 0) org_.Delete("Contact_Attempt__c", id);
    }
    return account;
  }

  // Last path segment of nextRecordsUrl, as jsforce extracts it.
  static std::string Locator(const QueryPage& page) {
    return page.next_records_url.substr(page.next_records_url.rfind('/') + 1);
  }

  TestOrg org_;
  QueryEngine engine_{org_.store()};
  QueryOptions options_;
  QueryMoreOptions more_;
};

TEST_F(QueryEngineTest, RecordShapesWithParentsAndChildren) {
  const SfId acme = org_.Create("Account", {{"Name", "Acme"}, {"Phone", "555-0100"}});
  const SfId a = org_.Create("Collection_Account__c", {{"Name", "A"},
                                                       {"Account__c", acme.ToLong()},
                                                       {"Balance__c", 12.5},
                                                       {"Due_Date__c", "2025-03-01"},
                                                       {"Do_Not_Contact__c", true}});
  const SfId b = org_.Create("Collection_Account__c", {{"Name", "B"}});
  const SfId t1 =
      org_.Create("Contact_Attempt__c", {{"Collection_Account__c", a.ToLong()},
                                         {"Channel__c", "SMS"},
                                         {"Attempted_At__c", "2025-01-02T03:04:05.678Z"}});
  const SfId t2 = org_.Create("Contact_Attempt__c", {{"Collection_Account__c", a.ToLong()},
                                                     {"Channel__c", "Call"},
                                                     {"Attempted_At__c", "2025-01-03T00:00:00Z"}});
  SfOr<QueryPage> page = engine_.Query(
      "select name, account__r.name, balance__c, ACCOUNT__R.OWNER.USERNAME, Due_Date__c, "
      "Do_Not_Contact__c, Account__r.Phone, (SELECT Channel__c, Attempted_At__c FROM "
      "Contact_Attempts__r ORDER BY Attempted_At__c DESC) FROM Collection_Account__c ORDER BY Name",
      options_);
  ASSERT_TRUE(page.ok()) << page.error().message;
  const std::string v = "/services/data/v62.0/sobjects/";
  const std::string expected =
      "{\"totalSize\":2,\"done\":true,\"records\":["
      "{\"attributes\":{\"type\":\"Collection_Account__c\",\"url\":\"" +
      v + "Collection_Account__c/" + a.ToLong() +
      "\"},\"Name\":\"A\","
      "\"Account__r\":{\"attributes\":{\"type\":\"Account\",\"url\":\"" +
      v + "Account/" + acme.ToLong() +
      "\"},\"Name\":\"Acme\",\"Owner\":{\"attributes\":{\"type\":\"User\",\"url\":\"" + v +
      "User/" + org_.admin().ToLong() +
      "\"},\"Username\":\"admin@example.com\"},"
      "\"Phone\":\"555-0100\"},"
      "\"Balance__c\":12.5,\"Due_Date__c\":\"2025-03-01\",\"Do_Not_Contact__c\":true,"
      "\"Contact_Attempts__r\":{\"totalSize\":2,\"done\":true,\"records\":["
      "{\"attributes\":{\"type\":\"Contact_Attempt__c\",\"url\":\"" +
      v + "Contact_Attempt__c/" + t2.ToLong() +
      "\"},\"Channel__c\":\"Call\",\"Attempted_At__c\":\"2025-01-03T00:00:00.000+0000\"},"
      "{\"attributes\":{\"type\":\"Contact_Attempt__c\",\"url\":\"" +
      v + "Contact_Attempt__c/" + t1.ToLong() +
      "\"},\"Channel__c\":\"SMS\",\"Attempted_At__c\":\"2025-01-02T03:04:05.678+0000\"}"
      "]}},"
      "{\"attributes\":{\"type\":\"Collection_Account__c\",\"url\":\"" +
      v + "Collection_Account__c/" + b.ToLong() +
      "\"},\"Name\":\"B\",\"Account__r\":null,"
      "\"Balance__c\":null,\"Due_Date__c\":null,\"Do_Not_Contact__c\":false,"
      "\"Contact_Attempts__r\":null}]}";
  EXPECT_EQ(page->body, expected);
  EXPECT_TRUE(page->done);
  EXPECT_TRUE(page->next_records_url.empty());
  EXPECT_EQ(page->ToJson()["records"][0]["Account__r"]["Owner"]["Username"], "admin@example.com");
}

TEST_F(QueryEngineTest, ChildSubqueryWhereLimitAndDeletedChildren) {
  const SfId account = AccountWithAttempts("S", 6, /*deleted_every=*/3);  // rows 0 and 3 deleted
  const std::string soql =
      "SELECT Name, (SELECT External_Id__c FROM Contact_Attempts__r WHERE External_Id__c != 'S-5' "
      "ORDER BY Attempted_At__c DESC LIMIT 2) FROM Collection_Account__c WHERE Id = '" +
      account.ToLong() + "'";
  SfOr<QueryPage> page = engine_.Query(soql, options_);
  ASSERT_TRUE(page.ok());
  nlohmann::json children = page->ToJson()["records"][0]["Contact_Attempts__r"];
  EXPECT_EQ(children["totalSize"], 2);
  EXPECT_EQ(children["records"][0]["External_Id__c"], "S-4");
  EXPECT_EQ(children["records"][1]["External_Id__c"], "S-2");
  // queryAll sees the deleted children too.
  QueryOptions all = options_;
  all.all_rows = true;
  page = engine_.Query(soql, all);
  ASSERT_TRUE(page.ok());
  children = page->ToJson()["records"][0]["Contact_Attempts__r"];
  EXPECT_EQ(children["records"][0]["External_Id__c"], "S-4");
  EXPECT_EQ(children["records"][1]["External_Id__c"], "S-3");
}

TEST_F(QueryEngineTest, DeletedParentsAreNullExceptInQueryAll) {
  const SfId acme = org_.Create("Account", {{"Name", "Acme"}});
  org_.Create("Collection_Account__c", {{"Name", "A"}, {"Account__c", acme.ToLong()}});
  org_.Delete("Account", acme);
  const std::string soql =
      "SELECT Account__r.Name, Account__r.IsDeleted FROM Collection_Account__c";
  SfOr<QueryPage> page = engine_.Query(soql, options_);
  ASSERT_TRUE(page.ok());
  EXPECT_TRUE(page->ToJson()["records"][0]["Account__r"].is_null());
  QueryOptions all = options_;
  all.all_rows = true;
  page = engine_.Query(soql, all);
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->ToJson()["records"][0]["Account__r"]["IsDeleted"], true);
}

TEST_F(QueryEngineTest, PagesThroughMoreThan2000RowsWithLocators) {
  AccountWithAttempts("P", 4500);
  SfOr<QueryPage> first = engine_.Query(
      "SELECT External_Id__c FROM Contact_Attempt__c ORDER BY Attempted_At__c", options_);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->total_size, 4500);
  EXPECT_FALSE(first->done);
  EXPECT_EQ(first->next_records_url, "/services/data/v62.0/query/01g000000000001AAA-2000");
  nlohmann::json body = first->ToJson();
  EXPECT_EQ(body["totalSize"], 4500);
  EXPECT_EQ(body["done"], false);
  EXPECT_EQ(body["nextRecordsUrl"], first->next_records_url);
  EXPECT_EQ(first->body.find("{\"totalSize\":4500,\"done\":false,\"nextRecordsUrl\":"), 0u);
  std::vector<std::string> seen;
  for (const auto& r : body["records"]) seen.push_back(r["External_Id__c"]);
  EXPECT_EQ(seen.size(), 2000u);

  more_.api_version = "58.0";  // jsforce rebuilds the URL with its own version
  SfOr<QueryPage> second = engine_.QueryMore(Locator(*first), more_);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->total_size, 4500);
  EXPECT_FALSE(second->done);
  EXPECT_EQ(second->next_records_url, "/services/data/v58.0/query/01g000000000001AAA-4000");
  body = second->ToJson();
  EXPECT_NE(second->body.find("/services/data/v58.0/sobjects/Contact_Attempt__c/"),
            std::string::npos);
  for (const auto& r : body["records"]) seen.push_back(r["External_Id__c"]);

  SfOr<QueryPage> third = engine_.QueryMore(Locator(*second), more_);
  ASSERT_TRUE(third.ok());
  EXPECT_TRUE(third->done);
  EXPECT_TRUE(third->next_records_url.empty());
  body = third->ToJson();
  EXPECT_FALSE(body.contains("nextRecordsUrl"));
  for (const auto& r : body["records"]) seen.push_back(r["External_Id__c"]);
  ASSERT_EQ(seen.size(), 4500u);
  for (int i = 0; i < 4500; ++i) EXPECT_EQ(seen[static_cast<size_t>(i)], "P-" + std::to_string(i));

  // The finished cursor is gone.
  SfOr<QueryPage> again = engine_.QueryMore(Locator(*second), more_);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().error_code, "INVALID_QUERY_LOCATOR");
  EXPECT_EQ(again.error().http_status, 400);
}

TEST_F(QueryEngineTest, LimitBelowThePageSizeNeedsNoCursor) {
  AccountWithAttempts("L", 2500);
  SfOr<QueryPage> page = engine_.Query("SELECT Id FROM Contact_Attempt__c LIMIT 2000", options_);
  ASSERT_TRUE(page.ok());
  EXPECT_TRUE(page->done);
  EXPECT_EQ(page->total_size, 2000);
  EXPECT_EQ(engine_.OpenCursorCount(org_.admin(), options_.now), 0);
  page = engine_.Query("SELECT Id FROM Contact_Attempt__c LIMIT 2001", options_);
  ASSERT_TRUE(page.ok());
  EXPECT_FALSE(page->done);
  EXPECT_EQ(page->total_size, 2001);
  EXPECT_EQ(engine_.OpenCursorCount(org_.admin(), options_.now), 1);
}

TEST_F(QueryEngineTest, BatchSizeHintIsClamped) {
  AccountWithAttempts("B", 2500);
  auto page_size = [&](std::optional<int> hint) -> size_t {
    QueryOptions options = options_;
    options.batch_size = hint;
    SfOr<QueryPage> page = engine_.Query("SELECT Id FROM Contact_Attempt__c", options);
    EXPECT_TRUE(page.ok());
    return page.ok() ? page->ToJson()["records"].size() : 0;
  };
  EXPECT_EQ(page_size(std::nullopt), 2000u);
  EXPECT_EQ(page_size(500), 500u);
  EXPECT_EQ(page_size(50), 200u);
  EXPECT_EQ(page_size(5000), 2000u);
  // Query-more keeps the cursor's batch size.
  QueryOptions options = options_;
  options.batch_size = 1000;
  SfOr<QueryPage> first = engine_.Query("SELECT Id FROM Contact_Attempt__c", options);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(Locator(*first).substr(18), "-1000");
  SfOr<QueryPage> second = engine_.QueryMore(Locator(*first), more_);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->ToJson()["records"].size(), 1000u);
  EXPECT_EQ(Locator(*second).substr(18), "-2000");
}

TEST_F(QueryEngineTest, QueryAllCursorsAreServedByQueryMore) {
  AccountWithAttempts("Q", 2100, /*deleted_every=*/2);  // 1050 deleted
  QueryOptions all = options_;
  all.all_rows = true;
  SfOr<QueryPage> first = engine_.Query(
      "SELECT External_Id__c, IsDeleted FROM Contact_Attempt__c ORDER BY Attempted_At__c", all);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->total_size, 2100);
  SfOr<QueryPage> rest = engine_.QueryMore(Locator(*first), more_);
  ASSERT_TRUE(rest.ok());
  const nlohmann::json body = rest->ToJson();
  ASSERT_EQ(body["records"].size(), 100u);
  int deleted = 0;
  for (const auto& r : body["records"]) deleted += r["IsDeleted"].get<bool>() ? 1 : 0;
  EXPECT_EQ(deleted, 50);
  // The plain query sees only the live half: no cursor needed.
  SfOr<QueryPage> live = engine_.Query("SELECT Id FROM Contact_Attempt__c", options_);
  ASSERT_TRUE(live.ok());
  EXPECT_EQ(live->total_size, 1050);
  EXPECT_TRUE(live->done);
}

TEST_F(QueryEngineTest, LocatorsAcceptAnyPositionWithinTheResult) {
  AccountWithAttempts("R", 4100);
  SfOr<QueryPage> first = engine_.Query(
      "SELECT External_Id__c FROM Contact_Attempt__c ORDER BY Attempted_At__c", options_);
  ASSERT_TRUE(first.ok());
  const std::string id = Locator(*first).substr(0, 18);
  SfOr<QueryPage> jump = engine_.QueryMore(id + "-4050", more_);
  ASSERT_TRUE(jump.ok());
  EXPECT_TRUE(jump->done);
  EXPECT_EQ(jump->ToJson()["records"][0]["External_Id__c"], "R-4050");
  // The last page closed the cursor.
  EXPECT_FALSE(engine_.QueryMore(id + "-2000", more_).ok());
}

TEST_F(QueryEngineTest, InvalidLocators) {
  AccountWithAttempts("I", 2100);
  SfOr<QueryPage> first = engine_.Query("SELECT Id FROM Contact_Attempt__c", options_);
  ASSERT_TRUE(first.ok());
  const std::string good = Locator(*first);
  const std::string id = good.substr(0, 18);
  QueryMoreOptions stranger = more_;
  stranger.user = SfId::Generate("005", 2);
  const std::vector<std::pair<std::string, QueryMoreOptions>> bad = {
      {"", more_},
      {"garbage", more_},
      {id, more_},
      {id + "-", more_},
      {id + "-x", more_},
      {id + "-2100", more_},         // past the end
      {id + "-99999999999", more_},  // absurd position
      {"01g000000000099AAA-2000", more_},
      {good.substr(0, 15) + "-2000", more_},
      {good, stranger},  // another user's cursor
  };
  for (const auto& [locator, options] : bad) {
    SfOr<QueryPage> page = engine_.QueryMore(locator, options);
    ASSERT_FALSE(page.ok()) << locator;
    EXPECT_EQ(page.error().error_code, "INVALID_QUERY_LOCATOR") << locator;
    EXPECT_EQ(page.error().message, "invalid query locator");
  }
  EXPECT_TRUE(engine_.QueryMore(good, more_).ok());  // none of that hurt the cursor
}

TEST_F(QueryEngineTest, CursorsExpireAfterFifteenIdleMinutes) {
  AccountWithAttempts("E", 6500);
  SfOr<QueryPage> first = engine_.Query("SELECT Id FROM Contact_Attempt__c", options_);
  ASSERT_TRUE(first.ok());
  // Used after 14 minutes: alive, and the idle clock restarts.
  more_.now = options_.now + Duration::Minutes(14);
  SfOr<QueryPage> second = engine_.QueryMore(Locator(*first), more_);
  ASSERT_TRUE(second.ok());
  more_.now = more_.now + Duration::Minutes(15);
  SfOr<QueryPage> third = engine_.QueryMore(Locator(*second), more_);
  ASSERT_TRUE(third.ok());  // exactly 15 minutes idle is still alive
  more_.now = more_.now + Duration::Minutes(15) + Duration::Milliseconds(1);
  SfOr<QueryPage> late = engine_.QueryMore(Locator(*third), more_);
  ASSERT_FALSE(late.ok());
  EXPECT_EQ(late.error().error_code, "INVALID_QUERY_LOCATOR");
  EXPECT_EQ(engine_.OpenCursorCount(org_.admin(), more_.now), 0);
}

TEST_F(QueryEngineTest, TenCursorsPerUserLeastRecentlyUsedEvicted) {
  AccountWithAttempts("C", 2500);
  std::vector<std::string> locators;
  for (int i = 0; i < 10; ++i) {
    options_.now = At("2025-02-01T12:00:00Z") + Duration::Seconds(i);
    SfOr<QueryPage> page = engine_.Query("SELECT Id FROM Contact_Attempt__c", options_);
    ASSERT_TRUE(page.ok());
    locators.push_back(Locator(*page));
  }
  EXPECT_EQ(engine_.OpenCursorCount(org_.admin(), options_.now), 10);
  // Another user's cursors do not count against this user.
  QueryOptions other = options_;
  other.user = SfId::Generate("005", 2);
  SfOr<QueryPage> theirs = engine_.Query("SELECT Id FROM Contact_Attempt__c", other);
  ASSERT_TRUE(theirs.ok());
  // Use cursor 0 without finishing it: the page from position 1 leaves rows 2001.. for later.
  more_.now = options_.now + Duration::Seconds(1);
  SfOr<QueryPage> touch = engine_.QueryMore(locators[0].substr(0, 18) + "-1", more_);
  ASSERT_TRUE(touch.ok());
  EXPECT_FALSE(touch->done);
  // The 11th cursor evicts the least recently used: cursor 1 (cursor 0 was just used).
  options_.now = more_.now + Duration::Seconds(1);
  SfOr<QueryPage> eleventh = engine_.Query("SELECT Id FROM Contact_Attempt__c", options_);
  ASSERT_TRUE(eleventh.ok());
  EXPECT_EQ(engine_.OpenCursorCount(org_.admin(), options_.now), 10);
  more_.now = options_.now;
  EXPECT_FALSE(engine_.QueryMore(locators[1], more_).ok());
  EXPECT_TRUE(engine_.QueryMore(locators[2], more_).ok());
  EXPECT_TRUE(engine_.QueryMore(Locator(*touch), more_).ok());
  QueryMoreOptions them = more_;
  them.user = other.user;
  EXPECT_TRUE(engine_.QueryMore(Locator(*theirs), them).ok());
}

TEST_F(QueryEngineTest, ErrorsComeFromParserAndBinder) {
  SfOr<QueryPage> page = engine_.Query("SELECT Id FROM", options_);
  ASSERT_FALSE(page.ok());
  EXPECT_EQ(page.error().error_code, "MALFORMED_QUERY");
  page = engine_.Query("SELECT Id FROM Nope__c", options_);
  ASSERT_FALSE(page.ok());
  EXPECT_EQ(page.error().error_code, "INVALID_TYPE");
  page = engine_.Query("SELECT Id FROM Contact_Attempt__c OFFSET 2001", options_);
  ASSERT_FALSE(page.ok());
  EXPECT_EQ(page.error().error_code, "NUMBER_OUTSIDE_VALID_RANGE");
}

TEST_F(QueryEngineTest, CountOnlyObjectsCannotBeQueried) {
  ASSERT_TRUE(
      org_.store().SetRetention(org_.Object("Contact_Attempt__c"), Retention::kCountOnly).ok());
  AccountWithAttempts("A", 3);
  const std::string message =
      "sObject type 'Contact_Attempt__c' is not supported: it is write-only in this org (its "
      "records are validated and counted, not kept)";
  for (const char* soql : {"SELECT Id FROM Contact_Attempt__c",
                           "SELECT COUNT() FROM Contact_Attempt__c WHERE Channel__c = 'Call'",
                           "SELECT Name, (SELECT Id FROM Contact_Attempts__r) FROM "
                           "Collection_Account__c"}) {
    SfOr<QueryPage> page = engine_.Query(soql, options_);
    ASSERT_FALSE(page.ok()) << soql;
    EXPECT_EQ(page.error().http_status, 400);
    EXPECT_EQ(page.error().error_code, "INVALID_TYPE");
    EXPECT_EQ(page.error().message, message);
    SfOr<QueryPlan> plan = engine_.Explain(soql, options_);
    ASSERT_FALSE(plan.ok()) << soql;
    EXPECT_EQ(plan.error().message, message);
  }
  // The parent object stays queryable.
  SfOr<QueryPage> accounts = engine_.Query("SELECT Name FROM Collection_Account__c", options_);
  ASSERT_TRUE(accounts.ok());
  EXPECT_EQ(accounts->total_size, 1);
}

}  // namespace
}  // namespace recoup::sim::org::soql
