// ValidateWorldSpec: the defaults pass; each kind of bad value is rejected with its field path as
// the scenario file spells it; the default handle-time tables follow the product brief.
#include "sim/world/world_config.h"

#include <gtest/gtest.h>

#include <string>

namespace recoup::sim::world {
namespace {

WorldSpec Defaults() {
  WorldSpec spec;
  spec.channels.human = DefaultHumanHandleTimes();
  spec.channels.ai = DefaultAiHandleTimes();
  return spec;
}

std::string ErrorOf(const WorldSpec& spec) {
  Status s = ValidateWorldSpec(spec);
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  return std::string(s.message());
}

TEST(WorldConfigTest, DefaultsAreValid) {
  EXPECT_TRUE(ValidateWorldSpec(WorldSpec{}).ok()) << ValidateWorldSpec(WorldSpec{});
  EXPECT_TRUE(ValidateWorldSpec(Defaults()).ok()) << ValidateWorldSpec(Defaults());
}

TEST(WorldConfigTest, NegativeProductWeightNamesTheIndex) {
  WorldSpec spec = Defaults();
  spec.portfolio.products.push_back(ProductSpec{});
  spec.portfolio.products[1].weight = -1;
  EXPECT_EQ(ErrorOf(spec), "portfolio.products[1].weight: must be finite and >= 0, got -1");
}

TEST(WorldConfigTest, BadValuesNameTheirField) {
  struct Case {
    void (*mutate)(WorldSpec&);
    std::string expected;
  };
  const Case cases[] = {
      {[](WorldSpec& s) { s.portfolio.accounts = 0; }, "portfolio.accounts: must be >= 1, got 0"},
      {[](WorldSpec& s) { s.portfolio.products.clear(); },
       "portfolio.products: must list at least one product"},
      {[](WorldSpec& s) { s.portfolio.products[0].weight = 0; },
       "portfolio.products: the weights must have a positive sum, got 0"},
      {[](WorldSpec& s) { s.portfolio.products[0].balance.median = 0; },
       "portfolio.products[0].balance.median: must be finite and > 0, got 0"},
      {[](WorldSpec& s) { s.portfolio.products[0].fees_share = 0.95; },
       "portfolio.products[0].interest_share: fees_share + interest_share must be < 1, got 1.05"},
      {[](WorldSpec& s) { s.portfolio.products[0].max_days_past_due = 0; },
       "portfolio.products[0].max_days_past_due: must be >= 1, got 0"},
      {[](WorldSpec& s) { s.portfolio.regions[0].time_zone = "Mars/Olympus"; },
       "portfolio.regions[0].time_zone: unknown IANA time zone 'Mars/Olympus' (expected e.g. "
       "America/New_York)"},
      {[](WorldSpec& s) { s.portfolio.regions[0].area_codes[2] = 99; },
       "portfolio.regions[0].area_codes[2]: must be a NANP area code in [200, 999], got 99"},
      {[](WorldSpec& s) { s.portfolio.regions[0].country = "usa"; },
       "portfolio.regions[0].country: must be an ISO 3166-1 alpha-2 code like US, got 'usa'"},
      {[](WorldSpec& s) {
         s.portfolio.regions[0].postal_codes = {"10001", ""};
       },
       "portfolio.regions[0].postal_codes[1]: must be 1 to 10 characters, got ''"},
      {[](WorldSpec& s) { s.behaviour.answer_sigma = -0.5; },
       "behaviour.answer_sigma: must be finite and >= 0, got -0.5"},
      {[](WorldSpec& s) { s.behaviour.accept_counter = 1.5; },
       "behaviour.accept_counter: must be in [0, 1], got 1.5"},
      {[](WorldSpec& s) { s.portfolio.contact.sms_consent = 1.5; },
       "portfolio.contact.sms_consent: must be in [0, 1], got 1.5"},
      {[](WorldSpec& s) { s.portfolio.flags.deceased = -0.1; },
       "portfolio.flags.deceased: must be in [0, 1], got -0.1"},
      {[](WorldSpec& s) { s.behaviour.answer = 2; }, "behaviour.answer: must be in [0, 1], got 2"},
      {[](WorldSpec& s) { s.behaviour.hour_multiplier[23] = -1; },
       "behaviour.hour_multiplier[23]: must be finite and >= 0, got -1"},
      {[](WorldSpec& s) { s.behaviour.kept = 1.01; },
       "behaviour.kept: must be in [0, 1], got 1.01"},
      {[](WorldSpec& s) { s.behaviour.hardship = 0.95; },
       "behaviour.attorney: asks_for_human + dispute + hardship + stop_calling + attorney must be "
       "<= 1, got 1.083"},
      {[](WorldSpec& s) { s.behaviour.propensity_mean = 1; },
       "behaviour.propensity_mean: must be in (0, 1), got 1"},
      {[](WorldSpec& s) {
         s.channels.human.identity = {60, 30};
       },
       "channels.human.identity.p90_s: must be >= median_s (60), got 30"},
      {[](WorldSpec& s) { s.channels.ai.payment.median_s = -1; },
       "channels.ai.payment.median_s: must be finite and > 0, got -1"},
      {[](WorldSpec& s) { s.channels.cost.sms = -0.01; },
       "channels.cost.sms: must be finite and >= 0, got -0.01"},
      {[](WorldSpec& s) { s.portfolio.contact.whatsapp_consent = 1.5; },
       "portfolio.contact.whatsapp_consent: must be in [0, 1], got 1.5"},
      {[](WorldSpec& s) { s.behaviour.whatsapp_read = -0.2; },
       "behaviour.whatsapp_read: must be in [0, 1], got -0.2"},
      {[](WorldSpec& s) { s.behaviour.whatsapp_click = 1.2; },
       "behaviour.whatsapp_click: must be in [0, 1], got 1.2"},
      {[](WorldSpec& s) { s.channels.whatsapp_per_second = 0; },
       "channels.whatsapp_per_second: must be finite and > 0, got 0"},
      {[](WorldSpec& s) { s.channels.whatsapp_per_day = -1; },
       "channels.whatsapp_per_day: must be >= 0, got -1"},
      {[](WorldSpec& s) { s.channels.cost.whatsapp = -0.01; },
       "channels.cost.whatsapp: must be finite and >= 0, got -0.01"},
      {[](WorldSpec& s) { s.staffing.agents[0].shift_end_minute = 1500; },
       "staffing.agents[0].shift_end_minute: must be in (shift_start_minute, 1440], got 1500"},
      {[](WorldSpec& s) { s.staffing.agents[0].weekdays = 0; },
       "staffing.agents[0].weekdays: must name at least one day Monday..Sunday (bits 0..6), got 0"},
      {[](WorldSpec& s) { s.staffing.agents.push_back(AgentGroupSpec{}); },
       "staffing.agents[1].name: duplicate group name 'collectors'"},
      {[](WorldSpec& s) { s.staffing.operation_time_zone = "EST5"; },
       "staffing.operation_time_zone: unknown IANA time zone 'EST5' (expected e.g. "
       "America/New_York)"},
      {[](WorldSpec& s) { s.staffing.callback_expiry_days = -1; },
       "staffing.callback_expiry_days: must be in [0, 3650], got -1"},
      {[](WorldSpec& s) { s.staffing.callback_expiry_days = 200000; },
       "staffing.callback_expiry_days: must be in [0, 3650], got 200000"},
      {[](WorldSpec& s) { s.org.limits.daily_api_requests = -1; },
       "org.limits.daily_api_requests: must be >= 0, got -1"},
      {[](WorldSpec& s) { s.org.faults.default_rates.timeout = 2; },
       "org.faults.default.timeout: must be in [0, 1], got 2"},
      {[](WorldSpec& s) { s.org.lookup_budget = Duration::Zero(); },
       "org.lookup_budget: must be > 0, got 0s"},
  };
  for (const Case& c : cases) {
    WorldSpec spec = Defaults();
    c.mutate(spec);
    EXPECT_EQ(ErrorOf(spec), c.expected);
  }
}

TEST(WorldConfigTest, ZeroDurationMeansNoTime) {
  WorldSpec spec = Defaults();
  spec.channels.human.after_call_work = {0, 0};
  EXPECT_TRUE(ValidateWorldSpec(spec).ok());
  spec.channels.human.after_call_work = {0, 10};
  EXPECT_EQ(ErrorOf(spec),
            "channels.human.after_call_work.median_s: must be finite and > 0, got 0");
}

TEST(WorldConfigTest, DefaultHandleTimesFollowTheBrief) {
  const HandleTimes human = DefaultHumanHandleTimes();
  const HandleTimes ai = DefaultAiHandleTimes();
  // Brief: identity 45-90 s human, 15-30 s AI; median = lo + (hi - lo) / 3, p90 = hi.
  EXPECT_EQ(human.identity.median_s, 60);
  EXPECT_EQ(human.identity.p90_s, 90);
  EXPECT_EQ(ai.identity.median_s, 20);
  EXPECT_EQ(ai.identity.p90_s, 30);
  EXPECT_EQ(human.arrangement.p90_s, 300);
  EXPECT_EQ(ai.arrangement.p90_s, 180);
  EXPECT_EQ(human.dispute.p90_s, 1200);
  EXPECT_EQ(ai.after_call_work.median_s, 0);
  // The AI is faster at every task it does.
  EXPECT_LT(ai.identity.median_s, human.identity.median_s);
  EXPECT_LT(ai.balance.median_s, human.balance.median_s);
  EXPECT_LT(ai.reminder.median_s, human.reminder.median_s);
  EXPECT_LT(ai.arrangement.median_s, human.arrangement.median_s);
  EXPECT_LT(ai.payment.median_s, human.payment.median_s);
}

}  // namespace
}  // namespace recoup::sim::world
