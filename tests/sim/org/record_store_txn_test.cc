// RecordStore transactions: a rolled-back batch leaves the store exactly as before (rows, values,
// indexes, child lists, picklist dictionaries, arenas, Id serials, bytes); a committed one
// persists.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "sim/org/record_store.h"
#include "tests/sim/org/store_test_util.h"

namespace recoup::sim::org {
namespace {

using testing::StoreTest;

class TxnTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    a_ = NewAccount("Alpha", "EA");
    b_ = NewAccount("Beta", "EB");
    a1_ = NewAttempt(a_);
    a2_ = NewAttempt(a_);
    b1_ = NewAttempt(b_);
  }

  // Index-visible state that Snapshot() does not read directly.
  std::string Lookups() const {
    std::string out;
    const ObjectDef& o = Obj("Collection_Account__c");
    for (const char* key : {"EA", "EB", "EC", "NEW-1", "NEW-2", "Renamed"}) {
      std::vector<RowIndex> rows;
      store_.LookupEqual(o, Field("Collection_Account__c", "External_Id__c"),
                         FieldValue::String(key), &rows);
      out += std::string(key) + ":";
      for (RowIndex r : rows) out += std::to_string(r) + ",";
    }
    for (const SfId& parent : {a_, b_}) {
      std::vector<RowIndex> rows;
      store_.LookupEqual(Obj("Contact_Attempt__c"),
                         Field("Contact_Attempt__c", "Collection_Account__c"),
                         FieldValue::Id(parent), &rows);
      for (RowIndex r : rows) out += std::to_string(r) + ",";
      out += ";";
    }
    return out;
  }

  // A batch touching everything a rollback must undo. Returns the first Id it created.
  SfId Batch() {
    const std::string o = "Collection_Account__c";
    const SfId created = NewAccount("Gamma", "NEW-1");
    const SfId created2 = NewAccount("Delta", "NEW-2");
    NewAttempt(created);
    NewAttempt(created2, "Letter");
    const SfId moved_attempt = NewAttempt(created);
    EXPECT_TRUE(
        store_
            .Update(Obj("Contact_Attempt__c"), a1_,
                    In("Contact_Attempt__c", {{"Collection_Account__c", FieldValue::Id(created)}}),
                    now_, user_)
            .ok());
    EXPECT_TRUE(
        store_
            .Update(Obj("Contact_Attempt__c"), moved_attempt,
                    In("Contact_Attempt__c", {{"Collection_Account__c", FieldValue::Id(b_)}}), now_,
                    user_)
            .ok());
    EXPECT_TRUE(store_
                    .Update(Obj(o), a_,
                            In(o, {{"External_Id__c", FieldValue::String("Renamed")},
                                   {"Name", FieldValue::String("A")},  // shorter: would overwrite
                                   {"Segment__c", FieldValue::String("Brand new segment value")},
                                   {"Balance__c", FieldValue::Double(99)}}),
                            now_ + Duration::Seconds(1), user_)
                    .ok());
    EXPECT_TRUE(store_.Delete(Obj(o), b_, now_, user_).ok());
    EXPECT_TRUE(store_.Delete(Obj("Contact_Attempt__c"), a2_, now_, user_).ok());
    for (int i = 0; i < 40; ++i)
      NewAccount("Bulk " + std::to_string(i), "BULK-" + std::to_string(i));
    return created;
  }

  SfId a_, b_, a1_, a2_, b1_;
};

TEST_F(TxnTest, RollbackRestoresEverything) {
  const std::string snapshot = Snapshot();
  const std::string lookups = Lookups();
  const size_t bytes = store_.ApproximateBytes();
  store_.Begin();
  EXPECT_TRUE(store_.in_transaction());
  const SfId first_in_batch = Batch();
  EXPECT_NE(Snapshot(), snapshot);
  store_.Rollback();
  EXPECT_FALSE(store_.in_transaction());
  EXPECT_EQ(Snapshot(), snapshot);
  EXPECT_EQ(Lookups(), lookups);
  EXPECT_EQ(store_.ApproximateBytes(), bytes);
  // Id serials were rolled back too: the next create gets the Id the batch had handed out.
  EXPECT_EQ(NewAccount("After", "EC"), first_in_batch);
  // The store still works normally: unique checks, children, dictionaries.
  EXPECT_EQ(Children("Collection_Account__c", "Contact_Attempts__r", a_).size(), 2u);
  SfOr<SfId> dup = store_.Create(
      Obj("Collection_Account__c"),
      In("Collection_Account__c",
         {{"Name", FieldValue::String("x")}, {"External_Id__c", FieldValue::String("ea")}}),
      now_, user_);
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.error().error_code, "DUPLICATE_VALUE");
}

