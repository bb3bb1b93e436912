#include "scenarios/yaml_reader.h"

#include <charconv>
#include <cmath>
#include <limits>
#include <optional>
#include <system_error>

namespace recoup::scenarios::internal {
namespace {

template <typename Int>
std::optional<Int> ParseInt(std::string_view text) {
  const std::string clean = WithoutUnderscores(text);
  if (clean.empty() || clean.front() == '_' || text.front() == '_' || text.back() == '_') {
    return std::nullopt;
  }
  const char* begin = clean.data();
  if (*begin == '+') ++begin;
  Int value{};
  const auto [end, ec] = std::from_chars(begin, clean.data() + clean.size(), value);
  if (ec != std::errc() || end != clean.data() + clean.size()) return std::nullopt;
  return value;
}

}  // namespace

// `text` without the underscores YAML allows between digits ("1_000_000").
std::string WithoutUnderscores(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char ch : text) {
    if (ch != '_') out.push_back(ch);
  }
  return out;
}

bool ScalarText(Context& c, const YAML::Node& node, const std::string& path,
                std::string_view expected, std::string& out) {
  if (!c.ok()) return false;
  if (!node.IsScalar())
    return c.Fail(node, path, "expected " + std::string(expected) + ", got " + Describe(node));
  out = node.Scalar();
  return true;
}

std::optional<int64_t> ParseInt64(std::string_view text) { return ParseInt<int64_t>(text); }

