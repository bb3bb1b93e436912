// Contract tests over HTTP for the query resources (sim/org/rest/query_routes.h): result shapes,
// both URL encodings, paging over more than 2,000 rows with nextRecordsUrl (as jsforce rebuilds
// it), the batchSize header, queryAll and deleted rows, cursor ownership and expiry, the user's
// time zone for date literals, and every error (reference/salesforce-api.md section 3.3).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "sim/org/http/url_codec.h"
#include "tests/sim/org/rest/sobjects_test_util.h"

namespace recoup::sim::org::rest {
namespace {

using testing::ExpectSfError;
using testing::HttpResult;
using testing::RestTestOrg;
using testing::SObjectAndQueryRoutes;

std::string Path(const std::string& rest) { return RestTestOrg::Path(rest); }
std::string QueryPath(const std::string& soql, const std::string& resource = "/query") {
  return Path(resource + "?q=" + http::PercentEncode(soql));
}
// jsforce's query-more: /services/data/v{version}/query/{last segment of nextRecordsUrl}.
std::string NextPath(const nlohmann::json& page) {
  const std::string url = page["nextRecordsUrl"];
  return Path("/query/" + url.substr(url.rfind('/') + 1));
}

// Follows nextRecordsUrl until done; returns every record's Id in order and the page sizes.
struct Walk {
  std::vector<std::string> ids;
  std::vector<size_t> page_sizes;
  std::string last_next_path;
};
Walk WalkPages(RestTestOrg& org, const std::string& first_target, const testing::Headers& headers,
               int64_t expected_total) {
  Walk walk;
  std::string target = first_target;
  for (int guard = 0; guard < 100; ++guard) {
    const HttpResult r = org.Call("GET", target, "", headers);
    EXPECT_EQ(r.status, 200) << r.body;
    if (r.status != 200) break;
    const nlohmann::json page = r.Json();
    EXPECT_EQ(page["totalSize"], expected_total);
    for (const nlohmann::json& rec : page["records"]) walk.ids.push_back(rec["Id"]);
    walk.page_sizes.push_back(page["records"].size());
    if (page["done"] == true) {
      EXPECT_FALSE(page.contains("nextRecordsUrl")) << r.body.substr(0, 200);
      break;
    }
    const std::string next = page["nextRecordsUrl"];
    EXPECT_EQ(next.rfind("/services/data/v62.0/query/01g", 0), 0u) << next;
    EXPECT_EQ(next.find('/', std::string("/services/data/v62.0/query/").size()), std::string::npos);
    target = NextPath(page);
    walk.last_next_path = target;
  }
  return walk;
}

TEST(QueryTest, ResultHasTheContractShapeUnderBothEncodings) {
  RestTestOrg org(SObjectAndQueryRoutes());
  const std::vector<std::string> ids =
      testing::CreateAccountsInStore(org.org(), 3, "Acme ", org.clock().Now());
  const std::string soql =
      "SELECT Id, Name FROM Account WHERE Name LIKE 'Acme%' ORDER BY Name DESC";
  const HttpResult r = org.Call("GET", QueryPath(soql));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Header("content-type"), "application/json;charset=UTF-8");
  EXPECT_TRUE(r.HasHeader("sforce-limit-info"));
  const std::string url2 = "/services/data/v62.0/sobjects/Account/" + ids[2];
  EXPECT_EQ(r.body.rfind(
                R"({"totalSize":3,"done":true,"records":[{"attributes":{"type":"Account","url":")" +
                    url2 + R"("},"Id":")" + ids[2] + R"(","Name":"Acme 00002"},)",
                0),
            0u)
      << r.body;
  const nlohmann::json j = r.Json();
  EXPECT_FALSE(j.contains("nextRecordsUrl"));
  ASSERT_EQ(j["records"].size(), 3u);
  EXPECT_EQ(j["records"][2]["Name"], "Acme 00000");
  // python-requests encodes spaces as '+': same answer.
  std::string plus = soql;
  for (char& c : plus) {
    if (c == ' ') c = '+';
  }
  const HttpResult p = org.Call("GET", Path("/query?q=" + plus));
  ASSERT_EQ(p.status, 200) << p.body;
  EXPECT_EQ(p.body, r.body);
  // The body is the engine's page text as it is.
  soql::QueryOptions options;
  options.user = OrgUserId(0);
  options.now = org.clock().Now();
  Org::Session session = org.org().Lock();
  SfOr<soql::QueryPage> direct = session.queries().Query(soql, options);
  ASSERT_TRUE(direct.ok());
  EXPECT_EQ(direct->body, r.body);
}

