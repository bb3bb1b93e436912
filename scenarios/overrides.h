// --set overrides ("run.seed=7", "portfolio.accounts=500", "strategies[0].ai.max_days_past_due=45")
// applied to a scenario's YAML tree before it is read, and the path syntax they share with error
// messages. Internal to scenarios/ (loader.h is the interface).
#ifndef RECOUP_SCENARIOS_OVERRIDES_H_
#define RECOUP_SCENARIOS_OVERRIDES_H_

#include <yaml-cpp/yaml.h>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/statusor.h"
#include "scenarios/yaml_reader.h"

namespace recoup::scenarios::internal {

// One step of a key path: a map key, or a list index when `is_index`.
struct PathPart {
  std::string key;
  std::size_t index = 0;
  bool is_index = false;
};

// "run.seed" -> {run, seed}; "strategies[0].ai" -> {strategies, [0], ai}. Keys are letters, digits,
// '_' and '-'. nullopt when malformed (empty key, unclosed bracket, ...).
std::optional<std::vector<PathPart>> ParsePath(std::string_view path);
// The canonical text of `parts` ("strategies[0].ai").
std::string PathText(const std::vector<PathPart>& parts);

// The deepest node of `root` along `path` that exists (root itself when none does). Never changes
// the tree.
YAML::Node FindDeepest(const YAML::Node& root, std::string_view path);

// Applies each override "key.path=value" to `root` in order: the value is parsed as YAML (a
// scalar, or a flow list/map such as [1, 2] or {seed: 7}) and replaces or adds the key; missing
// maps on the way are created; list elements must exist. A leading "world." (before portfolio,
// behaviour, channels, staffing, org) or "core." (before segmentation, strategies, assignment,
// compliance; core.segments and core.risk_model are segmentation and segmentation.risk_model) is
// dropped, so the DecisionConfig / WorldSpec names work too. Returns each override's text with its
// canonical path (for error messages), or InvalidArgument "--set <text>: <what was expected>".
StatusOr<std::vector<OverrideSource>> ApplyOverrides(YAML::Node& root,
                                                     const std::vector<std::string>& overrides);

}  // namespace recoup::scenarios::internal

#endif  // RECOUP_SCENARIOS_OVERRIDES_H_
