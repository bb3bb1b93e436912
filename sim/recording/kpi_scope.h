// Internal to KpiCollector (kpis.h): the raw tallies of one arm over one day or the whole run, and
// the function that turns them into the KPI values of kpi_definitions.h.
#ifndef RECOUP_SIM_RECORDING_KPI_SCOPE_H_
#define RECOUP_SIM_RECORDING_KPI_SCOPE_H_

#include <array>
#include <cstdint>
#include <vector>

#include "core/domain/account.h"
#include "core/domain/contact.h"
#include "sim/stats/quantile_sketch.h"

namespace recoup::sim::recording::internal {

inline constexpr int kSourceCount = 7;  // PaymentRow::Source values
inline constexpr int kAgentCount = 3;   // Agent values

// Additive tallies from the rows (money in minor units, times in seconds).
struct Counters {
  std::array<int64_t, domain::kChannelCount> contacts{};  // allowed outbound, by channel
  int64_t calls_ai = 0;
  int64_t calls_human = 0;
  int64_t inbound = 0;
  int64_t blocked = 0;
  int64_t dials_connected = 0;
  int64_t dials_live = 0;
  int64_t dials_rpc = 0;
  int64_t rpcs = 0;
  int64_t promises = 0;
  int64_t arrangements = 0;
  int64_t ai_rpcs = 0;
  int64_t ai_resolved = 0;
  int64_t ai_engaged = 0;  // AI contacts that were RPC or handed off
  int64_t ai_handoffs = 0;
  int64_t ai_calls = 0;
  int64_t ai_calls_after_hours = 0;
  int64_t ai_call_rpcs = 0;      // AI calls (outbound and inbound) with a verified right party
  int64_t ai_call_resolved = 0;  // of those: resolved without a human
  int64_t live_contacts = 0;     // a person responded: live-answered dials, replies, inbound
  int64_t contact_cost = 0;
  int64_t recovered = 0;
  std::array<int64_t, kSourceCount> recovered_by_source{};
  std::array<int64_t, kAgentCount> recovered_by_agent{};
  int64_t recovered_after_charge_off = 0;
  int64_t fees = 0;
  int64_t payment_attempts = 0;
  int64_t payment_failures = 0;
  int64_t promises_due = 0;
  int64_t kept = 0;
  int64_t partial = 0;
  int64_t broken = 0;
  int64_t due_amount = 0;
  int64_t kept_amount = 0;
  int64_t escalations = 0;
  int64_t abandoned = 0;
  int64_t answered = 0;
  double wait_answered_s = 0;
  int64_t callbacks = 0;         // hand-offs sent to the callback list
  int64_t callbacks_called = 0;  // of those: called back
  double callback_wait_s = 0;    // hand-off to call back, summed over the called
  int64_t callback_calls = 0;    // allowed calls working the callback list
  int64_t callback_rpcs = 0;     // of those: verified right party
  int64_t api_calls = 0;
  int64_t api_errors = 0;
  int64_t lookups = 0;
  int64_t lookups_over_budget = 0;
  int64_t violations = 0;

  void Add(const Counters& o);
};

// Everything Compute needs for one scope (a day, or the run).
struct Scope {
  Counters c;
  double days = 1;                // simulated days in the scope
  double accounts_contacted = 0;  // distinct accounts that day; for the run, the daily mean
  // Account level (the run only; 0 in daily scopes).
  int64_t accounts_placed = 0;
  int64_t accounts_worked = 0;
  int64_t accounts_dialled = 0;
  int64_t accounts_rpc = 0;
  int64_t accounts_arranged = 0;
  int64_t outcomes_worked = 0;  // AccountOutcomeRow with contacts > 0
  int64_t outcomes_worked_resolved = 0;
  int64_t outcomes_resolved = 0;
  double resolution_days_sum = 0;
  // Portfolio, from the snapshots.
  int64_t placed = 0;  // placed in the scope (CEI's credit sales)
  int64_t charged_off = 0;
  int64_t beginning_ar = 0;
  int64_t ending_ar = 0;
  int64_t ending_current_ar = 0;
  int64_t open_accounts = 0;
  double average_ar = 0;
  double dso_days = 0;                 // days in the DSO period
  int64_t dso_placed = 0;              // credit sales in the DSO period (a daily row: since day 0)
  std::array<int64_t, 4> roll_in{};    // into early, mid, late, recovery
  std::array<int64_t, 4> roll_base{};  // previous day's current, early, mid, late
  int64_t cured = 0;
  int64_t cure_base = 0;
  int64_t self_cured = 0;
  int64_t resolved = 0;
  double human_staffed_s = 0;
  double human_busy_s = 0;
  double ai_line_s = 0;
  double ai_busy_s = 0;
  const QuantileSketch* latency_ms = nullptr;  // may be null or empty
  const QuantileSketch* waits_s = nullptr;
  bool audited = false;
};

// The values of every KPI (enum order) for the scope. `decimals`: Money decimals.
std::vector<double> Compute(const Scope& s, int decimals);

}  // namespace recoup::sim::recording::internal

#endif  // RECOUP_SIM_RECORDING_KPI_SCOPE_H_