TEST(QueryTest, CountAndRelationshipShapes) {
  RestTestOrg org(SObjectAndQueryRoutes());
  const HttpResult parent = org.Call("POST", Path("/sobjects/Account"), R"({"Name":"Parent"})");
  ASSERT_EQ(parent.status, 201);
  const std::string parent_id = parent.Json()["id"];
  for (const char* name : {"C1", "C2"}) {
    ASSERT_EQ(
        org.Call("POST", Path("/sobjects/Collection_Account__c"),
                 std::string(R"({"Name":")") + name + R"(","Account__c":")" + parent_id + "\"}")
            .status,
        201);
  }
  const HttpResult count = org.Call("GET", QueryPath("SELECT COUNT() FROM Collection_Account__c"));
  ASSERT_EQ(count.status, 200) << count.body;
  EXPECT_EQ(count.body, R"({"totalSize":2,"done":true,"records":[]})");
  const nlohmann::json rel =
      org.Call("GET",
               QueryPath("SELECT Name, Account__r.Name FROM Collection_Account__c ORDER BY Name"))
          .Json();
  ASSERT_EQ(rel["records"].size(), 2u);
  EXPECT_EQ(rel["records"][0]["Account__r"]["Name"], "Parent");
  EXPECT_EQ(rel["records"][0]["Account__r"]["attributes"]["type"], "Account");
  const nlohmann::json child =
      org.Call("GET", QueryPath("SELECT Name, (SELECT Name FROM Collection_Accounts__r ORDER BY "
                                "Name) FROM Account WHERE Id = '" +
                                parent_id + "'"))
          .Json();
  ASSERT_EQ(child["records"].size(), 1u);
  EXPECT_EQ(child["records"][0]["Collection_Accounts__r"]["totalSize"], 2);
  EXPECT_EQ(child["records"][0]["Collection_Accounts__r"]["records"][1]["Name"], "C2");
}

TEST(QueryTest, PagesThroughMoreThan2000RowsSeeingEveryRowOnce) {
  RestTestOrg org(SObjectAndQueryRoutes());
  const std::vector<std::string> created =
      testing::CreateAccountsInStore(org.org(), 4500, "Bulk ", org.clock().Now());
  ASSERT_EQ(created.size(), 4500u);
  const Walk walk =
      WalkPages(org, QueryPath("SELECT Id, Name FROM Account WHERE Name LIKE 'Bulk%'"), {}, 4500);
  EXPECT_EQ(walk.page_sizes, (std::vector<size_t>{2000, 2000, 500}));
  ASSERT_EQ(walk.ids.size(), 4500u);
  const std::set<std::string> seen(walk.ids.begin(), walk.ids.end());
  EXPECT_EQ(seen.size(), 4500u);
  EXPECT_EQ(seen, std::set<std::string>(created.begin(), created.end()));
  // The cursor closed after its last page.
  ExpectSfError(org.Call("GET", walk.last_next_path), 400, "INVALID_QUERY_LOCATOR",
                "invalid query locator");
}

TEST(QueryTest, BatchSizeHeaderSetsThePageSizeWithinItsBounds) {
  RestTestOrg org(SObjectAndQueryRoutes());
  testing::CreateAccountsInStore(org.org(), 2100, "B", org.clock().Now());
  const std::string target = QueryPath("SELECT Id FROM Account WHERE Name LIKE 'B%'");
  const Walk by500 = WalkPages(org, target, {{"Sforce-Query-Options", "batchSize=500"}}, 2100);
  EXPECT_EQ(by500.page_sizes, (std::vector<size_t>{500, 500, 500, 500, 100}));
  EXPECT_EQ(std::set<std::string>(by500.ids.begin(), by500.ids.end()).size(), 2100u);
  // Below 200 is raised to 200; above 2000 lowered to 2000; an unreadable hint is ignored.
  const Walk by50 = WalkPages(org, target, {{"Sforce-Query-Options", "batchSize=50"}}, 2100);
  EXPECT_EQ(by50.page_sizes.front(), 200u);
  EXPECT_EQ(by50.page_sizes.size(), 11u);
  const Walk big = WalkPages(org, target, {{"Sforce-Query-Options", "batchSize=5000"}}, 2100);
  EXPECT_EQ(big.page_sizes, (std::vector<size_t>{2000, 100}));
  const Walk junk = WalkPages(org, target, {{"Sforce-Query-Options", "batchSize=lots"}}, 2100);
  EXPECT_EQ(junk.page_sizes, (std::vector<size_t>{2000, 100}));
}

