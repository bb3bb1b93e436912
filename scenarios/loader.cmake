# Owned by the scenario-loader part: defines recoup_scenarios (alias recoup::scenarios): the YAML
# scenario file format (loader.h, docs/scenarios.md) with --set overrides and validation.
find_package(yaml-cpp REQUIRED)
recoup_library(recoup_scenarios ALIAS recoup::scenarios
  SOURCES loader.cc overrides.cc yaml_reader.cc yaml_formats.cc enum_names.cc read_world.cc
          read_operation.cc read_core.cc read_strategy.cc
  DEPS recoup::core_workflow_config recoup::sim_world recoup::core_compliance
       recoup::core_segmentation recoup::core_strategy
  PRIVATE_DEPS yaml-cpp)
