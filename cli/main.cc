// recoup: the simulation and benchmarking command line.
#include <CLI/CLI.hpp>

#include "cli/example_command.h"
#include "cli/org_command.h"

int main(int argc, char** argv) {
  CLI::App app{
      "recoup: discrete-event simulation and benchmarking for debt-collection operations"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("recoup ") + RECOUP_VERSION);
  int exit_code = 0;
  recoup::cli::AddExampleCommand(app, &exit_code);
  recoup::cli::AddOrgCommand(app, &exit_code);
  CLI11_PARSE(app, argc, argv);
  return exit_code;
}
