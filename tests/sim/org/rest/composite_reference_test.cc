// Unit tests for composite references (sim/org/rest/composite_reference.h): referenceId syntax,
// path evaluation, substitution in text and JSON bodies, and the unresolved-reference error.
#include "sim/org/rest/composite_reference.h"

#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <string>

namespace recoup::sim::org::rest {
namespace {

TEST(CompositeReferenceTest, ReferenceIdSyntax) {
  const std::map<std::string, bool> cases = {
      {"acct", true}, {"Acct_1", true}, {"1st", true},  {"a", true},    {"_acct", false},
      {"", false},    {"a-b", false},   {"a.b", false}, {"a b", false}, {"acct__c", true},
      {"é", false},   {"a[0]", false},  {"9_", true},   {"x@y", false},
  };
  for (const auto& [id, valid] : cases) EXPECT_EQ(IsValidReferenceId(id), valid) << id;
}

TEST(CompositeReferenceTest, EvaluatesMembersAndIndexes) {
  const nlohmann::json root = nlohmann::json::parse(R"({
      "id": "001000000000001AAA", "n": 3, "flag": false, "none": null,
      "records": [{"Id": "a", "Owner": {"Name": "Ann"}}, {"Id": "b"}],
      "matrix": [[1, 2], [3, 4]]})");
  const std::map<std::string, nlohmann::json> found = {
      {".id", "001000000000001AAA"},
      {".n", 3},
      {".flag", false},
      {".none", nullptr},
      {".records[0].Id", "a"},
      {".records[1].Id", "b"},
      {".records[0].Owner.Name", "Ann"},
      {".matrix[1][0]", 3},
      {"", root},
  };
  for (const auto& [path, value] : found) {
    const nlohmann::json* got = EvaluateReferencePath(root, path);
    ASSERT_NE(got, nullptr) << path;
    EXPECT_EQ(*got, value) << path;
  }
  for (const char* path : {".Id", ".records[2].Id", ".records[x]", ".records[]", ".records.Id",
                           ".id.more", "..id", ".", "id", ".records[0", ".records[-1]",
                           ".records[0]Id", ".n[0]", ".records[99999999999]"}) {
    EXPECT_EQ(EvaluateReferencePath(root, path), nullptr) << path;
  }
  const nlohmann::json list = nlohmann::json::parse(R"([{"id": "x", "success": true}])");
  ASSERT_NE(EvaluateReferencePath(list, "[0].id"), nullptr);
  EXPECT_EQ(*EvaluateReferencePath(list, "[0].id"), "x");
}

class ResolveTest : public ::testing::Test {
 protected:
  ResolveTest() {
    bodies_["acct"] = nlohmann::json::parse(R"({"id": "001000000000001AAA", "success": true})");
    bodies_["q"] = nlohmann::json::parse(
        R"({"totalSize": 2, "done": true, "records": [{"Id": "a01000000000001AAA",
            "Balance__c": 12.5, "Owner": {"Name": "Ann"}}, {"Id": "a01000000000002AAA"}]})");
    bodies_["empty"] = nlohmann::json::parse(R"({"totalSize": 0, "done": true, "records": []})");
    lookup_ = [this](std::string_view ref) -> const nlohmann::json* {
      const auto it = bodies_.find(std::string(ref));
      return it == bodies_.end() ? nullptr : &it->second;
    };
  }
  std::map<std::string, nlohmann::json> bodies_;
  ReferenceLookup lookup_;
};

TEST_F(ResolveTest, ReplacesEveryReferenceInText) {
  const std::map<std::string, std::string> cases = {
      {"/services/data/v62.0/sobjects/Account/@{acct.id}",
       "/services/data/v62.0/sobjects/Account/001000000000001AAA"},
      {"@{q.records[0].Id},@{q.records[1].Id}", "a01000000000001AAA,a01000000000002AAA"},
      {"n=@{q.totalSize}&b=@{q.records[0].Balance__c}&d=@{q.done}", "n=2&b=12.5&d=true"},
      {"owner @{q.records[0].Owner}", R"(owner {"Name":"Ann"})"},
      {"no references", "no references"},
      {"open @{acct.id but never closed", "open @{acct.id but never closed"},
      {"email@{example}", ""},  // resolved below as an error
  };
  for (const auto& [text, want] : cases) {
    SfOr<std::string> got = ResolveReferencesInText(text, lookup_);
    if (want.empty()) {
      EXPECT_FALSE(got.ok()) << text;
      continue;
    }
    ASSERT_TRUE(got.ok()) << text << ": " << got.error().message;
    EXPECT_EQ(*got, want) << text;
  }
}

TEST_F(ResolveTest, UnresolvableReferencesGiveSalesforcesError) {
  struct Case {
    std::string text, expression, reference_id;
  };
  const Case cases[] = {
      {"/x/@{empty.records[0].Id}", "empty.records[0].Id", "empty"},
      {"@{nobody.id}", "nobody.id", "nobody"},
      {"@{acct.Id}", "acct.Id", "acct"},  // member names are case-sensitive
      {"@{acct}", "acct", "acct"},        // a path is required
      {"@{q.records[0].Missing__c}", "q.records[0].Missing__c", "q"},
      {"@{.id}", ".id", ".id"},
  };
  for (const Case& c : cases) {
    SfOr<std::string> got = ResolveReferencesInText(c.text, lookup_);
    ASSERT_FALSE(got.ok()) << c.text;
    EXPECT_EQ(got.error(), InvalidReferenceError(c.expression, c.reference_id)) << c.text;
  }
  const SfError e = InvalidReferenceError("schoolRt.records[0].Id", "schoolRt");
  EXPECT_EQ(e.http_status, 400);
  EXPECT_EQ(e.error_code, "PROCESSING_HALTED");
  EXPECT_EQ(e.message,
            "Invalid reference specified. No value for schoolRt.records[0].Id found in schoolRt. "
            "Provided referenceId ('schoolRt') must start with a letter or a number, and it can "
            "contain only letters, numbers and underscores ('_').");
}

TEST_F(ResolveTest, ReplacesInsideJsonStringValuesOnly) {
  nlohmann::json body = nlohmann::json::parse(R"({
      "Collection_Account__c": "@{q.records[1].Id}",
      "Name": "Account @{acct.id}",
      "@{acct.id}": "keys stay",
      "nested": {"list": ["@{q.totalSize}", 7, null, true]}})");
  ASSERT_TRUE(ResolveReferencesInJson(&body, lookup_).ok());
  EXPECT_EQ(body, nlohmann::json::parse(R"({
      "Collection_Account__c": "a01000000000002AAA",
      "Name": "Account 001000000000001AAA",
      "@{acct.id}": "keys stay",
      "nested": {"list": ["2", 7, null, true]}})"));

  nlohmann::json bad = {{"a", {{"b", "@{q.records[5].Id}"}}}};
  SfStatus st = ResolveReferencesInJson(&bad, lookup_);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error(), InvalidReferenceError("q.records[5].Id", "q"));
}

}  // namespace
}  // namespace recoup::sim::org::rest
