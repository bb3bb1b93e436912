// Shared fixture for the record store tests: the default schema, a store with one integration user,
// and helpers to build inputs by field name and to snapshot the whole logical state of a store.
#ifndef RECOUP_TESTS_SIM_ORG_STORE_TEST_UTIL_H_
#define RECOUP_TESTS_SIM_ORG_STORE_TEST_UTIL_H_

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "core/base/time.h"
#include "sim/org/record_store.h"
#include "sim/org/schema.h"

namespace recoup::sim::org::testing {

class StoreTest : public ::testing::Test {
 protected:
  StoreTest() : schema_(DefaultCollectionsSchema()), store_(schema_) {}

  void SetUp() override {
    // The first user creates itself: its own Id is serial 1 of User.
    SfOr<SfId> user =
        store_.Create(Obj("User"),
                      In("User", {{"Name", FieldValue::String("Integration User")},
                                  {"Username", FieldValue::String("integration@recoup.example")}}),
                      now_, user_);
    ASSERT_TRUE(user.ok()) << user.error().message;
    ASSERT_EQ(*user, user_);
  }

  const ObjectDef& Obj(std::string_view name) const {
    const ObjectDef* o = schema_.FindObject(name);
    EXPECT_NE(o, nullptr) << name;
    return *o;
  }
  const FieldDef& Field(std::string_view object, std::string_view field) const {
    const FieldDef* f = Obj(object).FindField(field);
    EXPECT_NE(f, nullptr) << object << "." << field;
    return *f;
  }
  RecordInput In(std::string_view object,
                 std::vector<std::pair<std::string, FieldValue>> values) const {
    RecordInput input;
    for (auto& [name, value] : values) {
      input.push_back(FieldInput{&Field(object, name), std::move(value), nullptr});
    }
    return input;
  }

  // Creates a Collection_Account__c (and checks success).
  SfId NewAccount(const std::string& name, const std::string& ext) {
    SfOr<SfId> id = store_.Create(
        Obj("Collection_Account__c"),
        In("Collection_Account__c",
           {{"Name", FieldValue::String(name)}, {"External_Id__c", FieldValue::String(ext)}}),
        now_, user_);
    EXPECT_TRUE(id.ok()) << id.error().message;
    return id.ok() ? *id : SfId();
  }
  SfId NewAttempt(const SfId& account, const std::string& channel = "Call") {
    SfOr<SfId> id = store_.Create(
        Obj("Contact_Attempt__c"),
        In("Contact_Attempt__c", {{"Collection_Account__c", FieldValue::Id(account)},
                                  {"Channel__c", FieldValue::String(channel)},
                                  {"Attempted_At__c", FieldValue::DateTime(1'700'000'000'000)}}),
        now_, user_);
    EXPECT_TRUE(id.ok()) << id.error().message;
    return id.ok() ? *id : SfId();
  }

  ValueView Value(std::string_view object, const SfId& id, std::string_view field) const {
    SfOr<RowIndex> row = store_.FindRow(Obj(object), id, /*all_rows=*/true);
    EXPECT_TRUE(row.ok());
    return store_.Get(Obj(object), *row, Field(object, field));
  }

  std::vector<RowIndex> Children(std::string_view parent, std::string_view rel, const SfId& id,
                                 bool all_rows = false) const {
    const ChildRelationship* r = Obj(parent).FindChildRelationship(rel);
    EXPECT_NE(r, nullptr);
    std::vector<RowIndex> out;
    store_.AppendChildren(*r, *store_.FindRow(Obj(parent), id, true), all_rows, &out);
    return out;
  }

  // Every row's every value (as JSON text), deleted flags, and child lists: the logical state.
  std::string Snapshot() const {
    std::string out;
    for (size_t i = 0; i < schema_.object_count(); ++i) {
      const ObjectDef& o = schema_.object(static_cast<int>(i));
      if (o.is_platform_event()) continue;
      out += o.name() + " rows=" + std::to_string(store_.row_count(o)) +
             " live=" + std::to_string(store_.live_row_count(o)) + "\n";
      for (RowIndex r = 0; r < store_.row_count(o); ++r) {
        for (const FieldDef& f : o.fields()) {
          std::string v;
          AppendValueJson(store_.Get(o, r, f), &v);
          out += v + "|";
        }
        for (const ChildRelationship& rel : o.child_relationships()) {
          out += rel.relationship_name + "=[";
          for (RowIndex c = store_.FirstChild(rel, r); c != kNoRow; c = store_.NextChild(rel, c)) {
            out += std::to_string(c) + ",";
          }
          out += "]";
        }
        out += "\n";
      }
    }
    return out;
  }

  Schema schema_;
  RecordStore store_;
  Timestamp now_ = Timestamp::FromCivilUtc(2025, 3, 1, 12, 0, 0);
  SfId user_ = SfId::Generate("005", 1);
};

// Asserts an SfError's status, code and message.
inline void ExpectError(const SfError& e, int status, const std::string& code,
                        const std::string& message, const std::vector<std::string>& fields,
                        const std::string& what) {
  EXPECT_EQ(e.http_status, status) << what;
  EXPECT_EQ(e.error_code, code) << what;
  EXPECT_EQ(e.message, message) << what;
  EXPECT_EQ(e.fields, fields) << what;
}

}  // namespace recoup::sim::org::testing

#endif  // RECOUP_TESTS_SIM_ORG_STORE_TEST_UTIL_H_
