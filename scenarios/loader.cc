#include "scenarios/loader.h"

#include <yaml-cpp/yaml.h>

#include <fstream>
#include <sstream>
#include <utility>

#include "scenarios/overrides.h"
#include "scenarios/sections.h"
#include "scenarios/yaml_reader.h"

namespace recoup::scenarios {
namespace {

using internal::Context;
using internal::MapReader;

// "dir/default.yaml" -> "default".
std::string Stem(std::string_view path) {
  const std::size_t slash = path.find_last_of('/');
  if (slash != std::string_view::npos) path.remove_prefix(slash + 1);
  const std::size_t dot = path.find_last_of('.');
  if (dot != std::string_view::npos && dot > 0) path = path.substr(0, dot);
  return std::string(path);
}

void ReadScenario(Context& c, const YAML::Node& root, Scenario& s) {
  MapReader top(c, root, "");
  top.Field("name", s.name);
  top.Field("description", s.description);
  const auto section = [&](std::string_view key, auto read, auto& out) {
    if (const YAML::Node* n = top.Get(key)) read(c, *n, std::string(key), out);
  };
  section("run", internal::ReadRun, s.run);
  section("portfolio", internal::ReadPortfolio, s.world.portfolio);
  section("behaviour", internal::ReadBehaviour, s.world.behaviour);
  section("channels", internal::ReadChannels, s.world.channels);
  section("staffing", internal::ReadStaffing, s.world.staffing);
  section("org", internal::ReadOrg, s.world.org);
  section("segmentation", internal::ReadSegmentation, s.core);
  section("strategies", internal::ReadStrategies, s.core);
  section("assignment", internal::ReadAssignment, s.core);
  section("compliance", internal::ReadCompliance, s.core.compliance);
  top.Finish();
}

// The leading field path of a validator's message and the rest: "a.b[1].c: must be ..." ->
// {"a.b[1].c", "must be ..."}; "calls_per_7_days is 8; ..." -> {"calls_per_7_days", "is 8; ..."}.
std::pair<std::string, std::string> SplitPath(std::string_view message) {
  std::size_t i = 0;
  while (i < message.size() && message[i] != ':' && message[i] != ' ') ++i;
  std::string_view rest = message.substr(i);
  if (rest.rfind(": ", 0) == 0) {
    rest.remove_prefix(2);
  } else if (!rest.empty() && rest.front() == ' ') {
    rest.remove_prefix(1);
  }
  return {std::string(message.substr(0, i)), std::string(rest)};
}

// Reports a validator's error `st` about the field `path` at that field's place in the file
// (the deepest part of the path the file has).
void FailAt(Context& c, const YAML::Node& root, const std::string& path, const std::string& rest) {
  c.Fail(internal::FindDeepest(root, path), path, rest);
}

void Validate(Context& c, const YAML::Node& root, const Scenario& s) {
  if (!c.ok()) return;
  // The world validator names fields exactly as the file does ("portfolio.regions[0].time_zone").
  if (const Status st = sim::world::ValidateWorldSpec(s.world); !st.ok()) {
    const auto [path, rest] = SplitPath(st.message());
    FailAt(c, root, path, rest);
    return;
  }
  // The compliance profile names its fields ("calls_per_7_days is 8; expected 0..7",
  // "us_window.monday: ...").
  if (const Status st = s.core.compliance.Validate(); !st.ok()) {
    auto [path, rest] = SplitPath(st.message());
    static constexpr std::pair<std::string_view, std::string_view> kDays[] = {
        {".monday", ".mon"}, {".tuesday", ".tue"},  {".wednesday", ".wed"}, {".thursday", ".thu"},
        {".friday", ".fri"}, {".saturday", ".sat"}, {".sunday", ".sun"}};
    for (const auto& [full, short_name] : kDays) {
      const std::size_t at = path.find(full);
      if (at != std::string::npos) path.replace(at, full.size(), short_name);
    }
    FailAt(c, root, "compliance." + path, rest);
    return;
  }
  // The last word: everything the section readers checked is checked again here, with the
  // decision config's own names (risk_model and segments are both under segmentation).
  if (const Status st = s.core.Validate(); !st.ok()) {
    auto [head, rest] = SplitPath(st.message());
    std::string path = head;
    if (head == "risk_model") path = "segmentation.risk_model";
    if (head == "segments") path = "segmentation";
    FailAt(c, root, path, rest);
  }
}

// Writes `node` keeping the file's flow/block styles and quoting every scalar that was quoted in
// the file, so that other YAML readers (PyYAML reads 09:00 as 540 and "01234" as an octal number)
// see the same values as this loader.
void Emit(YAML::Emitter& out, const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Map:
      if (node.Style() == YAML::EmitterStyle::Flow) out << YAML::Flow;
      out << YAML::BeginMap;
      for (YAML::const_iterator it = node.begin(); it != node.end(); ++it) {
        out << YAML::Key;
        Emit(out, it->first);
        out << YAML::Value;
        Emit(out, it->second);
      }
      out << YAML::EndMap;
      break;
    case YAML::NodeType::Sequence:
      if (node.Style() == YAML::EmitterStyle::Flow) out << YAML::Flow;
      out << YAML::BeginSeq;
      for (const YAML::Node& item : node) Emit(out, item);
      out << YAML::EndSeq;
      break;
    case YAML::NodeType::Scalar:
      if (node.Tag() == "!") out << YAML::DoubleQuoted;  // quoted in the source
      out << node.Scalar();
      break;
    default:
      out << YAML::Null;
      break;
  }
}

}  // namespace

