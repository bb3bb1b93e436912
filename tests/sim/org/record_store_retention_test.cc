// RecordStore retention: a count-only (write-only) object answers every write exactly as a full one
// (Ids, errors, upserts, deletes), keeps nothing readable, rolls back exactly, and refuses to be
// set up where its rows would be needed (parents, platform events, tables with rows).
#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "sim/org/record_store.h"
#include "tests/sim/org/store_test_util.h"

namespace recoup::sim::org {
namespace {

using testing::StoreTest;

constexpr const char* kAttempt = "Contact_Attempt__c";
constexpr const char* kCompliance = "Compliance_Record__c";
constexpr const char* kAccount = "Collection_Account__c";

std::string Describe(const SfError& e) {
  std::string out = std::to_string(e.http_status) + " " + e.error_code + ": " + e.message + " [";
  for (const std::string& f : e.fields) out += f + ",";
  return out + "]";
}

// Two stores on one schema: full_ keeps everything; count_ keeps Contact_Attempt__c and
// Compliance_Record__c count-only. store_ (the fixture's) is full_.
class RetentionTest : public StoreTest {
 protected:
  RetentionTest() : count_(schema_) {}

  void SetUp() override {
    StoreTest::SetUp();
    ASSERT_TRUE(count_.SetRetention(Obj(kAttempt), Retention::kCountOnly).ok());
    ASSERT_TRUE(count_.SetRetention(Obj(kCompliance), Retention::kCountOnly).ok());
    SfOr<SfId> user =
        count_.Create(Obj("User"),
                      In("User", {{"Name", FieldValue::String("Integration User")},
                                  {"Username", FieldValue::String("integration@recoup.example")}}),
                      now_, user_);
    ASSERT_TRUE(user.ok());
  }

  // Runs `script` on both stores and expects the same transcript (Ids and errors, in order).
  std::string RunOnBoth(const std::function<void(RecordStore&, std::string*)>& script) {
    std::string full, count;
    script(store_, &full);
    script(count_, &count);
    EXPECT_EQ(full, count);
    return count;
  }

  static void Log(const SfOr<SfId>& r, std::string* out) {
    *out += (r.ok() ? r->ToLong() : Describe(r.error())) + "\n";
  }
  static void Log(const SfStatus& r, std::string* out) {
    *out += (r.ok() ? std::string("ok") : Describe(r.error())) + "\n";
  }
  static void Log(const SfOr<UpsertResult>& r, std::string* out) {
    *out +=
        (r.ok() ? r->id.ToLong() + (r->created ? " created" : " updated") : Describe(r.error())) +
        "\n";
  }

  SfOr<SfId> Attempt(RecordStore& s, const SfId& account, const std::string& channel,
                     std::vector<std::pair<std::string, FieldValue>> more = {}) {
    more.emplace_back("Collection_Account__c", FieldValue::Id(account));
    more.emplace_back("Channel__c", FieldValue::String(channel));
    more.emplace_back("Attempted_At__c", FieldValue::DateTime(1'700'000'000'000));
    return s.Create(Obj(kAttempt), In(kAttempt, std::move(more)), now_, user_);
  }
  SfOr<SfId> Compliance(RecordStore& s, const SfId& account, const std::string& result) {
    return s.Create(Obj(kCompliance),
                    In(kCompliance, {{"Collection_Account__c", FieldValue::Id(account)},
                                     {"Rule__c", FieldValue::String("calls_per_7_days")},
                                     {"Checked_At__c", FieldValue::DateTime(1'700'000'000'000)},
                                     {"Result__c", FieldValue::String(result)}}),
                    now_, user_);
  }
  SfId Account(RecordStore& s, const std::string& ext) {
    SfOr<SfId> id = s.Create(Obj(kAccount),
                             In(kAccount, {{"Name", FieldValue::String(ext)},
                                           {"External_Id__c", FieldValue::String(ext)}}),
                             now_, user_);
    EXPECT_TRUE(id.ok());
    return id.ok() ? *id : SfId();
  }

