// The scenario loader: defaults when a file leaves sections out, every kind of value read from
// YAML, --set overrides, and the source text round trip.
#include "scenarios/loader.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/segmentation/features.h"

namespace recoup::scenarios {
namespace {

Scenario MustLoad(std::string_view text, const std::vector<std::string>& overrides = {}) {
  StatusOr<Scenario> s = LoadScenarioText(text, "test.yaml", overrides);
  EXPECT_TRUE(s.ok()) << s.status();
  Scenario out;
  if (s.ok()) out = *std::move(s);
  return out;
}

TEST(LoaderTest, EmptyFileIsTheDefaultScenario) {
  const Scenario s = MustLoad("");
  const Scenario d = DefaultScenario();
  EXPECT_EQ(s.name, "test");  // from the file name
  EXPECT_EQ(s.world.portfolio.accounts, d.world.portfolio.accounts);
  EXPECT_EQ(s.world.channels.human.identity.median_s, 60);  // the brief's human handle times
  EXPECT_EQ(s.world.channels.ai.identity.median_s, 20);
  EXPECT_EQ(s.run.start_date, domain::LocalDate(2026, 1, 5));
  ASSERT_EQ(s.core.strategies.size(), 1u);
  EXPECT_EQ(s.core.strategies[0].name, "standard");
  EXPECT_EQ(s.source_path, "test.yaml");
  EXPECT_FALSE(s.world.org.retain_activity);  // activity records validated and counted, not kept
  EXPECT_TRUE(MustLoad("# only a comment\n").core.Validate().ok());
}

// One file that sets a value of every kind in every section.
constexpr std::string_view kEverything = R"(
name: everything
description: all the kinds of values
run: {start_date: 2026-03-02, horizon_days: 90, seed: 18446744073709551615, replications: 3}
portfolio:
  accounts: 1_000_000
  products:
    - {product: bnpl, weight: 2, creditor: Pay Later Inc, collector: debt_buyer,
       balance: {median: 120.5, sigma: 0.3}, fees_share: 0.01, interest_share: 0,
       min_days_past_due: 5, max_days_past_due: 45}
  regions:
    - {country: US, region: WA}
    - {country: US, region: MA, time_zone: America/New_York, area_codes: [617, 508],
       postal_codes: ["02108"], weight: 0.5}
    - {country: GB}
  contact: {phone_on_file: 0.9, robocall_consent: 0.25, email_consumer_used: 1}
  flags: {bankruptcy: 0.02, breathing_space: 0.03}
  validation_notice_at_placement: false
behaviour:
  answer: 0.2
  answer_sigma: 0.7
  accept_counter: 0.5
  accept_fallback_plan: 0.25
  message_reply_mean_s: 60
  hour_multiplier: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2]
  weekday_multiplier: [1, 1, 1, 1, 1, 0.5, 0.25]
  max_instalments_wanted: 12
  roll_to_charge_off_dpd: 120
channels:
  sms_per_day: 5000
  ring_no_answer_s: 25.5
  human: {identity: {median_s: 50, p90_s: 80}}
  ai: {after_call_work: {median_s: 1, p90_s: 2}}
  cost: {ai_voice_per_minute: 0.2, card_fee_rate: 0.03}
staffing:
  ai_lines: 12
  agents:
    - {name: day, count: 7, shift_start: "07:30", shift_end: "24:00", weekdays: [sat, sun],
       outbound: false, escalations: true}
  operation_time_zone: America/Chicago
  patience_mean_s: 90
  callbacks: false
  callback_expiry_days: 5
org:
  latency:
    default: {kind: constant, value_ms: 20}
    operations: {query: {kind: empirical, samples_ms: [10, 20, 30], method: resample}}
  faults: {timeout_after_ms: 5000, operations: {create: {timeout: 0.5}}}
  limits: {daily_api_requests: 123, long_request_threshold: 1500ms, counter_resolution: 5min}
  lookup_budget: 1.5s
  retain_activity: true
segmentation:
  risk_model: {name: my_risk, intercept: -2, coefficients: {months_past_due: 0.5, disputed: 1}}
  thresholds:
    stage_bucket: {late: 2, recovery: 2}
    balance_edges: [500, 2000.50]
    risk_edges: [0.25, 0.75]
    product_group: {bnpl: 1}
  rules:
    - {name: young_small, stage_buckets: [early, 0], balance_bands: [0], risk_bands: any}
    - {name: bnpl, product_groups: [bnpl]}
  fallback: rest
strategies:
  - id: 7
    name: first
    sequences:
      early:
        - {channel: call, voice: prerecorded, anchor: last_contact, day_offset: 2,
           slots: ["08:00-09:30", "20:00-21:00"]}
      recovery: [{channel: letter}]
    escalation: {max_consecutive_broken_promises: 0, refusal_to_human: false}
    offer_limits: {min_payment: 12.50, frequency: biweekly, grace_days: 7, approval_amount: 0,
                   fee_waiver_allowed: false}
    ai: {min_days_past_due: 3, max_days_past_due: 30, min_balance: 0, max_balance: 999.99,
         require_robocall_consent: false}
  - {name: second, base: 7, ai: {enabled: false}}
assignment:
  default_strategy: second
  experiments:
    - {id: 42, name: test, arms: [{name: a, strategy: first, weight_bp: 2500},
                                  {name: b, strategy: 8, weight_bp: 7500}]}
  rules:
    - {name: r0, segments: [bnpl, rest], min_broken_promises: 1, arrangement: none,
       strategy: first}
    - {name: r1, min_attempts_without_rpc: 4, arrangement: active, experiment: 0}
    - {experiment: test}
compliance:
  us_window: {sat: "09:00-17:00", sun: closed}
  calls_per_7_days: 5
  min_gap_same_number: 6h
  sms_consent_freshness: 30d
  email_notice_min_optout: 40d
  defer_horizon: 14d
  mexico_window: "08:00-20:00"
)";

