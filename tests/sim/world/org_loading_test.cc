// LoadPortfolioIntoOrg: one Collection_Account__c per account, found by its external Id with the
// account's fields; a second load names the account the org refuses.
#include "sim/world/org_loading.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "sim/org/record_store.h"
#include "sim/org/schema.h"
#include "sim/org/service/org.h"
#include "sim/org/value.h"

namespace recoup::sim::world {
namespace {

const Timestamp kStart = Timestamp::FromCivilUtc(2026, 1, 5, 12, 0, 0);

std::unique_ptr<org::Org> MakeOrg() {
  org::OrgConfig config;  // named: GCC 12 warns falsely on a temporary
  StatusOr<std::unique_ptr<org::Org>> made = org::Org::Create(std::move(config), nullptr);
  EXPECT_TRUE(made.ok()) << made.status();
  return std::move(made).value();
}

Portfolio MakePortfolio(int64_t n) {
  PortfolioSpec spec;
  spec.accounts = n;
  spec.flags.dispute_open = 0.2;
  BehaviourSpec behaviour;
  StatusOr<Portfolio> p = GeneratePortfolio(spec, behaviour, 4, kStart, 30);
  EXPECT_TRUE(p.ok()) << p.status();
  return std::move(p).value();
}

// The store's bytes per loaded account (docs/world.md quotes the figure): the run's accounts set 10
// of Collection_Account__c's fields, and the columns they leave null take no memory.
TEST(OrgLoadingTest, BytesPerLoadedAccount) {
  constexpr int64_t kAccounts = 4 * 16384;  // whole column chunks
  const Portfolio portfolio = MakePortfolio(kAccounts);
  std::unique_ptr<org::Org> org = MakeOrg();
  size_t before = 0;
  {
    org::Org::Session session = org->Lock();
    before = session.store().ApproximateBytes();
  }
  ASSERT_TRUE(LoadPortfolioIntoOrg(portfolio, *org).ok());
  org::Org::Session session = org->Lock();
  const double per_account =
      static_cast<double>(session.store().ApproximateBytes() - before) / kAccounts;
  std::printf("org store: %.1f bytes per loaded account\n", per_account);
  EXPECT_LT(per_account, 200.0);
  EXPECT_GT(per_account, 60.0);  // it does hold the ten values and the external-Id index
}

TEST(OrgLoadingTest, OneRecordPerAccountFoundByExternalId) {
  const Portfolio portfolio = MakePortfolio(5000);
  std::unique_ptr<org::Org> org = MakeOrg();
  const Status loaded = LoadPortfolioIntoOrg(portfolio, *org);
  ASSERT_TRUE(loaded.ok()) << loaded;

  org::Org::Session session = org->Lock();
  const org::RecordStore& store = session.store();
  const org::ObjectDef* object = session.schema().FindObject("Collection_Account__c");
  ASSERT_NE(object, nullptr);
  EXPECT_EQ(store.live_row_count(*object), 5000u);

  const org::FieldDef* ext = object->FindField("External_Id__c");
  const org::FieldDef* balance = object->FindField("Balance__c");
  const org::FieldDef* dpd = object->FindField("Days_Past_Due__c");
  const org::FieldDef* status = object->FindField("Status__c");
  const org::FieldDef* due = object->FindField("Due_Date__c");
  const org::FieldDef* jurisdiction = object->FindField("Jurisdiction__c");
  for (size_t i : {size_t{0}, size_t{1234}, size_t{4999}}) {
    const domain::Account& a = portfolio.accounts[i];
    std::vector<org::RowIndex> rows;
    store.LookupEqual(*object, *ext, org::ValueView::String(a.external_id), &rows);
    ASSERT_EQ(rows.size(), 1u) << a.external_id;
    const org::RowIndex row = rows[0];
    EXPECT_EQ(store.Get(*object, row, *ext).str(), a.external_id);
    EXPECT_DOUBLE_EQ(store.Get(*object, row, *balance).AsDouble(),
                     static_cast<double>(a.balance.Total().minor_units()) / 100.0);
    EXPECT_EQ(store.Get(*object, row, *dpd).AsDouble(), a.days_past_due);
    EXPECT_EQ(store.Get(*object, row, *status).str(),
              a.dispute == domain::DisputeStatus::kOpen ? "Disputed" : "Active");
    // 2026-01-05 is day 20458 since 1970-01-01.
    EXPECT_EQ(store.Get(*object, row, *due).date_days(), 20458 - a.days_past_due);
    EXPECT_EQ(store.Get(*object, row, *jurisdiction).str(), "US-NY");
  }
  // Case-insensitive external-Id matching, as the org compares it; no such account.
  std::vector<org::RowIndex> rows;
  store.LookupEqual(*object, *ext, org::ValueView::String("acc-0000002"), &rows);
  EXPECT_EQ(rows.size(), 1u);
  rows.clear();
  store.LookupEqual(*object, *ext, org::ValueView::String("ACC-0005001"), &rows);
  EXPECT_TRUE(rows.empty());
}

TEST(OrgLoadingTest, ARefusedRecordNamesTheAccount) {
  const Portfolio portfolio = MakePortfolio(3);
  std::unique_ptr<org::Org> org = MakeOrg();
  const Status loaded = LoadPortfolioIntoOrg(portfolio, *org);
  ASSERT_TRUE(loaded.ok()) << loaded;
  const Status again = LoadPortfolioIntoOrg(portfolio, *org);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(std::string(again.message())
                .rfind("account ACC-0000001 (id 1): Collection_Account__c: DUPLICATE_VALUE: ", 0),
            0u)
      << again;
}

}  // namespace
}  // namespace recoup::sim::world
