// Executor tests over a small store: every operator with its null handling, date literals in the
// user's zone, parent paths, multi-select picklists, ORDER BY with NULLS FIRST/LAST and stable
// ties, LIMIT/OFFSET, COUNT(), and which access path (index or scan) a WHERE clause gets.
#include "sim/org/soql/executor.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "sim/org/soql/binder.h"
#include "sim/org/soql/parser.h"
#include "sim/org/soql/query_engine.h"
#include "tests/sim/org/soql/test_org.h"

namespace recoup::sim::org::soql {
namespace {

using testing::At;
using testing::TestOrg;

// Six live collection accounts (and one deleted) with varied values. "Today" is 2025-02-01 in
// America/New_York for the queries below.
class ExecutorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    acme_ = org_.Create("Account", {{"Name", "Acme"}});
    org_.Create("Account", {{"Name", "Zenith"}});
    ids_.push_back(
        org_.Create("Collection_Account__c", {{"Name", "Alpha"},
                                              {"External_Id__c", "EXT-0"},
                                              {"Balance__c", 100.5},
                                              {"Days_Past_Due__c", 10},
                                              {"Status__c", "Active"},
                                              {"Segment__c", "Early"},
                                              {"Due_Date__c", "2025-01-31"},
                                              {"Last_Contact_At__c", "2025-01-31T10:00:00Z"},
                                              {"Tags__c", "a;b"},
                                              {"Account__c", acme_.ToLong()},
                                              {"Code_CS__c", "Abc"}}));
    ids_.push_back(
        org_.Create("Collection_Account__c", {{"Name", "beta"},
                                              {"External_Id__c", "EXT-1"},
                                              {"Balance__c", 250},
                                              {"Days_Past_Due__c", 45},
                                              {"Status__c", "Promise"},
                                              {"Segment__c", "Mid"},
                                              {"Due_Date__c", "2025-02-01"},
                                              {"Last_Contact_At__c", "2025-02-01T04:59:59Z"},
                                              {"Do_Not_Contact__c", true},
                                              {"Tags__c", "b;c"},
                                              {"Account__c", acme_.ToLong()}}));
    ids_.push_back(org_.Create("Collection_Account__c", {{"Name", "Gamma"},
                                                         {"External_Id__c", "EXT-2"},
                                                         {"Days_Past_Due__c", 90},
                                                         {"Status__c", "Active"},
                                                         {"Tags__c", "c"}}));
    ids_.push_back(org_.Create("Collection_Account__c", {{"Name", "delta"},
                                                         {"External_Id__c", "EXT-3"},
                                                         {"Balance__c", 0},
                                                         {"Days_Past_Due__c", 0},
                                                         {"Status__c", "Paid"},
                                                         {"Segment__c", "Late"},
                                                         {"Due_Date__c", "2024-12-31"}}));
    ids_.push_back(org_.Create("Collection_Account__c", {{"Name", "\xc3\x89psilon"},
                                                         {"External_Id__c", "EXT-4"},
                                                         {"Balance__c", 99.99},
                                                         {"Days_Past_Due__c", 30},
                                                         {"Status__c", "Disputed"},
                                                         {"Segment__c", "Recovery"},
                                                         {"Tags__c", "a;b;c;d"},
                                                         {"Code_CS__c", "abc"}}));
    ids_.push_back(org_.Create("Collection_Account__c",
                               {{"Name", "O'Brien"}, {"Balance__c", 5}, {"Status__c", "Active"}}));
    const SfId zeta =
        org_.Create("Collection_Account__c",
                    {{"Name", "Zeta"}, {"External_Id__c", "EXT-6"}, {"Balance__c", 1000}});
    org_.Delete("Collection_Account__c", zeta);
    options_.user = org_.admin();
    options_.now = At("2025-02-01T12:00:00Z");
    EXPECT_TRUE(cctz::load_time_zone("America/New_York", &options_.time_zone));
  }

