// Tests for data files (sim/org/service/data_file.h): JSON data files and CSV directories load
// through the REST conversions, parents first, all or nothing, with errors that name the file,
// object and record; schema extension files.
#include "sim/org/service/data_file.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace recoup::sim::org {
namespace {

const Timestamp kNow = Timestamp::FromCivilUtc(2025, 3, 1, 12, 0, 0);

std::unique_ptr<Org> NewOrg(Schema schema = DefaultCollectionsSchema()) {
  OrgConfig config;
  config.schema = std::move(schema);
  StatusOr<std::unique_ptr<Org>> org = Org::Create(std::move(config), nullptr);
  EXPECT_TRUE(org.ok()) << org.status();
  return std::move(org).value();
}

// Runs `soql` as user 0 and returns the parsed page.
nlohmann::json Query(Org& org, const std::string& soql) {
  Org::Session session = org.Lock();
  soql::QueryOptions options;
  options.user = OrgUserId(0);
  options.now = kNow;
  SfOr<soql::QueryPage> page = session.queries().Query(soql, options);
  EXPECT_TRUE(page.ok()) << (page.ok() ? "" : page.error().message);
  return page.ok() ? page->ToJson() : nlohmann::json();
}

size_t Rows(Org& org, const std::string& object) {
  Org::Session session = org.Lock();
  return session.store().row_count(*session.schema().FindObject(object));
}

// A fresh empty directory under the test temp dir.
std::filesystem::path TempDir(const std::string& name) {
  const std::filesystem::path dir = std::filesystem::path(::testing::TempDir()) / name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

void WriteFile(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

constexpr char kPortfolio[] = R"({"records": {
  "Collection_Account__c": [
    {"Name": "A-1", "External_Id__c": "A-1", "Balance__c": 120.5, "Status__c": "active"},
    {"Name": "A-2", "External_Id__c": "A-2"}],
  "Contact_Attempt__c": [
    {"Collection_Account__r": {"External_Id__c": "A-1"}, "Channel__c": "Call",
     "Attempted_At__c": "2025-02-28T14:00:00Z", "Outcome__c": "No Answer"},
    {"Collection_Account__r": {"External_Id__c": "A-2"}, "Channel__c": "SMS",
     "Attempted_At__c": "2025-02-28T15:00:00Z"}]}})";

TEST(DataFileTest, LoadsJsonRecordsParentsFirstAndResolvesExternalIds) {
  std::unique_ptr<Org> org = NewOrg();
  StatusOr<DataLoadSummary> loaded = LoadDataJson(*org, kPortfolio, "data.json", kNow);
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  EXPECT_EQ(loaded->total, 4u);
  ASSERT_EQ(loaded->objects.size(), 2u);
  EXPECT_EQ(loaded->objects[0], (std::pair<std::string, size_t>{"Collection_Account__c", 2}));
  EXPECT_EQ(loaded->objects[1], (std::pair<std::string, size_t>{"Contact_Attempt__c", 2}));

  const nlohmann::json accounts =
      Query(*org,
            "SELECT Id, Name, Balance__c, Status__c, CreatedDate, CreatedById "
            "FROM Collection_Account__c ORDER BY Name");
  ASSERT_EQ(accounts["totalSize"], 2);
  EXPECT_EQ(accounts["records"][0]["Id"], "a01000000000001AAA");
  EXPECT_EQ(accounts["records"][0]["Balance__c"], 120.5);
  EXPECT_EQ(accounts["records"][0]["Status__c"], "Active");  // the picklist's own spelling
  EXPECT_EQ(accounts["records"][0]["CreatedDate"], "2025-03-01T12:00:00.000+0000");
  EXPECT_EQ(accounts["records"][0]["CreatedById"], "005000000000001AAA");
  EXPECT_EQ(accounts["records"][1]["Status__c"], "New");  // the default

  const nlohmann::json attempts = Query(
      *org, "SELECT Channel__c, Collection_Account__r.External_Id__c FROM Contact_Attempt__c");
  ASSERT_EQ(attempts["totalSize"], 2);
  EXPECT_EQ(attempts["records"][0]["Collection_Account__r"]["External_Id__c"], "A-1");
  EXPECT_EQ(attempts["records"][1]["Collection_Account__r"]["External_Id__c"], "A-2");
  EXPECT_EQ(attempts["records"][1]["Channel__c"], "SMS");
}

