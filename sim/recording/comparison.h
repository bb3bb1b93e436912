// Champion vs challenger: the difference of every KPI between two experiment arms over
// replications, with a confidence interval, and what common random numbers bought.
//
// With common random numbers (DESIGN.md section 3) replication r runs both arms on the same debtors
// with the same luck, so the per-replication differences d_r = challenger_r - champion_r are
// paired: the interval is the paired t interval mean(d) +/- t_{(1+level)/2, n-1} s_d / sqrt(n)
// (sim/stats/confidence.h, ReplicationInterval). To show the variance reduction, the caller may
// also give replications whose arms ran on independent seeds (the champion's values from one set of
// runs, the challenger's from another): var_independent = var(champion) + var(challenger) estimates
// the variance of one difference without pairing, var_paired = var(d) the variance with it, and
// variance_ratio = var_independent / var_paired is the factor by which CRN shrank it (the same
// interval width needs variance_ratio times fewer paired replications).
#ifndef RECOUP_SIM_RECORDING_COMPARISON_H_
#define RECOUP_SIM_RECORDING_COMPARISON_H_

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/statusor.h"
#include "sim/recording/kpis.h"

namespace recoup::sim::recording {

// One KPI's comparison. Values in the KPI's unit; NaN where undefined (see each field).
struct KpiComparison {
  std::string kpi;  // KpiDefinition::name
  std::string unit;
  int champion_arm = 0;
  int challenger_arm = 1;
  int replications = 0;  // paired replications
  double level = 0.95;
  double champion_mean = 0;
  double challenger_mean = 0;
  double difference = 0;              // mean of challenger - champion
  double half_width = 0;              // of the paired interval; NaN with fewer than 2 replications
  double var_paired = 0;              // sample variance of the paired differences; NaN if n < 2
  int independent_replications = 0;   // min of the two independent lists' sizes; 0: none given
  double var_independent = 0;         // var(champion) + var(challenger) over the independent runs;
                                      // NaN when either list has fewer than 2 values
  double independent_half_width = 0;  // Welch interval half width of the independent runs; NaN
                                      // likewise
  double variance_ratio = 0;          // var_independent / var_paired; +inf when var_paired is 0 and
                                      // var_independent > 0; NaN when either is NaN or both are 0

  double ci_low() const { return difference - half_width; }
  double ci_high() const { return difference + half_width; }
};

// The comparison of one KPI from its per-replication values. `champion` and `challenger` are
// paired by index (same size, checked by the caller: the shorter length is used).
// `champion_independent` / `challenger_independent` may be empty. 0 < level < 1 is checked.
KpiComparison CompareKpi(std::string_view kpi, std::string_view unit,
                         std::span<const double> champion, std::span<const double> challenger,
                         std::span<const double> champion_independent,
                         std::span<const double> challenger_independent, double level = 0.95);

// Every KPI of KpiDefinitions() (in table order) between two arms of the paired replications, with
// the champion's values of `champion_independent` and the challenger's of `challenger_independent`
// for the variance reduction (either may be empty). InvalidArgument when the arms are equal, no
// paired replication is given, or a replication lacks one of the arms ("paired replication 2
// (seed 3): no arm 1").
StatusOr<std::vector<KpiComparison>> CompareArms(
    std::span<const ReplicationKpis> paired, int champion_arm, int challenger_arm,
    std::span<const ReplicationKpis> champion_independent = {},
    std::span<const ReplicationKpis> challenger_independent = {}, double level = 0.95);

}  // namespace recoup::sim::recording

#endif  // RECOUP_SIM_RECORDING_COMPARISON_H_
