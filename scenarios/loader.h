// Loading a scenario file (YAML) into a Scenario, with --set overrides and complete validation.
// The file format is documented key by key in docs/scenarios.md; scenarios/catalog/ holds examples.
//
//   RECOUP_ASSIGN_OR_RETURN(Scenario s,
//                           LoadScenarioFile("scenarios/catalog/default.yaml", {"run.seed=7"}));
//
// Layout: the top-level keys are name, description, run, portfolio, behaviour, channels, staffing,
// org, segmentation, strategies, assignment, compliance. portfolio ... org are the sections of
// Scenario::world (WorldSpec); segmentation (segment rules and risk_model), strategies, assignment
// and compliance are Scenario::core (DecisionConfig). Every key is optional: a section or key the
// file leaves out keeps DefaultScenario()'s value; maps merge key by key, lists replace.
//
// Errors are InvalidArgument with one message that names the place and what was expected:
//   "default.yaml:12:5: behaviour.answer: must be a probability in [0, 1], got 1.5"
//   "default.yaml:3:3: unknown key 'sed' in run; expected one of: start_date, horizon_days, ..."
//   "--set run.sed=7: unknown key 'sed' in run; expected one of: start_date, horizon_days, ..."
// (line and column 1-based; a value that came from --set is blamed on the --set). Unknown keys are
// rejected, and the loaded scenario is checked with sim::world::ValidateWorldSpec and
// workflow::DecisionConfig::Validate, whose messages get the file position of the field they name.
#ifndef RECOUP_SCENARIOS_LOADER_H_
#define RECOUP_SCENARIOS_LOADER_H_

#include <string>
#include <string_view>
#include <vector>

#include "core/base/statusor.h"
#include "scenarios/scenario.h"

namespace recoup::scenarios {

// The scenario every file starts from: WorldSpec's defaults with the product brief's handle times
// (sim::world::DefaultHumanHandleTimes / DefaultAiHandleTimes), workflow::DefaultDecisionConfig()
// and RunSpec's defaults. name "default", no source text.
Scenario DefaultScenario();

// Parses `text` (named `source_name` in messages, e.g. the file path) and applies `overrides`, each
// "key.path=value" as given to --set: the value is read as YAML (7, 0.25, credit_card, [1, 2],
// {seed: 7}) and replaces that key of the tree before it is read; "world." and "core." prefixes
// (world.portfolio.accounts, core.strategies[0].name) are accepted. The scenario's name defaults
// to the file name without directory and extension. source_text is `text` when there are no
// overrides (comments kept), else the tree after the overrides written back as YAML; loading
// source_text again gives the same scenario. source_path is `source_name`.
StatusOr<Scenario> LoadScenarioText(std::string_view text, std::string_view source_name,
                                    const std::vector<std::string>& overrides);

// Reads the file at `path` and loads it as above (messages name `path`). NotFound when the file
// cannot be read.
StatusOr<Scenario> LoadScenarioFile(const std::string& path,
                                    const std::vector<std::string>& overrides);

}  // namespace recoup::scenarios

#endif  // RECOUP_SCENARIOS_LOADER_H_
