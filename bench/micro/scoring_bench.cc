// Scoring micro-benchmarks (DESIGN.md section 6: "batch scoring close to the memory bandwidth of
// reading the feature matrix"). The budget is a ratio within one run:
//  - BM_ScoreBatch (logistic scores of a 1M x 32 row-major feature matrix) at >= 0.5x the rate of
//    BM_ReadMatrix, a plain streaming read of the same matrix (per-column sums, which the compiler
//    vectorises and cannot skip). Items are rows in both.
// bench/micro/scoring_gate.py runs this binary and checks the ratio.
// Not gated here, reported for the pre-contact pipeline: BM_ScoreSingle (the single-account API
// over the same rows), BM_ExtractFeatures, BM_SegmentAndAssign (segment from a precomputed risk
// score + strategy assignment with a champion/challenger experiment).
#include <benchmark/benchmark.h>

#include <array>
#include <cstdint>
#include <utility>
#include <vector>

#include "core/domain/account.h"
#include "core/domain/contact.h"
#include "core/domain/debtor.h"
#include "core/segmentation/features.h"
#include "core/segmentation/scoring.h"
#include "core/segmentation/segments.h"
#include "core/strategy/assignment.h"

namespace recoup {
namespace {

using segmentation::FeatureMatrix;
using segmentation::kFeatureCount;

constexpr std::size_t kRows = 1'000'000;
constexpr std::size_t kAccounts = 100'000;

uint64_t Next(uint64_t& state) {
  state += 0x9e3779b97f4a7c15ULL;
  return strategy::Mix64(state);
}

// The shared 1M x 32 matrix: values in [-4, 4), deterministic.
const FeatureMatrix& Matrix() {
  static const FeatureMatrix* m = [] {
    auto* x = new FeatureMatrix(kRows);
    uint64_t s = 20261122;
    for (double& v : x->values()) v = static_cast<double>(Next(s) >> 11) * 0x1p-53 * 8.0 - 4.0;
    return x;
  }();
  return *m;
}

segmentation::Scorer MakeScorer() {
  const std::pair<std::string_view, double> coefs[] = {
      {"log_balance", -0.31},      {"months_past_due", -0.42}, {"stage_early", 0.8},
      {"broken_promises", -0.6},   {"payments_90d", 0.35},     {"has_valid_mobile", 0.25},
      {"conversations_30d", 0.17}, {"product_medical", -0.2},  {"arrangement_active", 1.1}};
  return *segmentation::Scorer::Create(
      *segmentation::ModelFromNamedCoefficients("roll_risk", -0.4, coefs));
}

void BM_ReadMatrix(benchmark::State& state) {
  const FeatureMatrix& m = Matrix();
  const double* x = m.values().data();
  for (auto _ : state) {
    std::array<double, kFeatureCount> acc{};
    for (std::size_t r = 0; r < kRows; ++r) {
      for (int j = 0; j < kFeatureCount; ++j)
        acc[static_cast<std::size_t>(j)] += x[r * kFeatureCount + j];
    }
    benchmark::DoNotOptimize(acc);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * kRows));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * kRows * kFeatureCount * 8));
}

void BM_ScoreBatch(benchmark::State& state) {
  const FeatureMatrix& m = Matrix();
  const segmentation::Scorer scorer = MakeScorer();
  std::vector<double> out(kRows);
  for (auto _ : state) {
    if (!scorer.ScoreBatch(m.values(), out).ok()) {
      state.SkipWithError("ScoreBatch failed");
      return;
    }
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * kRows));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * kRows * kFeatureCount * 8));
}

void BM_ScoreSingle(benchmark::State& state) {
  const FeatureMatrix& m = Matrix();
  const segmentation::Scorer scorer = MakeScorer();
  std::vector<double> out(kRows);
  for (auto _ : state) {
    for (std::size_t r = 0; r < kRows; ++r) out[r] = scorer.Score(m.Row(r));
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * kRows));
}

// A synthetic portfolio slice: varied stage, balance, product, promises, one or two phones, an
// email, a short history.
struct Portfolio {
  std::vector<domain::Account> accounts;
  std::vector<domain::Debtor> debtors;
  std::vector<domain::ContactHistory> histories;
  std::vector<double> risk;
};

