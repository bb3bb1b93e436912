// recoup: the simulation and benchmarking command line. Exit codes: 0 success, 1 a run or server
// failed, 2 invalid flags or values.
#include <CLI/CLI.hpp>

#include "cli/example_command.h"
#include "cli/org_command.h"
#include "cli/run_command.h"

int main(int argc, char** argv) {
  CLI::App app{"recoup: discrete-event simulation and benchmarking for debt-collection operations"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("recoup ") + RECOUP_VERSION);
  int exit_code = 0;
  recoup::cli::AddExampleCommand(app, &exit_code);
  recoup::cli::AddRunCommand(app, &exit_code);
  recoup::cli::AddOrgCommand(app, &exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // --help and --version exit 0; every invalid flag or value exits 2 (CLI11's own codes vary).
    const int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }
  return exit_code;
}
