# The runner (the lead's part of scenarios/): replications and arms through the simulated operation.
recoup_library(recoup_scenarios_runner ALIAS recoup::scenarios_runner
  SOURCES runner.cc
  DEPS recoup::scenarios recoup::sim_operation recoup::sim_recording)
