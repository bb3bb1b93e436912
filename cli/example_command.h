// `recoup example ...`: small runnable models that exercise the kernel (today: mmc).
#ifndef RECOUP_CLI_EXAMPLE_COMMAND_H_
#define RECOUP_CLI_EXAMPLE_COMMAND_H_

#include <CLI/CLI.hpp>

namespace recoup::cli {

// Adds `example` and its subcommands to `app`; the chosen one runs from the parse callback and sets
// *exit_code (0 on success, 2 on invalid parameters).
void AddExampleCommand(CLI::App& app, int* exit_code);

}  // namespace recoup::cli

#endif  // RECOUP_CLI_EXAMPLE_COMMAND_H_
