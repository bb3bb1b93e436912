#include "tests/sim/world/operation_run.h"

#include <gtest/gtest.h>

#include "sim/recording/kpis.h"
#include "sim/recording/tee_sink.h"
#include "sim/world/operation.h"

namespace recoup::sim::world::test_support {

std::vector<recording::ContactRow> RowRecorder::Contacts() const {
  std::vector<recording::ContactRow> out;
  for (const auto& e : events) {
    if (const recording::ContactRow* c = std::get_if<recording::ContactRow>(&e)) out.push_back(*c);
  }
  return out;
}

RunSpec JanuaryRun(int days) {
  RunSpec r;
  r.start_date = domain::LocalDate(2026, 1, 5);
  r.horizon_days = days;
  r.seed = 1;
  return r;
}

std::unique_ptr<OperationRun> RunOperation(const WorldSpec& world,
                                           const workflow::DecisionConfig& decisions,
                                           const RunSpec& run) {
  auto out = std::make_unique<OperationRun>();
  Operation::Options options;
  options.seed = run.seed;
  recording::KpiConfig kpi_config;
  kpi_config.start_date = run.start_date;
  kpi_config.horizon_days = run.horizon_days;
  StatusOr<recording::KpiCollector> kpis = recording::KpiCollector::Create(kpi_config);
  EXPECT_TRUE(kpis.ok()) << kpis.status();
  if (!kpis.ok()) return out;
  // The audit needs the portfolio as placed, which exists once the operation is created: it joins
  // the tee afterwards (no row is emitted before Run).
  recording::TeeSink tee({&out->rows, &*kpis});
  StatusOr<std::unique_ptr<Operation>> op =
      Operation::Create(world, decisions, run, options, &tee);
  EXPECT_TRUE(op.ok()) << op.status();
  if (!op.ok()) return out;
  const Portfolio& placed = (*op)->portfolio();
  out->accounts = placed.accounts;
  out->debtors.reserve(placed.debtors.size());
  for (std::size_t k = 0; k < placed.debtors.size(); ++k) {
    out->debtors.push_back(placed.debtors.Get(k));
  }
  StatusOr<recording::ComplianceAudit> audit =
      recording::ComplianceAudit::Create(out->accounts, out->debtors, decisions.compliance);
  EXPECT_TRUE(audit.ok()) << audit.status();
  if (!audit.ok()) return out;
  tee.Add(&*audit);
  EXPECT_TRUE((*op)->Run().ok());
  out->audit = audit->Report();
  kpis->ApplyAudit(out->audit);
  out->kpis = kpis->Summary(-1);
  return out;
}

}  // namespace recoup::sim::world::test_support