std::optional<double> ParseDouble(std::string_view text) {
  const std::string clean = WithoutUnderscores(text);
  if (clean.empty()) return std::nullopt;
  const char* begin = clean.data();
  if (*begin == '+') ++begin;
  double value = 0;
  const auto [end, ec] = std::from_chars(begin, clean.data() + clean.size(), value);
  if (ec != std::errc() || end != clean.data() + clean.size() || !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

bool Context::Fail(const YAML::Node& node, std::string_view path, std::string_view what) {
  if (path.empty()) return FailMessage(node, path, what);
  return FailMessage(node, path, std::string(path) + ": " + std::string(what));
}

bool Context::FailMessage(const YAML::Node& node, std::string_view path, std::string_view message) {
  if (status_.ok()) {
    status_ = InvalidArgumentError(Where(node, path) + ": " + std::string(message));
  }
  return false;
}

std::string Context::Where(const YAML::Node& node, std::string_view path) const {
  auto covers = [](std::string_view prefix, std::string_view p) {
    return p.size() >= prefix.size() && p.compare(0, prefix.size(), prefix) == 0 &&
           (p.size() == prefix.size() || p[prefix.size()] == '.' || p[prefix.size()] == '[');
  };
  for (auto it = overrides_.rbegin(); it != overrides_.rend(); ++it) {
    if (covers(it->path, path)) return "--set " + it->text;
  }
  const YAML::Mark mark = node.Mark();
  if (mark.is_null()) {
    // A node the overrides created (an intermediate map, a new key): blame the one that made it.
    for (auto it = overrides_.rbegin(); it != overrides_.rend(); ++it) {
      if (covers(path, it->path)) return "--set " + it->text;
    }
    return source_name_;
  }
  return source_name_ + ":" + std::to_string(mark.line + 1) + ":" + std::to_string(mark.column + 1);
}

std::string Join(std::string_view path, std::string_view key) {
  if (path.empty()) return std::string(key);
  return std::string(path) + "." + std::string(key);
}

std::string Index(std::string_view path, std::size_t i) {
  return std::string(path) + "[" + std::to_string(i) + "]";
}

std::string Describe(const YAML::Node& node) {
  if (!node.IsDefined() || node.IsNull()) return "nothing";
  if (node.IsScalar()) return "'" + node.Scalar() + "'";
  if (node.IsSequence()) return "a list";
  return "a map";
}

std::string FormatDouble(double v) {
  char buf[64];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof(buf), v);
  if (ec != std::errc()) return "?";
  return std::string(buf, end);
}

bool ReadValue(Context& c, const YAML::Node& node, const std::string& path, bool& out) {
  std::string text;
  if (!ScalarText(c, node, path, "true or false", text)) return false;
  if (text == "true") {
    out = true;
  } else if (text == "false") {
    out = false;
  } else {
    return c.Fail(node, path, "expected true or false, got '" + text + "'");
  }
  return true;
}

bool ReadValue(Context& c, const YAML::Node& node, const std::string& path, int& out) {
  std::string text;
  if (!ScalarText(c, node, path, "an integer", text)) return false;
  const std::optional<int> v = ParseInt<int>(text);
  if (!v) return c.Fail(node, path, "expected an integer, got '" + text + "'");
  out = *v;
  return true;
}

bool ReadValue(Context& c, const YAML::Node& node, const std::string& path, int64_t& out) {
  std::string text;
  if (!ScalarText(c, node, path, "an integer", text)) return false;
  const std::optional<int64_t> v = ParseInt<int64_t>(text);
  if (!v) return c.Fail(node, path, "expected an integer, got '" + text + "'");
  out = *v;
  return true;
}

bool ReadValue(Context& c, const YAML::Node& node, const std::string& path, uint64_t& out) {
  std::string text;
  if (!ScalarText(c, node, path, "a non-negative integer", text)) return false;
  const std::optional<uint64_t> v = ParseInt<uint64_t>(text);
  if (!v || text.front() == '-') {
    return c.Fail(node, path, "expected a non-negative integer, got '" + text + "'");
  }
  out = *v;
  return true;
}

bool ReadValue(Context& c, const YAML::Node& node, const std::string& path, double& out) {
  std::string text;
  if (!ScalarText(c, node, path, "a number", text)) return false;
  const std::optional<double> v = ParseDouble(text);
  if (!v) return c.Fail(node, path, "expected a number, got '" + text + "'");
  out = *v;
  return true;
}

bool ReadValue(Context& c, const YAML::Node& node, const std::string& path, std::string& out) {
  if (!c.ok()) return false;
  if (node.IsNull()) {
    out.clear();
    return true;
  }
  return ScalarText(c, node, path, "a string", out);
}

bool FailEnum(Context& c, const YAML::Node& node, const std::string& path,
              std::span<const std::string_view> names) {
  std::string list;
  for (std::string_view n : names) {
    if (!list.empty()) list += ", ";
    list += n;
  }
  return c.Fail(node, path, "must be one of: " + list + "; got " + Describe(node));
}

std::string Probability(double v) {
  if (v >= 0.0 && v <= 1.0) return "";
  return "must be a probability in [0, 1], got " + FormatDouble(v);
}

std::string NonNegative(double v) {
  if (std::isfinite(v) && v >= 0.0) return "";
  return "must be >= 0, got " + FormatDouble(v);
}

std::string Positive(double v) {
  if (std::isfinite(v) && v > 0.0) return "";
  return "must be > 0, got " + FormatDouble(v);
}

std::function<std::string(int64_t)> AtLeast(int64_t min) {
  return [min](int64_t v) -> std::string {
    if (v >= min) return "";
    return "must be >= " + std::to_string(min) + ", got " + std::to_string(v);
  };
}

std::function<std::string(int64_t)> Between(int64_t min, int64_t max) {
  return [min, max](int64_t v) -> std::string {
    if (v >= min && v <= max) return "";
    return "must be in [" + std::to_string(min) + ", " + std::to_string(max) + "], got " +
           std::to_string(v);
  };
}

MapReader::MapReader(Context& c, const YAML::Node& node, std::string path)
    : c_(c), node_(node), path_(std::move(path)) {
  if (!c_.ok() || !node.IsDefined() || node.IsNull()) return;
  if (!node.IsMap()) {
    c_.Fail(node, path_, "expected a map, got " + Describe(node));
    return;
  }
  for (YAML::const_iterator it = node.begin(); it != node.end(); ++it) {
    if (!it->first.IsScalar()) {
      c_.Fail(it->first, path_, "expected a name as key, got " + Describe(it->first));
      return;
    }
    const std::string key = it->first.Scalar();
    for (const Entry& e : entries_) {
      if (e.key == key) {
        const YAML::Mark first = e.key_node.Mark();
        c_.Fail(it->first, PathOf(key),
                "the key is repeated" +
                    (first.is_null() ? std::string()
                                     : " (first at line " + std::to_string(first.line + 1) + ")"));
        return;
      }
    }
    entries_.push_back(Entry{key, it->first, it->second});
  }
}

const YAML::Node* MapReader::Get(std::string_view key) {
  bool known = false;
  for (const std::string& k : known_) known = known || k == key;
  if (!known) known_.emplace_back(key);
  for (const Entry& e : entries_) {
    if (e.key == key) return &e.value;
  }
  return nullptr;
}

bool MapReader::Require(std::string_view key) {
  if (!c_.ok()) return false;
  for (const Entry& e : entries_) {
    if (e.key == key) return true;
  }
  return c_.Fail(node_, path_, "missing required key '" + std::string(key) + "'");
}

std::vector<std::string> MapReader::Keys() const {
  std::vector<std::string> keys;
  for (const Entry& e : entries_) keys.push_back(e.key);
  return keys;
}

void MapReader::Finish() {
  if (!c_.ok()) return;
  for (const Entry& e : entries_) {
    bool known = false;
    for (const std::string& k : known_) known = known || k == e.key;
    if (known) continue;
    std::string list;
    for (const std::string& k : known_) {
      if (!list.empty()) list += ", ";
      list += k;
    }
    c_.FailMessage(e.key_node, PathOf(e.key),
                   "unknown key '" + e.key + "' " +
                       (path_.empty() ? "at the top level" : "in " + path_) +
                       "; expected one of: " + list);
    return;
  }
}

}  // namespace recoup::scenarios::internal
