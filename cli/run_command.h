// `recoup run FILE`: runs a scenario (replications, experiment arms), prints progress on a terminal
// and the KPI table, and writes the HDF5 results file (docs/results.md).
#ifndef RECOUP_CLI_RUN_COMMAND_H_
#define RECOUP_CLI_RUN_COMMAND_H_

#include <CLI/CLI.hpp>

namespace recoup::cli {

// Adds `run` to `app`; it runs from the parse callback and sets *exit_code (0 success, 1 a failed
// run or an unwritable results file, 2 an invalid scenario or flag value).
void AddRunCommand(CLI::App& app, int* exit_code);

}  // namespace recoup::cli

#endif  // RECOUP_CLI_RUN_COMMAND_H_
