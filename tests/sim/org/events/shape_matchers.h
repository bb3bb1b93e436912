// Character-class checks for the identifiers the event tests inspect (UUIDs, client ids,
// fingerprints), without std::regex (whose GCC 12 implementation warns under sanitizers).
#ifndef RECOUP_TESTS_SIM_ORG_EVENTS_SHAPE_MATCHERS_H_
#define RECOUP_TESTS_SIM_ORG_EVENTS_SHAPE_MATCHERS_H_

#include <cstddef>
#include <string_view>

namespace recoup::sim::org::events::testing {

// `text` has `size` characters, each in `alphabet`.
inline bool AllIn(std::string_view text, std::size_t size, std::string_view alphabet) {
  if (text.size() != size) return false;
  for (const char c : text) {
    if (alphabet.find(c) == std::string_view::npos) return false;
  }
  return true;
}

// Lower-case 8-4-4-4-12 hex with version nibble 4 and variant 8, 9, a or b.
inline bool IsUuidV4(std::string_view text) {
  constexpr std::string_view kHex = "0123456789abcdef";
  if (text.size() != 36) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash != (text[i] == '-')) return false;
    if (!dash && kHex.find(text[i]) == std::string_view::npos) return false;
  }
  return text[14] == '4' && std::string_view("89ab").find(text[19]) != std::string_view::npos;
}

}  // namespace recoup::sim::org::events::testing

#endif  // RECOUP_TESTS_SIM_ORG_EVENTS_SHAPE_MATCHERS_H_