TEST(DataFileTest, AnEmptyFileOrRecordListLoadsNothing) {
  std::unique_ptr<Org> org = NewOrg();
  for (const char* text : {"{}", R"({"records": {}})", R"({"records": {"Account": []}})"}) {
    StatusOr<DataLoadSummary> loaded = LoadDataJson(*org, text, "empty.json", kNow);
    ASSERT_TRUE(loaded.ok()) << text << ": " << loaded.status();
    EXPECT_EQ(loaded->total, 0u) << text;
  }
  EXPECT_EQ(Rows(*org, "Account"), 0u);
}

TEST(DataFileTest, ARecordErrorNamesTheRecordAndRollsEverythingBack) {
  std::unique_ptr<Org> org = NewOrg();
  const std::string text = R"({"records": {
    "Collection_Account__c": [{"Name": "A-1", "External_Id__c": "A-1"}],
    "Contact_Attempt__c": [
      {"Collection_Account__r": {"External_Id__c": "A-1"}, "Channel__c": "Call",
       "Attempted_At__c": "2025-02-28T14:00:00Z"},
      {"Collection_Account__r": {"External_Id__c": "A-1"},
       "Attempted_At__c": "2025-02-28T14:00:00Z"}]}})";
  StatusOr<DataLoadSummary> loaded = LoadDataJson(*org, text, "data.json", kNow);
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(loaded.status().message(),
            "data.json: records.Contact_Attempt__c[1]: REQUIRED_FIELD_MISSING: Required fields "
            "are missing: [Channel__c]");
  EXPECT_EQ(Rows(*org, "Collection_Account__c"), 0u);
  EXPECT_EQ(Rows(*org, "Contact_Attempt__c"), 0u);
  // The store is as before: the next account gets the first Id again.
  ASSERT_TRUE(LoadDataJson(*org, kPortfolio, "data.json", kNow).ok());
  EXPECT_EQ(
      Query(*org, "SELECT Id FROM Collection_Account__c WHERE Name = 'A-1'")["records"][0]["Id"],
      "a01000000000001AAA");
}

TEST(DataFileTest, StructureAndRecordErrorsNameThePlace) {
  struct Case {
    std::string text;
    std::string message;
  };
  const std::vector<Case> cases = {
      {"[]", "d.json: expected a JSON object with a \"records\" member, got array"},
      {R"({"record": {}})", "d.json: unknown member \"record\" (expected records)"},
      {R"({"records": []})", "d.json: records: expected an object, got array"},
      {R"({"records": {"Nope__c": []}})",
       "d.json: records.Nope__c: no such record object in "
       "the schema"},
      {R"({"records": {"Collection_Event__e": []}})",
       "d.json: records.Collection_Event__e: Collection_Event__e is a platform event; a data file "
       "holds records only"},
      {R"({"records": {"Account": {"Name": "x"}}})",
       "d.json: records.Account: expected an array of records, got object"},
      {R"({"records": {"Account": [{"Name": "x"}, 7]}})",
       "d.json: records.Account[1]: JSON_PARSER_ERROR: Expected a JSON object for the record"},
      {R"({"records": {"Account": [{"Nme": "x"}]}})",
       "d.json: records.Account[0]: INVALID_FIELD: No such column 'Nme' on sobject of type "
       "Account"},
      {R"({"records": {"Account": [{"Name": "x", "Id": "001000000000001AAA"}]}})",
       "d.json: records.Account[0]: INVALID_FIELD_FOR_INSERT_UPDATE: Unable to create/update "
       "fields: Id. Please check the security settings of this field and verify that it is "
       "read/write for your profile or permission set."},
      {R"({"records": {"Collection_Account__c": [{"Name": "a", "External_Id__c": "X"},
                                                {"Name": "b", "External_Id__c": "X"}]}})",
       "d.json: records.Collection_Account__c[1]: DUPLICATE_VALUE: duplicate value found: "
       "External_Id__c duplicates value on record with id: a01000000000001AAA"},
      {R"({"records": {"Contact_Attempt__c": [{"Collection_Account__r": {"External_Id__c": "Z"},
          "Channel__c": "Call", "Attempted_At__c": "2025-02-28T14:00:00Z"}]}})",
       "d.json: records.Contact_Attempt__c[0]: INVALID_FIELD: Foreign key external ID: Z not "
       "found for field External_Id__c in entity Collection_Account__c"},
      {"{\n  \"records\": {,\n}", "d.json:2:15: malformed JSON: "},
  };
  for (const Case& c : cases) {
    std::unique_ptr<Org> org = NewOrg();
    StatusOr<DataLoadSummary> loaded = LoadDataJson(*org, c.text, "d.json", kNow);
    ASSERT_FALSE(loaded.ok()) << c.text;
    EXPECT_EQ(loaded.status().code(), StatusCode::kInvalidArgument) << c.text;
    EXPECT_EQ(std::string(loaded.status().message()).substr(0, c.message.size()), c.message)
        << c.text;
    EXPECT_EQ(Rows(*org, "Account") + Rows(*org, "Collection_Account__c"), 0u) << c.text;
  }
}

