// What the commands that read a scenario file share (`recoup run FILE`, `recoup org serve
// --scenario FILE`): the --accounts and --set flags, and loading the file with its overrides.
#ifndef RECOUP_CLI_SCENARIO_FLAGS_H_
#define RECOUP_CLI_SCENARIO_FLAGS_H_

#include <CLI/CLI.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "scenarios/scenario.h"

namespace recoup::cli {

// --accounts N: the portfolio size, overriding portfolio.accounts (1..100,000,000; 0, the
// default, keeps the file's).
CLI::Option* AddAccountsOption(CLI::App& app, int64_t* accounts);

// --set key.path=value, repeatable: overrides any value of the scenario file (scenarios/loader.h).
CLI::Option* AddSetOption(CLI::App& app, std::vector<std::string>* overrides);

// Loads the scenario file at `path` with the --set `overrides` (scenarios::LoadScenarioFile). On
// error prints "<command>: <the loader's message>" to stderr and returns nullopt; the message names
// the place, e.g. "recoup run: default.yaml:12:5: behaviour.answer: must be a probability in
// [0, 1], got 1.5" or "recoup org serve: --set run.sed=7: unknown key 'sed' in run; ...". An
// unreadable or invalid scenario file is bad input: the caller exits 2.
std::optional<scenarios::Scenario> LoadScenarioOrReport(const std::string& path,
                                                        const std::vector<std::string>& overrides,
                                                        std::string_view command);

}  // namespace recoup::cli

#endif  // RECOUP_CLI_SCENARIO_FLAGS_H_
