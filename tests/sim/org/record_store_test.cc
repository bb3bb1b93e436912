// RecordStore: create / retrieve / update / delete / upsert semantics and every error path.
#include "sim/org/record_store.h"

#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

#include "tests/sim/org/store_test_util.h"

namespace recoup::sim::org {
namespace {

using testing::ExpectError;
using testing::StoreTest;

constexpr int64_t kNowMs = 1740830400000;  // 2025-03-01T12:00:00Z

TEST_F(StoreTest, CreateFillsDefaultsAuditFieldsAndIds) {
  const SfId a = NewAccount("Jane Roe", "EXT-1");
  const SfId b = NewAccount("John Doe", "EXT-2");
  EXPECT_EQ(a.ToLong(), "a01000000000001AAA");
  EXPECT_EQ(b.ToLong(), "a01000000000002AAA");
  const std::string o = "Collection_Account__c";
  EXPECT_EQ(Value(o, a, "Id").id(), a);
  EXPECT_EQ(Value(o, a, "Name").str(), "Jane Roe");
  EXPECT_EQ(Value(o, a, "External_Id__c").str(), "EXT-1");
  EXPECT_EQ(Value(o, a, "Status__c").str(), "New");             // picklist default
  EXPECT_FALSE(Value(o, a, "Do_Not_Contact__c").bool_value());  // checkbox default
  EXPECT_FALSE(Value(o, a, "IsDeleted").bool_value());
  EXPECT_TRUE(Value(o, a, "Balance__c").is_null());
  EXPECT_EQ(Value(o, a, "OwnerId").id(), user_);
  EXPECT_EQ(Value(o, a, "CreatedById").id(), user_);
  EXPECT_EQ(Value(o, a, "LastModifiedById").id(), user_);
  EXPECT_EQ(Value(o, a, "CreatedDate").datetime_millis(), kNowMs);
  EXPECT_EQ(Value(o, a, "LastModifiedDate").datetime_millis(), kNowMs);
  EXPECT_EQ(Value(o, a, "SystemModstamp").datetime_millis(), kNowMs);
  EXPECT_EQ(store_.row_count(Obj(o)), 2u);
  EXPECT_EQ(store_.live_row_count(Obj(o)), 2u);
}

TEST_F(StoreTest, AutoNumberNamesComeFromTheRow) {
  const SfId a = NewAccount("A", "X1");
  const SfId first = NewAttempt(a);
  const SfId second = NewAttempt(a, "SMS");
  EXPECT_EQ(Value("Contact_Attempt__c", first, "Name").str(), "CA-0000001");
  EXPECT_EQ(Value("Contact_Attempt__c", second, "Name").str(), "CA-0000002");
  EXPECT_EQ(Value("Contact_Attempt__c", second, "Channel__c").str(), "SMS");
}

TEST_F(StoreTest, ValuesRoundTripEveryType) {
  const SfId acct = NewAccount("Parent", "P");
  const std::string o = "Collection_Account__c";
  ASSERT_TRUE(store_
                  .Update(Obj(o), acct,
                          In(o, {{"Balance__c", FieldValue::Double(1234.5)},
                                 {"Days_Past_Due__c", FieldValue::Int(45)},
                                 {"Status__c", FieldValue::String("active")},
                                 {"Segment__c", FieldValue::String("Brand New Segment")},
                                 {"Due_Date__c", FieldValue::Date(20000)},
                                 {"Next_Action_At__c", FieldValue::DateTime(-5)},
                                 {"Do_Not_Contact__c", FieldValue::Bool(true)},
                                 {"Arm__c", FieldValue::String("challenger-\xc3\xa9")}}),
                          now_, user_)
                  .ok());
  EXPECT_EQ(Value(o, acct, "Balance__c").double_value(), 1234.5);
  EXPECT_EQ(Value(o, acct, "Days_Past_Due__c").double_value(),
            45.0);                                         // int stored in a double field
  EXPECT_EQ(Value(o, acct, "Status__c").str(), "Active");  // restricted: canonical spelling
  EXPECT_EQ(Value(o, acct, "Segment__c").str(), "Brand New Segment");  // unrestricted: grows
  EXPECT_EQ(Value(o, acct, "Due_Date__c").date_days(), 20000);
  EXPECT_EQ(Value(o, acct, "Next_Action_At__c").datetime_millis(), -5);
  EXPECT_TRUE(Value(o, acct, "Do_Not_Contact__c").bool_value());
  EXPECT_EQ(Value(o, acct, "Arm__c").str(), "challenger-\xc3\xa9");
  // Null clears.
  ASSERT_TRUE(
      store_.Update(Obj(o), acct, In(o, {{"Arm__c", FieldValue::Null()}}), now_, user_).ok());
  EXPECT_TRUE(Value(o, acct, "Arm__c").is_null());
}

struct CreateErrorCase {
  const char* what;
  const char* object;
  std::function<RecordInput(StoreTest*)> input;
  int status;
  const char* code;
  std::string message;
  std::vector<std::string> fields;
};

class StoreErrorTest : public StoreTest {
 public:
  RecordInput InPublic(std::string_view o, std::vector<std::pair<std::string, FieldValue>> v) {
    return In(o, std::move(v));
  }
  const FieldDef& FieldPublic(std::string_view o, std::string_view f) { return Field(o, f); }
  SfId deleted_account_;
  SfId live_account_;
};

TEST_F(StoreErrorTest, CreateErrors) {
  live_account_ = NewAccount("Live", "EXT-1");
  deleted_account_ = NewAccount("Gone", "EXT-2");
  ASSERT_TRUE(store_.Delete(Obj("Collection_Account__c"), deleted_account_, now_, user_).ok());
  const std::string contact_id = SfId::Generate("003", 1).ToLong();
  const std::vector<CreateErrorCase> cases = {
      {"not createable",
       "Collection_Account__c",
       [](StoreTest* t) {
         auto* s = static_cast<StoreErrorTest*>(t);
         return s->InPublic("Collection_Account__c", {{"Name", FieldValue::String("x")},
                                                      {"CreatedDate", FieldValue::DateTime(0)},
                                                      {"IsDeleted", FieldValue::Bool(true)}});
       },
       400,
       "INVALID_FIELD_FOR_INSERT_UPDATE",
       "Unable to create/update fields: CreatedDate, IsDeleted. Please check the security settings "
       "of this field and verify that it is read/write for your profile or permission set.",
       {"CreatedDate", "IsDeleted"}},
      {"auto-number name",
       "Contact_Attempt__c",
       [](StoreTest* t) {
         return static_cast<StoreErrorTest*>(t)->InPublic("Contact_Attempt__c",
                                                          {{"Name", FieldValue::String("CA-9")}});
       },
       400,
       "INVALID_FIELD_FOR_INSERT_UPDATE",
       "Unable to create/update fields: Name. Please check the security settings of this field and "
       "verify that it is read/write for your profile or permission set.",
       {"Name"}},
      {"required Name",
       "Collection_Account__c",
       [](StoreTest* t) {
         return static_cast<StoreErrorTest*>(t)->InPublic("Collection_Account__c",
                                                          {{"Balance__c", FieldValue::Double(10)}});
       },
       400,
       "REQUIRED_FIELD_MISSING",
       "Required fields are missing: [Name]",
       {"Name"}},
      {"required set to null",
       "Collection_Account__c",
       [](StoreTest* t) {
         return static_cast<StoreErrorTest*>(t)->InPublic("Collection_Account__c",
                                                          {{"Name", FieldValue::Null()}});
       },
       400,
       "REQUIRED_FIELD_MISSING",
       "Required fields are missing: [Name]",
       {"Name"}},
      {"several required",
       "Payment_Arrangement__c",
       [](StoreTest* t) {
         return static_cast<StoreErrorTest*>(t)->InPublic("Payment_Arrangement__c",
                                                          {{"Instalments__c", FieldValue::Int(3)}});
       },
       400,
       "REQUIRED_FIELD_MISSING",
       "Required fields are missing: [Collection_Account__c, Amount__c]",
       {"Collection_Account__c", "Amount__c"}},
      {"duplicate external id",
       "Collection_Account__c",
       [](StoreTest* t) {
         return static_cast<StoreErrorTest*>(t)->InPublic(
             "Collection_Account__c",
             {{"Name", FieldValue::String("x")}, {"External_Id__c", FieldValue::String("ext-1")}});
       },
       400,
       "DUPLICATE_VALUE",
       "duplicate value found: External_Id__c duplicates value on record with id: "
       "a01000000000001AAA",
       {"External_Id__c"}},
      {"restricted picklist",
       "Collection_Account__c",
       [](StoreTest* t) {
         return static_cast<StoreErrorTest*>(t)->InPublic(
             "Collection_Account__c",
             {{"Name", FieldValue::String("x")}, {"Status__c", FieldValue::String("Lost")}});
       },
       400,
       "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST",
       "Status: bad value for restricted picklist field: Lost",
       {"Status__c"}},
      {"wrong kind",
       "Collection_Account__c",
       [](StoreTest* t) {
         return static_cast<StoreErrorTest*>(t)->InPublic(
             "Collection_Account__c",
             {{"Name", FieldValue::String("x")}, {"Balance__c", FieldValue::String("ten")}});
       },
       400,
       "INVALID_TYPE_ON_FIELD_IN_RECORD",
       "Balance: value not of required type: ten",
       {"Balance__c"}},
      {"too long",
       "Collection_Account__c",
       [](StoreTest* t) {
         return static_cast<StoreErrorTest*>(t)->InPublic(
             "Collection_Account__c", {{"Name", FieldValue::String(std::string(81, 'n'))}});
       },
       400,
       "STRING_TOO_LONG",
       "Collection Account Name: data value too large: " + std::string(81, 'n') +
           " (max length=80)",
       {"Name"}},
      {"reference of another type",
       "Collection_Account__c",
       [contact_id](StoreTest* t) {
         return static_cast<StoreErrorTest*>(t)->InPublic(
             "Collection_Account__c", {{"Name", FieldValue::String("x")},
                                       {"Account__c", FieldValue::Id(*ParseId(contact_id))}});
       },
       400,
       "FIELD_INTEGRITY_EXCEPTION",
       "Account: id value of incorrect type: " + contact_id,
       {"Account__c"}},
      {"reference to nothing",
       "Contact_Attempt__c",
       [](StoreTest* t) {
         return static_cast<StoreErrorTest*>(t)->InPublic(
             "Contact_Attempt__c",
             {{"Collection_Account__c", FieldValue::Id(SfId::Generate("a01", 99))},
              {"Channel__c", FieldValue::String("Call")},
              {"Attempted_At__c", FieldValue::DateTime(0)}});
       },
       400,
       "INVALID_CROSS_REFERENCE_KEY",
       "invalid cross reference id",
       {"Collection_Account__c"}},
      {"reference to a deleted record",
       "Contact_Attempt__c",
       [](StoreTest* t) {
         auto* s = static_cast<StoreErrorTest*>(t);
         return s->InPublic("Contact_Attempt__c",
                            {{"Collection_Account__c", FieldValue::Id(s->deleted_account_)},
                             {"Channel__c", FieldValue::String("Call")},
                             {"Attempted_At__c", FieldValue::DateTime(0)}});
       },
       400,
       "ENTITY_IS_DELETED",
       "entity is deleted",
       {"Collection_Account__c"}},
      {"field of another object",
       "Collection_Account__c",
       [](StoreTest* t) {
         auto* s = static_cast<StoreErrorTest*>(t);
         return RecordInput{
             {&s->FieldPublic("Dispute__c", "Reason__c"), FieldValue::String("Other"), nullptr}};
       },
       400,
       "INVALID_FIELD",
       "No such column 'Reason__c' on sobject of type Collection_Account__c",
       {}},
      {"same field twice",
       "Collection_Account__c",
       [](StoreTest* t) {
         return static_cast<StoreErrorTest*>(t)->InPublic(
             "Collection_Account__c",
             {{"Name", FieldValue::String("x")}, {"Name", FieldValue::String("y")}});
       },
       400,
       "INVALID_FIELD",
       "Duplicate field: Name",
       {"Name"}},
      {"foreign key not found",
       "Contact_Attempt__c",
       [](StoreTest* t) {
         auto* s = static_cast<StoreErrorTest*>(t);
         RecordInput in =
             s->InPublic("Contact_Attempt__c", {{"Channel__c", FieldValue::String("Call")},
                                                {"Attempted_At__c", FieldValue::DateTime(0)}});
         in.push_back(FieldInput{&s->FieldPublic("Contact_Attempt__c", "Collection_Account__c"),
                                 FieldValue::String("EXT-404"),
                                 &s->FieldPublic("Collection_Account__c", "External_Id__c")});
         return in;
       },
       400,
       "INVALID_FIELD",
       "Foreign key external ID: EXT-404 not found for field External_Id__c in entity "
       "Collection_Account__c",
       {"Collection_Account__c"}},
      {"foreign key of a deleted record",
       "Contact_Attempt__c",
       [](StoreTest* t) {
         auto* s = static_cast<StoreErrorTest*>(t);
         RecordInput in =
             s->InPublic("Contact_Attempt__c", {{"Channel__c", FieldValue::String("Call")},
                                                {"Attempted_At__c", FieldValue::DateTime(0)}});
         in.push_back(FieldInput{&s->FieldPublic("Contact_Attempt__c", "Collection_Account__c"),
                                 FieldValue::String("EXT-2"),
                                 &s->FieldPublic("Collection_Account__c", "External_Id__c")});
         return in;
       },
       400,
       "INVALID_FIELD",
       "Foreign key external ID: EXT-2 not found for field External_Id__c in entity "
       "Collection_Account__c",
       {"Collection_Account__c"}},
      {"platform event",
       "Collection_Event__e",
       [](StoreTest* t) {
         return static_cast<StoreErrorTest*>(t)->InPublic(
             "Collection_Event__e", {{"Message__c", FieldValue::String("hi")}});
       },
       400,
       "INVALID_TYPE",
       "Cannot create records of Collection_Event__e: publish platform events through the event "
       "bus",
       {}},
  };
  for (const CreateErrorCase& c : cases) {
    const std::string before = Snapshot();
    SfOr<SfId> id = store_.Create(Obj(c.object), c.input(this), now_, user_);
    ASSERT_FALSE(id.ok()) << c.what;
    ExpectError(id.error(), c.status, c.code, c.message, c.fields, c.what);
    EXPECT_EQ(Snapshot(), before) << c.what;  // nothing changed
  }
}

TEST_F(StoreTest, ForeignKeyResolvesToTheParentId) {
  const SfId acct = NewAccount("A", "EXT-7");
  RecordInput in = In("Contact_Attempt__c", {{"Channel__c", FieldValue::String("Email")},
                                             {"Attempted_At__c", FieldValue::DateTime(0)}});
  in.push_back(FieldInput{&Field("Contact_Attempt__c", "Collection_Account__c"),
                          FieldValue::String("ext-7"),
                          &Field("Collection_Account__c", "External_Id__c")});
  SfOr<SfId> id = store_.Create(Obj("Contact_Attempt__c"), in, now_, user_);
  ASSERT_TRUE(id.ok()) << id.error().message;
  EXPECT_EQ(Value("Contact_Attempt__c", *id, "Collection_Account__c").id(), acct);
}

TEST_F(StoreTest, UpdateChangesOnlyTheGivenFields) {
  const SfId a = NewAccount("Before", "E1");
  const Timestamp later = now_ + Duration::Hours(1);
  const SfId other_user = SfId::Generate("005", 2);
  ASSERT_TRUE(store_
                  .Update(Obj("Collection_Account__c"), a,
                          In("Collection_Account__c", {{"Name", FieldValue::String("After")}}),
                          later, other_user)
                  .ok());
  const std::string o = "Collection_Account__c";
  EXPECT_EQ(Value(o, a, "Name").str(), "After");
  EXPECT_EQ(Value(o, a, "External_Id__c").str(), "E1");
  EXPECT_EQ(Value(o, a, "CreatedDate").datetime_millis(), kNowMs);
  EXPECT_EQ(Value(o, a, "LastModifiedDate").datetime_millis(), kNowMs + 3'600'000);
  EXPECT_EQ(Value(o, a, "SystemModstamp").datetime_millis(), kNowMs + 3'600'000);
  EXPECT_EQ(Value(o, a, "LastModifiedById").id(), other_user);
  EXPECT_EQ(Value(o, a, "CreatedById").id(), user_);
  // Its own unique value is not a duplicate.
  EXPECT_TRUE(
      store_.Update(Obj(o), a, In(o, {{"External_Id__c", FieldValue::String("e1")}}), now_, user_)
          .ok());
}

TEST_F(StoreTest, UpdateErrors) {
  const SfId a = NewAccount("A", "E1");
  const SfId b = NewAccount("B", "E2");
  const SfId gone = NewAccount("C", "E3");
  const std::string o = "Collection_Account__c";
  ASSERT_TRUE(store_.Delete(Obj(o), gone, now_, user_).ok());
  struct Case {
    const char* what;
    SfId id;
    RecordInput input;
    int status;
    const char* code;
    std::string message;
    std::vector<std::string> fields;
  };
  const std::vector<Case> cases = {
      {"unknown id",
       SfId::Generate("a01", 77),
       In(o, {{"Name", FieldValue::String("x")}}),
       404,
       "NOT_FOUND",
       "The requested resource does not exist",
       {}},
      {"id of another object",
       SfId::Generate("a02", 1),
       In(o, {{"Name", FieldValue::String("x")}}),
       404,
       "NOT_FOUND",
       "The requested resource does not exist",
       {}},
      {"foreign id format",
       *SfId::FromShort("a015g00000AbCdE"),
       In(o, {{"Name", FieldValue::String("x")}}),
       404,
       "NOT_FOUND",
       "The requested resource does not exist",
       {}},
      {"deleted",
       gone,
       In(o, {{"Name", FieldValue::String("x")}}),
       404,
       "ENTITY_IS_DELETED",
       "entity is deleted",
       {}},
      {"not updateable",
       a,
       In(o, {{"CreatedById", FieldValue::Id(user_)}}),
       400,
       "INVALID_FIELD_FOR_INSERT_UPDATE",
       "Unable to create/update fields: CreatedById. Please check the security settings of this "
       "field and verify that it is read/write for your profile or permission set.",
       {"CreatedById"}},
      {"required to null",
       a,
       In(o, {{"Name", FieldValue::Null()}}),
       400,
       "REQUIRED_FIELD_MISSING",
       "Required fields are missing: [Name]",
       {"Name"}},
      {"duplicate of another row",
       a,
       In(o, {{"External_Id__c", FieldValue::String("E2")}}),
       400,
       "DUPLICATE_VALUE",
       "duplicate value found: External_Id__c duplicates value on record with id: " + b.ToLong(),
       {"External_Id__c"}},
  };
  for (const Case& c : cases) {
    const std::string before = Snapshot();
    SfStatus st = store_.Update(Obj(o), c.id, c.input, now_ + Duration::Seconds(5), user_);
    ASSERT_FALSE(st.ok()) << c.what;
    ExpectError(st.error(), c.status, c.code, c.message, c.fields, c.what);
    EXPECT_EQ(Snapshot(), before) << c.what;
  }
}

TEST_F(StoreTest, DeleteGoesToTheRecycleBin) {
  const std::string o = "Collection_Account__c";
  const SfId a = NewAccount("A", "E1");
  ASSERT_TRUE(store_.Delete(Obj(o), a, now_ + Duration::Minutes(1), user_).ok());
  EXPECT_TRUE(Value(o, a, "IsDeleted").bool_value());
  EXPECT_EQ(Value(o, a, "SystemModstamp").datetime_millis(), kNowMs + 60'000);
  EXPECT_EQ(store_.live_row_count(Obj(o)), 0u);
  EXPECT_EQ(store_.row_count(Obj(o)), 1u);
  SfOr<RowIndex> hidden = store_.FindRow(Obj(o), a, /*all_rows=*/false);
  ASSERT_FALSE(hidden.ok());
  ExpectError(hidden.error(), 404, "NOT_FOUND", "The requested resource does not exist", {},
              "retrieve of a deleted row");
  EXPECT_TRUE(store_.FindRow(Obj(o), a, /*all_rows=*/true).ok());
  SfStatus again = store_.Delete(Obj(o), a, now_, user_);
  ASSERT_FALSE(again.ok());
  ExpectError(again.error(), 404, "ENTITY_IS_DELETED", "entity is deleted", {}, "second delete");
  SfStatus unknown = store_.Delete(Obj(o), SfId::Generate("a01", 5), now_, user_);
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().error_code, "NOT_FOUND");
  // The deleted row's unique value no longer blocks a new record.
  EXPECT_FALSE(NewAccount("B", "E1").empty());
  std::optional<RowRef> any = store_.FindAnyRow(a);
  ASSERT_TRUE(any.has_value());
  EXPECT_EQ(any->object, &Obj(o));
  EXPECT_EQ(any->row, 0u);
  EXPECT_FALSE(store_.FindAnyRow(SfId::Generate("e00", 1)).has_value());
}

}  // namespace
}  // namespace recoup::sim::org
