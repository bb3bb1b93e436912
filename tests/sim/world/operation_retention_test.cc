// org.retain_activity (world_config.h OrgSpec): a run whose org keeps its Contact_Attempt__c and
// Compliance_Record__c records and one whose org only validates and counts them (the default) give
// the same KPIs, bit for bit, and the same API calls (kind, send time, latency, success), with
// faults that make the port retry.
#include <gtest/gtest.h>

#include <cstring>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/workflow/decision_config.h"
#include "sim/recording/kpis.h"
#include "sim/recording/run_log.h"
#include "sim/recording/tee_sink.h"
#include "sim/world/operation.h"
#include "sim/world/world_config.h"
#include "tests/sim/world/operation_run.h"

namespace recoup::sim::world {
namespace {

// Keeps the API calls and counts the contacts.
class ApiRecorder final : public recording::RunSink {
 public:
  void OnContact(const recording::ContactRow&) override { ++contacts; }
  void OnPromise(const recording::PromiseRow&) override {}
  void OnPayment(const recording::PaymentRow&) override {}
  void OnEscalation(const recording::EscalationRow&) override {}
  void OnApiCall(const recording::ApiCallRow& row) override { calls.push_back(row); }
  void OnFlag(const recording::FlagRow&) override {}
  void OnDay(const recording::DaySnapshot&) override {}
  void OnAccountOutcome(const recording::AccountOutcomeRow&) override {}

  std::vector<recording::ApiCallRow> calls;
  int64_t contacts = 0;
};

struct RetentionRun {
  ApiRecorder api;
  std::map<std::string, double, std::less<>> kpis;
};

RetentionRun RunWithRetention(bool retain_activity) {
  WorldSpec world;
  world.portfolio.accounts = 300;
  world.staffing.ai_lines = 4;
  world.org.retain_activity = retain_activity;
  // Faults on creates: lost answers (the port retries; the org wrote) and refusals.
  world.org.faults.operations["create"].timeout = 0.03;
  world.org.faults.operations["create"].unable_to_lock_row = 0.03;
  world.org.faults.timeout_after_ms = 3000;
  workflow::DecisionConfig decisions = workflow::DefaultDecisionConfig();
  for (strategy::Strategy& s : decisions.strategies) s.ai.enabled = true;
  const RunSpec run = test_support::JanuaryRun(14);

  RetentionRun out;
  recording::KpiConfig kpi_config;
  kpi_config.start_date = run.start_date;
  kpi_config.horizon_days = run.horizon_days;
  StatusOr<recording::KpiCollector> kpis = recording::KpiCollector::Create(kpi_config);
  EXPECT_TRUE(kpis.ok()) << kpis.status();
  if (!kpis.ok()) return out;
  recording::TeeSink tee({&out.api, &*kpis});
  Operation::Options options;
  options.seed = run.seed;
  StatusOr<std::unique_ptr<Operation>> op = Operation::Create(world, decisions, run, options, &tee);
  EXPECT_TRUE(op.ok()) << op.status();
  if (!op.ok()) return out;
  EXPECT_TRUE((*op)->Run().ok());
  out.kpis = kpis->Summary(-1);
  return out;
}

// Bit-for-bit equality (NaN included).
bool SameBits(double a, double b) { return std::memcmp(&a, &b, sizeof(a)) == 0; }

TEST(OperationRetentionTest, CountOnlyActivityGivesTheSameRun) {
  const RetentionRun kept = RunWithRetention(true);
  const RetentionRun counted = RunWithRetention(false);

  ASSERT_EQ(kept.kpis.size(), counted.kpis.size());
  ASSERT_FALSE(kept.kpis.empty());
  for (const auto& [name, value] : kept.kpis) {
    const auto it = counted.kpis.find(name);
    ASSERT_NE(it, counted.kpis.end()) << name;
    EXPECT_TRUE(SameBits(value, it->second)) << name << ": " << value << " vs " << it->second;
  }
  EXPECT_EQ(kept.api.contacts, counted.api.contacts);
  ASSERT_EQ(kept.api.calls.size(), counted.api.calls.size());
  std::map<int, int> written;  // successful calls by kind
  for (size_t i = 0; i < kept.api.calls.size(); ++i) {
    const recording::ApiCallRow& a = kept.api.calls[i];
    const recording::ApiCallRow& b = counted.api.calls[i];
    ASSERT_EQ(a.call, b.call) << i;
    ASSERT_EQ(a.sent, b.sent) << i;
    ASSERT_EQ(a.latency, b.latency) << i;
    ASSERT_EQ(a.ok, b.ok) << i;
    ASSERT_EQ(a.during_call, b.during_call) << i;
    if (a.ok) ++written[a.call];
  }
  // The run did write both kinds of activity record, and some calls failed.
  EXPECT_GT(written[1], 100);  // contact attempts
  EXPECT_GT(written[2], 10);   // compliance records (AI contacts)
  EXPECT_GT(kept.api.contacts, 0);
  int failed = 0;
  for (const recording::ApiCallRow& a : kept.api.calls) failed += a.ok ? 0 : 1;
  EXPECT_GT(failed, 0);
}

}  // namespace
}  // namespace recoup::sim::world