const Portfolio& Accounts() {
  static const Portfolio* p = [] {
    auto* out = new Portfolio;
    const Timestamp now = Timestamp::FromCivilUtc(2026, 6, 15, 15);
    uint64_t s = 7;
    for (std::size_t i = 0; i < kAccounts; ++i) {
      domain::Account a;
      a.id = i + 1;
      a.days_past_due = static_cast<int>(Next(s) % 200);
      a.balance.principal = Money::FromMinorUnits(static_cast<int64_t>(Next(s) % 1'000'000));
      a.original_balance = a.balance.principal + Money::FromMajorUnits(100);
      a.product = static_cast<domain::Product>(Next(s) % domain::kProductCount);
      a.broken_promises = static_cast<int>(Next(s) % 3);
      a.arrangement.active = Next(s) % 10 == 0;
      if (Next(s) % 2 == 0)
        a.payments.push_back({now - Duration::Days(20), Money::FromMajorUnits(40)});
      domain::Debtor d;
      d.phones.resize(1 + Next(s) % 2);
      d.phones[0].e164 = "+16175550123";
      d.emails.resize(1);
      d.emails[0].provenance = domain::EmailProvenance::kConsumerUsed;
      domain::ContactHistory h;
      for (int k = 0; k < static_cast<int>(Next(s) % 4); ++k) {
        domain::ContactEvent e;
        e.time = now - Duration::Days(1 + k * 3);
        e.debts.Add(a.id);
        h.Record(e);
      }
      out->accounts.push_back(std::move(a));
      out->debtors.push_back(std::move(d));
      out->histories.push_back(std::move(h));
      out->risk.push_back(static_cast<double>(Next(s) % 1000) / 1000.0);
    }
    return out;
  }();
  return *p;
}

void BM_ExtractFeatures(benchmark::State& state) {
  const Portfolio& p = Accounts();
  const Timestamp now = Timestamp::FromCivilUtc(2026, 6, 15, 15);
  FeatureMatrix x(kAccounts);
  for (auto _ : state) {
    for (std::size_t i = 0; i < kAccounts; ++i) {
      segmentation::ExtractFeatures(p.accounts[i], p.debtors[i], p.histories[i], now, x.Row(i));
    }
    benchmark::DoNotOptimize(x.values().data());
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * kAccounts));
}

void BM_SegmentAndAssign(benchmark::State& state) {
  const Portfolio& p = Accounts();
  segmentation::SegmentRules rules;
  rules.thresholds.stage_bucket = {0, 0, 1, 2, 3};
  rules.thresholds.balance_edges = {Money::FromMajorUnits(500), Money::FromMajorUnits(2000),
                                    Money::FromMajorUnits(5000)};
  rules.thresholds.risk_edges = {0.3, 0.7};
  rules.thresholds.product_group = {0, 0, 0, 1, 1, 2, 0, 0, 0, 2};
  for (int b = 0; b < 4; ++b) {
    for (int r = 0; r < 3; ++r) {
      segmentation::SegmentRule rule;
      rule.name = "stage" + std::to_string(b) + "_risk" + std::to_string(r);
      rule.stage_buckets = static_cast<uint16_t>(1U << b);
      rule.risk_bands = static_cast<uint16_t>(1U << r);
      rules.rules.push_back(rule);
    }
  }
  strategy::AssignmentConfig config;
  config.default_strategy = 1;
  strategy::Experiment e;
  e.id = 42;
  e.name = "early";
  e.arms = {{"champion", 10, 9000}, {"challenger", 11, 1000}};
  config.experiments = {e};
  strategy::AssignmentRule broken;
  broken.name = "broken";
  broken.min_broken_promises = 2;
  broken.strategy = 20;
  strategy::AssignmentRule early;
  early.name = "early";
  early.segments = 0x7;  // stage bucket 0, any risk
  early.experiment = 0;
  config.rules = {broken, early};
  if (!rules.Validate().ok() || !config.Validate().ok()) {
    state.SkipWithError("invalid configuration");
    return;
  }
  uint64_t checksum = 0;
  for (auto _ : state) {
    for (std::size_t i = 0; i < kAccounts; ++i) {
      const segmentation::Segment s = segmentation::SegmentAccount(rules, p.accounts[i], p.risk[i]);
      const strategy::Assignment a = strategy::Assign(config, s, p.accounts[i], p.histories[i]);
      checksum += a.strategy + s.id;
    }
    benchmark::DoNotOptimize(checksum);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * kAccounts));
}

BENCHMARK(BM_ReadMatrix)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ScoreBatch)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ScoreSingle)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ExtractFeatures)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SegmentAndAssign)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace recoup

BENCHMARK_MAIN();