  // The Names of the rows a query returns, in order; the error code on failure.
  std::vector<std::string> Names(const std::string& soql, bool all_rows = false) {
    QueryOptions options = options_;
    options.all_rows = all_rows;
    SfOr<QueryPage> page = engine_.Query(soql, options);
    if (!page.ok()) return {"ERROR " + page.error().error_code + ": " + page.error().message};
    const nlohmann::json body = page->ToJson();
    std::vector<std::string> names;
    for (const auto& record : body["records"]) names.push_back(record["Name"]);
    return names;
  }

  TestOrg org_;
  QueryEngine engine_{org_.store()};
  QueryOptions options_;
  SfId acme_;
  std::vector<SfId> ids_;
};

const std::string kEps = "\xc3\x89psilon";
using NameList = std::vector<std::string>;

struct WhereCase {
  std::string where;
  NameList expected;  // in row (creation) order
};

TEST_F(ExecutorTest, EveryOperatorAndItsNullHandling) {
  const std::vector<WhereCase> cases = {
      // Text equality is case-insensitive; != also matches nulls.
      {"Name = 'alpha'", {"Alpha"}},
      {"Name != 'ALPHA'", {"beta", "Gamma", "delta", kEps, "O'Brien"}},
      {"Name <> 'alpha'", {"beta", "Gamma", "delta", kEps, "O'Brien"}},
      {"Name = 'O\\'Brien'", {"O'Brien"}},
      {"Name = ''", {}},  // '' is null, and every row has a Name
      {"Segment__c = ''", {"Gamma", "O'Brien"}},
      {"Segment__c = null", {"Gamma", "O'Brien"}},
      {"Segment__c != null", {"Alpha", "beta", "delta", kEps}},
      {"Segment__c != 'Early'", {"beta", "Gamma", "delta", kEps, "O'Brien"}},
      // Numbers: nulls never satisfy <, <=, >, >=.
      {"Balance__c = null", {"Gamma"}},
      {"Balance__c != null", {"Alpha", "beta", "delta", kEps, "O'Brien"}},
      {"Balance__c = 100.5", {"Alpha"}},
      {"Balance__c = 250", {"beta"}},
      {"Balance__c > 100", {"Alpha", "beta"}},
      {"Balance__c >= 100.5", {"Alpha", "beta"}},
      {"Balance__c < 100", {"delta", kEps, "O'Brien"}},
      {"Balance__c <= 0", {"delta"}},
      {"Balance__c != 0", {"Alpha", "beta", "Gamma", kEps, "O'Brien"}},
      {"Balance__c > -1 AND Balance__c < 6", {"delta", "O'Brien"}},
      {"Balance__c > null", {}},
      {"Days_Past_Due__c IN (10, 45)", {"Alpha", "beta"}},
      {"Days_Past_Due__c NOT IN (10, 45)", {"Gamma", "delta", kEps, "O'Brien"}},
      {"Segment__c IN ('early', null)", {"Alpha", "Gamma", "O'Brien"}},
      {"Segment__c NOT IN ('early', null)", {"beta", "delta", kEps}},
      // Text ordering is case-insensitive.
      {"Name < 'C'", {"Alpha", "beta"}},
      {"Name >= 'delta'", {"Gamma", "delta", kEps, "O'Brien"}},
      // LIKE: case-insensitive, characters not bytes, escapes; NOT LIKE matches what LIKE does not.
      {"Name LIKE '%a'", {"Alpha", "beta", "Gamma", "delta"}},
      {"Name LIKE '_e%'", {"beta", "delta"}},
      {"Name LIKE '\xc3\xa9%'", {kEps}},
      {"Name LIKE '_psilon'", {kEps}},
      {"Name LIKE 'o\\'%'", {"O'Brien"}},
      {"Segment__c LIKE '%'", {"Alpha", "beta", "delta", kEps}},  // null never matches LIKE
      {"NOT Name LIKE '%a'", {kEps, "O'Brien"}},
      // Booleans.
      {"Do_Not_Contact__c = true", {"beta"}},
      {"Do_Not_Contact__c = FALSE", {"Alpha", "Gamma", "delta", kEps, "O'Brien"}},
      {"Do_Not_Contact__c != true", {"Alpha", "Gamma", "delta", kEps, "O'Brien"}},
      // Multi-select picklists.
      {"Tags__c INCLUDES ('a')", {"Alpha", kEps}},
      {"Tags__c INCLUDES ('A;c')", {kEps}},
      {"Tags__c INCLUDES ('a;c', 'b')", {"Alpha", "beta", kEps}},
      {"Tags__c EXCLUDES ('a')", {"beta", "Gamma", "delta", "O'Brien"}},
      {"Tags__c EXCLUDES ('a;b', 'c')", {"delta", "O'Brien"}},
      {"Tags__c = 'B;A'", {"Alpha"}},
      {"Tags__c = 'b'", {}},
      {"Tags__c != 'b;a'", {"beta", "Gamma", "delta", kEps, "O'Brien"}},
      {"Tags__c IN ('c', 'a;b')", {"Alpha", "Gamma"}},
      {"Tags__c = null", {"delta", "O'Brien"}},
      // Dates and date literals: today is 2025-02-01 in New York.
      {"Due_Date__c = 2025-01-31", {"Alpha"}},
      {"Due_Date__c = YESTERDAY", {"Alpha"}},
      {"Due_Date__c = TODAY", {"beta"}},
      {"Due_Date__c != TODAY", {"Alpha", "Gamma", "delta", kEps, "O'Brien"}},
      {"Due_Date__c < TODAY", {"Alpha", "delta"}},
      {"Due_Date__c <= TODAY", {"Alpha", "beta", "delta"}},
      {"Due_Date__c > YESTERDAY", {"beta"}},
      {"Due_Date__c >= YESTERDAY", {"Alpha", "beta"}},
      {"Due_Date__c = LAST_N_DAYS:1", {"Alpha", "beta"}},
      {"Due_Date__c = LAST_MONTH", {"Alpha"}},
      {"Due_Date__c = THIS_MONTH", {"beta"}},
      {"Due_Date__c = LAST_YEAR", {"delta"}},
      {"Due_Date__c IN (TODAY, 2024-12-31)", {"beta", "delta"}},
      {"Due_Date__c > 2025-01-31", {"beta"}},
      // Datetimes: 04:59:59Z on Feb 1 is still Jan 31 in New York.
      {"Last_Contact_At__c = YESTERDAY", {"Alpha", "beta"}},
      {"Last_Contact_At__c = TODAY", {}},
      {"Last_Contact_At__c < TODAY", {"Alpha", "beta"}},
      {"Last_Contact_At__c > 2025-01-31T10:00:00Z", {"beta"}},
      {"Last_Contact_At__c >= 2025-01-31T05:00:00-05:00", {"Alpha", "beta"}},
      {"Last_Contact_At__c = 2025-01-31T10:00:00.000Z", {"Alpha"}},
      {"Last_Contact_At__c < 2025-02-01T04:59:59.001Z", {"Alpha", "beta"}},
      // Parent paths: an empty lookup reads as null.
      {"Account__r.Name = 'acme'", {"Alpha", "beta"}},
      {"Account__r.Name = null", {"Gamma", "delta", kEps, "O'Brien"}},
      {"Account__r.Owner.Username = 'admin@example.com'", {"Alpha", "beta"}},
      // Logic.
      {"(Balance__c > 100 OR Segment__c = 'Late') AND Status__c != 'Paid'", {"Alpha", "beta"}},
      {"Status__c = 'Active' OR Status__c = 'Promise'", {"Alpha", "beta", "Gamma", "O'Brien"}},
      {"NOT (Status__c = 'Active')", {"beta", "delta", kEps}},
      {"NOT Balance__c > 50", {"Gamma", "delta", "O'Brien"}},  // null > 50 is false
      // Indexed fields give the same answers as scans.
      {"External_Id__c = 'ext-1'", {"beta"}},
      {"External_Id__c IN ('EXT-0', 'EXT-3', 'nope')", {"Alpha", "delta"}},
      {"External_Id__c = 'EXT-6'", {}},  // deleted
      {"External_Id__c = 'EXT-0' OR External_Id__c = 'EXT-2'", {"Alpha", "Gamma"}},
      {"External_Id__c = null", {"O'Brien"}},
      {"External_Id__c != 'EXT-0'", {"beta", "Gamma", "delta", kEps, "O'Brien"}},
      {"Code_CS__c = 'abc'", {kEps}},  // case-sensitive unique field
      {"Code_CS__c = 'ABC'", {}},
      {"Code_CS__c = 'abc' OR Name = 'alpha'", {"Alpha", kEps}},
      {"Account__c = '" + acme_.ToLong() + "'", {"Alpha", "beta"}},
      {"Account__c = '" + std::string(acme_.short_form()) + "'", {"Alpha", "beta"}},
  };
  for (const WhereCase& c : cases) {
    EXPECT_EQ(Names("SELECT Name FROM Collection_Account__c WHERE " + c.where), c.expected)
        << c.where;
  }
}

