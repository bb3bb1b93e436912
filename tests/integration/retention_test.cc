// org.retain_activity through the runner: the default scenario at the golden KPIs' size (400
// accounts, 14 days, seed 1, both arms) gives the same summary and daily KPIs, bit for bit (API
// call counts and latencies, violations included), and the same kernel events, whether the org
// keeps its Contact_Attempt__c / Compliance_Record__c records or only validates and counts them.
#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

#include "scenarios/loader.h"
#include "scenarios/runner.h"
#include "sim/recording/kpi_definitions.h"

namespace recoup::scenarios {
namespace {

RunReport RunDefault(bool retain_activity) {
  StatusOr<Scenario> s = LoadScenarioFile(
      std::string(RECOUP_SOURCE_DIR) + "/scenarios/catalog/default.yaml",
      {std::string("org.retain_activity=") + (retain_activity ? "true" : "false")});
  EXPECT_TRUE(s.ok()) << s.status().message();
  EXPECT_EQ(s->world.org.retain_activity, retain_activity);
  RunRequest request;
  request.accounts = 400;
  request.days = 14;
  request.replications = 1;
  StatusOr<RunReport> report = RunScenario(*s, request);
  EXPECT_TRUE(report.ok()) << report.status().message();
  return std::move(report).value();
}

void ExpectSameBits(const std::vector<double>& a, const std::vector<double>& b,
                    const std::string& where) {
  ASSERT_EQ(a.size(), b.size()) << where;
  for (std::size_t k = 0; k < a.size(); ++k) {
    EXPECT_EQ(std::memcmp(&a[k], &b[k], sizeof(double)), 0)
        << where << " " << sim::recording::KpiDefinitions()[k].name << ": " << a[k] << " vs "
        << b[k];
  }
}

TEST(RetentionRunTest, CountOnlyActivityLeavesEveryKpiUnchanged) {
  const RunReport kept = RunDefault(true);
  const RunReport counted = RunDefault(false);
  ASSERT_EQ(kept.simulations.size(), 2u);
  ASSERT_EQ(counted.simulations.size(), kept.simulations.size());
  for (std::size_t i = 0; i < kept.simulations.size(); ++i) {
    const sim::recording::ArmKpis& a = kept.simulations[i].kpis;
    const sim::recording::ArmKpis& b = counted.simulations[i].kpis;
    ExpectSameBits(a.summary, b.summary, "arm " + std::to_string(a.arm) + " summary");
    ASSERT_EQ(a.daily.size(), b.daily.size());
    for (std::size_t d = 0; d < a.daily.size(); ++d) {
      ExpectSameBits(a.daily[d].values, b.daily[d].values,
                     "arm " + std::to_string(a.arm) + " day " + std::to_string(d));
    }
    EXPECT_EQ(kept.simulations[i].events, counted.simulations[i].events);
    EXPECT_EQ(kept.simulations[i].audit.violations.size(),
              counted.simulations[i].audit.violations.size());
  }
  EXPECT_EQ(kept.events, counted.events);
  EXPECT_EQ(kept.violations, counted.violations);
}

}  // namespace
}  // namespace recoup::scenarios
