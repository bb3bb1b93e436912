// The operation while the org refuses requests for its daily API limit (workflow::OrgBackoff in
// sim/world/operation_contact.cc): our calls and messages wait in their queues during the pause
// instead of failing one by one at the account lookup, a refused lookup is neither a blocked
// contact nor a denial, and the work goes on once the org answers again.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <vector>

#include "core/workflow/decision_config.h"
#include "sim/recording/run_log.h"
#include "sim/world/world_config.h"
#include "tests/sim/world/operation_run.h"

namespace recoup::sim::world {
namespace {

using recording::ApiCallRow;
using recording::ContactRow;

constexpr uint8_t kLookup = 0;  // ApiCallRow::call
constexpr int kDays = 10;

WorldSpec LimitedWorld(int64_t daily_api_requests) {
  WorldSpec w;
  w.portfolio.accounts = 400;
  w.staffing.ai_lines = 4;
  w.org.limits.daily_api_requests = daily_api_requests;
  // No debtor calls us: every lookup below is one of our own calls.
  w.behaviour.inbound_callback = 0;
  w.behaviour.letter_response = 0;
  return w;
}

// 400 accounts for kDays days against an org allowing 300 requests per rolling 24 h (run once).
const test_support::OperationRun& LimitedRun() {
  static const std::unique_ptr<test_support::OperationRun> run = [] {
    workflow::DecisionConfig decisions = workflow::DefaultDecisionConfig();
    for (strategy::Strategy& s : decisions.strategies) s.ai.enabled = true;
    return test_support::RunOperation(LimitedWorld(300), decisions,
                                      test_support::JanuaryRun(kDays));
  }();
  return *run;
}

Timestamp Answered(const ApiCallRow& r) { return r.sent + r.latency; }

TEST(OperationOrgLimitTest, CallsWaitWhileTheOrgRefusesAndGoOnAfterwards) {
  const test_support::OperationRun& run = LimitedRun();
  const std::vector<ApiCallRow>& calls = run.rows.api_calls;
  std::vector<Timestamp> refused_lookups;
  int64_t refused = 0;
  for (const ApiCallRow& r : calls) {
    if (r.ok) continue;
    ++refused;
    if (r.call == kLookup) refused_lookups.push_back(Answered(r));
  }
  ASSERT_GT(refused, 0) << "the limit must bind in this world";
  ASSERT_FALSE(refused_lookups.empty());

  // After a refused lookup the operation starts no call for the pause's first minute (less the
  // few seconds the lookup may have been in flight when the pause began).
  for (const Timestamp t : refused_lookups) {
    for (const ApiCallRow& r : calls) {
      if (r.call != kLookup) continue;
      EXPECT_FALSE(r.sent > t && r.sent <= t + Duration::Seconds(30))
          << "a call started " << (r.sent - t).ToSecondsDouble() << " s after a refused lookup";
    }
  }

  // Calls are placed again once the org answers: successful lookups after the first refusal.
  const Timestamp first_refusal = *std::min_element(refused_lookups.begin(), refused_lookups.end());
  const int64_t later_lookups = std::count_if(calls.begin(), calls.end(), [&](const ApiCallRow& r) {
    return r.call == kLookup && r.ok && r.sent > first_refusal;
  });
  EXPECT_GT(later_lookups, 0);

  // A refused lookup is not a contact compliance blocked: no blocked call without a rule.
  for (const ContactRow& c : run.rows.Contacts()) {
    EXPECT_FALSE(c.disposition == recording::kDispositionBlocked &&
                 c.channel == domain::Channel::kCall && c.rule == compliance::Rule::kNone)
        << "account " << c.account << " logged blocked at " << c.start.unix_nanos();
  }
  EXPECT_TRUE(run.audit.clean());
}

TEST(OperationOrgLimitTest, RefusedOrgIsProbedNotHammered) {
  // Once the day's 300 requests are used up the org refuses until the window rolls on. The
  // operation then sends one probe call per pause (1 to 15 minutes; a request the org takes
  // starts the doubling over), besides the calls in flight when a pause began. A regression
  // bound, not a derived one: about 50 refused lookups a day in this world with the back-off,
  // about 240 before it (each refused call logged blocked and re-planned 7 days later), and
  // thousands without the pause (the refused call goes back to its queue and is refused again).
  int64_t refused_lookups = 0;
  for (const ApiCallRow& r : LimitedRun().rows.api_calls) {
    if (r.call == kLookup && !r.ok) ++refused_lookups;
  }
  ASSERT_GT(refused_lookups, 0);
  EXPECT_LE(refused_lookups, kDays * 100);
}

}  // namespace
}  // namespace recoup::sim::world