TEST(DataFileTest, LoadsCsvWithQuotesRelationshipsAndCrlf) {
  std::unique_ptr<Org> org = NewOrg();
  ASSERT_TRUE(LoadDataJson(*org, R"({"records": {"Collection_Account__c": [
      {"Name": "A-1", "External_Id__c": "A-1"}]}})",
                           "d.json", kNow)
                  .ok());
  const ObjectDef& attempt = *org->schema().FindObject("Contact_Attempt__c");
  const std::string csv =
      "\xEF\xBB\xBF"
      "collection_account__r.external_id__c,Channel__c,Attempted_At__c,Notes__c,Outcome__c\r\n"
      "A-1,Call,2025-02-28T14:00:00Z,\"said \"\"call back\"\", later\",#N/A\r\n"
      "A-1,SMS,2025-02-28T15:00:00Z,\"two\nlines\",\r\n"
      "\r\n";
  StatusOr<DataLoadSummary> loaded = LoadObjectCsv(*org, attempt, csv, "a.csv", kNow);
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  EXPECT_EQ(loaded->total, 2u);
  const nlohmann::json rows =
      Query(*org,
            "SELECT Channel__c, Notes__c, Outcome__c, Collection_Account__r.Name "
            "FROM Contact_Attempt__c");
  ASSERT_EQ(rows["totalSize"], 2);
  EXPECT_EQ(rows["records"][0]["Notes__c"], "said \"call back\", later");
  EXPECT_TRUE(rows["records"][0]["Outcome__c"].is_null());
  EXPECT_EQ(rows["records"][0]["Collection_Account__r"]["Name"], "A-1");
  EXPECT_EQ(rows["records"][1]["Notes__c"], "two\nlines");
}

TEST(DataFileTest, CsvErrorsNameTheLineWhereTheRecordStarts) {
  struct Case {
    std::string csv;
    std::string message;
  };
  const std::vector<Case> cases = {
      {"", "a.csv: empty file; expected a header row"},
      {"Name,Nope__c\n",
       "a.csv:1: INVALID_FIELD: No such column 'Nope__c' on sobject of type "
       "Collection_Account__c"},
      {"Name,External_Id__c\nA,1\nB\n", "a.csv:3: 1 cells, but the header has 2"},
      {"Name,Segment__c\nA,\"x\ny\"\n,z\n",
       "a.csv:4: REQUIRED_FIELD_MISSING: Required fields are missing: [Name]"},
      {"Name,Balance__c\nA,lots\n",
       "a.csv:2: INVALID_TYPE_ON_FIELD_IN_RECORD: Balance: value not of required type: lots"},
      {"Name\n\"A\"x\n", "a.csv:2: unexpected text after a closing quote"},
      {"Name\n\"A\n", "a.csv:2: a quoted cell is not closed"},
  };
  for (const Case& c : cases) {
    std::unique_ptr<Org> org = NewOrg();
    const ObjectDef& account = *org->schema().FindObject("Collection_Account__c");
    StatusOr<DataLoadSummary> loaded = LoadObjectCsv(*org, account, c.csv, "a.csv", kNow);
    ASSERT_FALSE(loaded.ok()) << c.csv;
    EXPECT_EQ(loaded.status().message(), c.message) << c.csv;
    EXPECT_EQ(Rows(*org, "Collection_Account__c"), 0u) << c.csv;
  }
}