TEST(QueryTest, ParseQueryBatchSize) {
  struct Case {
    std::string header;
    std::optional<int> expected;
  };
  const std::vector<Case> cases = {
      {"batchSize=500", 500},
      {"batchsize = 250", 250},
      {" BATCHSIZE=1000 ", 1000},
      {"foo=1, batchSize=300", 300},
      {"foo=1;batchSize=400", 400},
      {"batchSize=", std::nullopt},
      {"batchSize=-5", std::nullopt},
      {"batchSize=0", std::nullopt},
      {"batchSize=1e3", std::nullopt},
      {"batchSize=9999999999", std::nullopt},
      {"", std::nullopt},
      {"other=5", std::nullopt},
  };
  for (const Case& c : cases) EXPECT_EQ(ParseQueryBatchSize(c.header), c.expected) << c.header;
}

TEST(QueryTest, QueryAllSeesDeletedRowsAndItsCursorsPageThroughEitherPath) {
  RestTestOrg org(SObjectAndQueryRoutes());
  const std::vector<std::string> ids =
      testing::CreateAccountsInStore(org.org(), 2300, "D", org.clock().Now());
  for (int i : {0, 1, 2299}) {
    ASSERT_EQ(org.Call("DELETE", Path("/sobjects/Account/" + ids[static_cast<size_t>(i)])).status,
              204);
  }
  const std::string soql = "SELECT Id, IsDeleted FROM Account WHERE Name LIKE 'D%'";
  EXPECT_EQ(org.Call("GET", QueryPath("SELECT COUNT() FROM Account WHERE Name LIKE 'D%'"))
                .Json()["totalSize"],
            2297);
  // queryAll: page 1, then the rest through /queryAll/{locator}, and again through /query/{locator}
  // (jsforce sends queryAll's query-more to /query/).
  for (const std::string more : {"/queryAll/", "/query/"}) {
    SCOPED_TRACE(more);
    const HttpResult first = org.Call("GET", QueryPath(soql, "/queryAll"));
    ASSERT_EQ(first.status, 200) << first.body;
    const nlohmann::json page1 = first.Json();
    EXPECT_EQ(page1["totalSize"], 2300);
    const std::string next = page1["nextRecordsUrl"];
    const HttpResult second = org.Call("GET", Path(more + next.substr(next.rfind('/') + 1)));
    ASSERT_EQ(second.status, 200) << second.body;
    const nlohmann::json page2 = second.Json();
    EXPECT_EQ(page2["done"], true);
    int deleted = 0;
    std::set<std::string> seen;
    for (const nlohmann::json* page : {&page1, &page2}) {
      for (const nlohmann::json& rec : (*page)["records"]) {
        seen.insert(rec["Id"].get<std::string>());
        if (rec["IsDeleted"] == true) ++deleted;
      }
    }
    EXPECT_EQ(seen.size(), 2300u);
    EXPECT_EQ(deleted, 3);
  }
  const nlohmann::json live = org.Call("GET", QueryPath(soql + " AND IsDeleted = true")).Json();
  EXPECT_EQ(live["totalSize"], 0);
}

