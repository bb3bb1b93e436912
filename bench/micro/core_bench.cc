// Decision-core micro-benchmarks (DESIGN.md section 6):
//  - BM_ComplianceCheck/N: one compliance verdict (an AI-voice call request) per account, cycling
//    over the first N accounts (1,024 stay in cache; 65,536 is the whole portfolio);
//  - BM_PreContactPipeline: segment + strategy assignment + compliance verdict per account, the
//    risk score batch-scored ahead (as the workflow does); budget >= 5 M accounts/s on one core
//    (bench/micro/core_gate.py).
// The portfolio is generated once from keyed random streams: 65,536 accounts in a mix of states,
// phones, consents and short contact histories, evaluated at a fixed instant (a weekday 15:00 UTC,
// so some accounts are inside their window and some are deferred).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "core/compliance/engine.h"
#include "core/domain/account.h"
#include "core/domain/contact.h"
#include "core/domain/debtor.h"
#include "core/segmentation/features.h"
#include "core/segmentation/scoring.h"
#include "core/segmentation/segments.h"
#include "core/strategy/assignment.h"
#include "sim/random/random_streams.h"

namespace recoup {
namespace {

struct Portfolio {
  std::vector<domain::Account> accounts;
  std::vector<domain::Debtor> debtors;
  std::vector<domain::ContactHistory> histories;
  Timestamp now = Timestamp::FromCivilUtc(2026, 11, 18, 15, 0);
};

const Portfolio& MakePortfolio() {
  static const Portfolio* portfolio = [] {
    auto* p = new Portfolio();
    constexpr int kAccounts = 1 << 16;
    p->accounts.reserve(kAccounts);
    p->debtors.reserve(kAccounts);
    p->histories.reserve(kAccounts);
    const sim::StreamFamily family = sim::RandomStreams(20261122).Family("bench.portfolio");
    struct Home {
      const char* region;
      int area_code;
    };
    constexpr Home kHomes[] = {{"NY", 518}, {"CA", 213}, {"TX", 214}, {"FL", 305}, {"IL", 312},
                               {"MA", 617}, {"WA", 206}, {"AZ", 602}, {"GA", 404}, {"OH", 614}};
    for (int i = 0; i < kAccounts; ++i) {
      sim::RandomStream rng = family.For(static_cast<uint64_t>(i));
      const Home& home = kHomes[rng() % 10];
      domain::Debtor d;
      d.id = static_cast<domain::PersonId>(i);
      d.address.country = "US";
      d.address.region = home.region;
      d.address.postal_code = "00000";
      domain::Phone phone;
      phone.area_code = rng() % 4 == 0 ? kHomes[rng() % 10].area_code : home.area_code;
      phone.e164 = "+1" + std::to_string(phone.area_code) + "5550" + std::to_string(100 + i % 900);
      phone.type = domain::PhoneType::kMobile;
      phone.robocall_consent.source = domain::ConsentSource::kCreditTransaction;
      phone.robocall_consent.given = Timestamp::FromCivilUtc(2024, 1, 1);
      d.phones.push_back(phone);
      d.calls_opted_out = rng() % 50 == 0;
      domain::Account a;
      a.id = static_cast<domain::AccountId>(i);
      a.debtor = d.id;
      a.product = static_cast<domain::Product>(rng() % domain::kProductCount);
      a.balance.principal = Money::FromMinorUnits(static_cast<int64_t>(5'000 + rng() % 500'000));
      a.balance.fees = Money::FromMinorUnits(static_cast<int64_t>(rng() % 5'000));
      a.original_balance = a.balance.Total();
      a.days_past_due = static_cast<int>(rng() % 180);
      a.dispute = rng() % 40 == 0 ? domain::DisputeStatus::kOpen : domain::DisputeStatus::kNone;
      domain::ContactHistory h;
      h.person = d.id;
      const int events = static_cast<int>(rng() % 6);
      h.events.reserve(static_cast<std::size_t>(events));
      for (int e = 0; e < events; ++e) {
        domain::ContactEvent ev;
        ev.time = p->now - Duration::Minutes(static_cast<int64_t>(30 + rng() % (10 * 24 * 60)));
        ev.channel = domain::Channel::kCall;
        ev.outcome = static_cast<domain::Outcome>(rng() % 9);
        ev.contact_point = 0;
        ev.debts.Add(a.id);
        h.Record(ev);
      }
      p->accounts.push_back(std::move(a));
      p->debtors.push_back(std::move(d));
      p->histories.push_back(std::move(h));
    }
    return p;
  }();
  return *portfolio;
}

// What the pipeline asks for every account: an AI-voice call on the first phone.
compliance::ContactRequest AiCall() {
  compliance::ContactRequest call;
  call.channel = domain::Channel::kCall;
  call.voice = domain::VoiceMode::kAiVoice;
  return call;
}

void BM_ComplianceCheck(benchmark::State& state) {
  const Portfolio& p = MakePortfolio();
  const compliance::ComplianceEngine engine;
  const compliance::ContactRequest call = AiCall();
  const std::size_t n = std::min(p.accounts.size(), static_cast<std::size_t>(state.range(0)));
  std::size_t i = 0;
  int64_t allowed = 0;
  for (auto _ : state) {
    const compliance::Verdict v = engine.Check(call, p.accounts[i], p.debtors[i], p.histories[i], p.now);
    allowed += v.allowed() ? 1 : 0;
    benchmark::DoNotOptimize(v);
    if (++i == n) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["allowed_share"] =
      static_cast<double>(allowed) / static_cast<double>(std::max<int64_t>(1, state.iterations()));
}
BENCHMARK(BM_ComplianceCheck)->Arg(1 << 10)->Arg(1 << 16);

// Segment rules over stage x risk band, a champion/challenger experiment on early-stage accounts.
struct Setup {
  segmentation::SegmentRules rules;
  strategy::AssignmentConfig config;
  std::vector<double> risk;  // batch-scored ahead of the pipeline, as the workflow does
};

Setup MakeSetup(const Portfolio& p) {
  Setup s;
  s.rules.thresholds.stage_bucket = {0, 0, 1, 2, 3};
  s.rules.thresholds.risk_edges = {0.3, 0.7};
  for (int b = 0; b < 4; ++b) {
    for (int r = 0; r < 3; ++r) {
      segmentation::SegmentRule rule;
      rule.name = "bucket" + std::to_string(b) + "_band" + std::to_string(r);
      rule.stage_buckets = static_cast<uint16_t>(1U << b);
      rule.risk_bands = static_cast<uint16_t>(1U << r);
      s.rules.rules.push_back(rule);
    }
  }
  strategy::Experiment experiment;
  experiment.id = 7;
  experiment.name = "early_ai";
  experiment.arms = {{"champion", 1, 8000}, {"challenger", 2, 2000}};
  s.config.experiments = {experiment};
  s.config.default_strategy = 3;
  strategy::AssignmentRule early;
  early.name = "early";
  early.segments = 0x7;
  early.experiment = 0;
  s.config.rules = {early};
  const std::pair<std::string_view, double> coefficients[] = {
      {"log_balance", 0.21}, {"months_past_due", 0.5}, {"broken_promises", 0.6}};
  const segmentation::Scorer scorer = *segmentation::Scorer::Create(
      *segmentation::ModelFromNamedCoefficients("roll_risk", -1.2, coefficients));
  segmentation::FeatureMatrix x(p.accounts.size());
  for (std::size_t i = 0; i < p.accounts.size(); ++i) {
    segmentation::ExtractFeatures(p.accounts[i], p.debtors[i], p.histories[i], p.now, x.Row(i));
  }
  s.risk.resize(p.accounts.size());
  if (!scorer.ScoreBatch(x.values(), s.risk).ok()) s.risk.clear();
  return s;
}

void BM_PreContactPipeline(benchmark::State& state) {
  const Portfolio& p = MakePortfolio();
  const Setup setup = MakeSetup(p);
  if (setup.risk.empty() || !setup.rules.Validate().ok() || !setup.config.Validate().ok()) {
    state.SkipWithError("invalid pipeline configuration");
    return;
  }
  const compliance::ComplianceEngine engine;
  const compliance::ContactRequest call = AiCall();
  const std::size_t n = p.accounts.size();
  std::size_t i = 0;
  uint64_t checksum = 0;
  for (auto _ : state) {
    const segmentation::Segment segment =
        segmentation::SegmentAccount(setup.rules, p.accounts[i], setup.risk[i]);
    const strategy::Assignment assignment =
        strategy::Assign(setup.config, segment, p.accounts[i], p.histories[i]);
    const compliance::Verdict v = engine.Check(call, p.accounts[i], p.debtors[i], p.histories[i], p.now);
    checksum += assignment.strategy + static_cast<uint64_t>(v.kind);
    if (++i == n) i = 0;
  }
  benchmark::DoNotOptimize(checksum);
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_PreContactPipeline);

}  // namespace
}  // namespace recoup

BENCHMARK_MAIN();