TEST(DataFileTest, LoadsACsvDirectoryInSchemaOrderAllOrNothing) {
  const std::filesystem::path dir = TempDir("csv-portfolio");
  // Alphabetically the accounts come first, but their strategy lookup needs the strategies.
  WriteFile(dir / "Collection_Account__c.csv",
            "Name,External_Id__c,Strategy__r.Code__c\nA-1,A-1,EARLY\nA-2,A-2,\n");
  WriteFile(dir / "collection_strategy__c.csv", "Name,Code__c,Priority__c\nEarly,EARLY,1\n");
  WriteFile(dir / "README.txt", "not data\n");
  std::unique_ptr<Org> org = NewOrg();
  StatusOr<DataLoadSummary> loaded = LoadDataPath(*org, dir.string(), kNow);
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  EXPECT_EQ(loaded->total, 3u);
  ASSERT_EQ(loaded->objects.size(), 2u);
  EXPECT_EQ(loaded->objects[0].first, "Collection_Strategy__c");
  const nlohmann::json rows =
      Query(*org, "SELECT Name, Strategy__r.Code__c FROM Collection_Account__c ORDER BY Name");
  EXPECT_EQ(rows["records"][0]["Strategy__r"]["Code__c"], "EARLY");
  EXPECT_TRUE(rows["records"][1]["Strategy__r"].is_null());

  // A bad record in the second file rolls back the first file too.
  WriteFile(dir / "Collection_Account__c.csv", "Name,Strategy__r.Code__c\nA-1,LATE\n");
  std::unique_ptr<Org> fresh = NewOrg();
  loaded = LoadDataPath(*fresh, dir.string(), kNow);
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.status().message(),
            (dir / "Collection_Account__c.csv").string() +
                ":2: INVALID_FIELD: Foreign key external ID: LATE not found for field Code__c in "
                "entity Collection_Strategy__c");
  EXPECT_EQ(Rows(*fresh, "Collection_Strategy__c"), 0u);

  WriteFile(dir / "Nope__c.csv", "Name\nx\n");
  loaded = LoadDataPath(*fresh, dir.string(), kNow);
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.status().message(),
            (dir / "Nope__c.csv").string() + ": no such record object in the schema");
}

TEST(DataFileTest, PathsThatCannotBeReadAreNotFound) {
  std::unique_ptr<Org> org = NewOrg();
  const std::string missing = (std::filesystem::path(::testing::TempDir()) / "nope.json").string();
  StatusOr<DataLoadSummary> loaded = LoadDataPath(*org, missing, kNow);
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(loaded.status().message(), "cannot read " + missing);
  Schema schema = DefaultCollectionsSchema();
  EXPECT_EQ(ExtendSchemaFromFile(missing, &schema).message(), "cannot read " + missing);
}

TEST(DataFileTest, AJsonFileOnDiskNamesItselfInErrors) {
  const std::filesystem::path dir = TempDir("json-file");
  WriteFile(dir / "data.json", R"({"records": {"Account": [{"Name": 5}, {}]}})");
  std::unique_ptr<Org> org = NewOrg();
  StatusOr<DataLoadSummary> loaded = LoadDataPath(*org, (dir / "data.json").string(), kNow);
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.status().message(),
            (dir / "data.json").string() +
                ": records.Account[1]: REQUIRED_FIELD_MISSING: Required fields are missing: "
                "[Name]");
}

TEST(DataFileTest, SchemaExtensionFilesAddObjectsThatDataFilesFill) {
  const std::filesystem::path dir = TempDir("extension");
  WriteFile(dir / "ext.json", R"({"objects": [{"name": "Legal_Case__c", "fields": [
      {"name": "Collection_Account__c", "type": "reference", "referenceTo": "Collection_Account__c",
       "childRelationshipName": "Legal_Cases__r"},
      {"name": "Court__c", "type": "string", "length": 40}]}]})");
  Schema schema = DefaultCollectionsSchema();
  ASSERT_TRUE(ExtendSchemaFromFile((dir / "ext.json").string(), &schema).ok());
  std::unique_ptr<Org> org = NewOrg(std::move(schema));
  StatusOr<DataLoadSummary> loaded = LoadDataJson(*org, R"({"records": {
      "Collection_Account__c": [{"Name": "A-1", "External_Id__c": "A-1"}],
      "Legal_Case__c": [{"Name": "LC-1", "Court__c": "Cook County",
                         "Collection_Account__r": {"External_Id__c": "A-1"}}]}})",
                                                  "d.json", kNow);
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  const nlohmann::json rows =
      Query(*org, "SELECT Name, (SELECT Court__c FROM Legal_Cases__r) FROM Collection_Account__c");
  EXPECT_EQ(rows["records"][0]["Legal_Cases__r"]["records"][0]["Court__c"], "Cook County");

  WriteFile(dir / "bad.json", R"({"objects": [{"name": "Bad"}]})");
  Schema other = DefaultCollectionsSchema();
  const Status bad = ExtendSchemaFromFile((dir / "bad.json").string(), &other);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(std::string(bad.message()).rfind((dir / "bad.json").string() + ": $.objects[0]", 0), 0u)
      << bad.message();
}

}  // namespace
}  // namespace recoup::sim::org