Scenario DefaultScenario() {
  Scenario s;
  s.name = "default";
  s.world.channels.human = sim::world::DefaultHumanHandleTimes();
  s.world.channels.ai = sim::world::DefaultAiHandleTimes();
  s.core = workflow::DefaultDecisionConfig();
  return s;
}

StatusOr<Scenario> LoadScenarioText(std::string_view text, std::string_view source_name,
                                    const std::vector<std::string>& overrides) {
  const std::string source(source_name);
  YAML::Node root;
  try {
    std::vector<YAML::Node> documents = YAML::LoadAll(std::string(text));
    if (documents.size() > 1) {
      return InvalidArgumentError(source + ": expected one YAML document, got " +
                                  std::to_string(documents.size()));
    }
    if (!documents.empty()) root = documents.front();
  } catch (const YAML::Exception& e) {
    return InvalidArgumentError(source + ":" + std::to_string(e.mark.line + 1) + ":" +
                                std::to_string(e.mark.column + 1) + ": not valid YAML: " + e.msg);
  }
  std::vector<internal::OverrideSource> sources;
  try {
    StatusOr<std::vector<internal::OverrideSource>> applied =
        internal::ApplyOverrides(root, overrides);
    if (!applied.ok()) return applied.status();
    sources = *std::move(applied);
  } catch (const YAML::Exception& e) {
    return InvalidArgumentError("--set: cannot apply the overrides: " + e.msg);
  }

  Scenario scenario = DefaultScenario();
  scenario.name = Stem(source_name);
  Context c(source, std::move(sources));
  try {
    ReadScenario(c, root, scenario);
    Validate(c, root, scenario);
  } catch (const YAML::Exception& e) {
    // yaml-cpp throws on misuse only; report it rather than let it escape.
    return InvalidArgumentError(source + ": cannot read the scenario: " + e.msg);
  }
  if (!c.ok()) return c.status();

  if (overrides.empty()) {
    scenario.source_text = std::string(text);
  } else {
    YAML::Emitter out;
    Emit(out, root);
    scenario.source_text = std::string(out.c_str()) + "\n";
  }
  scenario.source_path = source;
  return scenario;
}

StatusOr<Scenario> LoadScenarioFile(const std::string& path,
                                    const std::vector<std::string>& overrides) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFoundError("cannot read scenario file '" + path + "'");
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return NotFoundError("cannot read scenario file '" + path + "'");
  return LoadScenarioText(text.str(), path, overrides);
}

}  // namespace recoup::scenarios
