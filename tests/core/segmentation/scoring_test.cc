#include "core/segmentation/scoring.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <random>
#include <string>
#include <utility>
#include <vector>

namespace recoup::segmentation {
namespace {

LogisticModel TestModel() {
  const std::pair<std::string_view, double> coefs[] = {
      {"log_balance", -0.31},      {"months_past_due", -0.42}, {"stage_early", 0.8},
      {"broken_promises", -0.6},   {"payments_90d", 0.35},     {"has_valid_mobile", 0.25},
      {"conversations_30d", 0.17}, {"product_medical", -0.2},  {"arrangement_active", 1.1}};
  StatusOr<LogisticModel> m = ModelFromNamedCoefficients("propensity_to_pay", 0.7, coefs);
  EXPECT_TRUE(m.ok()) << m.status();
  return *m;
}

// A reference in long double, summed in feature order.
double Reference(const LogisticModel& m, const double* x) {
  long double z = m.intercept;
  for (int i = 0; i < kFeatureCount; ++i) z += static_cast<long double>(m.coefficients[i]) * x[i];
  return static_cast<double>(1.0L / (1.0L + std::exp(-z)));
}

TEST(ScoringTest, SingleAndBatchAreBitIdenticalOverManyRows) {
  const LogisticModel model = TestModel();
  // Dense random coefficients too, so every column and summation order matters.
  LogisticModel dense = model;
  std::mt19937_64 rng(20261122);
  std::uniform_real_distribution<double> coef(-2.0, 2.0);
  for (double& c : dense.coefficients) c = coef(rng);
  for (const LogisticModel& m : {model, dense}) {
    StatusOr<Scorer> scorer = Scorer::Create(m);
    ASSERT_TRUE(scorer.ok()) << scorer.status();
    constexpr std::size_t kRows = 20011;
    FeatureMatrix x(kRows);
    std::uniform_real_distribution<double> small(-3.0, 3.0);
    std::uniform_real_distribution<double> wide(-1e6, 1e6);
    for (std::size_t r = 0; r < kRows; ++r) {
      for (int j = 0; j < kFeatureCount; ++j)
        x.Row(r)[j] = (r + j) % 7 == 0 ? wide(rng) : small(rng);
    }
    std::vector<double> batch(kRows);
    ASSERT_TRUE(scorer->ScoreBatch(x.values(), batch).ok());
    std::size_t mismatches = 0;
    for (std::size_t r = 0; r < kRows; ++r) {
      const double single = scorer->Score(x.Row(r));
      if (std::memcmp(&single, &batch[r], sizeof(double)) != 0) ++mismatches;
      ASSERT_NEAR(batch[r], Reference(m, x.Row(r).data()), 1e-9) << "row " << r;
      ASSERT_GE(batch[r], 0.0);
      ASSERT_LE(batch[r], 1.0);
    }
    EXPECT_EQ(mismatches, 0u) << m.name;
  }
}

TEST(ScoringTest, KnownValues) {
  StatusOr<Scorer> s = Scorer::Create(TestModel());
  ASSERT_TRUE(s.ok());
  std::array<double, kFeatureCount> x{};
  EXPECT_DOUBLE_EQ(s->Score(x), 1.0 / (1.0 + std::exp(-0.7)));
  x[kArrangementActive] = 1.0;
  x[kBrokenPromises] = 3.0;
  EXPECT_DOUBLE_EQ(s->Score(x), 1.0 / (1.0 + std::exp(-(0.7 + 1.1 - 1.8))));
  x[kLogBalance] = 1e6;  // saturates, no NaN
  EXPECT_EQ(s->Score(x), 0.0);
  x[kLogBalance] = -1e6;
  EXPECT_EQ(s->Score(x), 1.0);
}

TEST(ScoringTest, BatchRejectsMisshapenInput) {
  StatusOr<Scorer> s = Scorer::Create(TestModel());
  ASSERT_TRUE(s.ok());
  std::vector<double> values(kFeatureCount * 3 + 1);
  std::vector<double> out(3);
  EXPECT_EQ(s->ScoreBatch(values, out).code(), StatusCode::kInvalidArgument);
  values.resize(kFeatureCount * 3);
  EXPECT_TRUE(s->ScoreBatch(values, out).ok());
  out.resize(2);
  const Status st = s->ScoreBatch(values, out);
  EXPECT_EQ(st.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(st.message().find("expected one per row (3)"), std::string_view::npos) << st;
  EXPECT_TRUE(s->ScoreBatch({}, {}).ok());
}

TEST(ScoringTest, ValidationNamesTheProblem) {
  struct Case {
    const char* name;
    void (*mutate)(LogisticModel&);
    const char* want;  // substring of the message; nullptr = valid
  };
  const Case cases[] = {
      {"valid", [](LogisticModel&) {}, nullptr},
      {"empty name", [](LogisticModel& m) { m.name.clear(); }, "name is empty"},
      {"short", [](LogisticModel& m) { m.coefficients.pop_back(); }, "expected 32 feature names"},
      {"renamed", [](LogisticModel& m) { m.feature_names[3] = "x"; },
       "feature 3 is 'x', expected 'fee_interest_share'"},
      {"swapped", [](LogisticModel& m) { std::swap(m.feature_names[0], m.feature_names[1]); },
       "feature 0 is 'log_original_balance', expected 'log_balance'"},
      {"nan coefficient", [](LogisticModel& m) { m.coefficients[5] = std::nan(""); },
       "coefficient of 'stage_current' is not finite"},
      {"inf intercept", [](LogisticModel& m) { m.intercept = HUGE_VAL; },
       "intercept is not finite"},
  };
  for (const Case& c : cases) {
    LogisticModel m = TestModel();
    c.mutate(m);
    const Status st = m.Validate();
    EXPECT_EQ(Scorer::Create(m).ok(), st.ok()) << c.name;
    if (c.want == nullptr) {
      EXPECT_TRUE(st.ok()) << c.name << ": " << st;
    } else {
      EXPECT_EQ(st.code(), StatusCode::kInvalidArgument) << c.name;
      EXPECT_NE(st.message().find(c.want), std::string_view::npos) << c.name << ": " << st;
    }
  }
}

TEST(ScoringTest, NamedCoefficientErrors) {
  const std::pair<std::string_view, double> unknown[] = {{"nope", 1.0}};
  EXPECT_FALSE(ModelFromNamedCoefficients("m", 0, unknown).ok());
  const std::pair<std::string_view, double> twice[] = {{"disputed", 1.0}, {"disputed", 2.0}};
  EXPECT_FALSE(ModelFromNamedCoefficients("m", 0, twice).ok());
  EXPECT_FALSE(ModelFromNamedCoefficients("", 0, {}).ok());
}

TEST(ScoringTest, TextFormatRoundTripsExactly) {
  LogisticModel m = TestModel();
  m.coefficients[kInbound90d] = 0.1 + 0.2;  // not a short decimal
  const std::string text = FormatLogisticModel(m);
  StatusOr<LogisticModel> back = ParseLogisticModel(text);
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(back->name, m.name);
  EXPECT_EQ(back->intercept, m.intercept);
  EXPECT_EQ(back->coefficients, m.coefficients);
  EXPECT_EQ(back->feature_names, m.feature_names);
}

TEST(ScoringTest, TextFormatErrorsNameLineAndColumn) {
  struct Case {
    const char* text;
    const char* want;
  };
  const Case cases[] = {
      {"model m\nintercept 1\n", nullptr},
      {"# comment\n\nmodel m  # trailing\nlog_balance -0.5\n", nullptr},
      {"intercept 1\n", "missing 'model <name>'"},
      {"model m\nlog_balanse 1\n", "model text:2:1: unknown feature 'log_balanse'"},
      {"model m\nlog_balance x1\n", "model text:2:13: expected a finite number, got 'x1'"},
      {"model m\nlog_balance 1e999\n", "model text:2:13: expected a finite number"},
      {"model m\nlog_balance\n", "model text:2:12: expected '<key> <value>'"},
      {"model m\nlog_balance 1 2\n", "model text:2:15: expected '<key> <value>'"},
      {"model m\nmodel n\n", "model text:2:1: 'model' given twice"},
      {"model m\nintercept 1\nintercept 2\n", "model text:3:1: 'intercept' given twice"},
      {"model m\ndisputed 1\n  disputed 2\n", "model text:3:3: feature 'disputed' given twice"},
  };
  for (const Case& c : cases) {
    StatusOr<LogisticModel> m = ParseLogisticModel(c.text);
    if (c.want == nullptr) {
      EXPECT_TRUE(m.ok()) << c.text << m.status();
    } else {
      ASSERT_FALSE(m.ok()) << c.text;
      EXPECT_NE(m.status().message().find(c.want), std::string_view::npos)
          << c.text << " -> " << m.status();
    }
  }
  StatusOr<LogisticModel> ok = ParseLogisticModel("model m\nlog_balance -0.5\n");
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok->coefficients[kLogBalance], -0.5);
  EXPECT_EQ(ok->coefficients[kDisputed], 0.0);
}

}  // namespace
}  // namespace recoup::segmentation
