// RecordStore indexes and relationships: Id / external-Id / reference lookups, child lists,
// parents, and the compact layout's memory per record.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "sim/org/record_store.h"
#include "tests/sim/org/store_test_util.h"

namespace recoup::sim::org {
namespace {

using testing::StoreTest;

std::vector<RowIndex> Lookup(const RecordStore& store, const ObjectDef& o, const FieldDef& f,
                             const FieldValue& key) {
  std::vector<RowIndex> rows;
  store.LookupEqual(o, f, key, &rows);
  return rows;
}

TEST_F(StoreTest, HasIndexForIdUniqueExternalAndChildLookups) {
  EXPECT_TRUE(store_.HasIndex(Field("Collection_Account__c", "Id")));
  EXPECT_TRUE(store_.HasIndex(Field("Collection_Account__c", "External_Id__c")));
  EXPECT_TRUE(store_.HasIndex(Field("User", "Username")));
  EXPECT_TRUE(store_.HasIndex(Field("Contact_Attempt__c", "Collection_Account__c")));
  EXPECT_FALSE(store_.HasIndex(Field("Collection_Account__c", "Name")));
  EXPECT_FALSE(
      store_.HasIndex(Field("Collection_Account__c", "OwnerId")));  // no child relationship
}

TEST_F(StoreTest, LookupByIdAcceptsAllForms) {
  const ObjectDef& o = Obj("Collection_Account__c");
  const FieldDef& id = Field("Collection_Account__c", "Id");
  NewAccount("A", "E1");
  const SfId b = NewAccount("B", "E2");
  EXPECT_EQ(Lookup(store_, o, id, FieldValue::Id(b)), std::vector<RowIndex>{1});
  EXPECT_EQ(Lookup(store_, o, id, FieldValue::String(std::string(b.short_form()))),
            std::vector<RowIndex>{1});
  EXPECT_EQ(Lookup(store_, o, id, FieldValue::String("A01000000000002AAA")),
            std::vector<RowIndex>{1});
  EXPECT_TRUE(Lookup(store_, o, id, FieldValue::String("a01000000000009")).empty());
  EXPECT_TRUE(Lookup(store_, o, id, FieldValue::String("garbage")).empty());
  EXPECT_TRUE(Lookup(store_, o, id, FieldValue::Null()).empty());
  EXPECT_TRUE(Lookup(store_, o, id, FieldValue::Id(SfId::Generate("a02", 1))).empty());
}

TEST_F(StoreTest, ExternalIdIndexFollowsUpdatesAndDeletes) {
  const ObjectDef& o = Obj("Collection_Account__c");
  const FieldDef& ext = Field("Collection_Account__c", "External_Id__c");
  const SfId a = NewAccount("A", "Alpha");
  NewAccount("B", "Beta");
  EXPECT_EQ(Lookup(store_, o, ext, FieldValue::String("ALPHA")), std::vector<RowIndex>{0});
  EXPECT_EQ(Lookup(store_, o, ext, FieldValue::String("beta")), std::vector<RowIndex>{1});
  EXPECT_TRUE(Lookup(store_, o, ext, FieldValue::Int(5)).empty());  // incomparable key
  // A shorter value is overwritten in place (outside a transaction); the index follows.
  ASSERT_TRUE(
      store_
          .Update(o, a, In("Collection_Account__c", {{"External_Id__c", FieldValue::String("Al")}}),
                  now_, user_)
          .ok());
  EXPECT_TRUE(Lookup(store_, o, ext, FieldValue::String("Alpha")).empty());
  EXPECT_EQ(Lookup(store_, o, ext, FieldValue::String("al")), std::vector<RowIndex>{0});
  // A longer one goes to new arena space.
  ASSERT_TRUE(store_
                  .Update(o, a,
                          In("Collection_Account__c",
                             {{"External_Id__c", FieldValue::String("A much longer key")}}),
                          now_, user_)
                  .ok());
  EXPECT_EQ(Lookup(store_, o, ext, FieldValue::String("a much longer KEY")),
            std::vector<RowIndex>{0});
  // Clearing removes it.
  ASSERT_TRUE(store_
                  .Update(o, a,
                          In("Collection_Account__c", {{"External_Id__c", FieldValue::Null()}}),
                          now_, user_)
                  .ok());
  EXPECT_TRUE(Lookup(store_, o, ext, FieldValue::String("A much longer key")).empty());
  // Deleted rows stay in the index (queryAll); callers filter with IsDeleted.
  const SfId c = NewAccount("C", "Gamma");
  ASSERT_TRUE(store_.Delete(o, c, now_, user_).ok());
  const std::vector<RowIndex> rows = Lookup(store_, o, ext, FieldValue::String("gamma"));
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_TRUE(store_.IsDeleted(o, rows[0]));
  std::vector<RowIndex> in;
  store_.LookupIn(o, ext,
                  {FieldValue::String("beta"), FieldValue::String("GAMMA"),
                   FieldValue::String("Beta"), FieldValue::String("none")},
                  &in);
  EXPECT_EQ(in, (std::vector<RowIndex>{1, 2}));
}

TEST_F(StoreTest, ManyKeysSurviveGrowthAndErasure) {
  const ObjectDef& o = Obj("Collection_Account__c");
  const FieldDef& ext = Field("Collection_Account__c", "External_Id__c");
  std::vector<SfId> ids;
  for (int i = 0; i < 3000; ++i)
    ids.push_back(NewAccount("N" + std::to_string(i), "K" + std::to_string(i)));
  // Clear every third key (backward-shift deletion), then all keys still resolve correctly.
  for (int i = 0; i < 3000; i += 3) {
    ASSERT_TRUE(store_
                    .Update(o, ids[static_cast<size_t>(i)],
                            In("Collection_Account__c", {{"External_Id__c", FieldValue::Null()}}),
                            now_, user_)
                    .ok());
  }
  for (int i = 0; i < 3000; ++i) {
    const std::vector<RowIndex> rows =
        Lookup(store_, o, ext, FieldValue::String("k" + std::to_string(i)));
    if (i % 3 == 0) {
      EXPECT_TRUE(rows.empty()) << i;
    } else {
      EXPECT_EQ(rows, std::vector<RowIndex>{static_cast<RowIndex>(i)}) << i;
    }
  }
}

TEST_F(StoreTest, ChildListsFollowReferenceChanges) {
  const SfId a = NewAccount("A", "E1");
  const SfId b = NewAccount("B", "E2");
  const SfId a1 = NewAttempt(a);
  const SfId b1 = NewAttempt(b);
  const SfId a2 = NewAttempt(a);
  const SfId a3 = NewAttempt(a);
  const auto row = [&](const SfId& id) {
    return *store_.FindRow(Obj("Contact_Attempt__c"), id, true);
  };
  EXPECT_EQ(Children("Collection_Account__c", "Contact_Attempts__r", a),
            (std::vector<RowIndex>{row(a1), row(a2), row(a3)}));
  EXPECT_EQ(Children("Collection_Account__c", "Contact_Attempts__r", b),
            std::vector<RowIndex>{row(b1)});
  // Reparent the middle child: it leaves A's list and joins the end of B's.
  ASSERT_TRUE(store_
                  .Update(Obj("Contact_Attempt__c"), a2,
                          In("Contact_Attempt__c", {{"Collection_Account__c", FieldValue::Id(b)}}),
                          now_, user_)
                  .ok());
  EXPECT_EQ(Children("Collection_Account__c", "Contact_Attempts__r", a),
            (std::vector<RowIndex>{row(a1), row(a3)}));
  EXPECT_EQ(Children("Collection_Account__c", "Contact_Attempts__r", b),
            (std::vector<RowIndex>{row(b1), row(a2)}));
  // The reference index answers WHERE Collection_Account__c = :id without a scan.
  std::vector<RowIndex> by_ref;
  store_.LookupEqual(Obj("Contact_Attempt__c"),
                     Field("Contact_Attempt__c", "Collection_Account__c"),
                     FieldValue::String(b.ToLong()), &by_ref);
  EXPECT_EQ(by_ref, (std::vector<RowIndex>{row(b1), row(a2)}));
  // Deleted children are hidden unless all rows are asked for.
  ASSERT_TRUE(store_.Delete(Obj("Contact_Attempt__c"), a1, now_, user_).ok());
  EXPECT_EQ(Children("Collection_Account__c", "Contact_Attempts__r", a),
            std::vector<RowIndex>{row(a3)});
  EXPECT_EQ(Children("Collection_Account__c", "Contact_Attempts__r", a, /*all_rows=*/true),
            (std::vector<RowIndex>{row(a1), row(a3)}));
  // Parent rows.
  const ObjectDef& attempt = Obj("Contact_Attempt__c");
  EXPECT_EQ(
      store_.ParentRow(attempt, row(a2), Field("Contact_Attempt__c", "Collection_Account__c")),
      *store_.FindRow(Obj("Collection_Account__c"), b, true));
  EXPECT_EQ(store_.ParentRow(attempt, row(a2), Field("Contact_Attempt__c", "Agent__c")), kNoRow);
  EXPECT_EQ(
      store_.ParentRow(Obj("Collection_Account__c"), 0, Field("Collection_Account__c", "OwnerId")),
      0u);  // the integration user's row
}

// Property: after any sequence of creates, re-parentings and rolled-back batches, every child list
// equals a plain model (children in attach order; a re-parented child goes to the end).
TEST_F(StoreTest, ChildListsMatchAReferenceModel) {
  constexpr int kParents = 5;
  std::vector<SfId> parents;
  for (int i = 0; i < kParents; ++i)
    parents.push_back(NewAccount("P" + std::to_string(i), "P" + std::to_string(i)));
  std::vector<std::vector<RowIndex>> model(kParents);
  std::vector<int> parent_of;  // by attempt row
  uint64_t state = 12345;
  const auto next = [&](uint64_t n) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (state >> 33) % n;
  };
  const ObjectDef& attempt = Obj("Contact_Attempt__c");
  const auto check = [&](int step) {
    for (int p = 0; p < kParents; ++p) {
      ASSERT_EQ(
          Children("Collection_Account__c", "Contact_Attempts__r", parents[static_cast<size_t>(p)]),
          model[static_cast<size_t>(p)])
          << "step " << step << " parent " << p;
    }
  };
  const auto reparent = [&](RowIndex row, int to) {
    ASSERT_TRUE(
        store_
            .Update(attempt, store_.IdOf(attempt, row),
                    In("Contact_Attempt__c", {{"Collection_Account__c",
                                               FieldValue::Id(parents[static_cast<size_t>(to)])}}),
                    now_, user_)
            .ok());
  };
  for (int step = 0; step < 400; ++step) {
    const uint64_t op = next(10);
    if (op < 4 || parent_of.empty()) {
      const int p = static_cast<int>(next(kParents));
      NewAttempt(parents[static_cast<size_t>(p)]);
      model[static_cast<size_t>(p)].push_back(static_cast<RowIndex>(parent_of.size()));
      parent_of.push_back(p);
    } else if (op < 8) {
      const auto row = static_cast<RowIndex>(next(parent_of.size()));
      const int to = static_cast<int>(next(kParents));
      auto& from = model[static_cast<size_t>(parent_of[row])];
      from.erase(std::find(from.begin(), from.end(), row));
      model[static_cast<size_t>(to)].push_back(row);
      parent_of[row] = to;
      reparent(row, to);
    } else {
      // A batch of moves and creates that is rolled back: nothing changes.
      const std::string before = Snapshot();
      store_.Begin();
      for (int k = 0; k < 6; ++k) {
        reparent(static_cast<RowIndex>(next(parent_of.size())), static_cast<int>(next(kParents)));
        NewAttempt(parents[next(kParents)]);
      }
      store_.Rollback();
      ASSERT_EQ(Snapshot(), before) << "step " << step;
    }
    check(step);
  }
}

// Memory per typical Collection_Account__c (a deterministic figure, not a timing). docs/org.md
// quotes it.
TEST_F(StoreTest, CompactLayoutBytesPerCollectionAccount) {
  const ObjectDef& o = Obj("Collection_Account__c");
  SfOr<SfId> account = store_.Create(
      Obj("Account"), In("Account", {{"Name", FieldValue::String("Debtor")}}), now_, user_);
  ASSERT_TRUE(account.ok());
  const size_t before = store_.ApproximateBytes(o);
  constexpr int kRows = 4 * 16384;  // whole chunks, so the figure is per row, not per partial chunk
  for (int i = 0; i < kRows; ++i) {
    const std::string n = std::to_string(i);
    SfOr<SfId> id = store_.Create(
        o,
        In("Collection_Account__c",
           {{"Name", FieldValue::String("Debtor " + n)},
            {"External_Id__c", FieldValue::String("LN-" + std::string(8 - n.size(), '0') + n)},
            {"Account__c", FieldValue::Id(*account)},
            {"Balance__c", FieldValue::Double(1250.75)},
            {"Original_Balance__c", FieldValue::Double(1800)},
            {"Days_Past_Due__c", FieldValue::Int(i % 180)},
            {"Status__c", FieldValue::String("Active")},
            {"Segment__c", FieldValue::String(i % 2 ? "Early" : "Late")},
            {"Risk_Score__c", FieldValue::Double(0.4321)},
            {"Propensity_To_Pay__c", FieldValue::Double(37.5)},
            {"Due_Date__c", FieldValue::Date(20100)},
            {"Last_Contact_At__c", FieldValue::DateTime(1'740'000'000'000)},
            {"Next_Action_At__c", FieldValue::DateTime(1'741'000'000'000)},
            {"Jurisdiction__c", FieldValue::String("US-CA")},
            {"Time_Zone__c", FieldValue::String("America/Los_Angeles")},
            {"Arm__c", FieldValue::String("champion")}}),
        now_, user_);
    ASSERT_TRUE(id.ok()) << id.error().message;
  }
  const double per_row = static_cast<double>(store_.ApproximateBytes(o) - before) / kRows;
  std::printf("Collection_Account__c: %.1f bytes per record (%d records, %zu bytes)\n", per_row,
              kRows, store_.ApproximateBytes(o));
  EXPECT_LT(per_row, 300.0);
  EXPECT_GT(per_row, 100.0);  // it does hold the data (sanity)
  EXPECT_GE(store_.ApproximateBytes(), store_.ApproximateBytes(o));
}

}  // namespace
}  // namespace recoup::sim::org
