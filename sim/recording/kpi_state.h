// Internal to KpiCollector (kpis.h): its state, shared by kpis.cc (the rows in) and kpi_report.cc
// (the KPIs out).
#ifndef RECOUP_SIM_RECORDING_KPI_STATE_H_
#define RECOUP_SIM_RECORDING_KPI_STATE_H_

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "sim/recording/kpi_accounts.h"
#include "sim/recording/kpi_scope.h"
#include "sim/recording/kpis.h"
#include "sim/stats/quantile_sketch.h"

namespace recoup::sim::recording {
namespace internal {

inline constexpr int kMaxArms = 100;  // arms -1 .. kMaxArms - 1

}  // namespace internal

struct KpiCollector::State {
  struct Day {
    internal::Counters c;
    int64_t accounts_contacted = 0;
    bool has_snapshot = false;
    DaySnapshot snapshot;
    std::unique_ptr<QuantileSketch> latency_ms;
  };
  struct Arm {
    std::vector<Day> days;
    QuantileSketch latency_ms;
    QuantileSketch waits_s;
    int64_t accounts_worked = 0;
    int64_t accounts_dialled = 0;
    int64_t accounts_rpc = 0;
    int64_t accounts_arranged = 0;
    int64_t accounts_placed = 0;
    int64_t outcomes_worked = 0;
    int64_t outcomes_worked_resolved = 0;
    int64_t outcomes_resolved = 0;
    double resolution_days_sum = 0;
  };

  KpiConfig config;
  std::vector<int64_t> day_starts;  // UTC ns of each local midnight, horizon_days + 1 of them
  std::size_t last_day = 0;
  std::vector<std::unique_ptr<Arm>> arms;  // index arm + 1
  internal::AccountTable accounts;         // marks and contacted days, by account id
  bool audited = false;

  Arm& ArmFor(int arm) {
    if (arm < -1 || arm >= internal::kMaxArms) arm = -1;
    const auto i = static_cast<std::size_t>(arm + 1);
    if (arms.size() <= i) arms.resize(i + 1);
    if (!arms[i]) {
      arms[i] = std::make_unique<Arm>();
      arms[i]->days.resize(static_cast<std::size_t>(config.horizon_days));
    }
    return *arms[i];
  }
  const Arm* FindArm(int arm) const {
    const auto i = static_cast<std::size_t>(arm + 1);
    return arm >= -1 && i < arms.size() ? arms[i].get() : nullptr;
  }

  std::size_t DayOf(Timestamp t) {
    const int64_t ns = t.unix_nanos();
    if (day_starts[last_day] <= ns && ns < day_starts[last_day + 1]) return last_day;
    const auto it = std::upper_bound(day_starts.begin(), day_starts.end(), ns);
    const std::ptrdiff_t i = (it - day_starts.begin()) - 1;
    last_day = static_cast<std::size_t>(
        std::clamp<std::ptrdiff_t>(i, 0, static_cast<std::ptrdiff_t>(config.horizon_days) - 1));
    return last_day;
  }
  std::size_t DayOf(domain::LocalDate date) const {
    const int64_t i = date - config.start_date;
    return static_cast<std::size_t>(std::clamp<int64_t>(i, 0, config.horizon_days - 1));
  }

  internal::Scope RunScope(const Arm& a) const;
  internal::Scope DayScope(const Arm& a, std::size_t day) const;
};

}  // namespace recoup::sim::recording

#endif  // RECOUP_SIM_RECORDING_KPI_STATE_H_