TEST(LoaderTest, ReadsEveryKindOfValue) {
  const Scenario s = MustLoad(kEverything);
  EXPECT_EQ(s.name, "everything");
  EXPECT_EQ(s.description, "all the kinds of values");
  EXPECT_EQ(s.run.start_date, domain::LocalDate(2026, 3, 2));
  EXPECT_EQ(s.run.horizon_days, 90);
  EXPECT_EQ(s.run.seed, UINT64_MAX);
  EXPECT_EQ(s.run.replications, 3);

  const sim::world::PortfolioSpec& p = s.world.portfolio;
  EXPECT_EQ(p.accounts, 1'000'000);
  ASSERT_EQ(p.products.size(), 1u);
  EXPECT_EQ(p.products[0].product, domain::Product::kBuyNowPayLater);
  EXPECT_EQ(p.products[0].weight, 2);
  EXPECT_EQ(p.products[0].creditor, "Pay Later Inc");
  EXPECT_EQ(p.products[0].collector, domain::CollectorRole::kDebtBuyer);
  EXPECT_EQ(p.products[0].balance.median, 120.5);
  EXPECT_EQ(p.products[0].balance.sigma, 0.3);
  EXPECT_EQ(p.products[0].interest_share, 0);
  EXPECT_EQ(p.products[0].min_days_past_due, 5);
  ASSERT_EQ(p.regions.size(), 3u);
  // Derived from the compliance tables: WA's zone and every WA area code.
  EXPECT_EQ(p.regions[0].time_zone, "America/Los_Angeles");
  EXPECT_NE(std::find(p.regions[0].area_codes.begin(), p.regions[0].area_codes.end(), 206),
            p.regions[0].area_codes.end());
  EXPECT_EQ(p.regions[1].area_codes, (std::vector<int>{617, 508}));
  EXPECT_EQ(p.regions[1].postal_codes, (std::vector<std::string>{"02108"}));
  EXPECT_EQ(p.regions[1].weight, 0.5);
  EXPECT_EQ(p.regions[2].region, "");
  EXPECT_EQ(p.regions[2].time_zone, "Europe/London");
  EXPECT_TRUE(p.regions[2].area_codes.empty());
  EXPECT_EQ(p.contact.robocall_consent, 0.25);
  EXPECT_EQ(p.contact.email_consumer_used, 1);
  EXPECT_EQ(p.contact.sms_consent, sim::world::ContactDataSpec{}.sms_consent);  // untouched
  EXPECT_EQ(p.flags.breathing_space, 0.03);
  EXPECT_FALSE(p.validation_notice_at_placement);

  const sim::world::BehaviourSpec& b = s.world.behaviour;
  EXPECT_EQ(b.answer, 0.2);
  EXPECT_EQ(b.answer_sigma, 0.7);
  EXPECT_EQ(b.accept_counter, 0.5);
  EXPECT_EQ(b.accept_fallback_plan, 0.25);
  EXPECT_EQ(b.message_reply_mean_s, 60);
  EXPECT_EQ(b.hour_multiplier[23], 2);
  EXPECT_EQ(b.weekday_multiplier[6], 0.25);
  EXPECT_EQ(b.max_instalments_wanted, 12);
  EXPECT_EQ(b.roll_to_charge_off_dpd, 120);

  const sim::world::ChannelSpec& ch = s.world.channels;
  EXPECT_EQ(ch.sms_per_day, 5000);
  EXPECT_EQ(ch.ring_no_answer_s, 25.5);
  EXPECT_EQ(ch.human.identity.median_s, 50);
  EXPECT_EQ(ch.human.balance.median_s, sim::world::DefaultHumanHandleTimes().balance.median_s);
  EXPECT_EQ(ch.ai.after_call_work.p90_s, 2);
  EXPECT_EQ(ch.cost.card_fee_rate, 0.03);

  const sim::world::StaffingSpec& st = s.world.staffing;
  EXPECT_EQ(st.ai_lines, 12);
  ASSERT_EQ(st.agents.size(), 1u);
  EXPECT_EQ(st.agents[0].name, "day");
  EXPECT_EQ(st.agents[0].count, 7);
  EXPECT_EQ(st.agents[0].shift_start_minute, 7 * 60 + 30);
  EXPECT_EQ(st.agents[0].shift_end_minute, 24 * 60);
  EXPECT_EQ(st.agents[0].weekdays, 0x60);
  EXPECT_FALSE(st.agents[0].outbound);
  EXPECT_EQ(st.operation_time_zone, "America/Chicago");
  EXPECT_EQ(st.patience_mean_s, 90);
  EXPECT_FALSE(st.callbacks);
  EXPECT_EQ(st.callback_expiry_days, 5);

  const sim::world::OrgSpec& o = s.world.org;
  EXPECT_EQ(o.latency.default_spec.kind, "constant");
  EXPECT_EQ(o.latency.default_spec.value_ms, 20);
  EXPECT_EQ(o.latency.operations.at("query").samples_ms, (std::vector<double>{10, 20, 30}));
  EXPECT_EQ(o.latency.operations.at("query").method, "resample");
  EXPECT_EQ(o.latency.operations.count("token"), 1u);  // the defaults' entries stay
  EXPECT_EQ(o.faults.timeout_after_ms, 5000);
  EXPECT_EQ(o.faults.operations.at("create").timeout, 0.5);
  EXPECT_EQ(o.limits.daily_api_requests, 123);
  EXPECT_EQ(o.limits.long_request_threshold, Duration::Milliseconds(1500));
  EXPECT_EQ(o.limits.counter_resolution, Duration::Minutes(5));
  EXPECT_EQ(o.lookup_budget, Duration::Milliseconds(1500));
  EXPECT_TRUE(o.retain_activity);

  const segmentation::LogisticModel& m = s.core.risk_model;
  EXPECT_EQ(m.name, "my_risk");
  EXPECT_EQ(m.intercept, -2);
  ASSERT_EQ(m.coefficients.size(), static_cast<std::size_t>(segmentation::kFeatureCount));
  EXPECT_EQ(m.coefficients[segmentation::kMonthsPastDue], 0.5);
  EXPECT_EQ(m.coefficients[segmentation::kDisputed], 1);
  EXPECT_EQ(m.coefficients[segmentation::kLogBalance], 0);  // not named: 0
  const segmentation::SegmentRules& seg = s.core.segments;
  EXPECT_EQ(seg.thresholds.stage_bucket[3], 2);
  EXPECT_EQ(seg.thresholds.stage_bucket[1], 1);  // untouched
  EXPECT_EQ(seg.thresholds.balance_edges,
            (std::vector<Money>{Money::FromMinorUnits(50000), Money::FromMinorUnits(200050)}));
  EXPECT_EQ(seg.thresholds.risk_edges, (std::vector<double>{0.25, 0.75}));
  EXPECT_EQ(seg.thresholds.product_group[8], 1);
  ASSERT_EQ(seg.rules.size(), 2u);
  EXPECT_EQ(seg.rules[0].stage_buckets, 0b11);  // early's bucket (1) and bucket 0
  EXPECT_EQ(seg.rules[0].balance_bands, 0b1);
  EXPECT_EQ(seg.rules[0].risk_bands, segmentation::kAnyBand);
  EXPECT_EQ(seg.rules[1].product_groups, 0b10);
  EXPECT_EQ(seg.fallback, "rest");

  ASSERT_EQ(s.core.strategies.size(), 2u);
  const strategy::Strategy& first = s.core.strategies[0];
  EXPECT_EQ(first.id, 7u);
  const auto& early = first.SequenceFor(domain::Stage::kEarly);
  ASSERT_EQ(early.size(), 1u);
  EXPECT_EQ(early[0].channel, domain::Channel::kCall);
  EXPECT_EQ(early[0].voice, domain::VoiceMode::kPrerecorded);
  EXPECT_EQ(early[0].anchor, strategy::Anchor::kLastContact);
  EXPECT_EQ(early[0].day_offset, 2);
  ASSERT_EQ(early[0].slots.size(), 2u);
  EXPECT_EQ(early[0].slots[0].start_minute, 8 * 60);
  EXPECT_EQ(early[0].slots[0].end_minute, 9 * 60 + 30);
  EXPECT_EQ(first.SequenceFor(domain::Stage::kRecovery)[0].channel, domain::Channel::kLetter);
  EXPECT_TRUE(first.SequenceFor(domain::Stage::kMid).empty());
  EXPECT_EQ(first.escalation.max_consecutive_broken_promises, 0);
  EXPECT_FALSE(first.escalation.refusal_to_human);
  EXPECT_EQ(first.offer_limits.min_payment, Money::FromMinorUnits(1250));
  EXPECT_EQ(first.offer_limits.frequency, negotiation::Frequency::kBiweekly);
  EXPECT_EQ(first.offer_limits.grace_days, 7);
  EXPECT_FALSE(first.offer_limits.fee_waiver_allowed);
  EXPECT_EQ(first.ai.max_balance, Money::FromMinorUnits(99999));
  EXPECT_FALSE(first.ai.require_robocall_consent);
  const strategy::Strategy& second = s.core.strategies[1];
  EXPECT_EQ(second.id, 8u);  // index + 1 when not given
  EXPECT_EQ(second.name, "second");
  EXPECT_EQ(second.SequenceFor(domain::Stage::kEarly).size(), 1u);  // copied from base
  EXPECT_EQ(second.offer_limits.grace_days, 7);
  EXPECT_FALSE(second.ai.enabled);

  const strategy::AssignmentConfig& a = s.core.assignment;
  EXPECT_EQ(a.default_strategy, 8u);
  ASSERT_EQ(a.experiments.size(), 1u);
  EXPECT_EQ(a.experiments[0].id, 42u);
  EXPECT_EQ(a.experiments[0].arms[1].strategy, 8u);
  EXPECT_EQ(a.experiments[0].arms[1].weight_bp, 7500);
  ASSERT_EQ(a.rules.size(), 3u);
  EXPECT_EQ(a.rules[0].segments, 0b110u);  // bnpl is segment 1, the fallback segment 2
  EXPECT_EQ(a.rules[0].min_broken_promises, 1);
  EXPECT_EQ(a.rules[0].arrangement, strategy::ArrangementCondition::kNone);
  EXPECT_EQ(a.rules[0].strategy, 7u);
  EXPECT_EQ(a.rules[0].experiment, -1);
  EXPECT_EQ(a.rules[1].experiment, 0);
  EXPECT_EQ(a.rules[1].arrangement, strategy::ArrangementCondition::kActive);
  EXPECT_EQ(a.rules[2].experiment, 0);

  const compliance::Profile& c = s.core.compliance;
  EXPECT_EQ(c.us_window.days[5].start_minute, 9 * 60);
  EXPECT_TRUE(c.us_window.days[6].empty());
  EXPECT_EQ(c.us_window.days[0].start_minute, 8 * 60);  // untouched
  EXPECT_EQ(c.calls_per_7_days, 5);
  EXPECT_EQ(c.min_gap_same_number, Duration::Hours(6));
  EXPECT_EQ(c.sms_consent_freshness, Duration::Days(30));
  EXPECT_EQ(c.email_notice_min_optout, Duration::Days(40));
  EXPECT_EQ(c.defer_horizon, Duration::Days(14));
  EXPECT_EQ(c.mexico_window.days[2].end_minute, 20 * 60);
}

