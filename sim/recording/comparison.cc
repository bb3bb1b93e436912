#include "sim/recording/comparison.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "core/base/check.h"
#include "sim/stats/confidence.h"
#include "sim/stats/welford.h"

namespace recoup::sim::recording {
namespace {

constexpr double kNan = std::numeric_limits<double>::quiet_NaN();

Welford Summarise(std::span<const double> values) {
  Welford w;
  for (const double x : values) w.Add(x);
  return w;
}

double Variance(const Welford& w) { return w.count() >= 2 ? w.variance() : kNan; }

// The values of `kpi` for `arm` across `reps`, or an error naming the replication without the arm.
StatusOr<std::vector<double>> Values(std::span<const ReplicationKpis> reps, int arm, Kpi kpi,
                                     std::string_view what) {
  std::vector<double> out;
  out.reserve(reps.size());
  for (std::size_t i = 0; i < reps.size(); ++i) {
    const ArmKpis* a = reps[i].Arm(arm);
    if (a == nullptr || a->summary.size() != static_cast<std::size_t>(kKpiCount)) {
      return InvalidArgumentError(std::string(what) + " replication " + std::to_string(i) +
                                  " (seed " + std::to_string(reps[i].seed) + "): no arm " +
                                  std::to_string(arm));
    }
    out.push_back(a->summary[static_cast<std::size_t>(kpi)]);
  }
  return out;
}

}  // namespace

KpiComparison CompareKpi(std::string_view kpi, std::string_view unit,
                         std::span<const double> champion, std::span<const double> challenger,
                         std::span<const double> champion_independent,
                         std::span<const double> challenger_independent, double level) {
  RECOUP_CHECK(level > 0 && level < 1);
  KpiComparison c;
  c.kpi = std::string(kpi);
  c.unit = std::string(unit);
  c.level = level;
  const std::size_t n = std::min(champion.size(), challenger.size());
  c.replications = static_cast<int>(n);
  std::vector<double> diffs(n);
  for (std::size_t i = 0; i < n; ++i) diffs[i] = challenger[i] - champion[i];
  c.champion_mean = Summarise(champion.first(n)).mean();
  c.challenger_mean = Summarise(challenger.first(n)).mean();
  const Welford d = Summarise(diffs);
  c.difference = d.mean();
  c.var_paired = Variance(d);
  c.half_width = n >= 2 ? ReplicationInterval(diffs, level).half_width : kNan;

  const Welford x = Summarise(champion_independent);
  const Welford y = Summarise(challenger_independent);
  c.independent_replications =
      static_cast<int>(std::min(champion_independent.size(), challenger_independent.size()));
  c.var_independent = Variance(x) + Variance(y);  // NaN unless both have 2+
  c.independent_half_width = kNan;
  if (!std::isnan(c.var_independent)) {
    const double nx = static_cast<double>(x.count());
    const double ny = static_cast<double>(y.count());
    const double se2 = x.variance() / nx + y.variance() / ny;
    if (se2 == 0) {
      c.independent_half_width = 0;
    } else if (std::isfinite(se2)) {
      // Welch-Satterthwaite degrees of freedom.
      const double a = x.variance() / nx;
      const double b = y.variance() / ny;
      const double dof = se2 * se2 / (a * a / (nx - 1) + b * b / (ny - 1));
      c.independent_half_width = StudentTQuantile((1 + level) / 2, dof) * std::sqrt(se2);
    }
  }
  if (std::isnan(c.var_paired) || std::isnan(c.var_independent) ||
      (c.var_paired == 0 && c.var_independent == 0)) {
    c.variance_ratio = kNan;
  } else if (c.var_paired == 0) {
    c.variance_ratio = std::numeric_limits<double>::infinity();
  } else {
    c.variance_ratio = c.var_independent / c.var_paired;
  }
  return c;
}

StatusOr<std::vector<KpiComparison>> CompareArms(
    std::span<const ReplicationKpis> paired, int champion_arm, int challenger_arm,
    std::span<const ReplicationKpis> champion_independent,
    std::span<const ReplicationKpis> challenger_independent, double level) {
  if (champion_arm == challenger_arm) {
    return InvalidArgumentError("comparison: champion and challenger are both arm " +
                                std::to_string(champion_arm));
  }
  if (paired.empty()) return InvalidArgumentError("comparison: no paired replication");
  if (!(level > 0 && level < 1)) {
    return InvalidArgumentError("comparison: level must be in (0, 1), got " +
                                std::to_string(level));
  }
  std::vector<KpiComparison> out;
  for (const KpiDefinition& def : KpiDefinitions()) {
    StatusOr<std::vector<double>> x = Values(paired, champion_arm, def.kpi, "paired");
    if (!x.ok()) return x.status();
    StatusOr<std::vector<double>> y = Values(paired, challenger_arm, def.kpi, "paired");
    if (!y.ok()) return y.status();
    StatusOr<std::vector<double>> xi =
        Values(champion_independent, champion_arm, def.kpi, "champion independent");
    if (!xi.ok()) return xi.status();
    StatusOr<std::vector<double>> yi =
        Values(challenger_independent, challenger_arm, def.kpi, "challenger independent");
    if (!yi.ok()) return yi.status();
    KpiComparison c = CompareKpi(def.name, def.unit, *x, *y, *xi, *yi, level);
    c.champion_arm = champion_arm;
    c.challenger_arm = challenger_arm;
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace recoup::sim::recording
