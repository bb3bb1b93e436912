// WhatsApp end to end: a strategy step on WhatsApp reaches the debtors who opted in by WhatsApp
// (the others by text, its fallback) at the channel's rate, daily capacity and cost, with no
// violation found by the independent audit; a scenario without WhatsApp steps sends none.
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "scenarios/loader.h"
#include "scenarios/runner.h"
#include "sim/recording/kpi_definitions.h"
#include "sim/recording/run_log.h"
#include "sim/world/operation.h"

namespace recoup::scenarios {
namespace {

std::string Default() { return std::string(RECOUP_SOURCE_DIR) + "/scenarios/catalog/default.yaml"; }

// The default pilot with the champion's first early-stage step (a text on day 0) sent by WhatsApp
// instead (the challenger writes its own sequence and keeps the text).
constexpr const char* kWhatsAppFirst = "strategies[0].sequences.early[0].channel=whatsapp";

double Kpi(const SimulationResult& s, std::string_view name) {
  const auto kpi = sim::recording::FindKpi(name);
  EXPECT_TRUE(kpi.has_value()) << name;
  return s.kpis.summary.at(static_cast<std::size_t>(*kpi));
}

RunReport RunDefault(const std::vector<std::string>& overrides, int64_t accounts, int days) {
  StatusOr<Scenario> s = LoadScenarioFile(Default(), overrides);
  EXPECT_TRUE(s.ok()) << s.status().message();
  RunRequest request;
  request.accounts = accounts;
  request.days = days;
  StatusOr<RunReport> report = RunScenario(*s, request);
  EXPECT_TRUE(report.ok()) << report.status().message();
  return std::move(report).value();
}

// The allowed outbound messages of a run, by channel.
class Messages final : public sim::recording::RunSink {
 public:
  void OnContact(const sim::recording::ContactRow& row) override {
    if (row.inbound || row.verdict != sim::recording::VerdictKind::kAllow) return;
    if (row.channel == domain::Channel::kWhatsApp) whatsapp.push_back(row);
    if (row.channel == domain::Channel::kSms) sms.push_back(row);
  }
  void OnPromise(const sim::recording::PromiseRow&) override {}
  void OnPayment(const sim::recording::PaymentRow&) override {}
  void OnEscalation(const sim::recording::EscalationRow&) override {}
  void OnApiCall(const sim::recording::ApiCallRow&) override {}
  void OnFlag(const sim::recording::FlagRow&) override {}
  void OnDay(const sim::recording::DaySnapshot&) override {}
  void OnAccountOutcome(const sim::recording::AccountOutcomeRow&) override {}
  std::vector<sim::recording::ContactRow> whatsapp;
  std::vector<sim::recording::ContactRow> sms;
};

Messages Operate(std::vector<std::string> overrides, int64_t accounts, int days) {
  overrides.insert(overrides.begin(), kWhatsAppFirst);
  StatusOr<Scenario> s = LoadScenarioFile(Default(), overrides);
  EXPECT_TRUE(s.ok()) << s.status().message();
  Messages sink;
  sim::world::Operation::Options options;
  options.accounts = accounts;
  options.horizon_days = days;
  options.report_api_calls = false;
  StatusOr<std::unique_ptr<sim::world::Operation>> op =
      sim::world::Operation::Create(s->world, s->core, s->run, options, &sink);
  EXPECT_TRUE(op.ok()) << op.status().message();
  EXPECT_TRUE((*op)->Run().ok());
  return sink;
}

TEST(WhatsAppTest, TheDefaultScenarioSendsNone) {
  const RunReport r = RunDefault({}, 300, 7);
  for (const SimulationResult& s : r.simulations) {
    EXPECT_EQ(Kpi(s, "contacts_whatsapp"), 0);
    EXPECT_EQ(Kpi(s, "recovered_whatsapp"), 0);
    EXPECT_GT(Kpi(s, "contacts_sms"), 0);
  }
}

// About whatsapp_consent (0.30) of the debtors get the first message by WhatsApp, the others by
// text; nothing the audit can fault.
TEST(WhatsAppTest, AWhatsAppStepReachesTheOptedInAndFallsBackToTexts) {
  const RunReport r = RunDefault({kWhatsAppFirst}, 600, 7);
  ASSERT_FALSE(r.simulations.empty());
  for (const SimulationResult& s : r.simulations) {
    EXPECT_EQ(Kpi(s, "compliance_violations"), 0);
    EXPECT_EQ(s.audit.violations.size(), 0u);
    if (s.arm != 0) {
      EXPECT_EQ(Kpi(s, "contacts_whatsapp"), 0);  // the challenger kept its text
      continue;
    }
    const double whatsapp = Kpi(s, "contacts_whatsapp");
    EXPECT_GT(whatsapp, 30);
    EXPECT_GT(Kpi(s, "contacts_sms"), whatsapp);  // the 70% without an opt-in got a text
  }
  // The channel's read and click rates are its own: nobody reads, nobody pays by WhatsApp.
  const RunReport unread = RunDefault({kWhatsAppFirst, "behaviour.whatsapp_read=0"}, 600, 7);
  for (const SimulationResult& s : unread.simulations) {
    if (s.arm != 0) continue;
    EXPECT_GT(Kpi(s, "contacts_whatsapp"), 30);
    EXPECT_EQ(Kpi(s, "recovered_whatsapp"), 0);
  }
}

TEST(WhatsAppTest, MessagesLeaveAtTheRateWithinTheCapacityAtTheCost) {
  const Messages slow = Operate({"channels.whatsapp_per_second=0.5"}, 400, 2);
  ASSERT_GT(slow.whatsapp.size(), 20u);
  std::vector<Timestamp> starts;
  for (const auto& row : slow.whatsapp) starts.push_back(row.start);
  std::sort(starts.begin(), starts.end());
  for (std::size_t k = 1; k < starts.size(); ++k) {
    EXPECT_GE(starts[k] - starts[k - 1], Duration::Seconds(2)) << k;
  }
  for (const auto& row : slow.whatsapp) {
    EXPECT_EQ(row.cost, Money::FromMinorUnits(1));  // $0.009, to the cent
    EXPECT_EQ(row.outcome, domain::Outcome::kSent);
  }
  const Messages capped =
      Operate({"channels.whatsapp_per_day=10", "channels.cost.whatsapp=0.03"}, 400, 2);
  ASSERT_GT(capped.whatsapp.size(), 0u);
  EXPECT_LE(capped.whatsapp.size(), 20u);  // 10 a day for two days
  for (const auto& row : capped.whatsapp) EXPECT_EQ(row.cost, Money::FromMinorUnits(3));
}

}  // namespace
}  // namespace recoup::scenarios