TEST_F(ExecutorTest, IdsInAnyCaseAndLength) {
  const SfId beta = ids_[1];
  std::string lower = beta.ToLong();
  for (char& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  EXPECT_EQ(Names("SELECT Name FROM Collection_Account__c WHERE Id = '" + lower + "'"),
            NameList{"beta"});
  EXPECT_EQ(Names("SELECT Name FROM Collection_Account__c WHERE Id IN ('" +
                  std::string(ids_[0].short_form()) + "', '" + ids_[2].ToLong() + "')"),
            (NameList{"Alpha", "Gamma"}));
  EXPECT_EQ(Names("SELECT Name FROM Collection_Account__c WHERE Id > '" + ids_[3].ToLong() + "'"),
            (NameList{kEps, "O'Brien"}));
}

TEST_F(ExecutorTest, OrderByWithNullsAndStableTies) {
  const std::string base = "SELECT Name FROM Collection_Account__c ORDER BY ";
  EXPECT_EQ(Names(base + "Balance__c"),
            (NameList{"Gamma", "delta", "O'Brien", kEps, "Alpha", "beta"}));
  EXPECT_EQ(Names(base + "Balance__c DESC"),
            (NameList{"beta", "Alpha", kEps, "O'Brien", "delta", "Gamma"}));
  EXPECT_EQ(Names(base + "Balance__c NULLS LAST"),
            (NameList{"delta", "O'Brien", kEps, "Alpha", "beta", "Gamma"}));
  EXPECT_EQ(Names(base + "Balance__c DESC NULLS FIRST"),
            (NameList{"Gamma", "beta", "Alpha", kEps, "O'Brien", "delta"}));
  EXPECT_EQ(Names(base + "Segment__c, Name"),
            (NameList{"Gamma", "O'Brien", "Alpha", "delta", "beta", kEps}));
  // Case-insensitive text order; bytes above ASCII after it.
  EXPECT_EQ(Names(base + "Name"), (NameList{"Alpha", "beta", "delta", "Gamma", "O'Brien", kEps}));
  // Ties keep row order.
  EXPECT_EQ(Names(base + "Do_Not_Contact__c"),
            (NameList{"Alpha", "Gamma", "delta", kEps, "O'Brien", "beta"}));
  EXPECT_EQ(Names(base + "Status__c DESC"),
            (NameList{"beta", "delta", kEps, "Alpha", "Gamma", "O'Brien"}));
  // Parent paths.
  EXPECT_EQ(Names(base + "Account__r.Name NULLS LAST, Name DESC"),
            (NameList{"beta", "Alpha", kEps, "O'Brien", "Gamma", "delta"}));
  EXPECT_EQ(Names(base + "Due_Date__c DESC, Last_Contact_At__c"),
            (NameList{"beta", "Alpha", "delta", "Gamma", kEps, "O'Brien"}));
}

TEST_F(ExecutorTest, LimitAndOffset) {
  const std::string base = "SELECT Name FROM Collection_Account__c ";
  EXPECT_EQ(Names(base + "ORDER BY Name LIMIT 2"), (NameList{"Alpha", "beta"}));
  EXPECT_EQ(Names(base + "ORDER BY Name LIMIT 2 OFFSET 1"), (NameList{"beta", "delta"}));
  EXPECT_EQ(Names(base + "ORDER BY Name OFFSET 4"), (NameList{"O'Brien", kEps}));
  EXPECT_EQ(Names(base + "ORDER BY Name OFFSET 40"), NameList{});
  EXPECT_EQ(Names(base + "LIMIT 0"), NameList{});
  EXPECT_EQ(Names(base + "LIMIT 3"), (NameList{"Alpha", "beta", "Gamma"}));
  EXPECT_EQ(Names(base + "WHERE Balance__c != null LIMIT 2 OFFSET 2"), (NameList{"delta", kEps}));
}

TEST_F(ExecutorTest, QueryAllSeesDeletedRows) {
  EXPECT_EQ(Names("SELECT Name FROM Collection_Account__c WHERE Balance__c > 500"), NameList{});
  EXPECT_EQ(Names("SELECT Name FROM Collection_Account__c WHERE Balance__c > 500", true),
            NameList{"Zeta"});
  EXPECT_EQ(Names("SELECT Name FROM Collection_Account__c WHERE External_Id__c = 'EXT-6'", true),
            NameList{"Zeta"});
  EXPECT_EQ(Names("SELECT Name FROM Collection_Account__c WHERE IsDeleted = true", true),
            NameList{"Zeta"});
  EXPECT_EQ(Names("SELECT Name FROM Collection_Account__c WHERE IsDeleted = true"), NameList{});
}

TEST_F(ExecutorTest, CountHonoursWhereLimitAndOffset) {
  auto count = [&](const std::string& soql, bool all_rows = false) -> int64_t {
    QueryOptions options = options_;
    options.all_rows = all_rows;
    SfOr<QueryPage> page = engine_.Query(soql, options);
    EXPECT_TRUE(page.ok()) << soql;
    if (!page.ok()) return -1;
    EXPECT_EQ(page->body, "{\"totalSize\":" + std::to_string(page->total_size) +
                              ",\"done\":true,\"records\":[]}");
    return page->total_size;
  };
  EXPECT_EQ(count("SELECT COUNT() FROM Collection_Account__c"), 6);
  EXPECT_EQ(count("SELECT COUNT() FROM Collection_Account__c", true), 7);
  EXPECT_EQ(count("SELECT COUNT() FROM Collection_Account__c WHERE Status__c = 'Active'"), 3);
  EXPECT_EQ(count("SELECT COUNT() FROM Collection_Account__c LIMIT 4"), 4);
  EXPECT_EQ(count("SELECT COUNT() FROM Collection_Account__c LIMIT 4 OFFSET 5"), 1);
  EXPECT_EQ(count("SELECT COUNT() FROM Collection_Account__c WHERE External_Id__c = 'EXT-2'"), 1);
}

TEST_F(ExecutorTest, ChoosesIndexesWhereTheyApply) {
  struct PlanCase {
    std::string where;
    std::string access;
  };
  const std::vector<PlanCase> cases = {
      {"External_Id__c = 'EXT-1'", "index Collection_Account__c.External_Id__c (=)"},
      {"External_Id__c IN ('a', 'b')", "index Collection_Account__c.External_Id__c (IN)"},
      {"Id = '" + ids_[0].ToLong() + "'", "index Collection_Account__c.Id (=)"},
      {"Name = 'x' AND External_Id__c = 'EXT-1'", "index Collection_Account__c.External_Id__c (=)"},
      {"Account__c = '" + acme_.ToLong() + "' AND Id = '" + ids_[0].ToLong() + "'",
       "index Collection_Account__c.Id (=)"},
      {"External_Id__c IN ('a') AND Id = '" + ids_[0].ToLong() + "'",
       "index Collection_Account__c.Id (=)"},
      {"Account__c = '" + acme_.ToLong() + "'", "index Collection_Account__c.Account__c (=)"},
      {"External_Id__c = 'a' OR Id = '" + ids_[0].ToLong() + "'",
       "index Collection_Account__c.External_Id__c (=) + index Collection_Account__c.Id (=)"},
      {"(External_Id__c = 'a' OR External_Id__c = 'b') AND Balance__c > 5",
       "index Collection_Account__c.External_Id__c (=) + index "
       "Collection_Account__c.External_Id__c (=)"},
      {"Code_CS__c = 'abc'", "index Collection_Account__c.Code_CS__c (=)"},
      // Not indexable: a scan.
      {"Name = 'x'", "scan Collection_Account__c"},
      {"External_Id__c = 'a' OR Name = 'x'", "scan Collection_Account__c"},
      {"External_Id__c != 'a'", "scan Collection_Account__c"},
      {"NOT External_Id__c = 'a'", "scan Collection_Account__c"},
      {"External_Id__c = null", "scan Collection_Account__c"},
      {"External_Id__c IN ('a', null)", "scan Collection_Account__c"},
      {"External_Id__c LIKE 'EXT%'", "scan Collection_Account__c"},
      {"Account__r.Name = 'Acme'", "scan Collection_Account__c"},
  };
  for (const PlanCase& c : cases) {
    SfOr<QueryPlan> plan =
        engine_.Explain("SELECT Id FROM Collection_Account__c WHERE " + c.where, options_);
    ASSERT_TRUE(plan.ok()) << c.where;
    EXPECT_EQ(plan->access, c.access) << c.where;
    EXPECT_EQ(plan->uses_index, c.access.rfind("index", 0) == 0) << c.where;
  }
  SfOr<QueryPlan> none = engine_.Explain("SELECT Id FROM Collection_Account__c", options_);
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(none->access, "scan Collection_Account__c");
}

TEST_F(ExecutorTest, IndexLookupsExamineOnlyTheMatchingRows) {
  // Enough rows that a scan would be obvious in the counters.
  for (int i = 0; i < 3000; ++i) {
    org_.Create("Collection_Account__c", {{"Name", "Bulk " + std::to_string(i)},
                                          {"External_Id__c", "B-" + std::to_string(i)}});
  }
  const ExecutionStats before = engine_.stats();
  EXPECT_EQ(Names("SELECT Name FROM Collection_Account__c WHERE External_Id__c = 'b-2999'"),
            NameList{"Bulk 2999"});
  const ExecutionStats after = engine_.stats();
  EXPECT_EQ(after.index_accesses, before.index_accesses + 1);
  EXPECT_EQ(after.scans, before.scans);
  EXPECT_EQ(after.rows_examined, before.rows_examined + 1);

  EXPECT_EQ(Names("SELECT Name FROM Collection_Account__c WHERE Name = 'Bulk 2999'"),
            NameList{"Bulk 2999"});
  const ExecutionStats scanned = engine_.stats();
  EXPECT_EQ(scanned.scans, after.scans + 1);
  EXPECT_EQ(scanned.rows_examined, after.rows_examined + 3007);  // every row, deleted one too
}

TEST_F(ExecutorTest, LimitWithoutOrderStopsScanningEarly) {
  for (int i = 0; i < 1000; ++i) org_.Create("Collection_Account__c", {{"Name", "N"}});
  const uint64_t before = engine_.stats().rows_examined;
  EXPECT_EQ(Names("SELECT Name FROM Collection_Account__c WHERE Name = 'N' LIMIT 3").size(), 3u);
  EXPECT_EQ(engine_.stats().rows_examined - before, 7u + 3u);  // 7 earlier rows, then 3 matches
}

}  // namespace
}  // namespace recoup::sim::org::soql
