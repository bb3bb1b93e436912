// KpiCollector: the run's KPIs, per simulated day and in total, per experiment arm, computed from
// the rows of run_log.h as they stream in (a RunSink). Definitions, names and units:
// kpi_definitions.h (collections-domain.md section 5); docs/results.md shows how each row feeds
// them.
//
//   KpiConfig config;  config.start_date = ...; config.horizon_days = 180; config.arm_count = 2;
//   StatusOr<KpiCollector> kpis = KpiCollector::Create(config);
//   ... the operation emits into *kpis (or a TeeSink holding it) ...
//   kpis->ApplyAudit(audit.Report());          // compliance_violations comes from the audit only
//   std::vector<double> total = kpis->SummaryValues(0);   // aligned with KpiDefinitions()
//
// Arms: -1 is "no experiment" (or an account outside it); 0..arm_count-1 are the experiment's arms;
// an arm seen in a row outside that range is added. Days: a row belongs to the day (operation time
// zone) its instant falls on, counted from config.start_date; instants before the first day count
// on day 0 and after the last on the last day (the totals include them either way). Promises count
// on their due day, snapshots on their date.
//
// Rows of one account: its contact rows must come in time order, give or take 16 days (checked):
// the per-day count of distinct accounts contacted remembers the days an account was counted only
// that far back (kpi_accounts.h). The simulated operation reports a contact when it ends and works
// one contact per account at a time, so at most a contact that straddled midnight comes late.
//
// Memory: 8 bytes per account id up to the largest seen, plus at most an eighth in spare capacity,
// while the ids are dense (the portfolio generator numbers accounts 1..N); a map node for an id far
// beyond the accounts seen; per arm and day a few hundred bytes plus a latency sketch.
#ifndef RECOUP_SIM_RECORDING_KPIS_H_
#define RECOUP_SIM_RECORDING_KPIS_H_

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/base/statusor.h"
#include "core/base/time.h"
#include "core/domain/calendar.h"
#include "sim/recording/compliance_audit.h"
#include "sim/recording/kpi_definitions.h"
#include "sim/recording/run_log.h"

namespace recoup::sim::recording {

struct KpiConfig {
  domain::LocalDate start_date{2026, 1, 5};  // the first simulated day (operation time zone)
  int horizon_days = 30;                     // >= 1
  std::string operation_time_zone = "America/New_York";  // IANA; days are counted in it
  int arm_count = 0;                              // experiment arms (0: no experiment, only arm -1)
  int currency_decimals = 2;                      // Money minor units per major unit = 10^decimals
  Duration lookup_budget = Duration::Seconds(2);  // lookup_over_budget_share threshold
};

// One day's values, aligned with DailyKpiDefinitions().
struct DailyKpis {
  int day = 0;             // 0-based day index
  domain::LocalDate date;  // start_date + day
  std::vector<double> values;
};

// Everything one replication reports for one arm: the summary (aligned with KpiDefinitions()) and
// the daily rows.
struct ArmKpis {
  int arm = -1;
  std::vector<double> summary;
  std::vector<DailyKpis> daily;
};

// One replication's KPIs, every arm (ascending arm).
struct ReplicationKpis {
  int replication = 0;
  uint64_t seed = 0;
  std::vector<ArmKpis> arms;
  // The arm's entry, or nullptr.
  const ArmKpis* Arm(int arm) const;
};

class KpiCollector : public RunSink {
 public:
  // InvalidArgument naming the field ("kpi config: operation_time_zone: unknown time zone 'X'",
  // "horizon_days: must be >= 1, got 0", "arm_count: must be in [0, 100]...").
  static StatusOr<KpiCollector> Create(const KpiConfig& config);

  KpiCollector(KpiCollector&&) noexcept;
  KpiCollector& operator=(KpiCollector&&) noexcept;
  ~KpiCollector() override;

  void OnContact(const ContactRow& row) override;
  void OnPromise(const PromiseRow& row) override;
  void OnPayment(const PaymentRow& row) override;
  void OnEscalation(const EscalationRow& row) override;
  void OnApiCall(const ApiCallRow& row) override;
  void OnFlag(const FlagRow& row) override;
  void OnDay(const DaySnapshot& snapshot) override;
  void OnAccountOutcome(const AccountOutcomeRow& row) override;

  // Counts the audit's violating contacts (one per row, whatever the number of rules it breaks) on
  // their arm and day. Until called, compliance_violations and its rate are NaN. Calling it again
  // replaces the previous report's counts.
  void ApplyAudit(const AuditReport& report);

  // The arms that have values: -1, 0..arm_count-1 and any other arm seen, ascending.
  std::vector<int> Arms() const;
  // The run's KPIs for `arm`, aligned with KpiDefinitions() (an unknown arm gives the KPIs of an
  // empty arm: zeros, NaN for the violations before ApplyAudit).
  std::vector<double> SummaryValues(int arm) const;
  // The same as name -> value.
  std::map<std::string, double, std::less<>> Summary(int arm) const;
  // One row per simulated day (horizon_days rows), values aligned with DailyKpiDefinitions().
  std::vector<DailyKpis> Daily(int arm) const;
  // Every arm's summary and daily rows.
  ReplicationKpis Collect(int replication, uint64_t seed) const;

  const KpiConfig& config() const;

 private:
  struct State;
  explicit KpiCollector(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

}  // namespace recoup::sim::recording

#endif  // RECOUP_SIM_RECORDING_KPIS_H_
