// `recoup org ...`: the mock Salesforce org. Today: `recoup org serve`, the org over HTTP(S) on
// loopback for the live adapter, its tests and standard Salesforce clients (docs/org.md).
#ifndef RECOUP_CLI_ORG_COMMAND_H_
#define RECOUP_CLI_ORG_COMMAND_H_

#include <CLI/CLI.hpp>

namespace recoup::cli {

// Adds `org` and its subcommands to `app`; the chosen one runs from the parse callback and sets
// *exit_code (0 on success, 2 on invalid flags or unusable --data/--schema/--faults files, 1 when
// the server cannot start).
void AddOrgCommand(CLI::App& app, int* exit_code);

}  // namespace recoup::cli

#endif  // RECOUP_CLI_ORG_COMMAND_H_
