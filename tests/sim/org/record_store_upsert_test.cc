// RecordStore upsert: create or update by external Id or Id, update-only, ambiguous matches (HTTP
// 300), unknown external-Id fields.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "sim/org/record_store.h"
#include "tests/sim/org/store_test_util.h"

namespace recoup::sim::org {
namespace {

using testing::ExpectError;
using testing::StoreTest;

TEST_F(StoreTest, UpsertCreatesThenUpdates) {
  const std::string o = "Collection_Account__c";
  SfOr<const FieldDef*> ext = store_.ResolveExternalIdField(Obj(o), "external_id__c");
  ASSERT_TRUE(ext.ok());
  SfOr<UpsertResult> created =
      store_.Upsert(Obj(o), **ext, FieldValue::String("U-1"),
                    In(o, {{"Name", FieldValue::String("First")}}), now_, user_);
  ASSERT_TRUE(created.ok()) << created.error().message;
  EXPECT_TRUE(created->created);
  EXPECT_EQ(Value(o, created->id, "External_Id__c").str(), "U-1");
  SfOr<UpsertResult> updated =
      store_.Upsert(Obj(o), **ext, FieldValue::String("u-1"),
                    In(o, {{"Name", FieldValue::String("Second")}}), now_, user_);
  ASSERT_TRUE(updated.ok());
  EXPECT_FALSE(updated->created);
  EXPECT_EQ(updated->id, created->id);
  EXPECT_EQ(Value(o, created->id, "Name").str(), "Second");
  EXPECT_EQ(store_.row_count(Obj(o)), 1u);

  // update_only refuses to insert.
  SfOr<UpsertResult> refused =
      store_.Upsert(Obj(o), **ext, FieldValue::String("U-2"),
                    In(o, {{"Name", FieldValue::String("x")}}), now_, user_, /*update_only=*/true);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().http_status, 404);
  // A body value that disagrees with the key.
  SfOr<UpsertResult> mismatch = store_.Upsert(
      Obj(o), **ext, FieldValue::String("U-3"),
      In(o, {{"Name", FieldValue::String("x")}, {"External_Id__c", FieldValue::String("U-4")}}),
      now_, user_);
  ASSERT_FALSE(mismatch.ok());
  ExpectError(mismatch.error(), 400, "INVALID_FIELD",
              "The external ID field value in the body does not match the URL", {"External_Id__c"},
              "mismatch");
  // Create errors surface unchanged.
  SfOr<UpsertResult> missing =
      store_.Upsert(Obj(o), **ext, FieldValue::String("U-5"), {}, now_, user_);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().error_code, "REQUIRED_FIELD_MISSING");
}

TEST_F(StoreTest, UpsertByIdAndUnknownFields) {
  const std::string o = "Collection_Account__c";
  SfOr<const FieldDef*> id_field = store_.ResolveExternalIdField(Obj(o), "Id");
  ASSERT_TRUE(id_field.ok());
  SfOr<UpsertResult> created =
      store_.Upsert(Obj(o), **id_field, FieldValue::Null(),
                    In(o, {{"Name", FieldValue::String("A")}}), now_, user_);
  ASSERT_TRUE(created.ok());
  EXPECT_TRUE(created->created);
  SfOr<UpsertResult> updated =
      store_.Upsert(Obj(o), **id_field, FieldValue::Id(created->id),
                    In(o, {{"Name", FieldValue::String("B")}}), now_, user_);
  ASSERT_TRUE(updated.ok());
  EXPECT_FALSE(updated->created);
  SfOr<UpsertResult> unknown =
      store_.Upsert(Obj(o), **id_field, FieldValue::Id(SfId::Generate("a01", 9)),
                    In(o, {{"Name", FieldValue::String("C")}}), now_, user_);
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().error_code, "NOT_FOUND");
  for (const char* bad : {"Nope__c", "Name", "Balance__c"}) {
    SfOr<const FieldDef*> f = store_.ResolveExternalIdField(Obj(o), bad);
    ASSERT_FALSE(f.ok()) << bad;
    ExpectError(
        f.error(), 404, "NOT_FOUND",
        std::string("Provided external ID field does not exist or is not accessible: ") + bad, {},
        bad);
  }
}

// A schema with a non-unique external id, where upsert can match several rows (HTTP 300).
TEST(StoreUpsertTest, SeveralMatchesAreMultipleChoices) {
  Schema schema = DefaultCollectionsSchema();
  ObjectSpec spec;
  spec.name = "Lead_Import__c";
  FieldDef ext = MakeTextField("Source_Key__c", "Source Key", 40);
  ext.external_id = true;
  spec.fields.push_back(ext);
  ASSERT_TRUE(schema.AddObject(spec).ok());
  RecordStore store(schema);
  const ObjectDef& o = *schema.FindObject("Lead_Import__c");
  const FieldDef& key = *o.FindField("Source_Key__c");
  const SfId user = SfId::Generate("005", 1);
  const Timestamp now = Timestamp::FromUnixSeconds(1'700'000'000);
  std::vector<SfId> ids;
  for (const char* name : {"a", "b"}) {
    SfOr<SfId> id = store.Create(o,
                                 {{o.FindField("Name"), FieldValue::String(name), nullptr},
                                  {&key, FieldValue::String("K"), nullptr}},
                                 now, user);
    ASSERT_TRUE(id.ok()) << id.error().message;
    ids.push_back(*id);
  }
  SfOr<UpsertResult> r =
      store.Upsert(o, key, FieldValue::String("k"),
                   {{o.FindField("Name"), FieldValue::String("c"), nullptr}}, now, user);
  ASSERT_FALSE(r.ok());
  ExpectError(r.error(), 300, "MULTIPLE_CHOICES",
              "Source_Key__c: more than one record found for external id field: [" +
                  ids[0].ToLong() + ", " + ids[1].ToLong() + "]",
              {ids[0].ToLong(), ids[1].ToLong()}, "ambiguous upsert");
  EXPECT_EQ(store.row_count(o), 2u);
}

}  // namespace
}  // namespace recoup::sim::org
