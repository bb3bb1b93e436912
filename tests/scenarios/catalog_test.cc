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
  EXPECT_EQ(s.world.portfolio.accounts, 1000);
  EXPECT_EQ(s.run.horizon_days, 28);
  EXPECT_EQ(s.run.start_date, domain::LocalDate(2026, 1, 5));
  ASSERT_EQ(s.world.portfolio.products.size(), 1u);
  EXPECT_EQ(s.world.portfolio.products[0].product, domain::Product::kCreditCard);
  EXPECT_EQ(s.world.portfolio.products[0].min_days_past_due, 1);
  EXPECT_EQ(s.world.portfolio.products[0].max_days_past_due, 60);
  EXPECT_EQ(s.world.staffing.ai_lines, 6);
  ASSERT_EQ(s.world.staffing.agents.size(), 1u);
  EXPECT_EQ(s.world.staffing.agents[0].count, 4);
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