  RecordStore count_;
};

TEST_F(RetentionTest, CreatesGiveTheIdsAndErrorsOfAFullStore) {
  const std::string transcript = RunOnBoth([&](RecordStore& s, std::string* out) {
    const SfId a = Account(s, "A-1");
    const SfId b = Account(s, "A-2");
    Log(Attempt(s, a, "Call"), out);
    Log(Compliance(s, a, "allow"), out);  // restricted picklists match case-insensitively
    Log(Attempt(s, b, "sms", {{"Notes__c", FieldValue::String("AI voice")}}), out);
    // Every check still runs.
    Log(Attempt(s, a, "Pigeon"), out);  // restricted picklist
    Log(s.Create(Obj(kAttempt), In(kAttempt, {{"Channel__c", FieldValue::String("Call")}}), now_,
                 user_),
        out);  // required fields
    Log(Attempt(s, SfId::Generate(Obj(kAccount).key_prefix(), 99), "Call"), out);  // no such row
    Log(Attempt(s, user_, "Call"), out);                                           // wrong object
    Log(Attempt(s, a, "Call", {{"Duration_Seconds__c", FieldValue::Double(1e7)}}), out);  // range
    Log(Attempt(s, a, "Call", {{"Agent__c", FieldValue::Id(user_)}}), out);
    RecordInput by_external = In(kAttempt, {{"Channel__c", FieldValue::String("Email")},
                                            {"Attempted_At__c", FieldValue::DateTime(1)}});
    by_external.push_back(FieldInput{&Field(kAttempt, "Collection_Account__c"),
                                     FieldValue::String("A-404"),
                                     &Field(kAccount, "External_Id__c")});
    Log(s.Create(Obj(kAttempt), by_external, now_, user_), out);  // foreign key not found
    by_external.back().value = FieldValue::String("a-2");
    Log(s.Create(Obj(kAttempt), by_external, now_, user_), out);  // resolved
    RecordInput not_createable = In(kAttempt, {{"Channel__c", FieldValue::String("Call")}});
    not_createable.push_back(
        FieldInput{&Field(kAttempt, "CreatedDate"), FieldValue::DateTime(1), nullptr});
    Log(s.Create(Obj(kAttempt), not_createable, now_, user_), out);
    Log(s.Create(Obj(kAttempt), In(kAccount, {{"Name", FieldValue::String("x")}}), now_, user_),
        out);  // a field of another object
    // A deleted parent.
    Log(s.Delete(Obj(kAccount), b, now_, user_), out);
    Log(Attempt(s, b, "Call"), out);
    Log(Compliance(s, a, "Defer"), out);
  });
  EXPECT_NE(transcript.find("a03000000000001AAA"), std::string::npos) << transcript;
  EXPECT_NE(transcript.find("INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST"), std::string::npos);
  EXPECT_NE(transcript.find("REQUIRED_FIELD_MISSING"), std::string::npos);
  EXPECT_NE(transcript.find("ENTITY_IS_DELETED"), std::string::npos);
  for (const char* o : {kAttempt, kCompliance}) {
    EXPECT_EQ(count_.row_count(Obj(o)), store_.row_count(Obj(o))) << o;
    EXPECT_EQ(count_.live_row_count(Obj(o)), store_.live_row_count(Obj(o))) << o;
  }
  EXPECT_EQ(count_.row_count(Obj(kAttempt)), 4u);
  EXPECT_EQ(count_.row_count(Obj(kCompliance)), 2u);
}

TEST_F(RetentionTest, UniqueValuesUpdatesDeletesAndUpsertsBehaveAsInAFullStore) {
  const FieldDef& ext = Field(kAttempt, "External_Id__c");
  const std::string transcript = RunOnBoth([&](RecordStore& s, std::string* out) {
    const SfId a = Account(s, "A-1");
    SfOr<SfId> first = Attempt(s, a, "Call", {{"External_Id__c", FieldValue::String("X-1")}});
    Log(first, out);
    Log(Attempt(s, a, "Call", {{"External_Id__c", FieldValue::String("x-1")}}), out);  // duplicate
    Log(s.Upsert(Obj(kAttempt), ext, FieldValue::String("X-2"),
                 In(kAttempt, {{"Collection_Account__c", FieldValue::Id(a)},
                               {"Channel__c", FieldValue::String("SMS")},
                               {"Attempted_At__c", FieldValue::DateTime(5)}}),
                 now_, user_),
        out);
    Log(s.Upsert(Obj(kAttempt), ext, FieldValue::String("X-2"),
                 In(kAttempt, {{"Outcome__c", FieldValue::String("Delivered")}}), now_, user_),
        out);  // matches: an update
    Log(s.Upsert(Obj(kAttempt), ext, FieldValue::String("X-2"),
                 In(kAttempt, {{"Outcome__c", FieldValue::String("Lost")}}), now_, user_),
        out);  // the update's checks
    Log(s.Update(Obj(kAttempt), *first,
                 In(kAttempt, {{"External_Id__c", FieldValue::String("X-2")}}), now_, user_),
        out);  // duplicate on update
    Log(s.Update(Obj(kAttempt), *first,
                 In(kAttempt, {{"External_Id__c", FieldValue::String("X-3")}}), now_, user_),
        out);  // renames the key: X-1 is free again
    Log(Attempt(s, a, "Call", {{"External_Id__c", FieldValue::String("X-1")}}), out);
    Log(s.Delete(Obj(kAttempt), *first, now_, user_), out);
    Log(s.Delete(Obj(kAttempt), *first, now_, user_), out);  // already deleted
    Log(s.Update(Obj(kAttempt), *first, {}, now_, user_), out);
    Log(Attempt(s, a, "Call", {{"External_Id__c", FieldValue::String("X-3")}}), out);  // freed
    Log(s.Update(Obj(kAttempt), SfId::Generate(Obj(kAttempt).key_prefix(), 77), {}, now_, user_),
        out);
  });
  EXPECT_EQ(count_.live_row_count(Obj(kAttempt)), store_.live_row_count(Obj(kAttempt)));
  EXPECT_EQ(transcript,
            "a03000000000001AAA\n"
            "400 DUPLICATE_VALUE: duplicate value found: External_Id__c duplicates value on record "
            "with id: a03000000000001AAA [External_Id__c,]\n"
            "a03000000000002AAA created\n"
            "a03000000000002AAA updated\n"
            "400 INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST: Outcome: bad value for restricted "
            "picklist field: Lost [Outcome__c,]\n"
            "400 DUPLICATE_VALUE: duplicate value found: External_Id__c duplicates value on record "
            "with id: a03000000000002AAA [External_Id__c,]\n"
            "ok\n"
            "a03000000000003AAA\n"
            "ok\n"
            "404 ENTITY_IS_DELETED: entity is deleted []\n"
            "404 ENTITY_IS_DELETED: entity is deleted []\n"
            "a03000000000004AAA\n"
            "404 NOT_FOUND: The requested resource does not exist []\n");
}

TEST_F(RetentionTest, ReadsGiveTheWriteOnlyError) {
  const SfId a = Account(count_, "A-1");
  SfOr<SfId> id = Attempt(count_, a, "Call", {{"External_Id__c", FieldValue::String("X-1")}});
  ASSERT_TRUE(id.ok());
  EXPECT_EQ(count_.retention(Obj(kAttempt)), Retention::kCountOnly);
  EXPECT_EQ(count_.retention(Obj(kAccount)), Retention::kFull);

  for (bool all_rows : {false, true}) {
    SfOr<RowIndex> row = count_.FindRow(Obj(kAttempt), *id, all_rows);
    ASSERT_FALSE(row.ok());
    EXPECT_EQ(Describe(row.error()),
              "404 NOT_FOUND: The requested resource does not exist: Contact_Attempt__c is "
              "write-only in this org (its records are validated and counted, not kept) []");
  }
  // An Id never handed out: the usual NOT_FOUND.
  SfOr<RowIndex> never = count_.FindRow(Obj(kAttempt), SfId::Generate("a03", 9), false);
  ASSERT_FALSE(never.ok());
  EXPECT_EQ(never.error().message, "The requested resource does not exist");
  // FindAnyRow serves writes by Id alone (a collections delete): it finds the row.
  ASSERT_TRUE(count_.FindAnyRow(*id).has_value());
  EXPECT_EQ(count_.FindAnyRow(*id)->row, 0u);

  std::vector<RowIndex> rows;
  count_.LookupEqual(Obj(kAttempt), Field(kAttempt, "External_Id__c"), FieldValue::String("X-1"),
                     &rows);
  count_.LookupEqual(Obj(kAttempt), Field(kAttempt, "Id"), FieldValue::Id(*id), &rows);
  EXPECT_TRUE(rows.empty());
  const ChildRelationship* rel = Obj(kAccount).FindChildRelationship("Contact_Attempts__r");
  ASSERT_NE(rel, nullptr);
  const RowIndex account_row = *count_.FindRow(Obj(kAccount), a, false);
  count_.AppendChildren(*rel, account_row, /*all_rows=*/true, &rows);
  EXPECT_TRUE(rows.empty());
  EXPECT_EQ(count_.FirstChild(*rel, account_row), kNoRow);
  // Counts, Ids and deleted flags are there.
  EXPECT_EQ(count_.row_count(Obj(kAttempt)), 1u);
  EXPECT_EQ(count_.IdOf(Obj(kAttempt), 0), *id);
  EXPECT_FALSE(count_.IsDeleted(Obj(kAttempt), 0));
  // The parent's other child lists still work.
  SfOr<SfId> dispute = count_.Create(Obj("Dispute__c"),
                                     In("Dispute__c", {{"Collection_Account__c", FieldValue::Id(a)},
                                                       {"Reason__c", FieldValue::String("Other")}}),
                                     now_, user_);
  ASSERT_TRUE(dispute.ok());
  const ChildRelationship* disputes = Obj(kAccount).FindChildRelationship("Disputes__r");
  EXPECT_EQ(count_.FirstChild(*disputes, account_row), 0u);
}

TEST_F(RetentionTest, ValuesAreNotKept) {
  const SfId a = Account(store_, "A-1");
  const SfId b = Account(count_, "A-1");
  const size_t full_parent = store_.ApproximateBytes(Obj(kAccount));
  const size_t count_parent = count_.ApproximateBytes(Obj(kAccount));
  const size_t empty = count_.ApproximateBytes(Obj(kAttempt));
  for (int i = 0; i < 2000; ++i) {
    ASSERT_TRUE(Attempt(store_, a, "Call", {{"Notes__c", FieldValue::String("AI voice")}}).ok());
    ASSERT_TRUE(Attempt(count_, b, "Call", {{"Notes__c", FieldValue::String("AI voice")}}).ok());
  }
  // 2,000 rows: one 256-word chunk of deleted bits, nothing else.
  EXPECT_LE(count_.ApproximateBytes(Obj(kAttempt)), empty + 2048 + 8);
  EXPECT_GT(store_.ApproximateBytes(Obj(kAttempt)), 100'000u);
  // The parent keeps no list heads for the two count-only child objects.
  EXPECT_LT(count_parent, full_parent);
}

TEST_F(RetentionTest, RollbackRestoresTheCountTheIndexAndTheBytes) {
  const SfId a = Account(count_, "A-1");
  ASSERT_TRUE(Attempt(count_, a, "Call", {{"External_Id__c", FieldValue::String("X-1")}}).ok());
  const size_t bytes = count_.ApproximateBytes();
  count_.Begin();
  SfOr<SfId> rolled = Attempt(count_, a, "SMS", {{"External_Id__c", FieldValue::String("X-2")}});
  ASSERT_TRUE(rolled.ok());
  for (int i = 0; i < 300; ++i) {
    ASSERT_TRUE(Attempt(count_, a, "Call",
                        {{"External_Id__c", FieldValue::String("B-" + std::to_string(i))}})
                    .ok());
  }
  ASSERT_TRUE(count_
                  .Update(Obj(kAttempt), SfId::Generate("a03", 1),
                          In(kAttempt, {{"External_Id__c", FieldValue::String("X-9")}}), now_,
                          user_)
                  .ok());
  ASSERT_TRUE(count_.Delete(Obj(kAttempt), SfId::Generate("a03", 1), now_, user_).ok());
  ASSERT_TRUE(Compliance(count_, a, "Deny").ok());
  count_.Rollback();
  EXPECT_EQ(count_.ApproximateBytes(), bytes);
  EXPECT_EQ(count_.row_count(Obj(kAttempt)), 1u);
  EXPECT_EQ(count_.live_row_count(Obj(kAttempt)), 1u);
  EXPECT_EQ(count_.row_count(Obj(kCompliance)), 0u);
  // The rolled-back Id comes again; X-1 is still taken, X-2 and X-9 are free.
  SfOr<SfId> again = Attempt(count_, a, "SMS", {{"External_Id__c", FieldValue::String("X-2")}});
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, *rolled);
  SfOr<SfId> dup = Attempt(count_, a, "SMS", {{"External_Id__c", FieldValue::String("X-1")}});
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.error().error_code, "DUPLICATE_VALUE");
  EXPECT_TRUE(Attempt(count_, a, "SMS", {{"External_Id__c", FieldValue::String("X-9")}}).ok());
}

TEST_F(RetentionTest, SetRetentionRefusesObjectsItCannotServe) {
  RecordStore fresh(schema_);
  EXPECT_EQ(fresh.SetRetention(Obj("User"), Retention::kCountOnly).message(),
            "record store: User cannot be count-only: User.CreatedById refers to it");
  EXPECT_EQ(fresh.SetRetention(Obj(kAccount), Retention::kCountOnly).message(),
            "record store: Collection_Account__c cannot be count-only: "
            "Payment_Arrangement__c.Collection_Account__c refers to it");
  EXPECT_EQ(fresh.SetRetention(Obj("Collection_Event__e"), Retention::kCountOnly).message(),
            "record store: Collection_Event__e is a platform event: the store keeps no records of "
            "it");
  // Records exist: no change, though setting the current retention is fine.
  EXPECT_EQ(store_.SetRetention(Obj("User"), Retention::kFull).code(), StatusCode::kOk);
  NewAttempt(Account(store_, "A-1"));
  EXPECT_EQ(store_.SetRetention(Obj(kAttempt), Retention::kCountOnly).message(),
            "record store: Contact_Attempt__c has 1 records; set its retention before the first "
            "one is created");
  // Back to full while empty: child lists work again.
  ASSERT_TRUE(count_.SetRetention(Obj(kCompliance), Retention::kFull).ok());
  const SfId a = Account(count_, "A-1");
  ASSERT_TRUE(Compliance(count_, a, "Allow").ok());
  const ChildRelationship* rel = Obj(kAccount).FindChildRelationship("Compliance_Records__r");
  EXPECT_EQ(count_.FirstChild(*rel, 0), 0u);
  EXPECT_EQ(count_.Get(Obj(kCompliance), 0, Field(kCompliance, "Result__c")).str(), "Allow");
}

}  // namespace
}  // namespace recoup::sim::org