TEST(LoaderTest, OverridesChangeValues) {
  const Scenario s = MustLoad(
      kEverything,
      {"run.seed=7", "world.portfolio.accounts=500", "core.strategies[0].ai.max_days_past_due=45",
       "strategies[1].ai.enabled=true", "staffing.agents[0].weekdays=[mon, fri]",
       "behaviour={answer: 0.3}", "org.limits.daily_api_requests=9",
       "world.org.retain_activity=true", "name=overridden"});
  EXPECT_EQ(s.run.seed, 7u);
  EXPECT_EQ(s.run.horizon_days, 90);  // the rest of run is kept
  EXPECT_EQ(s.world.portfolio.accounts, 500);
  EXPECT_EQ(s.core.strategies[0].ai.max_days_past_due, 45);
  EXPECT_TRUE(s.core.strategies[1].ai.enabled);
  EXPECT_EQ(s.world.staffing.agents[0].weekdays, 0b10001);
  EXPECT_EQ(s.world.behaviour.answer, 0.3);
  EXPECT_EQ(s.world.behaviour.max_instalments_wanted, 6);  // the whole map was replaced
  EXPECT_EQ(s.world.org.limits.daily_api_requests, 9);
  EXPECT_TRUE(s.world.org.retain_activity);
  EXPECT_EQ(s.name, "overridden");
}

