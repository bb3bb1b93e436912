// Reading a YAML tree into plain structs with errors that name the place: the building blocks of
// the scenario loader (loader.h). Internal to scenarios/.
//
// A Context collects the first error as "<where>: <path>: <what was expected>", where <where> is
// "file:line:column" of the offending node (1-based) or "--set key=value" when the value came from
// an override. A MapReader reads the keys of one YAML map into fields and rejects the keys it was
// not asked for. Readers of scalars and lists are ReadValue overloads; each returns false after
// recording an error, and does nothing once the context has failed.
#ifndef RECOUP_SCENARIOS_YAML_READER_H_
#define RECOUP_SCENARIOS_YAML_READER_H_

#include <yaml-cpp/yaml.h>

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/base/money.h"
#include "core/base/status.h"
#include "core/base/time.h"
#include "core/domain/calendar.h"

namespace recoup::scenarios::internal {

// One --set override: its text as given and the canonical path it sets ("run.seed").
struct OverrideSource {
  std::string text;
  std::string path;
};

class Context {
 public:
  Context(std::string source_name, std::vector<OverrideSource> overrides)
      : source_name_(std::move(source_name)), overrides_(std::move(overrides)) {}

  bool ok() const { return status_.ok(); }
  const Status& status() const { return status_; }
  const std::string& source_name() const { return source_name_; }

  // Records "<where>: <path>: <what>" (just "<where>: <what>" when path is empty); returns false.
  bool Fail(const YAML::Node& node, std::string_view path, std::string_view what);
  // Records "<where>: <message>"; `path` only decides whether an override is to blame.
  bool FailMessage(const YAML::Node& node, std::string_view path, std::string_view message);

  // "--set <text>" of the last override whose path is `path` or contains it; else
  // "file:line:column" of `node` (or just the file when the node has no position).
  std::string Where(const YAML::Node& node, std::string_view path) const;

 private:
  std::string source_name_;
  std::vector<OverrideSource> overrides_;
  Status status_;
};

// "a.b" + "c" -> "a.b.c"; "" + "c" -> "c".
std::string Join(std::string_view path, std::string_view key);
// "a.b" + 3 -> "a.b[3]".
std::string Index(std::string_view path, std::size_t i);
// How a node looks in a message: "'text'" for a scalar, "a map", "a list", "nothing".
std::string Describe(const YAML::Node& node);
// The shortest text that reads back as `v` ("1.5", "0.1", "1e-05").
std::string FormatDouble(double v);

// --- Scalars. Each reads `node` (at `path`) into `out`, or records an error and returns false. ---
bool ReadValue(Context& c, const YAML::Node& node, const std::string& path, bool& out);
bool ReadValue(Context& c, const YAML::Node& node, const std::string& path, int& out);
bool ReadValue(Context& c, const YAML::Node& node, const std::string& path, int64_t& out);
bool ReadValue(Context& c, const YAML::Node& node, const std::string& path, uint64_t& out);
bool ReadValue(Context& c, const YAML::Node& node, const std::string& path, double& out);
// Any scalar, as written; nothing (`key:`) reads as "".
bool ReadValue(Context& c, const YAML::Node& node, const std::string& path, std::string& out);
// ISO date "2026-01-05".
bool ReadValue(Context& c, const YAML::Node& node, const std::string& path, domain::LocalDate& out);
// Decimal major units with at most 2 decimals: 5000, 12.50.
bool ReadValue(Context& c, const YAML::Node& node, const std::string& path, Money& out);
// A number with a unit: 500ms, 2s, 5min, 4h, 60d.
bool ReadValue(Context& c, const YAML::Node& node, const std::string& path, Duration& out);

// A local time "09:00" as minutes after midnight (0..1440; "24:00" only when allow_end_of_day).
bool ReadLocalTime(Context& c, const YAML::Node& node, const std::string& path,
                   bool allow_end_of_day, int& out);
// A local window "09:00-17:00" as [start, end) minutes, start < end.
bool ReadLocalWindow(Context& c, const YAML::Node& node, const std::string& path, int& start,
                     int& end);
// A list of weekday names ["mon", "tue", ...] as a mask, bit 0 = Monday.
bool ReadWeekdays(Context& c, const YAML::Node& node, const std::string& path, uint8_t& out);

// An enum written as one of `names` (value i = names[i].second).
template <typename E>
using EnumNames = std::span<const std::pair<std::string_view, E>>;
bool FailEnum(Context& c, const YAML::Node& node, const std::string& path,
              std::span<const std::string_view> names);
template <typename E>
bool ReadEnum(Context& c, const YAML::Node& node, const std::string& path, EnumNames<E> names,
              E& out) {
  std::string text;
  if (!ReadValue(c, node, path, text)) return false;
  std::vector<std::string_view> all;
  for (const auto& [name, value] : names) {
    if (name == text) {
      out = value;
      return true;
    }
    all.push_back(name);
  }
  return FailEnum(c, node, path, all);
}

// A list of values, replacing `out`.
template <typename T>
bool ReadValue(Context& c, const YAML::Node& node, const std::string& path, std::vector<T>& out) {
  if (!c.ok()) return false;
  if (!node.IsSequence()) return c.Fail(node, path, "expected a list, got " + Describe(node));
  std::vector<T> values;
  values.reserve(node.size());
  for (std::size_t i = 0; i < node.size(); ++i) {
    T value{};
    if (!ReadValue(c, node[i], Index(path, i), value)) return false;
    values.push_back(std::move(value));
  }
  out = std::move(values);
  return true;
}

// A list of structs: each element starts as a copy of `prototype` and is read by
// `read_one(context, element_node, element_path, element)`, which returns false on error.
template <typename T, typename ReadOne>
bool ReadList(Context& c, const YAML::Node& node, const std::string& path, std::vector<T>& out,
              ReadOne read_one, const T& prototype = T{}) {
  if (!c.ok()) return false;
  if (!node.IsSequence()) return c.Fail(node, path, "expected a list, got " + Describe(node));
  std::vector<T> values;
  values.reserve(node.size());
  for (std::size_t i = 0; i < node.size(); ++i) {
    T value = prototype;
    if (!read_one(c, node[i], Index(path, i), value)) return false;
    values.push_back(std::move(value));
  }
  out = std::move(values);
  return true;
}

// A list of exactly N values.
template <typename T, std::size_t N>
bool ReadValue(Context& c, const YAML::Node& node, const std::string& path, std::array<T, N>& out) {
  if (!c.ok()) return false;
  if (!node.IsSequence() || node.size() != N) {
    return c.Fail(
        node, path,
        "expected a list of " + std::to_string(N) + " values, got " +
            (node.IsSequence() ? "a list of " + std::to_string(node.size()) : Describe(node)));
  }
  std::array<T, N> values{};
  for (std::size_t i = 0; i < N; ++i) {
    if (!ReadValue(c, node[i], Index(path, i), values[i])) return false;
  }
  out = values;
  return true;
}

// --- Helpers of the format readers (yaml_formats.cc). ---
// `text` without the underscores YAML allows between digits ("1_000_000").
std::string WithoutUnderscores(std::string_view text);
// The text of scalar `node`, or an error "expected <expected>, got <what it is>".
bool ScalarText(Context& c, const YAML::Node& node, const std::string& path,
                std::string_view expected, std::string& out);
// An optionally signed integer (underscores allowed), or nullopt.
std::optional<int64_t> ParseInt64(std::string_view text);
// A finite number (underscores allowed), or nullopt.
std::optional<double> ParseDouble(std::string_view text);

// --- Range checks for MapReader::Field: "" when fine, else what was expected. ---
std::string Probability(double v);  // in [0, 1]
std::string NonNegative(double v);  // finite, >= 0
std::string Positive(double v);     // finite, > 0
std::function<std::string(int64_t)> AtLeast(int64_t min);
std::function<std::string(int64_t)> Between(int64_t min, int64_t max);  // inclusive

// The keys of one YAML map. Fields not present keep their value (the default); keys that no
// Field/Get asked for are rejected by Finish ("unknown key 'sed' in run; expected one of: ...").
class MapReader {
 public:
  // `node` must be a map, or nothing (an empty section). `path` is "" for the top level.
  MapReader(Context& c, const YAML::Node& node, std::string path);

