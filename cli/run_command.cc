#include "cli/run_command.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "cli/scenario_flags.h"
#include "scenarios/runner.h"

namespace recoup::cli {
namespace {

struct RunOptions {
  std::string file;
  int64_t accounts = 0;
  int days = 0;
  std::optional<uint64_t> seed;
  int replications = 0;
  std::vector<std::string> overrides;
  std::string out;
  bool events = false;
  bool quiet = false;
  bool no_variance_check = false;
};

// Progress on a terminal: one line rewritten in place (simulated days, events/s, ETA).
class ProgressLine {
 public:
  explicit ProgressLine(bool enabled) : enabled_(enabled) {}
  void Update(const scenarios::RunProgress& p) {
    if (!enabled_) return;
    const auto now = std::chrono::steady_clock::now();
    if (p.run != run_) {
      run_ = p.run;
      run_start_ = now;
    }
    const double elapsed = std::chrono::duration<double>(now - run_start_).count();
    const double done = p.days > 0 ? static_cast<double>(p.day) / p.days : 0;
    const double rate = elapsed > 0 ? static_cast<double>(p.events) / elapsed : 0;
    const double total_done = (p.run + done) / (p.runs > 0 ? p.runs : 1);
    const double total_elapsed = std::chrono::duration<double>(now - start_).count();
    const double eta = total_done > 0 ? total_elapsed * (1 - total_done) / total_done : 0;
    std::fprintf(stderr, "\r[%d/%d] %s: day %d/%d, %.0f events/s, %llu contacts, ETA %.0f s   ",
                 p.run + 1, p.runs, p.label.c_str(), p.day, p.days, rate,
                 static_cast<unsigned long long>(p.contacts), eta);
    std::fflush(stderr);
  }
  void Finish() {
    if (enabled_) std::fprintf(stderr, "\n");
  }

 private:
  bool enabled_;
  int run_ = -1;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point run_start_ = start_;
};

// The command line as typed (reconstructed from the parsed options), for the manifest.
std::string CommandLine(const std::shared_ptr<RunOptions>& o) {
  std::string out = "recoup run " + o->file;
  if (o->accounts > 0) out += " --accounts " + std::to_string(o->accounts);
  if (o->days > 0) out += " --days " + std::to_string(o->days);
  if (o->seed) out += " --seed " + std::to_string(*o->seed);
  if (o->replications > 0) out += " --replications " + std::to_string(o->replications);
  for (const std::string& s : o->overrides) out += " --set " + s;
  if (!o->out.empty()) out += " --out " + o->out;
  if (o->events) out += " --events";
  if (o->no_variance_check) out += " --no-variance-check";
  return out;
}

int Run(const RunOptions& o, const std::string& command_line) {
  const std::optional<scenarios::Scenario> scenario =
      LoadScenarioOrReport(o.file, o.overrides, "recoup run");
  if (!scenario) return 2;  // an unreadable or invalid scenario file is bad input
  scenarios::RunRequest request;
  request.accounts = o.accounts;
  request.days = o.days;
  request.seed = o.seed;
  request.replications = o.replications;
  request.events = o.events;
  request.results_path = o.out;
  request.manifest.scenario_name = scenario->name;
  request.manifest.scenario_text = scenario->source_text;
  request.manifest.scenario_path = scenario->source_path;
  request.manifest.version = RECOUP_VERSION;
  request.manifest.git_revision = RECOUP_GIT_REVISION;
  request.manifest.command_line = command_line;
  request.variance_check = !o.no_variance_check;
  ProgressLine progress(!o.quiet && isatty(STDERR_FILENO) != 0);
  const auto started = std::chrono::steady_clock::now();
  StatusOr<scenarios::RunReport> report = scenarios::RunScenario(
      *scenario, request, [&](const scenarios::RunProgress& p) { progress.Update(p); });
  progress.Finish();
  if (!report.ok()) {
    std::cerr << "recoup run: " << report.status().message() << "\n";
    return report.status().code() == StatusCode::kInvalidArgument ? 2 : 1;
  }
  const double wall =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::cout << "scenario " << scenario->name << ": " << report->accounts << " accounts, "
            << report->days << " days, " << report->replications << " replication(s), seed "
            << report->seed << "\n";
  std::cout << scenarios::FormatKpiTable(*report);
  std::printf(
      "%llu events in %.1f s (%.0f events/s); compliance violations (independent audit): %lld\n",
      static_cast<unsigned long long>(report->events), wall,
      wall > 0 ? static_cast<double>(report->events) / wall : 0.0,
      static_cast<long long>(report->violations));
  if (!o.out.empty()) std::cout << "results: " << o.out << "\n";
  return report->violations == 0 ? 0 : 1;
}

}  // namespace

void AddRunCommand(CLI::App& app, int* exit_code) {
  auto options = std::make_shared<RunOptions>();
  CLI::App* run = app.add_subcommand(
      "run",
      "Run a scenario file: a simulated collections operation under the decision core.\n"
      "Prints the KPI table (champion and challenger side by side with an experiment);\n"
      "--out writes the HDF5 results file (docs/results.md).");
  run->add_option("FILE", options->file, "Scenario file (YAML; docs/scenarios.md)")
      ->required()
      ->check(CLI::ExistingFile);
  AddAccountsOption(*run, &options->accounts);
  run->add_option("--days", options->days, "Horizon in days (overrides run.horizon_days)")
      ->check(CLI::Range(1, 3650));
  run->add_option("--seed", options->seed, "Seed (overrides run.seed)");
  run->add_option("--replications", options->replications,
                  "Replications (overrides run.replications)")
      ->check(CLI::Range(1, 1000));
  AddSetOption(*run, &options->overrides);
  run->add_option("--out", options->out, "Write the HDF5 results file here (atomically)");
  run->add_flag("--events", options->events,
                "Store every contact attempt in the results file (/events/contacts)");
  run->add_flag("--no-variance-check", options->no_variance_check,
                "Skip the independent-seed runs that measure the variance reduction");
  run->add_flag("--quiet", options->quiet, "No progress line");
  run->callback([options, exit_code] { *exit_code = Run(*options, CommandLine(options)); });
}

}  // namespace recoup::cli