TEST_F(TxnTest, RollbackOfAFailedBatchAfterAnError) {
  const std::string snapshot = Snapshot();
  store_.Begin();
  NewAccount("Ok", "NEW-1");
  SfOr<SfId> bad = store_.Create(
      Obj("Collection_Account__c"),
      In("Collection_Account__c",
         {{"Name", FieldValue::String("Dup")}, {"External_Id__c", FieldValue::String("new-1")}}),
      now_, user_);
  ASSERT_FALSE(bad.ok());  // allOrNone: the caller rolls the whole batch back
  store_.Rollback();
  EXPECT_EQ(Snapshot(), snapshot);
}

TEST_F(TxnTest, CommitKeepsTheBatch) {
  store_.Begin();
  const SfId created = Batch();
  const std::string after_batch = Snapshot();
  const std::string lookups = Lookups();
  store_.Commit();
  EXPECT_FALSE(store_.in_transaction());
  EXPECT_EQ(Snapshot(), after_batch);
  EXPECT_EQ(Lookups(), lookups);
  EXPECT_EQ(Value("Collection_Account__c", a_, "External_Id__c").str(), "Renamed");
  EXPECT_TRUE(store_.FindRow(Obj("Collection_Account__c"), created, false).ok());
  // A later rolled-back batch does not disturb the committed one.
  store_.Begin();
  NewAccount("Temp", "TEMP");
  store_.Rollback();
  EXPECT_EQ(Snapshot(), after_batch);
}

TEST_F(TxnTest, ManyCreatesGrowChunksAndIndexesAndRollBackToTheSameBytes) {
  const size_t bytes = store_.ApproximateBytes();
  const std::string snapshot = Snapshot();
  store_.Begin();
  for (int i = 0; i < 20000; ++i) NewAccount("Row " + std::to_string(i), "G-" + std::to_string(i));
  EXPECT_GT(store_.ApproximateBytes(), bytes + 20000 * 20);
  store_.Rollback();
  EXPECT_EQ(store_.ApproximateBytes(), bytes);
  EXPECT_EQ(Snapshot(), snapshot);
}

TEST_F(TxnTest, SameOperationsGiveTheSameBytes) {
  // Determinism of the memory figure: two fresh stores fed identical operations report identical
  // bytes.
  auto fill = [&](RecordStore* s) {
    ASSERT_TRUE(
        s->Create(Obj("User"),
                  In("User", {{"Name", FieldValue::String("Integration User")},
                              {"Username", FieldValue::String("integration@recoup.example")}}),
                  now_, user_)
            .ok());
    for (int i = 0; i < 500; ++i) {
      SfOr<SfId> id =
          s->Create(Obj("Collection_Account__c"),
                    In("Collection_Account__c",
                       {{"Name", FieldValue::String("N" + std::to_string(i))},
                        {"External_Id__c", FieldValue::String("D-" + std::to_string(i))},
                        {"Segment__c", FieldValue::String("S" + std::to_string(i % 7))}}),
                    now_, user_);
      ASSERT_TRUE(id.ok());
      if (i % 5 == 0) {
        ASSERT_TRUE(s->Update(Obj("Collection_Account__c"), *id,
                              In("Collection_Account__c",
                                 {{"Name", FieldValue::String("Renamed with a longer name " +
                                                              std::to_string(i))}}),
                              now_, user_)
                        .ok());
      }
    }
  };
  RecordStore one(schema_);
  RecordStore two(schema_);
  fill(&one);
  fill(&two);
  EXPECT_EQ(one.ApproximateBytes(), two.ApproximateBytes());
  EXPECT_GT(one.ApproximateBytes(Obj("Collection_Account__c")), 500u * 50u);
}

}  // namespace
}  // namespace recoup::sim::org
