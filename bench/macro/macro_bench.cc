// The end-to-end benchmark: one arm of the default scenario (scenarios/catalog/default.yaml) for N
// accounts over D days in this process, on one core. Prints wall time, kernel events per second,
// contacts and the peak resident memory per account. Run one size per process (peak RSS is per
// process); bench/macro/macro_gate.py runs 100 k and 1 M and checks the budget (<= 60 s and
// <= 1 KB per account at 1 M x 180 days; time and memory linear in accounts).
//
//   recoup_bench_macro [--accounts N] [--days D] [--arm A] [--scenario FILE]
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "scenarios/loader.h"
#include "scenarios/runner.h"

namespace {

long PeakRssKb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

}  // namespace

int main(int argc, char** argv) {
  int64_t accounts = 100'000;
  int days = 180;
  int arm = 0;
  std::string scenario_path = std::string(RECOUP_SOURCE_DIR) + "/scenarios/catalog/default.yaml";
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--accounts") == 0)
      accounts = std::atoll(argv[i + 1]);
    else if (std::strcmp(argv[i], "--days") == 0)
      days = std::atoi(argv[i + 1]);
    else if (std::strcmp(argv[i], "--arm") == 0)
      arm = std::atoi(argv[i + 1]);
    else if (std::strcmp(argv[i], "--scenario") == 0)
      scenario_path = argv[i + 1];
    else {
      std::fprintf(stderr, "unknown flag %s\n", argv[i]);
      return 2;
    }
  }
  const long rss_before = PeakRssKb();
  recoup::StatusOr<recoup::scenarios::Scenario> scenario =
      recoup::scenarios::LoadScenarioFile(scenario_path, {});
  if (!scenario.ok()) {
    std::fprintf(stderr, "%s\n", std::string(scenario.status().message()).c_str());
    return 2;
  }
  // One arm, counterfactually for the whole portfolio: keep only that arm in the experiment.
  auto& experiments = scenario->core.assignment.experiments;
  if (!experiments.empty()) {
    auto& arms = experiments.front().arms;
    if (arm < 0 || arm >= static_cast<int>(arms.size())) return 2;
    recoup::strategy::Arm only = arms[static_cast<std::size_t>(arm)];
    only.weight_bp = recoup::strategy::kBasisPoints;
    arms = {only};
  }
  recoup::scenarios::RunRequest request;
  request.accounts = accounts;
  request.days = days;
  request.replications = 1;
  request.variance_check = false;
  const auto start = std::chrono::steady_clock::now();
  recoup::StatusOr<recoup::scenarios::RunReport> report =
      recoup::scenarios::RunScenario(*scenario, request);
  const double wall =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!report.ok()) {
    std::fprintf(stderr, "%s\n", std::string(report.status().message()).c_str());
    return 1;
  }
  const long rss = PeakRssKb();
  std::printf(
      "{\"accounts\": %lld, \"days\": %d, \"wall_s\": %.3f, \"events\": %llu, "
      "\"events_per_s\": %.0f, \"peak_rss_kb\": %ld, \"rss_before_kb\": %ld, "
      "\"bytes_per_account\": %.1f, \"violations\": %lld}\n",
      static_cast<long long>(accounts), days, wall, static_cast<unsigned long long>(report->events),
      static_cast<double>(report->events) / wall, rss, rss_before,
      static_cast<double>(rss - rss_before) * 1024.0 / static_cast<double>(accounts),
      static_cast<long long>(report->violations));
  return 0;
}