TEST(LoaderTest, OverridesCreateMissingSections) {
  const Scenario s = MustLoad("name: x\n", {"run.seed=99", "core.risk_model.intercept=-3",
                                            "portfolio.contact.sms_consent=0.1"});
  EXPECT_EQ(s.run.seed, 99u);
  EXPECT_EQ(s.core.risk_model.intercept, -3);
  EXPECT_EQ(s.core.risk_model.name, "roll_risk");  // the default model, one value changed
  EXPECT_EQ(s.world.portfolio.contact.sms_consent, 0.1);
  EXPECT_EQ(s.world.portfolio.accounts, DefaultScenario().world.portfolio.accounts);
}

// The WhatsApp keys sit next to the SMS ones; defaults when absent, the file's values when written.
TEST(LoaderTest, ReadsTheWhatsAppKeys) {
  const Scenario d = MustLoad("");
  EXPECT_EQ(d.world.portfolio.contact.whatsapp_consent, 0.30);
  EXPECT_EQ(d.world.behaviour.whatsapp_read, 0.93);
  EXPECT_EQ(d.world.behaviour.whatsapp_click, 0.15);
  EXPECT_EQ(d.world.channels.whatsapp_per_second, 80);
  EXPECT_EQ(d.world.channels.whatsapp_per_day, 0);
  EXPECT_EQ(d.world.channels.cost.whatsapp, 0.009);
  const Scenario s = MustLoad(
      "portfolio:\n  contact: {whatsapp_consent: 0.8}\n"
      "behaviour: {whatsapp_read: 0.97, whatsapp_click: 0.2}\n"
      "channels:\n  whatsapp_per_day: 1000\n  whatsapp_per_second: 20\n"
      "  cost: {whatsapp: 0.03}\n"
      "strategies:\n  - name: chat\n    sequences:\n      early:\n"
      "        - {channel: whatsapp, slots: [\"10:00-19:00\"]}\n"
      "        - {channel: sms, day_offset: 2}\n");
  EXPECT_EQ(s.world.portfolio.contact.whatsapp_consent, 0.8);
  EXPECT_EQ(s.world.portfolio.contact.sms_consent, sim::world::ContactDataSpec{}.sms_consent);
  EXPECT_EQ(s.world.behaviour.whatsapp_read, 0.97);
  EXPECT_EQ(s.world.behaviour.whatsapp_click, 0.2);
  EXPECT_EQ(s.world.channels.whatsapp_per_day, 1000);
  EXPECT_EQ(s.world.channels.whatsapp_per_second, 20);
  EXPECT_EQ(s.world.channels.cost.whatsapp, 0.03);
  ASSERT_EQ(s.core.strategies.size(), 1u);  // the file's list replaces the default one
  const auto& early = s.core.strategies[0].SequenceFor(domain::Stage::kEarly);
  ASSERT_EQ(early.size(), 2u);
  EXPECT_EQ(early[0].channel, domain::Channel::kWhatsApp);
  EXPECT_EQ(early[1].channel, domain::Channel::kSms);
}

