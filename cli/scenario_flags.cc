#include "cli/scenario_flags.h"

#include <iostream>
#include <utility>

#include "core/base/statusor.h"
#include "scenarios/loader.h"

namespace recoup::cli {

CLI::Option* AddAccountsOption(CLI::App& app, int64_t* accounts) {
  return app.add_option("--accounts", *accounts, "Portfolio size (overrides portfolio.accounts)")
      ->check(CLI::Range(int64_t{1}, int64_t{100'000'000}));
}

CLI::Option* AddSetOption(CLI::App& app, std::vector<std::string>* overrides) {
  return app.add_option("--set", *overrides,
                        "Override any scenario value: key.path=value (repeatable), e.g. "
                        "--set behaviour.answer=0.2");
}

std::optional<scenarios::Scenario> LoadScenarioOrReport(const std::string& path,
                                                        const std::vector<std::string>& overrides,
                                                        std::string_view command) {
  StatusOr<scenarios::Scenario> scenario = scenarios::LoadScenarioFile(path, overrides);
  if (!scenario.ok()) {
    std::cerr << command << ": " << scenario.status().message() << "\n";
    return std::nullopt;
  }
  return std::move(scenario).value();
}

}  // namespace recoup::cli