TEST(QueryTest, ErrorsAnswerTheContractErrors) {
  RestTestOrg org(SObjectAndQueryRoutes());
  testing::CreateAccountsInStore(org.org(), 3, "E", org.clock().Now());
  struct Case {
    std::string name;
    std::string target;
    std::string code;
    std::string message;  // exact, or "" not compared
  };
  const std::vector<Case> cases = {
      {"no q", Path("/query"), "MALFORMED_QUERY", "A query string has to be specified"},
      {"no q on queryAll", Path("/queryAll?x=1"), "MALFORMED_QUERY",
       "A query string has to be specified"},
      {"empty q", Path("/query?q="), "MALFORMED_QUERY", "SOQL statements cannot be empty or null"},
      {"blank q", Path("/query?q=+++"), "MALFORMED_QUERY",
       "SOQL statements cannot be empty or null"},
      {"syntax", QueryPath("SELECT FROM Account"), "MALFORMED_QUERY", ""},
      {"syntax queryAll", QueryPath("SELECT Id FROM Account WHERE", "/queryAll"), "MALFORMED_QUERY",
       ""},
      {"unknown field", QueryPath("SELECT Id, Nope__c FROM Account"), "INVALID_FIELD", ""},
      {"unknown object", QueryPath("SELECT Id FROM Nope__c"), "INVALID_TYPE", ""},
      {"unknown locator", Path("/query/01g000000000099AAA-2000"), "INVALID_QUERY_LOCATOR",
       "invalid query locator"},
      {"malformed locator", Path("/query/garbage"), "INVALID_QUERY_LOCATOR",
       "invalid query locator"},
      {"unknown queryAll locator", Path("/queryAll/01g000000000099AAA-2000"),
       "INVALID_QUERY_LOCATOR", "invalid query locator"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    ExpectSfError(org.Call("GET", c.target), 400, c.code, c.message);
  }
  ExpectSfError(org.Call("POST", Path("/query?q=SELECT+Id+FROM+Account")), 405,
                "METHOD_NOT_ALLOWED", "HTTP Method 'POST' not allowed. Allowed are GET");
  testing::TestClient anonymous(org.port());
  ExpectSfError(anonymous.Request("GET", QueryPath("SELECT Id FROM Account")), 401,
                "INVALID_SESSION_ID");
}

TEST(QueryTest, LocatorsExpireAfter15IdleMinutes) {
  RestTestOrg org(SObjectAndQueryRoutes());
  testing::CreateAccountsInStore(org.org(), 700, "X", org.clock().Now());
  const testing::Headers small = {{"Sforce-Query-Options", "batchSize=200"}};
  const nlohmann::json first =
      org.Call("GET", QueryPath("SELECT Id FROM Account WHERE Name LIKE 'X%'"), "", small).Json();
  const std::string next = NextPath(first);
  org.clock().Advance(Duration::Minutes(14));
  const HttpResult second = org.Call("GET", next);
  ASSERT_EQ(second.status, 200) << second.body;
  org.clock().Advance(Duration::Minutes(16));
  ExpectSfError(org.Call("GET", NextPath(second.Json())), 400, "INVALID_QUERY_LOCATOR");
}

TEST(QueryTest, AnotherUsersTokenCannotUseALocator) {
  RestTestOrg org(SObjectAndQueryRoutes(), testing::AddSecondUserToServer,
                  testing::AddSecondUserToOrg);
  testing::CreateAccountsInStore(org.org(), 2500, "U", org.clock().Now());
  const std::string second_token =
      http::testing::FetchToken(org.port(), "second-client", "second-secret");
  ASSERT_FALSE(second_token.empty());
  const nlohmann::json first =
      org.Call("GET", QueryPath("SELECT Id FROM Account WHERE Name LIKE 'U%'")).Json();
  const std::string next = NextPath(first);
  testing::TestClient client(org.port());
  const HttpResult stolen =
      client.Request("GET", next, "", {{"Authorization", "Bearer " + second_token}});
  ExpectSfError(stolen, 400, "INVALID_QUERY_LOCATOR", "invalid query locator");
  // The owner still can; the second user's own queries work.
  const HttpResult own = org.Call("GET", next);
  ASSERT_EQ(own.status, 200) << own.body;
  EXPECT_EQ(own.Json()["records"].size(), 500u);
  const HttpResult theirs = client.Request("GET", QueryPath("SELECT COUNT() FROM Account"), "",
                                           {{"Authorization", "Bearer " + second_token}});
  EXPECT_EQ(theirs.status, 200) << theirs.body;
  // Records created by the second user carry their Id.
  const HttpResult created = client.Request(
      "POST", Path("/sobjects/Account"), R"({"Name":"By Second"})",
      {{"Authorization", "Bearer " + second_token}, {"Content-Type", "application/json"}});
  ASSERT_EQ(created.status, 201) << created.body;
  const nlohmann::json rec =
      org.Call("GET", Path("/sobjects/Account/" + created.Json()["id"].get<std::string>() +
                           "?fields=CreatedById,OwnerId"))
          .Json();
  EXPECT_EQ(rec["CreatedById"], "005000000000002AAA");
  EXPECT_EQ(rec["OwnerId"], "005000000000002AAA");
}

TEST(QueryTest, DateLiteralsUseTheUsersTimeZone) {
  RestTestOrg org(SObjectAndQueryRoutes());
  // 2025-03-01T12:00Z is already 2025-03-02 in Kiritimati (UTC+14).
  ASSERT_EQ(org.Call("POST", Path("/sobjects/Collection_Account__c"),
                     R"({"Name":"Due","Due_Date__c":"2025-03-02"})")
                .status,
            201);
  const std::string target =
      QueryPath("SELECT Name FROM Collection_Account__c WHERE Due_Date__c = TODAY");
  EXPECT_EQ(org.Call("GET", target).Json()["totalSize"], 0);  // UTC: today is 2025-03-01
  const HttpResult zone = org.Call("PATCH", Path("/sobjects/User/" + OrgUserId(0).ToLong()),
                                   R"({"TimeZoneSidKey":"Pacific/Kiritimati"})");
  ASSERT_EQ(zone.status, 204) << zone.body;
  EXPECT_EQ(org.Call("GET", target).Json()["totalSize"], 1);
  // A zone the tz database does not know falls back to UTC.
  ASSERT_EQ(org.Call("PATCH", Path("/sobjects/User/" + OrgUserId(0).ToLong()),
                     R"({"TimeZoneSidKey":"Mars/Olympus_Mons"})")
                .status,
            204);
  EXPECT_EQ(org.Call("GET", target).Json()["totalSize"], 0);
}

}  // namespace
}  // namespace recoup::sim::org::rest
