#include "scenarios/runner.h"

#include <cmath>
#include <cstdio>
#include <memory>
#include <string>
#include <utility>

#include "sim/recording/kpi_definitions.h"
#include "sim/world/operation.h"

namespace recoup::scenarios {
namespace {

// Sends every row to each of its sinks, in order.
class FanOutSink final : public sim::recording::RunSink {
 public:
  void Add(sim::recording::RunSink* sink) { sinks_.push_back(sink); }
  void OnContact(const sim::recording::ContactRow& r) override {
    for (auto* s : sinks_) s->OnContact(r);
  }
  void OnPromise(const sim::recording::PromiseRow& r) override {
    for (auto* s : sinks_) s->OnPromise(r);
  }
  void OnPayment(const sim::recording::PaymentRow& r) override {
    for (auto* s : sinks_) s->OnPayment(r);
  }
  void OnEscalation(const sim::recording::EscalationRow& r) override {
    for (auto* s : sinks_) s->OnEscalation(r);
  }
  void OnApiCall(const sim::recording::ApiCallRow& r) override {
    for (auto* s : sinks_) s->OnApiCall(r);
  }
  void OnFlag(const sim::recording::FlagRow& r) override {
    for (auto* s : sinks_) s->OnFlag(r);
  }
  void OnDay(const sim::recording::DaySnapshot& r) override {
    for (auto* s : sinks_) s->OnDay(r);
  }
  void OnAccountOutcome(const sim::recording::AccountOutcomeRow& r) override {
    for (auto* s : sinks_) s->OnAccountOutcome(r);
  }

