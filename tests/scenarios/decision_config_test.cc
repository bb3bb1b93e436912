// DefaultDecisionConfig and DecisionConfig::Validate (core/workflow/decision_config.cc): the
// default every scenario starts from is valid and is what its comment promises; errors name the
// part.
#include "core/workflow/decision_config.h"

#include <gtest/gtest.h>

#include "core/segmentation/features.h"

namespace recoup::scenarios {
namespace {

// DefaultDecisionConfig (core/workflow/decision_config.cc): valid, and what its comment promises.
TEST(DefaultDecisionConfigTest, IsAValidStageStrategy) {
  const workflow::DecisionConfig c = workflow::DefaultDecisionConfig();
  EXPECT_TRUE(c.Validate().ok()) << c.Validate();
  ASSERT_EQ(c.strategies.size(), 1u);
  const strategy::Strategy& s = c.strategies[0];
  EXPECT_EQ(s.name, "standard");
  const auto& early = s.SequenceFor(domain::Stage::kEarly);
  ASSERT_GE(early.size(), 5u);
  EXPECT_EQ(early[0].channel, domain::Channel::kSms);
  EXPECT_EQ(early[0].day_offset, 0);
  EXPECT_EQ(early[1].channel, domain::Channel::kCall);
  EXPECT_EQ(early[1].voice, domain::VoiceMode::kAiVoice);
  EXPECT_EQ(early[1].day_offset, 1);
  EXPECT_EQ(early[2].channel, domain::Channel::kEmail);
  EXPECT_EQ(early[2].day_offset, 2);
  for (const strategy::ContactStep& step : s.SequenceFor(domain::Stage::kLate)) {
    if (step.channel == domain::Channel::kCall) {
      EXPECT_EQ(step.voice, domain::VoiceMode::kHuman);
    }
  }
  EXPECT_TRUE(s.SequenceFor(domain::Stage::kCurrent).empty());
  EXPECT_EQ(c.assignment.default_strategy, s.id);
  EXPECT_TRUE(c.assignment.experiments.empty());
  ASSERT_EQ(c.segments.rules.size(), 5u);
  EXPECT_EQ(c.segments.rules[2].name, "mid");
  EXPECT_EQ(c.segments.rules[2].stage_buckets, 1u << 2);
  EXPECT_EQ(c.risk_model.name, "roll_risk");
  EXPECT_GT(c.risk_model.coefficients[segmentation::kBrokenPromises], 0);
  EXPECT_LT(c.risk_model.coefficients[segmentation::kArrangementActive], 0);
}

// WhatsApp is opt-in for an operation: the default strategy has no WhatsApp step (so results
// without one are what they were before the channel), and a strategy with one is valid.
TEST(DefaultDecisionConfigTest, WhatsAppStepsAreTheScenariosChoice) {
  workflow::DecisionConfig c = workflow::DefaultDecisionConfig();
  for (const auto& sequence : c.strategies[0].sequences) {
    for (const strategy::ContactStep& step : sequence) {
      EXPECT_NE(step.channel, domain::Channel::kWhatsApp);
    }
  }
  strategy::ContactStep whatsapp;
  whatsapp.channel = domain::Channel::kWhatsApp;
  whatsapp.day_offset = 4;
  whatsapp.slots = {{10 * 60, 19 * 60}};
  c.strategies[0].sequences[static_cast<std::size_t>(domain::Stage::kEarly)].push_back(whatsapp);
  EXPECT_TRUE(c.Validate().ok()) << c.Validate();
}

TEST(DefaultDecisionConfigTest, ValidateNamesThePart) {
  workflow::DecisionConfig c = workflow::DefaultDecisionConfig();
  c.strategies.push_back(c.strategies[0]);
  c.strategies[1].name = "other";
  EXPECT_EQ(c.Validate().message(), "strategies[1].id: 1 repeats strategies[0]");
  c.strategies[1].id = 2;
  c.strategies[1].offer_limits.grace_days = -1;
  EXPECT_EQ(c.Validate().message(),
            "strategies[1]: strategy 'other': offer_limits: Policy.grace_days must be in [0, 366] "
            "days, got -1");
  c.strategies.clear();
  EXPECT_EQ(c.Validate().message(), "strategies: at least one strategy is needed");
  c = workflow::DefaultDecisionConfig();
  c.risk_model.name.clear();
  EXPECT_EQ(c.Validate().message().substr(0, 12), "risk_model: ");
  c = workflow::DefaultDecisionConfig();
  c.compliance.calls_per_7_days = 8;
  EXPECT_EQ(c.Validate().message(), "compliance: calls_per_7_days is 8; expected 0..7");
}

}  // namespace
}  // namespace recoup::scenarios
