// The `segmentation` (segment rules and the roll-risk model) and `compliance` (jurisdiction
// profile) sections of a scenario file.
#include <algorithm>
#include <array>
#include <cmath>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "core/segmentation/features.h"
#include "scenarios/enum_names.h"
#include "scenarios/sections.h"

namespace recoup::scenarios::internal {
namespace {

using segmentation::kAnyBand;
using segmentation::kMaxBands;

std::string Joined(std::span<const std::string_view> names) {
  std::string list;
  for (std::string_view n : names) list += (list.empty() ? "" : ", ") + std::string(n);
  return list;
}

// risk_model: {name, intercept, coefficients: {feature: value}}. Coefficients, when given,
// replace the whole list (features not named get 0), as in the text model format.
void ReadRiskModel(Context& c, const YAML::Node& node, const std::string& path,
                   segmentation::LogisticModel& model) {
  MapReader m(c, node, path);
  m.Field("name", model.name);
  m.Field("intercept", model.intercept);
  if (const YAML::Node* n = m.Get("coefficients")) {
    MapReader coefficients(c, *n, m.PathOf("coefficients"));
    std::vector<std::pair<std::string, double>> values;
    const std::span<const std::string_view, segmentation::kFeatureCount> names =
        segmentation::FeatureNames();
    for (const std::string& key : coefficients.Keys()) {
      const YAML::Node& value = *coefficients.Get(key);
      if (std::find(names.begin(), names.end(), key) == names.end()) {
        c.Fail(value, coefficients.PathOf(key),
               "unknown feature; expected one of: " + Joined(names));
        return;
      }
      double v = 0;
      if (!ReadValue(c, value, coefficients.PathOf(key), v)) return;
      values.emplace_back(key, v);
    }
    coefficients.Finish();
    model.coefficients.assign(segmentation::kFeatureCount, 0.0);
    model.feature_names.assign(names.begin(), names.end());
    for (const auto& [key, v] : values) {
      for (std::size_t i = 0; i < names.size(); ++i) {
        if (names[i] == key) model.coefficients[i] = v;
      }
    }
  }
  m.Finish();
  if (c.ok() && model.name.empty()) {
    const YAML::Node* n = m.Get("name");
    c.Fail(n != nullptr ? *n : node, m.PathOf("name"), "must not be empty");
  }
}

// A map {name: value} onto an array indexed by enum (stage_bucket, product_group).
template <typename E, std::size_t N>
void ReadIndexedBands(Context& c, const YAML::Node& node, const std::string& path,
                      NameTable<E> names, std::array<uint8_t, N>& out) {
  MapReader m(c, node, path);
  for (const auto& [name, value] : names) {
    int band = out[static_cast<std::size_t>(value)];
    m.Field(name, band, [](int64_t v) -> std::string {
      if (v >= 0 && v < kMaxBands) return "";
      return "must be a band in [0, " + std::to_string(kMaxBands - 1) + "], got " +
             std::to_string(v);
    });
    out[static_cast<std::size_t>(value)] = static_cast<uint8_t>(band);
  }
  m.Finish();
}

// Strictly ascending edges, at most kMaxBands - 1; `in_unit` also requires (0, 1).
template <typename T>
bool CheckEdges(Context& c, const YAML::Node* node, const std::string& path,
                const std::vector<T>& edges, bool in_unit) {
  if (node == nullptr || !c.ok()) return c.ok();
  if (edges.size() >= static_cast<std::size_t>(kMaxBands)) {
    return c.Fail(*node, path, "at most " + std::to_string(kMaxBands - 1) + " edges");
  }
  for (std::size_t i = 0; i < edges.size(); ++i) {
    if constexpr (std::is_same_v<T, double>) {
      if (in_unit && !(edges[i] > 0.0 && edges[i] < 1.0)) {
        return c.Fail((*node)[i], Index(path, i),
                      "must be in (0, 1), got " + FormatDouble(edges[i]));
      }
    }
    if (i > 0 && !(edges[i - 1] < edges[i])) {
      return c.Fail((*node)[i], Index(path, i), "must be greater than the edge before it");
    }
  }
  return true;
}

void ReadThresholds(Context& c, const YAML::Node& node, const std::string& path,
                    segmentation::SegmentThresholds& t) {
  MapReader m(c, node, path);
  if (const YAML::Node* n = m.Get("stage_bucket")) {
    ReadIndexedBands(c, *n, m.PathOf("stage_bucket"), StageNames(), t.stage_bucket);
  }
  m.Field("balance_edges", t.balance_edges);
  CheckEdges(c, m.Get("balance_edges"), m.PathOf("balance_edges"), t.balance_edges, false);
  m.Field("risk_edges", t.risk_edges);
  CheckEdges(c, m.Get("risk_edges"), m.PathOf("risk_edges"), t.risk_edges, true);
  if (const YAML::Node* n = m.Get("product_group")) {
    ReadIndexedBands(c, *n, m.PathOf("product_group"), ProductNames(), t.product_group);
  }
  m.Finish();
}

// A band set: "any", or a list of band numbers (0..15) and, where `names` is given, names whose
// band `band_of` returns (stages for stage_buckets, products for product_groups).
template <typename E, typename BandOf>
void ReadMask(MapReader& m, std::string_view key, uint16_t& out, NameTable<E> names,
              BandOf band_of) {
  const YAML::Node* n = m.Get(key);
  if (n == nullptr) return;
  Context& c = m.context();
  const std::string path = m.PathOf(key);
  if (n->IsScalar() && n->Scalar() == "any") {
    out = kAnyBand;
    return;
  }
  if (!n->IsSequence()) {
    c.Fail(*n, path, "expected \"any\" or a list of bands, got " + Describe(*n));
    return;
  }
  uint16_t mask = 0;
  for (std::size_t i = 0; i < n->size(); ++i) {
    const YAML::Node item = (*n)[i];
    std::string text;
    if (!ReadValue(c, item, Index(path, i), text)) return;
    int band = -1;
    for (const auto& [name, value] : names) {
      if (name == text) band = band_of(value);
    }
    const bool digits =
        !text.empty() && text.size() <= 3 &&
        std::all_of(text.begin(), text.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
    if (band < 0 && digits) band = std::stoi(text);
    if (band < 0) {
      std::string expected = "a band number in [0, " + std::to_string(kMaxBands - 1) + "]";
      std::vector<std::string_view> all;
      for (const auto& [name, value] : names) all.push_back(name);
      if (!all.empty()) expected += " or one of: " + Joined(all);
      c.Fail(item, Index(path, i), "must be " + expected + "; got '" + text + "'");
      return;
    }
    if (band >= kMaxBands) {
      c.Fail(item, Index(path, i),
             "must be a band in [0, " + std::to_string(kMaxBands - 1) + "], got " +
                 std::to_string(band));
      return;
    }
    mask = static_cast<uint16_t>(mask | (1U << band));
  }
  out = mask;
}

bool ReadSegmentRule(Context& c, const YAML::Node& node, const std::string& path,
                     segmentation::SegmentRule& r, const segmentation::SegmentThresholds& t) {
  MapReader m(c, node, path);
  if (!m.Require("name")) return false;
  m.Field("name", r.name);
  const auto stage_band = [&t](domain::Stage s) {
    return static_cast<int>(t.stage_bucket[static_cast<std::size_t>(s)]);
  };
  const auto product_band = [&t](domain::Product p) {
    return static_cast<int>(t.product_group[static_cast<std::size_t>(p)]);
  };
  const auto no_band = [](int) { return -1; };
  ReadMask(m, "stage_buckets", r.stage_buckets, StageNames(), stage_band);
  ReadMask(m, "balance_bands", r.balance_bands, NameTable<int>{}, no_band);
  ReadMask(m, "risk_bands", r.risk_bands, NameTable<int>{}, no_band);
  ReadMask(m, "product_groups", r.product_groups, ProductNames(), product_band);
  m.Finish();
  if (c.ok() && r.name.empty()) c.Fail(*m.Get("name"), m.PathOf("name"), "must not be empty");
  return c.ok();
}

// A weekly window: "HH:MM-HH:MM" or "closed" for every day, or {mon: ..., sun: ...} for some.
void ReadWeeklyWindow(Context& c, const YAML::Node& node, const std::string& path,
                      compliance::WeeklyWindow& w) {
  static constexpr std::string_view kDays[7] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
  auto read_day = [&c](const YAML::Node& n, const std::string& p, compliance::LocalWindow& d) {
    if (n.IsScalar() && n.Scalar() == "closed") {
      d = compliance::LocalWindow{0, 0};
      return;
    }
    compliance::LocalWindow v;
    if (ReadLocalWindow(c, n, p, v.start_minute, v.end_minute)) d = v;
  };
  if (!node.IsMap()) {
    compliance::LocalWindow every;
    read_day(node, path, every);
    if (c.ok()) w = compliance::WeeklyWindow::Every(every);
    return;
  }
  MapReader m(c, node, path);
  for (int d = 0; d < 7; ++d) {
    if (const YAML::Node* n = m.Get(kDays[d])) read_day(*n, m.PathOf(kDays[d]), w.days[d]);
  }
  m.Finish();
}

}  // namespace

void ReadSegmentation(Context& c, const YAML::Node& node, const std::string& path,
                      workflow::DecisionConfig& out) {
  MapReader m(c, node, path);
  segmentation::SegmentRules& s = out.segments;
  if (const YAML::Node* n = m.Get("risk_model")) {
    ReadRiskModel(c, *n, m.PathOf("risk_model"), out.risk_model);
  }
  if (const YAML::Node* n = m.Get("thresholds")) {
    ReadThresholds(c, *n, m.PathOf("thresholds"), s.thresholds);
  }
  const YAML::Node* rules = m.Get("rules");
  if (rules != nullptr) {
    ReadList(
        c, *rules, m.PathOf("rules"), s.rules,
        [&s](Context& ctx, const YAML::Node& n, const std::string& p,
             segmentation::SegmentRule& r) { return ReadSegmentRule(ctx, n, p, r, s.thresholds); });
  }
  m.Field("fallback", s.fallback);
  m.Finish();
  if (!c.ok()) return;
  if (s.rules.size() > static_cast<std::size_t>(segmentation::kMaxSegmentRules)) {
    c.Fail(*rules, m.PathOf("rules"),
           "at most " + std::to_string(segmentation::kMaxSegmentRules) + " rules, got " +
               std::to_string(s.rules.size()));
    return;
  }
  if (s.fallback.empty()) {
    c.Fail(m.Get("fallback") != nullptr ? *m.Get("fallback") : node, m.PathOf("fallback"),
           "must not be empty");
    return;
  }
  for (std::size_t i = 0; i < s.rules.size(); ++i) {
    const YAML::Node at = rules != nullptr ? YAML::Node((*rules)[i]) : node;
    const std::string p = Index(m.PathOf("rules"), i) + ".name";
    for (std::size_t j = 0; j < i; ++j) {
      if (s.rules[j].name == s.rules[i].name) {
        c.Fail(at, p, "'" + s.rules[i].name + "' repeats rules[" + std::to_string(j) + "]");
        return;
      }
    }
    if (s.rules[i].name == s.fallback) {
      c.Fail(at, p, "'" + s.fallback + "' is also the fallback segment's name");
      return;
    }
  }
}

void ReadCompliance(Context& c, const YAML::Node& node, const std::string& path,
                    compliance::Profile& p) {
  MapReader m(c, node, path);
  auto window = [&](std::string_view key, compliance::WeeklyWindow& w) {
    if (const YAML::Node* n = m.Get(key)) ReadWeeklyWindow(c, *n, m.PathOf(key), w);
  };
  window("us_window", p.us_window);
  m.Field("calls_per_7_days", p.calls_per_7_days);
  m.Field("post_conversation_days", p.post_conversation_days);
  m.Field("min_gap_same_number", p.min_gap_same_number);
  m.Field("max_calls_per_day_per_person", p.max_calls_per_day_per_person);
  m.Field("sms_consent_freshness", p.sms_consent_freshness);
  m.Field("email_notice_min_optout", p.email_notice_min_optout);
  m.Field("massachusetts_per_7_days", p.massachusetts_per_7_days);
  m.Field("washington_per_7_days", p.washington_per_7_days);
  m.Field("nyc_per_7_days", p.nyc_per_7_days);
  m.Field("nyc_requires_written_consent_electronic", p.nyc_requires_written_consent_electronic);
  window("uk_window", p.uk_window);
  window("colombia_window", p.colombia_window);
  window("mexico_window", p.mexico_window);
  m.Field("max_promises_to_pay", p.max_promises_to_pay);
  m.Field("defer_horizon", p.defer_horizon);
  m.Finish();
}

}  // namespace recoup::scenarios::internal
