// KpiCollector's queries: the run and daily scopes of an arm, and the KPI values computed from
// them.
#include <string>
#include <vector>

#include "sim/recording/kpi_definitions.h"
#include "sim/recording/kpi_scope.h"
#include "sim/recording/kpi_state.h"
#include "sim/recording/kpis.h"

namespace recoup::sim::recording {
namespace {

using internal::Scope;

// The roll and cure tallies of day `today` against the day before (both snapshots present).
void AddTransitions(const DaySnapshot& before, const DaySnapshot& today, Scope& s) {
  for (std::size_t k = 0; k < 4; ++k) {
    s.roll_in[k] += today.rolled_in[k + 1];
    s.roll_base[k] += before.bucket_accounts[k];
  }
  s.cured += today.cured;
  s.self_cured += today.self_cured;
  for (std::size_t k = 1; k <= 3; ++k) s.cure_base += before.bucket_accounts[k];
}

void AddStaffing(const DaySnapshot& d, Scope& s) {
  s.human_staffed_s += d.human_staffed_s;
  s.human_busy_s += d.human_busy_s;
  s.ai_line_s += d.ai_line_s;
  s.ai_busy_s += d.ai_busy_s;
}

}  // namespace

Scope KpiCollector::State::RunScope(const Arm& a) const {
  Scope s;
  s.days = config.horizon_days;
  double contacted = 0;
  for (const Day& d : a.days) {
    s.c.Add(d.c);
    contacted += static_cast<double>(d.accounts_contacted);
  }
  s.accounts_contacted = contacted / s.days;
  s.accounts_placed = a.accounts_placed;
  s.accounts_worked = a.accounts_worked;
  s.accounts_dialled = a.accounts_dialled;
  s.accounts_rpc = a.accounts_rpc;
  s.accounts_arranged = a.accounts_arranged;
  s.outcomes_worked = a.outcomes_worked;
  s.outcomes_worked_resolved = a.outcomes_worked_resolved;
  s.outcomes_resolved = a.outcomes_resolved;
  s.resolution_days_sum = a.resolution_days_sum;
  const DaySnapshot* last = nullptr;
  std::size_t last_index = 0;
  double ar_sum = 0;
  int snapshots = 0;
  for (std::size_t t = 0; t < a.days.size(); ++t) {
    const Day& d = a.days[t];
    if (!d.has_snapshot) continue;
    const DaySnapshot& snap = d.snapshot;
    s.placed += snap.placed.minor_units();
    s.charged_off += snap.charged_off.minor_units();
    s.resolved += snap.resolved;
    AddStaffing(snap, s);
    ar_sum += static_cast<double>(snap.receivables.minor_units());
    ++snapshots;
    if (t > 0 && a.days[t - 1].has_snapshot) AddTransitions(a.days[t - 1].snapshot, snap, s);
    last = &snap;
    last_index = t;
  }
  if (last != nullptr) {
    s.ending_ar = last->receivables.minor_units();
    s.ending_current_ar = last->current_receivables.minor_units();
    s.open_accounts = last->accounts;
    s.average_ar = ar_sum / snapshots;
    s.dso_days = static_cast<double>(last_index + 1);
  }
  s.dso_placed = s.placed;
  s.beginning_ar = 0;
  s.latency_ms = &a.latency_ms;
  s.waits_s = &a.waits_s;
  s.audited = audited;
  return s;
}

Scope KpiCollector::State::DayScope(const Arm& a, std::size_t t) const {
  Scope s;
  const Day& d = a.days[t];
  s.c = d.c;
  s.days = 1;
  s.accounts_contacted = static_cast<double>(d.accounts_contacted);
  for (std::size_t i = 0; i <= t; ++i) {
    if (a.days[i].has_snapshot) s.dso_placed += a.days[i].snapshot.placed.minor_units();
  }
  s.dso_days = static_cast<double>(t + 1);
  if (d.has_snapshot) {
    const DaySnapshot& snap = d.snapshot;
    s.placed = snap.placed.minor_units();
    s.charged_off = snap.charged_off.minor_units();
    s.ending_ar = snap.receivables.minor_units();
    s.ending_current_ar = snap.current_receivables.minor_units();
    s.open_accounts = snap.accounts;
    s.average_ar = static_cast<double>(s.ending_ar);
    s.resolved = snap.resolved;
    AddStaffing(snap, s);
    if (t > 0 && a.days[t - 1].has_snapshot) {
      s.beginning_ar = a.days[t - 1].snapshot.receivables.minor_units();
      AddTransitions(a.days[t - 1].snapshot, snap, s);
    }
  }
  s.latency_ms = d.latency_ms.get();
  s.audited = audited;
  return s;
}

std::vector<int> KpiCollector::Arms() const {
  std::vector<int> out;
  for (std::size_t i = 0; i < state_->arms.size(); ++i) {
    if (state_->arms[i]) out.push_back(static_cast<int>(i) - 1);
  }
  return out;
}

std::vector<double> KpiCollector::SummaryValues(int arm) const {
  const State& s = *state_;
  const State::Arm* a = s.FindArm(arm);
  if (a == nullptr) {
    State::Arm empty;
    empty.days.resize(static_cast<std::size_t>(s.config.horizon_days));
    return internal::Compute(s.RunScope(empty), s.config.currency_decimals);
  }
  return internal::Compute(s.RunScope(*a), s.config.currency_decimals);
}

std::map<std::string, double, std::less<>> KpiCollector::Summary(int arm) const {
  const std::vector<double> values = SummaryValues(arm);
  std::map<std::string, double, std::less<>> out;
  for (const KpiDefinition& d : KpiDefinitions()) {
    out.emplace(std::string(d.name), values[static_cast<std::size_t>(d.kpi)]);
  }
  return out;
}

std::vector<DailyKpis> KpiCollector::Daily(int arm) const {
  const State& s = *state_;
  State::Arm empty;
  const State::Arm* a = s.FindArm(arm);
  if (a == nullptr) {
    empty.days.resize(static_cast<std::size_t>(s.config.horizon_days));
    a = &empty;
  }
  const auto columns = DailyKpiDefinitions();
  std::vector<DailyKpis> rows;
  rows.reserve(a->days.size());
  for (std::size_t t = 0; t < a->days.size(); ++t) {
    const std::vector<double> all =
        internal::Compute(s.DayScope(*a, t), s.config.currency_decimals);
    DailyKpis row;
    row.day = static_cast<int>(t);
    row.date = s.config.start_date + static_cast<int>(t);
    row.values.reserve(columns.size());
    for (const KpiDefinition* d : columns) {
      row.values.push_back(all[static_cast<std::size_t>(d->kpi)]);
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

ReplicationKpis KpiCollector::Collect(int replication, uint64_t seed) const {
  ReplicationKpis r;
  r.replication = replication;
  r.seed = seed;
  for (const int arm : Arms()) {
    r.arms.push_back(ArmKpis{arm, SummaryValues(arm), Daily(arm)});
  }
  return r;
}

const ArmKpis* ReplicationKpis::Arm(int arm) const {
  for (const ArmKpis& a : arms) {
    if (a.arm == arm) return &a;
  }
  return nullptr;
}

}  // namespace recoup::sim::recording
