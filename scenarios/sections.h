// Readers of the scenario file's sections into the world and decision-core structs (the layout is
// docs/scenarios.md). Internal to scenarios/: the loader (loader.cc) calls them in a fixed order
// and then runs the validators. Each reads `node` (at `path`), keeping the defaults already in
// `out` for keys the file does not set; errors go to the Context.
#ifndef RECOUP_SCENARIOS_SECTIONS_H_
#define RECOUP_SCENARIOS_SECTIONS_H_

#include <yaml-cpp/yaml.h>

#include <string>

#include "core/workflow/decision_config.h"
#include "scenarios/yaml_reader.h"
#include "sim/world/world_config.h"

namespace recoup::scenarios::internal {

// read_world.cc (run, portfolio, behaviour) and read_operation.cc (channels, staffing, org)
void ReadRun(Context& c, const YAML::Node& node, const std::string& path, sim::world::RunSpec& out);
void ReadPortfolio(Context& c, const YAML::Node& node, const std::string& path,
                   sim::world::PortfolioSpec& out);
void ReadBehaviour(Context& c, const YAML::Node& node, const std::string& path,
                   sim::world::BehaviourSpec& out);
void ReadChannels(Context& c, const YAML::Node& node, const std::string& path,
                  sim::world::ChannelSpec& out);
void ReadStaffing(Context& c, const YAML::Node& node, const std::string& path,
                  sim::world::StaffingSpec& out);
void ReadOrg(Context& c, const YAML::Node& node, const std::string& path, sim::world::OrgSpec& out);

// read_core.cc: `segmentation` fills both the segment rules and the risk model.
void ReadSegmentation(Context& c, const YAML::Node& node, const std::string& path,
                      workflow::DecisionConfig& out);
void ReadCompliance(Context& c, const YAML::Node& node, const std::string& path,
                    compliance::Profile& out);

// read_strategy.cc: the strategies list replaces the defaults (and resets the default strategy
// of the assignment to the first one); the assignment refers to strategies by id or name, to
// segments by name and to experiments by name or index, so it is read after both.
void ReadStrategies(Context& c, const YAML::Node& node, const std::string& path,
                    workflow::DecisionConfig& out);
void ReadAssignment(Context& c, const YAML::Node& node, const std::string& path,
                    workflow::DecisionConfig& out);

}  // namespace recoup::scenarios::internal

#endif  // RECOUP_SCENARIOS_SECTIONS_H_