  // Reads `key` into `out` if present (with ReadValue).
  template <typename T>
  void Field(std::string_view key, T& out) {
    if (const YAML::Node* n = Get(key)) ReadValue(c_, *n, PathOf(key), out);
  }
  // As above, then checks the value: `check` returns "" or what was expected.
  template <typename T, typename Check>
  void Field(std::string_view key, T& out, Check check) {
    const YAML::Node* n = Get(key);
    if (n == nullptr) return;
    T value = out;
    if (!ReadValue(c_, *n, PathOf(key), value)) return;
    const std::string what = check(value);
    if (!what.empty()) {
      c_.Fail(*n, PathOf(key), what);
      return;
    }
    out = value;
  }

  // Reads the sub-section `key`, when present, with `read(context, node, path, out)`.
  template <typename T, typename Read>
  void Section(std::string_view key, T& out, Read read) {
    if (const YAML::Node* n = Get(key)) read(c_, *n, PathOf(key), out);
  }

  // The value node of `key`, or nullptr when absent; `key` becomes a known key. The pointer stays
  // valid for the reader's lifetime.
  const YAML::Node* Get(std::string_view key);
  // Fails "missing required key '<key>'" at the map when `key` is absent.
  bool Require(std::string_view key);
  std::string PathOf(std::string_view key) const { return Join(path_, key); }
  const std::string& path() const { return path_; }
  const YAML::Node& node() const { return node_; }
  Context& context() { return c_; }
  // The keys present, in file order (for maps keyed by names: operations, days...).
  std::vector<std::string> Keys() const;

  // Rejects every key not asked for with Get/Field. Call once, after the fields.
  void Finish();

 private:
  struct Entry {
    std::string key;
    YAML::Node key_node;
    YAML::Node value;
  };
  Context& c_;
  YAML::Node node_;
  std::string path_;
  std::vector<Entry> entries_;
  std::vector<std::string> known_;
};

}  // namespace recoup::scenarios::internal

#endif  // RECOUP_SCENARIOS_YAML_READER_H_
