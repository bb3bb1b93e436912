// The shipped catalog (scenarios/catalog/*.yaml): every file loads and validates, and each says
// what its name promises (the pilot's experiment, the late stage, every jurisdiction, the small
// API limit).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "core/compliance/regions.h"
#include "scenarios/loader.h"

namespace recoup::scenarios {
namespace {

std::string CatalogPath(const std::string& name) {
  return std::string(RECOUP_CATALOG_DIR) + "/" + name + ".yaml";
}

Scenario Load(const std::string& name) {
  StatusOr<Scenario> s = LoadScenarioFile(CatalogPath(name), {});
  EXPECT_TRUE(s.ok()) << s.status();
  Scenario out;
  if (s.ok()) out = *std::move(s);
  return out;
}

const strategy::Strategy* FindStrategy(const Scenario& s, std::string_view name) {
  for (const strategy::Strategy& st : s.core.strategies) {
    if (st.name == name) return &st;
  }
  return nullptr;
}

TEST(CatalogTest, EveryFileLoadsAndValidates) {
  const std::vector<std::string> expected = {
      "api_limits",          "bank_cards_late_stage", "default",
      "human_only_baseline", "multi_jurisdiction",    "utilities"};
  std::vector<std::string> found;
  for (const auto& entry : std::filesystem::directory_iterator(RECOUP_CATALOG_DIR)) {
    if (entry.path().extension() == ".yaml") found.push_back(entry.path().stem().string());
  }
  std::sort(found.begin(), found.end());
  EXPECT_EQ(found, expected);
  for (const std::string& name : found) {
    SCOPED_TRACE(name);
    StatusOr<Scenario> s = LoadScenarioFile(CatalogPath(name), {});
    ASSERT_TRUE(s.ok()) << s.status();
    EXPECT_EQ(s->name, name);
    EXPECT_FALSE(s->description.empty());
    EXPECT_EQ(s->source_path, CatalogPath(name));
    EXPECT_TRUE(sim::world::ValidateWorldSpec(s->world).ok());
    EXPECT_TRUE(s->core.Validate().ok()) << s->core.Validate();
  }
}

TEST(CatalogTest, DefaultIsTheEarlyStagePilot) {
  const Scenario s = Load("default");
  EXPECT_EQ(s.world.portfolio.accounts, 2000);  // 1,000 per arm in a live 50/50 pilot
  EXPECT_EQ(s.run.horizon_days, 28);
  EXPECT_EQ(s.run.start_date, domain::LocalDate(2026, 1, 5));
  ASSERT_EQ(s.world.portfolio.products.size(), 1u);
  EXPECT_EQ(s.world.portfolio.products[0].product, domain::Product::kCreditCard);
  EXPECT_EQ(s.world.portfolio.products[0].min_days_past_due, 1);
  // 1-30 days past due + 28 days stays inside the AI queue's 0-60 band for the whole pilot.
  EXPECT_EQ(s.world.portfolio.products[0].max_days_past_due, 30);
  EXPECT_LE(s.world.portfolio.products[0].max_days_past_due + s.run.horizon_days,
            FindStrategy(s, "ai_and_human")->ai.max_days_past_due);
  EXPECT_EQ(s.world.staffing.ai_lines, 6);
  ASSERT_EQ(s.world.staffing.agents.size(), 1u);
  EXPECT_EQ(s.world.staffing.agents[0].count, 1);
  EXPECT_EQ(s.world.staffing.agents[0].shift_start_minute, 9 * 60);
  EXPECT_EQ(s.world.staffing.agents[0].weekdays, 0x1f);

  const strategy::Strategy* champion = FindStrategy(s, "ai_and_human");
  const strategy::Strategy* challenger = FindStrategy(s, "human_only");
  ASSERT_NE(champion, nullptr);
  ASSERT_NE(challenger, nullptr);
  EXPECT_TRUE(champion->ai.enabled);
  EXPECT_FALSE(challenger->ai.enabled);
  // The challenger places no AI call; the champion's early stage starts with a text, then AI.
  for (const auto& sequence : challenger->sequences) {
    for (const strategy::ContactStep& step : sequence) {
      if (step.channel == domain::Channel::kCall) {
        EXPECT_EQ(step.voice, domain::VoiceMode::kHuman);
      }
    }
  }
  const auto& early = champion->SequenceFor(domain::Stage::kEarly);
  ASSERT_GE(early.size(), 2u);
  EXPECT_EQ(early[0].channel, domain::Channel::kSms);
  EXPECT_EQ(early[1].voice, domain::VoiceMode::kAiVoice);
  // `base` copied the champion's offer limits and late stage into the challenger.
  EXPECT_EQ(challenger->SequenceFor(domain::Stage::kLate).size(),
            champion->SequenceFor(domain::Stage::kLate).size());
  EXPECT_EQ(challenger->offer_limits.max_instalments, 6);

  const strategy::AssignmentConfig& a = s.core.assignment;
  ASSERT_EQ(a.experiments.size(), 1u);
  EXPECT_EQ(a.experiments[0].name, "pilot");
  ASSERT_EQ(a.experiments[0].arms.size(), 2u);
  EXPECT_EQ(a.experiments[0].arms[0].name, "champion");
  EXPECT_EQ(a.experiments[0].arms[0].strategy, champion->id);
  EXPECT_EQ(a.experiments[0].arms[0].weight_bp, 5000);
  EXPECT_EQ(a.experiments[0].arms[1].strategy, challenger->id);
  EXPECT_EQ(a.experiments[0].arms[1].weight_bp, 5000);
  ASSERT_EQ(a.rules.size(), 1u);
  EXPECT_EQ(a.rules[0].experiment, 0);
  EXPECT_EQ(a.rules[0].segments, ~uint64_t{0});
  EXPECT_EQ(a.default_strategy, champion->id);
}

// The calibrated behaviour of the default scenario (docs/run.md, "Calibration") stays inside the
// ranges of collections-domain.md section 3.
TEST(CatalogTest, DefaultBehaviourIsInsideTheSourcedRanges) {
  const Scenario s = Load("default");
  const sim::world::BehaviourSpec& b = s.world.behaviour;
  EXPECT_GE(b.answer, 0.10);  // P1: 0.10-0.25 per attempt
  EXPECT_LE(b.answer, 0.25);
  EXPECT_GE(b.right_party, 0.3);  // P3: 0.3-0.7 of live answers
  EXPECT_LE(b.right_party, 0.7);
  EXPECT_GE(b.ptp_early, 0.2);  // P10: 0.2-0.5 per right-party contact
  EXPECT_LE(b.ptp_early, 0.5);
  EXPECT_GE(b.ptp_late, 0.2);
  EXPECT_LE(b.ptp_late, 0.5);
  EXPECT_GE(b.kept, 0.5);  // P11: 0.5-0.7
  EXPECT_LE(b.kept, 0.7);
  EXPECT_GE(b.stop_calling, 0.05);  // P16: oral stop 0.05-0.15 per RPC
  EXPECT_LE(b.stop_calling, 0.15);
  EXPECT_GE(b.hardship, 0.05);  // P18: 0.05-0.20 at RPC
  EXPECT_LE(b.hardship, 0.20);
  EXPECT_GE(b.propensity_half_life_days, 120);  // P20: half-life 4-7 months
  EXPECT_LE(b.propensity_half_life_days, 210);
  EXPECT_GE(b.hang_up_on_ai_disclosure, 0.05);  // 3.7: 5-15%
  EXPECT_LE(b.hang_up_on_ai_disclosure, 0.15);
}

// The baseline is the default's challenger arm on its own: the same world.
TEST(CatalogTest, HumanOnlyBaselineIsTheDefaultsWorld) {
  const Scenario d = Load("default");
  const Scenario s = Load("human_only_baseline");
  EXPECT_EQ(s.world.portfolio.accounts, d.world.portfolio.accounts);
  ASSERT_EQ(s.world.portfolio.products.size(), d.world.portfolio.products.size());
  EXPECT_EQ(s.world.portfolio.products[0].min_days_past_due,
            d.world.portfolio.products[0].min_days_past_due);
  EXPECT_EQ(s.world.portfolio.products[0].max_days_past_due,
            d.world.portfolio.products[0].max_days_past_due);
  EXPECT_EQ(s.world.portfolio.contact.mobile_share, d.world.portfolio.contact.mobile_share);
  EXPECT_EQ(s.world.portfolio.contact.robocall_consent, d.world.portfolio.contact.robocall_consent);
  EXPECT_EQ(s.world.portfolio.contact.sms_consent, d.world.portfolio.contact.sms_consent);
  EXPECT_EQ(s.world.behaviour.answer, d.world.behaviour.answer);
  EXPECT_EQ(s.world.behaviour.ptp_early, d.world.behaviour.ptp_early);
  EXPECT_EQ(s.world.behaviour.hardship, d.world.behaviour.hardship);
  EXPECT_EQ(s.world.behaviour.propensity_half_life_days,
            d.world.behaviour.propensity_half_life_days);
  ASSERT_EQ(s.world.staffing.agents.size(), d.world.staffing.agents.size());
  EXPECT_EQ(s.world.staffing.agents[0].count, d.world.staffing.agents[0].count);
  EXPECT_EQ(s.core.strategies[0].escalation.max_attempts_without_rpc,
            FindStrategy(d, "human_only")->escalation.max_attempts_without_rpc);
}

TEST(CatalogTest, HumanOnlyBaselineHasNoAi) {
  const Scenario s = Load("human_only_baseline");
  EXPECT_EQ(s.world.staffing.ai_lines, 0);
  EXPECT_TRUE(s.core.assignment.experiments.empty());
  for (const strategy::Strategy& st : s.core.strategies) {
    EXPECT_FALSE(st.ai.enabled) << st.name;
    for (const auto& sequence : st.sequences) {
      for (const strategy::ContactStep& step : sequence) {
        if (step.channel == domain::Channel::kCall) {
          EXPECT_EQ(step.voice, domain::VoiceMode::kHuman);
        }
      }
    }
  }
}

TEST(CatalogTest, UtilitiesIsAUtilityPortfolio) {
  const Scenario s = Load("utilities");
  for (const sim::world::ProductSpec& p : s.world.portfolio.products) {
    EXPECT_EQ(p.product, domain::Product::kUtility);
  }
  // The catalog's WhatsApp scenario: opted-in customers and WhatsApp steps in its strategy.
  EXPECT_DOUBLE_EQ(s.world.portfolio.contact.whatsapp_consent, 0.35);
  const strategy::Strategy* digital = FindStrategy(s, "digital_first");
  ASSERT_NE(digital, nullptr);
  int whatsapp_steps = 0;
  for (const auto& sequence : digital->sequences) {
    for (const strategy::ContactStep& step : sequence) {
      whatsapp_steps += step.channel == domain::Channel::kWhatsApp ? 1 : 0;
    }
  }
  EXPECT_EQ(whatsapp_steps, 2);
}

TEST(CatalogTest, BankCardsLateStageIsPastSixtyDays) {
  const Scenario s = Load("bank_cards_late_stage");
  for (const sim::world::ProductSpec& p : s.world.portfolio.products) {
    EXPECT_EQ(p.product, domain::Product::kCreditCard);
    EXPECT_GE(p.min_days_past_due, 61);
  }
  for (const strategy::Strategy& st : s.core.strategies) {
    EXPECT_FALSE(st.SequenceFor(domain::Stage::kLate).empty()) << st.name;
  }
}

// Every jurisdiction the compliance engine distinguishes: the US federal rules, the
// Massachusetts, Washington and New York City overlays, the UK, Colombia and Mexico.
TEST(CatalogTest, MultiJurisdictionCoversEveryProfile) {
  const Scenario s = Load("multi_jurisdiction");
  std::set<std::string> places;
  bool nyc = false;
  bool ny_outside_nyc = false;
  for (const sim::world::RegionSpec& r : s.world.portfolio.regions) {
    places.insert(r.country + "/" + r.region);
    EXPECT_GT(r.weight, 0) << r.country << "/" << r.region;
    if (r.country == "US" && r.region == "NY") {
      for (const std::string& zip : r.postal_codes) {
        (compliance::InNewYorkCity(r.region, zip) ? nyc : ny_outside_nyc) = true;
      }
    }
    if (r.country != "US" && r.country != "CA") {
      EXPECT_TRUE(r.area_codes.empty()) << r.country;
    }
  }
  for (const char* place : {"US/MA", "US/WA", "US/NY", "GB/", "CO/", "MX/"}) {
    EXPECT_TRUE(places.count(place)) << place;
  }
  EXPECT_TRUE(nyc);
  EXPECT_TRUE(ny_outside_nyc);
  EXPECT_GE(places.size(), 8u);  // several plain Reg F states too
}

TEST(CatalogTest, ApiLimitsHasASmallDailyLimit) {
  const Scenario s = Load("api_limits");
  EXPECT_EQ(s.world.org.limits.daily_api_requests, 2000);
  EXPECT_GT(s.world.portfolio.accounts, 1000);
}

TEST(CatalogTest, SourceTextIsTheFileWhenNotOverridden) {
  const Scenario s = Load("default");
  StatusOr<Scenario> again = LoadScenarioText(s.source_text, CatalogPath("default"), {});
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(again->source_text, s.source_text);
  EXPECT_NE(s.source_text.find("# The default scenario"), std::string::npos);
}

}  // namespace
}  // namespace recoup::scenarios