 private:
  std::vector<sim::recording::RunSink*> sinks_;
};

struct Simulation {
  int replication = 0;
  int arm = -1;
  uint64_t seed = 0;
  bool independent = false;
};

StatusOr<SimulationResult> RunOne(const Scenario& scenario, const RunRequest& request,
                                  const Simulation& sim, int arm_count, int index, int runs,
                                  const std::string& label, sim::recording::ResultsWriter* writer,
                                  const std::function<void(const RunProgress&)>& progress) {
  sim::world::Operation::Options options;
  options.seed = sim.seed;
  options.forced_arm = sim.arm;
  options.accounts = request.accounts;
  options.horizon_days = request.days;
  FanOutSink fan;
  StatusOr<std::unique_ptr<sim::world::Operation>> op =
      sim::world::Operation::Create(scenario.world, scenario.core, scenario.run, options, &fan);
  if (!op.ok()) return op.status();
  const sim::world::Portfolio& placed = (*op)->portfolio();
  domain::Debtor scratch;  // the packed debtors, expanded one at a time
  StatusOr<sim::recording::ComplianceAudit> audit = sim::recording::ComplianceAudit::Create(
      placed.accounts, placed.debtors.size(),
      [&](std::size_t k) -> const domain::Debtor& {
        placed.debtors.Read(k, &scratch);
        return scratch;
      },
      scenario.core.compliance);
  if (!audit.ok()) return audit.status();
  sim::recording::KpiConfig config;
  config.start_date = scenario.run.start_date;
  config.horizon_days = request.days > 0 ? request.days : scenario.run.horizon_days;
  config.operation_time_zone = scenario.world.staffing.operation_time_zone;
  config.arm_count = arm_count;
  config.lookup_budget = scenario.world.org.lookup_budget;
  StatusOr<sim::recording::KpiCollector> kpis = sim::recording::KpiCollector::Create(config);
  if (!kpis.ok()) return kpis.status();
  fan.Add(&*kpis);
  fan.Add(&*audit);
  if (writer != nullptr && !sim.independent) fan.Add(&writer->Sink(sim.replication));
  RunProgress p;
  p.run = index;
  p.runs = runs;
  p.label = label;
  Status s = (*op)->Run([&](const sim::world::OperationProgress& op_progress) {
    if (!progress) return;
    p.day = op_progress.day;
    p.days = op_progress.days;
    p.events = op_progress.events;
    p.contacts = op_progress.contacts;
    progress(p);
  });
  if (!s.ok()) return s;
  SimulationResult result;
  result.replication = sim.replication;
  result.arm = sim.arm;
  result.seed = sim.seed;
  result.independent = sim.independent;
  result.audit = audit->Report();
  kpis->ApplyAudit(result.audit);
  const sim::recording::ReplicationKpis collected = kpis->Collect(sim.replication, sim.seed);
  if (const sim::recording::ArmKpis* a = collected.Arm(sim.arm); a != nullptr) result.kpis = *a;
  result.kpis.arm = sim.arm;
  if (result.kpis.summary.empty()) result.kpis.summary = kpis->SummaryValues(sim.arm);
  result.events = (*op)->events();
  return result;
}

}  // namespace

StatusOr<RunReport> RunScenario(const Scenario& scenario, const RunRequest& request,
                                const std::function<void(const RunProgress&)>& progress) {
  RunReport report;
  const uint64_t seed = request.seed.value_or(scenario.run.seed);
  report.seed = seed;
  report.replications = request.replications > 0 ? request.replications : scenario.run.replications;
  report.days = request.days > 0 ? request.days : scenario.run.horizon_days;
  report.accounts = request.accounts > 0 ? request.accounts : scenario.world.portfolio.accounts;
  const std::vector<strategy::Experiment>& experiments = scenario.core.assignment.experiments;
  const int arm_count = experiments.empty() ? 0 : static_cast<int>(experiments.front().arms.size());
  if (arm_count == 0) {
    report.arm_names.push_back("");
  } else {
    for (const strategy::Arm& a : experiments.front().arms) report.arm_names.push_back(a.name);
  }

  std::vector<Simulation> plan;
  for (int r = 0; r < report.replications; ++r) {
    if (arm_count == 0) {
      plan.push_back({r, -1, seed + static_cast<uint64_t>(r), false});
      continue;
    }
    for (int a = 0; a < arm_count; ++a)
      plan.push_back({r, a, seed + static_cast<uint64_t>(r), false});
  }
  const bool independent = arm_count >= 2 && report.replications >= 2 && request.variance_check;
  if (independent) {
    for (int a = 0; a < arm_count; ++a) {
      for (int r = 0; r < report.replications; ++r) {
        const uint64_t s =
            seed + static_cast<uint64_t>(r) + 1'000'003ULL * static_cast<uint64_t>(a + 1);
        plan.push_back({r, a, s, true});
      }
    }
  }

  std::unique_ptr<sim::recording::ResultsWriter> writer;
  if (!request.results_path.empty()) {
    sim::recording::RunManifest manifest = request.manifest;
    manifest.seed = seed;
    manifest.replications = report.replications;
    manifest.start_date = scenario.run.start_date;
    manifest.horizon_days = report.days;
    manifest.accounts = report.accounts;
    manifest.operation_time_zone = scenario.world.staffing.operation_time_zone;
    if (arm_count > 0) manifest.arm_names = report.arm_names;
    sim::recording::ResultsOptions options;
    options.events = request.events;
    StatusOr<std::unique_ptr<sim::recording::ResultsWriter>> created =
        sim::recording::ResultsWriter::Create(request.results_path, manifest, options);
    if (!created.ok()) return created.status();
    writer = std::move(created).value();
  }

  const int runs = static_cast<int>(plan.size());
  for (int k = 0; k < runs; ++k) {
    const Simulation& sim = plan[static_cast<std::size_t>(k)];
    std::string label = "replication " + std::to_string(sim.replication + 1) + "/" +
                        std::to_string(report.replications);
    if (sim.arm >= 0) label += ", arm " + report.arm_names[static_cast<std::size_t>(sim.arm)];
    if (sim.independent) label += " (independent seed)";
    StatusOr<SimulationResult> one =
        RunOne(scenario, request, sim, arm_count, k, runs, label, writer.get(), progress);
    if (!one.ok()) return one.status();
    report.events += one->events;
    report.violations += static_cast<int64_t>(one->audit.ViolatingRows().size());
    if (writer != nullptr && !sim.independent) {
      if (Status st = writer->AddAudit(sim.replication, one->audit); !st.ok()) return st;
    }
    report.simulations.push_back(std::move(one).value());
  }

  // Paired replications: every arm's KPIs of replication r together.
  for (int r = 0; r < report.replications; ++r) {
    sim::recording::ReplicationKpis rep;
    rep.replication = r;
    rep.seed = seed + static_cast<uint64_t>(r);
    for (const SimulationResult& s : report.simulations) {
      if (!s.independent && s.replication == r) rep.arms.push_back(s.kpis);
    }
    report.paired.push_back(std::move(rep));
  }
  if (arm_count >= 2) {
    std::vector<sim::recording::ReplicationKpis> champion_ind;
    std::vector<sim::recording::ReplicationKpis> challenger_ind;
    for (const SimulationResult& s : report.simulations) {
      if (!s.independent || (s.arm != 0 && s.arm != 1)) continue;
      sim::recording::ReplicationKpis rep;
      rep.replication = s.replication;
      rep.seed = s.seed;
      rep.arms.push_back(s.kpis);
      (s.arm == 0 ? champion_ind : challenger_ind).push_back(std::move(rep));
    }
    StatusOr<std::vector<sim::recording::KpiComparison>> cmp =
        sim::recording::CompareArms(report.paired, 0, 1, champion_ind, challenger_ind);
    if (!cmp.ok()) return cmp.status();
    report.comparison = std::move(cmp).value();
  }
  if (writer != nullptr) {
    for (const sim::recording::ReplicationKpis& rep : report.paired) {
      if (Status st = writer->AddKpis(rep); !st.ok()) return st;
    }
    if (Status st = writer->SetComparison(report.comparison); !st.ok()) return st;
    if (Status st = writer->Commit(); !st.ok()) return st;
  }
  return report;
}

std::string FormatKpiTable(const RunReport& report) {
  const auto defs = sim::recording::KpiDefinitions();
  const std::size_t arms = report.arm_names.size();
  // Means over the paired replications, per arm.
  std::vector<std::vector<double>> mean(arms, std::vector<double>(defs.size(), 0.0));
  for (std::size_t a = 0; a < arms; ++a) {
    const int arm =
        report.arm_names.size() == 1 && report.arm_names[0].empty() ? -1 : static_cast<int>(a);
    int n = 0;
    for (const SimulationResult& s : report.simulations) {
      if (s.independent || s.arm != arm) continue;
      ++n;
      for (std::size_t k = 0; k < defs.size() && k < s.kpis.summary.size(); ++k) {
        mean[a][k] += s.kpis.summary[k];
      }
    }
    for (double& v : mean[a]) v = n > 0 ? v / n : std::nan("");
  }
  std::string out;
  char line[512];
  std::snprintf(line, sizeof line, "%-34s %-10s", "kpi", "unit");
  out += line;
  for (const std::string& name : report.arm_names) {
    std::snprintf(line, sizeof line, " %14s", name.empty() ? "value" : name.c_str());
    out += line;
  }
  const bool compare = !report.comparison.empty();
  if (compare) {
    std::snprintf(line, sizeof line, " %14s %27s %10s", "difference", "95% interval", "var. red.");
    out += line;
  }
  out += "\n";
  for (std::size_t k = 0; k < defs.size(); ++k) {
    std::snprintf(line, sizeof line, "%-34s %-10s", std::string(defs[k].name).c_str(),
                  std::string(defs[k].unit).c_str());
    out += line;
    for (std::size_t a = 0; a < arms; ++a) {
      std::snprintf(line, sizeof line, " %14.4g", mean[a][k]);
      out += line;
    }
    if (compare && k < report.comparison.size()) {
      const sim::recording::KpiComparison& c = report.comparison[k];
      if (std::isnan(c.half_width)) {
        std::snprintf(line, sizeof line, " %14.4g %27s", c.difference, "(needs 2+ replications)");
      } else {
        std::snprintf(line, sizeof line, " %14.4g [%12.4g, %12.4g]", c.difference, c.ci_low(),
                      c.ci_high());
      }
      out += line;
      if (!std::isnan(c.variance_ratio)) {
        std::snprintf(line, sizeof line, " %9.3gx", c.variance_ratio);
        out += line;
      }
    }
    out += "\n";
  }
  return out;
}

}  // namespace recoup::scenarios