TEST(LoaderTest, LaterOverridesWin) {
  const Scenario s = MustLoad("", {"run.seed=1", "run.seed=2"});
  EXPECT_EQ(s.run.seed, 2u);
}

// Loading the source text of an overridden scenario gives the same scenario.
TEST(LoaderTest, SourceTextRoundTrips) {
  const std::vector<std::string> overrides = {
      "run.seed=7", "portfolio.accounts=500",
      "strategies[0].sequences.early[0].slots=[\"09:00-10:00\"]", "description='quoted: yes'",
      "portfolio.regions[1].postal_codes=['01234']"};
  const Scenario a = MustLoad(kEverything, overrides);
  ASSERT_NE(a.source_text, std::string(kEverything));
  const Scenario b = MustLoad(a.source_text);
  EXPECT_EQ(b.source_text, a.source_text.substr(0));
  EXPECT_EQ(b.name, a.name);
  EXPECT_EQ(b.description, "quoted: yes");
  EXPECT_EQ(b.description, a.description);
  EXPECT_EQ(b.run.seed, 7u);
  EXPECT_EQ(b.run.start_date, a.run.start_date);
  EXPECT_EQ(b.world.portfolio.accounts, 500);
  EXPECT_EQ(b.world.portfolio.regions[1].postal_codes, (std::vector<std::string>{"01234"}));
  EXPECT_EQ(b.world.portfolio.regions[0].area_codes, a.world.portfolio.regions[0].area_codes);
  EXPECT_EQ(b.world.behaviour.hour_multiplier, a.world.behaviour.hour_multiplier);
  EXPECT_EQ(b.world.staffing.agents[0].shift_start_minute, 7 * 60 + 30);
  EXPECT_EQ(b.world.org.lookup_budget, a.world.org.lookup_budget);
  EXPECT_EQ(b.core.risk_model.coefficients, a.core.risk_model.coefficients);
  EXPECT_EQ(b.core.segments.thresholds.balance_edges, a.core.segments.thresholds.balance_edges);
  ASSERT_EQ(b.core.strategies.size(), a.core.strategies.size());
  const auto& slots = b.core.strategies[0].SequenceFor(domain::Stage::kEarly)[0].slots;
  ASSERT_EQ(slots.size(), 1u);
  EXPECT_EQ(slots[0].end_minute, 10 * 60);
  EXPECT_EQ(b.core.strategies[0].offer_limits.min_payment,
            a.core.strategies[0].offer_limits.min_payment);
  EXPECT_EQ(b.core.assignment.rules[0].segments, a.core.assignment.rules[0].segments);
  EXPECT_EQ(b.core.compliance.us_window.days[6].end_minute, 0);
}

TEST(LoaderTest, LoadsAFileByPath) {
  StatusOr<Scenario> missing = LoadScenarioFile("/nonexistent/x.yaml", {});
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(missing.status().message(), "cannot read scenario file '/nonexistent/x.yaml'");
}

}  // namespace
}  // namespace recoup::scenarios
