// Test support for the operation's tests (operation_inbound_test, operation_callback_test): one
// run of a world under a decision configuration with every row kept, the KPIs collected and the
// independent compliance audit reading the same rows, as `recoup run` wires them.
#ifndef RECOUP_TESTS_SIM_WORLD_OPERATION_RUN_H_
#define RECOUP_TESTS_SIM_WORLD_OPERATION_RUN_H_

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "core/domain/account.h"
#include "core/domain/debtor.h"
#include "core/workflow/decision_config.h"
#include "sim/recording/compliance_audit.h"
#include "sim/recording/run_log.h"
#include "sim/world/world_config.h"

namespace recoup::sim::world::test_support {

// Keeps every row but promises, days and outcomes; contacts and flags in the order they came
// (the audit needs that order).
class RowRecorder final : public recording::RunSink {
 public:
  void OnContact(const recording::ContactRow& r) override { events.emplace_back(r); }
  void OnFlag(const recording::FlagRow& r) override { events.emplace_back(r); }
  void OnPayment(const recording::PaymentRow& r) override { payments.push_back(r); }
  void OnPromise(const recording::PromiseRow&) override {}
  void OnEscalation(const recording::EscalationRow& r) override { escalations.push_back(r); }
  void OnApiCall(const recording::ApiCallRow& r) override { api_calls.push_back(r); }
  void OnDay(const recording::DaySnapshot&) override {}
  void OnAccountOutcome(const recording::AccountOutcomeRow&) override {}

  std::vector<recording::ContactRow> Contacts() const;

  std::vector<std::variant<recording::ContactRow, recording::FlagRow>> events;
  std::vector<recording::PaymentRow> payments;
  std::vector<recording::EscalationRow> escalations;
  std::vector<recording::ApiCallRow> api_calls;
};

// One run: every row, the portfolio as placed, the audit's report and the KPI summary.
struct OperationRun {
  RowRecorder rows;
  std::vector<domain::Account> accounts;  // as placed
  std::vector<domain::Debtor> debtors;
  recording::AuditReport audit;
  std::map<std::string, double, std::less<>> kpis;
};

// A run of `days` days from Monday 2026-01-05 (January: standard time in New York), seed 1.
RunSpec JanuaryRun(int days);

// Runs `world` under `decisions` for `run` (Operation::Options::seed = run.seed). Failures to set
// up or run are reported as test failures.
std::unique_ptr<OperationRun> RunOperation(const WorldSpec& world,
                                           const workflow::DecisionConfig& decisions,
                                           const RunSpec& run);

}  // namespace recoup::sim::world::test_support

#endif  // RECOUP_TESTS_SIM_WORLD_OPERATION_RUN_H_
