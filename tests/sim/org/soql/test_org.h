// A small mock org for the SOQL binder, executor and engine tests: the default collections schema
// plus a multi-select picklist (Tags__c) and a case-sensitive unique text field (Code_CS__c) on
// Collection_Account__c, a store, and helpers to create records from JSON.
#ifndef RECOUP_TESTS_SIM_ORG_SOQL_TEST_ORG_H_
#define RECOUP_TESTS_SIM_ORG_SOQL_TEST_ORG_H_

#include <gtest/gtest.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "sim/org/record_input.h"
#include "sim/org/record_store.h"
#include "sim/org/schema.h"

namespace recoup::sim::org::soql::testing {

inline Timestamp At(const char* iso) {
  StatusOr<Timestamp> t = Timestamp::ParseIso8601(iso);
  RECOUP_CHECK_MSG(t.ok(), iso);
  return *t;
}

class TestOrg {
 public:
  TestOrg() : schema_(MakeSchema()), store_(std::make_unique<RecordStore>(schema_)) {
    admin_ = SfId::Generate("005", 1);
    Create("User", {{"Name", "Admin"}, {"Username", "admin@example.com"}, {"LastName", "Admin"}});
  }

  const Schema& schema() const { return schema_; }
  RecordStore& store() { return *store_; }
  const SfId& admin() const { return admin_; }
  const ObjectDef& Object(std::string_view name) const {
    const ObjectDef* o = schema_.FindObject(name);
    RECOUP_CHECK(o != nullptr);
    return *o;
  }

  // Creates a record (the body as a REST request would carry it); fails the test on error.
  SfId Create(std::string_view object, const nlohmann::json& body,
              Timestamp now = At("2025-01-15T12:00:00Z")) {
    const ObjectDef& o = Object(object);
    SfOr<RecordInput> input = RecordInputFromJson(o, schema_, body);
    EXPECT_TRUE(input.ok()) << (input.ok() ? "" : input.error().message);
    if (!input.ok()) return SfId();
    SfOr<SfId> id = store_->Create(o, *input, now, admin_);
    EXPECT_TRUE(id.ok()) << (id.ok() ? "" : id.error().error_code + ": " + id.error().message);
    return id.ok() ? *id : SfId();
  }

  void Delete(std::string_view object, const SfId& id) {
    SfStatus s = store_->Delete(Object(object), id, At("2025-01-20T12:00:00Z"), admin_);
    EXPECT_TRUE(s.ok());
  }

 private:
  static Schema MakeSchema() {
    Schema schema = DefaultCollectionsSchema();
    Status s = schema.AddField("Collection_Account__c",
                               MakePicklistField("Tags__c", "Tags", {"a", "b", "c", "d"}, true,
                                                 FieldType::kMultiPicklist));
    RECOUP_CHECK_MSG(s.ok(), s.ToString());
    FieldDef code = MakeTextField("Code_CS__c", "Code (case-sensitive)", 40);
    code.unique = true;
    code.case_sensitive = true;
    s = schema.AddField("Collection_Account__c", code);
    RECOUP_CHECK_MSG(s.ok(), s.ToString());
    return schema;
  }

  Schema schema_;
  std::unique_ptr<RecordStore> store_;
  SfId admin_;
};

}  // namespace recoup::sim::org::soql::testing

#endif  // RECOUP_TESTS_SIM_ORG_SOQL_TEST_ORG_H_
