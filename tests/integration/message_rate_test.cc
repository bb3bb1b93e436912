// Messages leave at their channel's rate (ChannelSpec::*_per_second): a strategy's text messages
// come due at the start of their slot for every account of a time zone at once, and the operation
// sends them one after another rather than all at that instant.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "scenarios/loader.h"
#include "sim/recording/run_log.h"
#include "sim/world/operation.h"

namespace recoup::sim::world {
namespace {

// Keeps the start time of every text message that was sent (not blocked by compliance).
class SmsStarts final : public recording::RunSink {
 public:
  void OnContact(const recording::ContactRow& row) override {
    if (row.channel == domain::Channel::kSms && !row.inbound &&
        row.disposition != recording::kDispositionBlocked) {
      starts.push_back(row.start);
    }
  }
  void OnPromise(const recording::PromiseRow&) override {}
  void OnPayment(const recording::PaymentRow&) override {}
  void OnEscalation(const recording::EscalationRow&) override {}
  void OnApiCall(const recording::ApiCallRow&) override {}
  void OnFlag(const recording::FlagRow&) override {}
  void OnDay(const recording::DaySnapshot&) override {}
  void OnAccountOutcome(const recording::AccountOutcomeRow&) override {}
  std::vector<Timestamp> starts;
};

// The default scenario's first two days for 400 accounts (its first step is a text on day 0) with
// texts sent at `per_second`; returns the sorted send instants.
std::vector<Timestamp> SmsSendTimes(double per_second) {
  StatusOr<scenarios::Scenario> s = scenarios::LoadScenarioFile(
      std::string(RECOUP_SOURCE_DIR) + "/scenarios/catalog/default.yaml",
      {"channels.sms_per_second=" + std::to_string(per_second)});
  EXPECT_TRUE(s.ok()) << s.status().message();
  SmsStarts sink;
  Operation::Options options;
  options.accounts = 400;
  options.horizon_days = 2;
  options.report_api_calls = false;
  StatusOr<std::unique_ptr<Operation>> op =
      Operation::Create(s->world, s->core, s->run, options, &sink);
  EXPECT_TRUE(op.ok()) << op.status().message();
  EXPECT_TRUE((*op)->Run().ok());
  std::sort(sink.starts.begin(), sink.starts.end());
  return sink.starts;
}

Duration SmallestGap(const std::vector<Timestamp>& t) {
  Duration smallest = Duration::Max();
  for (std::size_t k = 1; k < t.size(); ++k) smallest = std::min(smallest, t[k] - t[k - 1]);
  return smallest;
}

TEST(MessageRateTest, TextsLeaveOneAfterAnotherAtTheChannelRate) {
  const std::vector<Timestamp> slow = SmsSendTimes(0.5);
  ASSERT_GT(slow.size(), 50u);
  // Two seconds apart at least (a send is scheduled exactly 1 / rate after the previous one).
  EXPECT_GE(SmallestGap(slow), Duration::Seconds(2));
  const std::vector<Timestamp> fast = SmsSendTimes(1000);
  // The rate delays texts; it does not drop them (a delayed text can change what an agent does
  // next, so the counts may differ by a few).
  ASSERT_NEAR(static_cast<double>(fast.size()), static_cast<double>(slow.size()),
              0.02 * static_cast<double>(slow.size()));
  EXPECT_GE(SmallestGap(fast), Duration::Milliseconds(1));
  // The texts do come due in bursts: at 1,000 per second many leave less than 2 s apart.
  int close = 0;
  for (std::size_t k = 1; k < fast.size(); ++k) close += fast[k] - fast[k - 1] < Duration::Seconds(2);
  EXPECT_GT(close, 10);
}

TEST(MessageRateTest, RateMustBePositive) {
  StatusOr<scenarios::Scenario> s = scenarios::LoadScenarioFile(
      std::string(RECOUP_SOURCE_DIR) + "/scenarios/catalog/default.yaml",
      {"channels.emails_per_second=0"});
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.status().message().find("channels.emails_per_second"), std::string_view::npos)
      << s.status().message();
}

}  // namespace
}  // namespace recoup::sim::world
