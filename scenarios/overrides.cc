#include "scenarios/overrides.h"

#include <cctype>

namespace recoup::scenarios::internal {
namespace {

bool IsKeyChar(char ch) {
  return std::isalnum(static_cast<unsigned char>(ch)) != 0 || ch == '_' || ch == '-';
}

// The existing value of `key` in map `node`, or an undefined node. Does not insert.
YAML::Node Lookup(const YAML::Node& node, std::string_view key) {
  if (!node.IsMap()) return YAML::Node(YAML::NodeType::Undefined);
  for (YAML::const_iterator it = node.begin(); it != node.end(); ++it) {
    if (it->first.IsScalar() && it->first.Scalar() == key) return it->second;
  }
  return YAML::Node(YAML::NodeType::Undefined);
}

// Drops the "world." / "core." prefixes of the in-memory structs (see the header).
void Canonicalize(std::vector<PathPart>& parts) {
  if (parts.size() < 2 || parts[0].is_index || parts[1].is_index) return;
  const std::string& first = parts[0].key;
  std::string& second = parts[1].key;
  if (first == "world") {
    for (const char* s : {"portfolio", "behaviour", "channels", "staffing", "org"}) {
      if (second == s) {
        parts.erase(parts.begin());
        return;
      }
    }
  } else if (first == "core") {
    if (second == "segments") {
      second = "segmentation";
    } else if (second == "risk_model") {
      parts[0].key = "segmentation";
      return;
    }
    for (const char* s : {"segmentation", "strategies", "assignment", "compliance"}) {
      if (second == s) {
        parts.erase(parts.begin());
        return;
      }
    }
  }
}

Status ApplyOne(YAML::Node& root, const std::string& text, std::vector<PathPart>& parts,
                const YAML::Node& value) {
  auto fail = [&](const std::string& what) {
    return InvalidArgumentError("--set " + text + ": " + what);
  };
  if (root.IsNull() || !root.IsDefined()) root.reset(YAML::Node(YAML::NodeType::Map));
  if (!root.IsMap()) return fail("the scenario is not a map of sections");
  YAML::Node cur;
  cur.reset(root);
  std::vector<PathPart> done;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const PathPart& part = parts[i];
    const bool last = i + 1 == parts.size();
    if (part.is_index) {
      if (!cur.IsSequence()) {
        return fail(PathText(done) +
                    ": is not a list in the scenario file (a default list cannot "
                    "be indexed; write the list in the file)");
      }
      if (part.index >= cur.size()) {
        return fail(PathText(done) + " has " + std::to_string(cur.size()) +
                    " elements; there is no [" + std::to_string(part.index) + "]");
      }
      if (last) {
        cur[part.index] = value;
      } else {
        YAML::Node next = cur[part.index];
        cur.reset(next);
      }
    } else {
      if (cur.IsNull()) cur = YAML::Node(YAML::NodeType::Map);  // writes into the tree
      if (!cur.IsMap()) {
        return fail((done.empty() ? std::string("the scenario") : PathText(done)) +
                    " is not a map, so it has no key '" + part.key + "'");
      }
      if (last) {
        cur[part.key] = value;
      } else {
        YAML::Node next = Lookup(cur, part.key);
        if (!next.IsDefined()) {
          if (parts[i + 1].is_index) {
            done.push_back(part);
            return fail(PathText(done) +
                        ": is not a list in the scenario file (a default list cannot be indexed; "
                        "write the list in the file)");
          }
          cur[part.key] = YAML::Node(YAML::NodeType::Map);
          // reset, not operator=: assigning to a handle writes through it (yaml-cpp).
          next.reset(Lookup(cur, part.key));
        }
        cur.reset(next);
      }
    }
    done.push_back(part);
  }
  return OkStatus();
}

}  // namespace

std::optional<std::vector<PathPart>> ParsePath(std::string_view path) {
  std::vector<PathPart> parts;
  std::size_t i = 0;
  while (true) {
    const std::size_t start = i;
    while (i < path.size() && IsKeyChar(path[i])) ++i;
    if (i == start) return std::nullopt;
    parts.push_back(PathPart{std::string(path.substr(start, i - start)), 0, false});
    while (i < path.size() && path[i] == '[') {
      const std::size_t digits = ++i;
      std::size_t index = 0;
      while (i < path.size() && std::isdigit(static_cast<unsigned char>(path[i])) != 0) {
        if (index > 1'000'000) return std::nullopt;
        index = index * 10 + static_cast<std::size_t>(path[i] - '0');
        ++i;
      }
      if (i == digits || i >= path.size() || path[i] != ']') return std::nullopt;
      ++i;
      parts.push_back(PathPart{"", index, true});
    }
    if (i == path.size()) return parts;
    if (path[i] != '.') return std::nullopt;
    ++i;
  }
}

std::string PathText(const std::vector<PathPart>& parts) {
  std::string text;
  for (const PathPart& p : parts) {
    if (p.is_index) {
      text += "[" + std::to_string(p.index) + "]";
    } else {
      if (!text.empty()) text += ".";
      text += p.key;
    }
  }
  return text;
}

YAML::Node FindDeepest(const YAML::Node& root, std::string_view path) {
  YAML::Node cur;
  cur.reset(root);
  const std::optional<std::vector<PathPart>> parts = ParsePath(path);
  if (!parts) return cur;
  for (const PathPart& p : *parts) {
    YAML::Node next(YAML::NodeType::Undefined);
    if (p.is_index) {
      if (cur.IsSequence() && p.index < cur.size()) {
        const YAML::Node& const_cur = cur;
        next.reset(const_cur[p.index]);
      }
    } else {
      next.reset(Lookup(cur, p.key));
    }
    if (!next.IsDefined()) break;
    cur.reset(next);
  }
  return cur;
}

StatusOr<std::vector<OverrideSource>> ApplyOverrides(YAML::Node& root,
                                                     const std::vector<std::string>& overrides) {
  std::vector<OverrideSource> sources;
  for (const std::string& text : overrides) {
    const std::size_t eq = text.find('=');
    if (eq == std::string::npos) {
      return InvalidArgumentError("--set " + text + ": expected key.path=value (e.g. run.seed=7)");
    }
    const std::string_view key(text.data(), eq);
    std::optional<std::vector<PathPart>> parts = ParsePath(key);
    if (!parts || parts->front().is_index) {
      return InvalidArgumentError("--set " + text + ": expected a key path like run.seed or " +
                                  "strategies[0].name before '=', got '" + std::string(key) + "'");
    }
    Canonicalize(*parts);
    YAML::Node value;
    try {
      value = YAML::Load(text.substr(eq + 1));
    } catch (const YAML::Exception& e) {
      return InvalidArgumentError("--set " + text + ": the value is not valid YAML: " + e.msg);
    }
    RECOUP_RETURN_IF_ERROR(ApplyOne(root, text, *parts, value));
    sources.push_back(OverrideSource{text, PathText(*parts)});
  }
  return sources;
}

}  // namespace recoup::scenarios::internal
