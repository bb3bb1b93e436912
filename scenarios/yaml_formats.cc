// The scenario file's value formats beyond plain numbers and strings: dates, money, durations,
// local times and windows, weekday lists (yaml_reader.h).
#include <cmath>
#include <cstdlib>
#include <limits>
#include <optional>
#include <string>

#include "scenarios/yaml_reader.h"

namespace recoup::scenarios::internal {
namespace {

// "HH:MM" -> minutes after midnight, or nullopt. "24:00" only when allowed.
std::optional<int> ParseTime(std::string_view text, bool allow_end_of_day) {
  const std::size_t colon = text.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon > 2 || text.size() != colon + 3) {
    return std::nullopt;
  }
  const std::optional<int64_t> h = ParseInt64(text.substr(0, colon));
  const std::optional<int64_t> m = ParseInt64(text.substr(colon + 1));
  if (!h || !m || text[0] == '+' || text[0] == '-' || text[colon + 1] == '+' ||
      text[colon + 1] == '-' || *m < 0 || *m > 59 || *h < 0) {
    return std::nullopt;
  }
  if (*h == 24 && *m == 0 && allow_end_of_day) return 24 * 60;
  if (*h > 23) return std::nullopt;
  return static_cast<int>(*h * 60 + *m);
}

constexpr std::string_view kWeekdays[7] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

}  // namespace

bool ReadValue(Context& c, const YAML::Node& node, const std::string& path,
               domain::LocalDate& out) {
  std::string text;
  if (!ScalarText(c, node, path, "a date YYYY-MM-DD", text)) return false;
  auto fail = [&] { return c.Fail(node, path, "expected a date YYYY-MM-DD, got '" + text + "'"); };
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return fail();
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (text[i] < '0' || text[i] > '9') return fail();
  }
  const int y = std::stoi(text.substr(0, 4));
  const int m = std::stoi(text.substr(5, 2));
  const int d = std::stoi(text.substr(8, 2));
  const domain::LocalDate date(y, m, d);
  if (date.year() != y || date.month() != m || date.day() != d) return fail();
  out = date;
  return true;
}

bool ReadValue(Context& c, const YAML::Node& node, const std::string& path, Money& out) {
  std::string text;
  if (!ScalarText(c, node, path, "an amount", text)) return false;
  StatusOr<Money> m = Money::Parse(WithoutUnderscores(text), 2);
  if (!m.ok()) {
    return c.Fail(node, path,
                  "expected an amount in major units with at most 2 decimals (e.g. 5000 or 12.50), "
                  "got '" +
                      text + "'");
  }
  out = *m;
  return true;
}

bool ReadValue(Context& c, const YAML::Node& node, const std::string& path, Duration& out) {
  std::string text;
  if (!ScalarText(c, node, path, "a duration", text)) return false;
  struct Unit {
    std::string_view suffix;
    int64_t millis;
  };
  // Longest suffixes first, so that "5min" is not read as "5mi" + "n" and "500ms" not as "500m".
  static constexpr Unit kUnits[] = {
      {"min", 60'000}, {"ms", 1}, {"s", 1'000}, {"h", 3'600'000}, {"d", 86'400'000}};
  for (const Unit& u : kUnits) {
    if (text.size() <= u.suffix.size() ||
        text.compare(text.size() - u.suffix.size(), u.suffix.size(), u.suffix) != 0) {
      continue;
    }
    const std::string_view number(text.data(), text.size() - u.suffix.size());
    if (const std::optional<int64_t> whole = ParseInt64(number)) {
      if (std::abs(*whole) <= std::numeric_limits<int64_t>::max() / 1'000'000 / u.millis) {
        out = Duration::Milliseconds(*whole * u.millis);
        return true;
      }
    } else if (const std::optional<double> v = ParseDouble(number)) {
      out = Duration::FromSecondsDouble(*v * static_cast<double>(u.millis) / 1000.0);
      return true;
    }
    break;
  }
  return c.Fail(
      node, path,
      "expected a duration with a unit (e.g. 500ms, 2s, 5min, 4h, 60d), got '" + text + "'");
}

bool ReadLocalTime(Context& c, const YAML::Node& node, const std::string& path,
                   bool allow_end_of_day, int& out) {
  std::string text;
  if (!ScalarText(c, node, path, "a local time HH:MM", text)) return false;
  const std::optional<int> t = ParseTime(text, allow_end_of_day);
  if (!t) return c.Fail(node, path, "expected a local time HH:MM, got '" + text + "'");
  out = *t;
  return true;
}

bool ReadLocalWindow(Context& c, const YAML::Node& node, const std::string& path, int& start,
                     int& end) {
  std::string text;
  if (!ScalarText(c, node, path, "a local time window HH:MM-HH:MM", text)) return false;
  const std::size_t dash = text.find('-');
  std::optional<int> s, e;
  if (dash != std::string::npos) {
    s = ParseTime(std::string_view(text).substr(0, dash), false);
    e = ParseTime(std::string_view(text).substr(dash + 1), true);
  }
  if (!s || !e || *s >= *e) {
    return c.Fail(node, path,
                  "expected a local time window HH:MM-HH:MM with the start before the end, got '" +
                      text + "'");
  }
  start = *s;
  end = *e;
  return true;
}

bool ReadWeekdays(Context& c, const YAML::Node& node, const std::string& path, uint8_t& out) {
  std::vector<std::string> names;
  if (!ReadValue(c, node, path, names)) return false;
  uint8_t mask = 0;
  for (std::size_t i = 0; i < names.size(); ++i) {
    int day = -1;
    for (int d = 0; d < 7; ++d) {
      if (names[i] == kWeekdays[d]) day = d;
    }
    if (day < 0) return FailEnum(c, node[i], Index(path, i), kWeekdays);
    mask = static_cast<uint8_t>(mask | (1U << day));
  }
  out = mask;
  return true;
}

}  // namespace recoup::scenarios::internal
