// Broken scenario files and overrides: each produces exactly the expected message, naming the place
// (file:line:column, 1-based, or the --set that is to blame), the field path and what was expected.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "scenarios/loader.h"

namespace recoup::scenarios {
namespace {

struct BadCase {
  const char* what;
  std::string text;
  std::vector<std::string> overrides;
  std::string message;
};

constexpr const char* kTopKeys =
    "name, description, run, portfolio, behaviour, channels, staffing, org, segmentation, "
    "strategies, assignment, compliance";
constexpr const char* kRunKeys = "start_date, horizon_days, seed, replications";

const std::vector<BadCase>& Cases() {
  static const std::vector<BadCase> kCases = {
      {"unknown key",
       "run:\n  seed: 1\n  sed: 7\n",
       {},
       std::string("bad.yaml:3:3: unknown key 'sed' in run; expected one of: ") + kRunKeys},
      {"unknown top-level key",
       "name: x\nrunn: {seed: 1}\n",
       {},
       std::string("bad.yaml:2:1: unknown key 'runn' at the top level; expected one of: ") +
           kTopKeys},
      {"unknown nested key",
       "staffing:\n  agents:\n    - {name: a, shifts: 2}\n",
       {},
       "bad.yaml:3:17: unknown key 'shifts' in staffing.agents[0]; expected one of: name, count, "
       "shift_start, shift_end, weekdays, outbound, escalations"},
      {"wrong type (scalar)",
       "run:\n  horizon_days: many\n",
       {},
       "bad.yaml:2:17: run.horizon_days: expected an integer, got 'many'"},
      {"wrong type (list for a map)",
       "portfolio: [1, 2]\n",
       {},
       "bad.yaml:1:12: portfolio: expected a map, got a list"},
      {"wrong type (map for a number)",
       "behaviour:\n  answer: {p: 1}\n",
       {},
       "bad.yaml:2:11: behaviour.answer: expected a number, got a map"},
      {"wrong list length",
       "behaviour:\n  weekday_multiplier: [1, 1, 1]\n",
       {},
       "bad.yaml:2:23: behaviour.weekday_multiplier: expected a list of 7 values, got a list of 3"},
      {"out-of-range probability",
       "behaviour:\n  voicemail: 0.5\n  answer: 1.5\n",
       {},
       "bad.yaml:3:11: behaviour.answer: must be a probability in [0, 1], got 1.5"},
      {"out-of-range count",
       "portfolio:\n  accounts: 0\n",
       {},
       "bad.yaml:2:13: portfolio.accounts: must be >= 1, got 0"},
      {"bad date",
       "run: {start_date: 2026-02-30}\n",
       {},
       "bad.yaml:1:19: run.start_date: expected a date YYYY-MM-DD, got '2026-02-30'"},
      {"bad local time",
       "staffing:\n  agents:\n    - {name: a, shift_start: \"25:00\"}\n",
       {},
       "bad.yaml:3:30: staffing.agents[0].shift_start: expected a local time HH:MM, got '25:00'"},
      {"shift ends before it starts",
       "staffing:\n  agents:\n    - {name: a, shift_start: \"18:00\", shift_end: \"09:00\"}\n",
       {},
       "bad.yaml:3:50: staffing.agents[0].shift_end: must be after shift_start (a shift lies "
       "within one day)"},
      {"bad weekday",
       "staffing:\n  agents:\n    - {name: a, weekdays: [mon, funday]}\n",
       {},
       "bad.yaml:3:33: staffing.agents[0].weekdays[1]: must be one of: mon, tue, wed, thu, fri, "
       "sat, sun; got 'funday'"},
      {"bad money",
       "strategies:\n  - name: s\n    ai: {max_balance: 12.345}\n",
       {},
       "bad.yaml:3:23: strategies[0].ai.max_balance: expected an amount in major units with at "
       "most 2 decimals (e.g. 5000 or 12.50), got '12.345'"},
      {"duration without a unit",
       "org:\n  lookup_budget: 2\n",
       {},
       "bad.yaml:2:18: org.lookup_budget: expected a duration with a unit (e.g. 500ms, 2s, 5min, "
       "4h, 60d), got '2'"},
      {"boolean expected",
       "org:\n  lookup_budget: 2s\n  retain_activity: sometimes\n",
       {},
       "bad.yaml:3:20: org.retain_activity: expected true or false, got 'sometimes'"},
      {"unknown org key",
       "org:\n  retain_activities: true\n",
       {},
       "bad.yaml:2:3: unknown key 'retain_activities' in org; expected one of: latency, faults, "
       "limits, lookup_budget, retain_activity"},
      {"bad boolean override",
       "",
       {"org.retain_activity=1"},
       "--set org.retain_activity=1: org.retain_activity: expected true or false, got '1'"},
      {"bad enum",
       "portfolio:\n  products:\n    - product: creditcard\n",
       {},
       "bad.yaml:3:16: portfolio.products[0].product: must be one of: credit_card, personal_loan, "
       "auto_loan, utility, telecom, medical, student_loan, mortgage, bnpl, other; got "
       "'creditcard'"},
      {"bad channel",
       "strategies:\n  - name: s\n    sequences:\n      early:\n"
       "        - {channel: fax}\n",
       {},
       "bad.yaml:5:21: strategies[0].sequences.early[0].channel: must be one of: call, sms, "
       "email, letter, whatsapp; got 'fax'"},
      {"bad WhatsApp opt-in share",
       "portfolio:\n  contact:\n    whatsapp_consent: 1.2\n",
       {},
       "bad.yaml:3:23: portfolio.contact.whatsapp_consent: must be a probability in [0, 1], got "
       "1.2"},
      {"bad WhatsApp read rate",
       "behaviour:\n  whatsapp_read: -0.1\n",
       {},
       "bad.yaml:2:18: behaviour.whatsapp_read: must be a probability in [0, 1], got -0.1"},
      {"WhatsApp rate must be positive",
       "channels:\n  whatsapp_per_second: 0\n",
       {},
       "bad.yaml:2:24: channels.whatsapp_per_second: must be > 0, got 0"},
      {"negative WhatsApp capacity",
       "channels:\n  whatsapp_per_day: -5\n",
       {},
       "bad.yaml:2:21: channels.whatsapp_per_day: must be >= 0, got -5"},
      {"negative WhatsApp cost",
       "channels:\n  cost: {whatsapp: -0.01}\n",
       {},
       "bad.yaml:2:20: channels.cost.whatsapp: must be >= 0, got -0.01"},
      {"WhatsApp cost of the wrong type",
       "channels:\n  cost:\n    whatsapp: cheap\n",
       {},
       "bad.yaml:3:15: channels.cost.whatsapp: expected a number, got 'cheap'"},
      {"negative callback expiry",
       "staffing:\n  callback_expiry_days: -1\n",
       {},
       "bad.yaml:2:25: staffing.callback_expiry_days: must be in [0, 3650], got -1"},
      {"callback expiry past ten years",
       "staffing:\n  callback_expiry_days: 200000\n",
       {},
       "bad.yaml:2:25: staffing.callback_expiry_days: must be in [0, 3650], got 200000"},
      {"missing required key",
       "strategies:\n  - {id: 3}\n",
       {},
       "bad.yaml:2:5: strategies[0]: missing required key 'name'"},
      {"repeated key",
       "run:\n  seed: 1\n  seed: 2\n",
       {},
       "bad.yaml:3:3: run.seed: the key is repeated (first at line 2)"},
      {"unknown strategy id",
       "assignment:\n  default_strategy: 9\n",
       {},
       "bad.yaml:2:21: assignment.default_strategy: unknown strategy '9'; expected the id or name "
       "of one of: 1 (standard)"},
      {"unknown strategy name in an arm",
       "assignment:\n  experiments:\n    - name: e\n      arms:\n"
       "        - {name: a, strategy: champion, weight_bp: 10000}\n",
       {},
       "bad.yaml:5:31: assignment.experiments[0].arms[0].strategy: unknown strategy 'champion'; "
       "expected the id or name of one of: 1 (standard)"},
      {"weights summing wrong",
       "assignment:\n  experiments:\n    - name: e\n      arms:\n"
       "        - {name: a, strategy: standard, weight_bp: 5000}\n"
       "        - {name: b, strategy: 1, weight_bp: 4000}\n",
       {},
       "bad.yaml:5:9: assignment.experiments[0].arms: the weights (weight_bp) must sum to 10000, "
       "got 9000"},
      {"unknown experiment",
       "assignment:\n  rules:\n    - {experiment: pilot}\n",
       {},
       "bad.yaml:3:20: assignment.rules[0].experiment: unknown experiment 'pilot'; expected the "
       "name or index of one of: (no experiments)"},
      {"unknown segment",
       "assignment:\n  rules:\n    - {segments: [early, erly], strategy: 1}\n",
       {},
       "bad.yaml:3:26: assignment.rules[0].segments[1]: must be one of: current, early, mid, "
       "late, recovery, unsegmented; got 'erly'"},
      {"rule with both targets",
       "assignment:\n  rules:\n    - {strategy: 1, experiment: 0}\n",
       {},
       "bad.yaml:3:7: assignment.rules[0]: needs exactly one of 'strategy' or 'experiment'"},
      {"area code of another state",
       "portfolio:\n  regions:\n    - {country: US, region: WA, area_codes: [206, 212]}\n",
       {},
       "bad.yaml:3:51: portfolio.regions[0].area_codes[1]: 212 is an area code of US/NY, not of "
       "US/WA"},
      {"zone of another region",
       "portfolio:\n  regions:\n    - {country: GB, time_zone: America/New_York}\n",
       {},
       "bad.yaml:3:32: portfolio.regions[0].time_zone: 'America/New_York' is not a zone of GB; "
       "expected one of: Europe/London"},
      {"world validator, placed at its field",
       "portfolio:\n  products:\n    - {product: utility, weight: 0}\n",
       {},
       "bad.yaml:3:5: portfolio.products: the weights must have a positive sum, got 0"},
      {"offer limits, placed at the field",
       "strategies:\n  - name: s\n    offer_limits:\n      grace_days: 400\n",
       {},
       "bad.yaml:4:19: strategies[0].offer_limits.grace_days: must be in [0, 366] days, got 400"},
      {"compliance looser than the law",
       "compliance:\n  calls_per_7_days: 8\n",
       {},
       "bad.yaml:2:21: compliance.calls_per_7_days: is 8; expected 0..7"},
      {"compliance window wider than the law",
       "compliance:\n  us_window: {sun: \"07:00-21:00\"}\n",
       {},
       "bad.yaml:2:20: compliance.us_window.sun: window 420-1260 min is wider than the rule's "
       "480-1260"},
      {"bad risk-model feature",
       "segmentation:\n  risk_model:\n    coefficients: {log_balance: 1, age: 2}\n",
       {},
       "bad.yaml:3:41: segmentation.risk_model.coefficients.age: unknown feature; expected one "
       "of: log_balance, log_original_balance, balance_ratio, fee_interest_share, "
       "months_past_due, stage_current, stage_early, stage_mid, stage_late, stage_recovery, "
       "product_credit_card, product_personal_loan, product_auto_loan, product_utility, "
       "product_telecom, product_medical, product_student_loan, product_mortgage, product_bnpl, "
       "product_other, broken_promises, kept_promises, payments_90d, log_paid_90d, "
       "months_since_payment, attempts_30d, conversations_30d, inbound_90d, has_valid_mobile, "
       "has_usable_email, disputed, arrangement_active"},
      {"risk edges out of order",
       "segmentation:\n  thresholds: {risk_edges: [0.5, 0.2]}\n",
       {},
       "bad.yaml:2:34: segmentation.thresholds.risk_edges[1]: must be greater than the edge "
       "before it"},
      {"unknown org operation, placed at its key",
       "org:\n  latency:\n    operations:\n      lookup: {kind: constant, value_ms: 5}\n",
       {},
       "bad.yaml:4:15: org.latency.operations.lookup: unknown operation; expected one of "
       "retrieve, query, create, update, upsert, delete, composite, bulk, publish, token"},
      {"latency p99 below the median",
       "org:\n  latency:\n    default: {median_ms: 200, p99_ms: 100}\n",
       {},
       "bad.yaml:3:39: org.latency.default.p99_ms: must be >= median_ms (200), got 100"},
      {"repeated strategy name",
       "strategies:\n  - {name: a}\n  - {name: a}\n",
       {},
       "bad.yaml:3:12: strategies[1].name: 'a' repeats strategies[0]"},
      {"base names a later strategy",
       "strategies:\n  - {name: a, base: b}\n  - {name: b}\n",
       {},
       "bad.yaml:2:21: strategies[0].base: unknown strategy 'b'; expected the id or name of one "
       "of: (none defined yet)"},
      {"two documents",
       "name: a\n---\nname: b\n",
       {},
       "bad.yaml: expected one YAML document, got 2"},
      // --set.
      {"bad --set path",
       "run: {seed: 1}\n",
       {"run.sed=7"},
       std::string("--set run.sed=7: unknown key 'sed' in run; expected one of: ") + kRunKeys},
      {"bad --set path creating a section",
       "",
       {"rn.seed=7"},
       std::string("--set rn.seed=7: unknown key 'rn' at the top level; expected one of: ") +
           kTopKeys},
      {"bad --set value",
       "run: {seed: 1}\n",
       {"run.seed=abc"},
       "--set run.seed=abc: run.seed: expected a non-negative integer, got 'abc'"},
      {"out-of-range --set value",
       "",
       {"world.behaviour.answer=1.5"},
       "--set world.behaviour.answer=1.5: behaviour.answer: must be a probability in [0, 1], got "
       "1.5"},
      {"--set without a value",
       "",
       {"run.seed"},
       "--set run.seed: expected key.path=value (e.g. run.seed=7)"},
      {"--set with a malformed path",
       "",
       {"run..seed=1"},
       "--set run..seed=1: expected a key path like run.seed or strategies[0].name before '=', "
       "got 'run..seed'"},
      {"--set into a default list",
       "",
       {"core.strategies[0].ai.max_days_past_due=45"},
       "--set core.strategies[0].ai.max_days_past_due=45: strategies: is not a list in the "
       "scenario file (a default list cannot be indexed; write the list in the file)"},
      {"--set past the end of a list",
       "strategies: [{name: a}]\n",
       {"strategies[1].name=b"},
       "--set strategies[1].name=b: strategies has 1 elements; there is no [1]"},
      {"--set through a scalar",
       "run: {seed: 1}\n",
       {"run.seed.low=1"},
       "--set run.seed.low=1: run.seed is not a map, so it has no key 'low'"},
  };
  return kCases;
}

TEST(ScenarioErrorsTest, EachBrokenFileGivesItsMessage) {
  for (const BadCase& c : Cases()) {
    SCOPED_TRACE(c.what);
    StatusOr<Scenario> s = LoadScenarioText(c.text, "bad.yaml", c.overrides);
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(s.status().message(), c.message);
  }
}

TEST(ScenarioErrorsTest, SyntaxErrorsNameLineAndColumn) {
  StatusOr<Scenario> s = LoadScenarioText("run: {seed: 1\nname: x\n", "bad.yaml", {});
  ASSERT_FALSE(s.ok());
  // yaml-cpp notices the unclosed flow map at the next key.
  EXPECT_EQ(s.status().message().substr(0, 29), "bad.yaml:2:5: not valid YAML:");

  s = LoadScenarioText("", "bad.yaml", {"run.seed=[1"});
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().message().rfind("--set run.seed=[1: the value is not valid YAML: ", 0), 0u)
      << s.status();
}

// A value from --set is blamed on the --set even when the file is fine, and a file error is not
// blamed on an unrelated --set.
TEST(ScenarioErrorsTest, BlameGoesToTheRightSource) {
  StatusOr<Scenario> s = LoadScenarioText("behaviour:\n  answer: 2\n", "f.yaml", {"run.seed=3"});
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().message(),
            "f.yaml:2:11: behaviour.answer: must be a probability in [0, 1], got 2");
  s = LoadScenarioText("behaviour:\n  answer: 0.5\n", "f.yaml",
                       {"behaviour.voicemail=7", "run.seed=3"});
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().message(),
            "--set behaviour.voicemail=7: behaviour.voicemail: must be a probability in [0, 1], "
            "got 7");
}

}  // namespace
}  // namespace recoup::scenarios
