// A scenario: everything one `recoup run` needs, as loaded from a YAML scenario file
// (scenarios/loader.h; reference in docs/scenarios.md). Plain data: the world (portfolio,
// behaviour, channels, staffing, org), the decision core's configuration (segmentation, strategies,
// assignment with its champion/challenger experiment, compliance profile) and the run.
#ifndef RECOUP_SCENARIOS_SCENARIO_H_
#define RECOUP_SCENARIOS_SCENARIO_H_

#include <string>

#include "core/workflow/decision_config.h"
#include "sim/world/world_config.h"

namespace recoup::scenarios {

struct Scenario {
  std::string name;                   // from the file ("default")
  std::string description;
  sim::world::WorldSpec world;
  workflow::DecisionConfig core;
  sim::world::RunSpec run;
  std::string source_text;            // the YAML text after --set overrides, for the manifest
  std::string source_path;            // the file it came from ("" when built in code)
};

}  // namespace recoup::scenarios

#endif  // RECOUP_SCENARIOS_SCENARIO_H_
