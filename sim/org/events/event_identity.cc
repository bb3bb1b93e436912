#include "sim/org/events/event_identity.h"

#include <array>
#include <cstdio>

#include "core/base/check.h"
#include "sim/random/random_streams.h"

namespace recoup::sim::org::events {
namespace {

constexpr std::string_view kBase62 =
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
constexpr std::string_view kSuffixAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";
constexpr std::string_view kBase64Url =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

// Days since 1970-01-01 to (year, month, day): Howard Hinnant's civil_from_days.
void CivilFromDays(int64_t days, int64_t& year, unsigned& month, unsigned& day) {
  days += 719468;
  const int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const auto doe = static_cast<unsigned>(days - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  day = doy - (153 * mp + 2) / 5 + 1;
  month = mp < 10 ? mp + 3 : mp - 9;
  year = static_cast<int64_t>(yoe) + era * 400 + (month <= 2 ? 1 : 0);
}

}  // namespace

std::string SalesforceIdSuffix(std::string_view id15) {
  RECOUP_CHECK_MSG(id15.size() == 15, "SalesforceIdSuffix: the id must have 15 characters");
  std::string suffix(3, 'A');
  for (int chunk = 0; chunk < 3; ++chunk) {
    unsigned bits = 0;
    for (int i = 0; i < 5; ++i) {
      const char c = id15[static_cast<std::size_t>(chunk * 5 + i)];
      if (c >= 'A' && c <= 'Z') bits |= 1u << i;
    }
    suffix[static_cast<std::size_t>(chunk)] = kSuffixAlphabet[bits];
  }
  return suffix;
}

std::string MakeSalesforceId(std::string_view key_prefix, std::string_view instance,
                             uint64_t sequence) {
  RECOUP_CHECK_MSG(key_prefix.size() == 3, "MakeSalesforceId: key prefix must have 3 characters");
  RECOUP_CHECK_MSG(instance.size() == 2, "MakeSalesforceId: instance must have 2 characters");
  RECOUP_CHECK_MSG(sequence <= kMaxSalesforceIdSequence, "MakeSalesforceId: sequence too large");
  std::string id;
  id.reserve(18);
  id.append(key_prefix);
  id.append(instance);
  id.push_back('0');
  std::array<char, 9> digits{};
  for (int i = 8; i >= 0; --i) {
    digits[static_cast<std::size_t>(i)] = kBase62[sequence % 62];
    sequence /= 62;
  }
  id.append(digits.data(), digits.size());
  id.append(SalesforceIdSuffix(id));
  return id;
}

std::string FormatUuidV4(uint64_t hi, uint64_t lo) {
  hi = (hi & ~uint64_t{0xF000}) | uint64_t{0x4000};            // version 4
  lo = (lo & ~(uint64_t{0xC} << 60)) | (uint64_t{0x8} << 60);  // variant 10
  char text[37];
  std::snprintf(text, sizeof(text), "%08x-%04x-%04x-%04x-%012llx", static_cast<unsigned>(hi >> 32),
                static_cast<unsigned>((hi >> 16) & 0xFFFF), static_cast<unsigned>(hi & 0xFFFF),
                static_cast<unsigned>(lo >> 48),
                static_cast<unsigned long long>(lo & 0xFFFFFFFFFFFFull));
  return std::string(text, 36);
}

std::string Fingerprint128(std::string_view canonical_text) {
  // Two FNV-1a passes with different offset bases, each finished with the SplitMix64 mixer.
  const uint64_t h1 = Mix64(HashStreamName(canonical_text));
  uint64_t h2 = 0x84222325CBF29CE4ull;
  for (const char c : canonical_text) {
    h2 ^= static_cast<unsigned char>(c);
    h2 *= 0x100000001B3ull;
  }
  h2 = Mix64(h2 ^ 0x5851F42D4C957F2Dull);
  std::array<unsigned char, 16> bytes{};
  for (int i = 0; i < 8; ++i) {
    bytes[static_cast<std::size_t>(i)] = static_cast<unsigned char>(h1 >> (56 - 8 * i));
    bytes[static_cast<std::size_t>(8 + i)] = static_cast<unsigned char>(h2 >> (56 - 8 * i));
  }
  std::string out;
  out.reserve(22);
  uint32_t buffer = 0;
  int bits = 0;
  for (const unsigned char b : bytes) {
    buffer = (buffer << 8) | b;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out.push_back(kBase64Url[(buffer >> bits) & 0x3F]);
    }
  }
  if (bits > 0) out.push_back(kBase64Url[(buffer << (6 - bits)) & 0x3F]);
  return out;
}

std::string FormatCometdDateTime(Timestamp t) {
  constexpr int64_t kNanosPerMilli = 1'000'000;
  constexpr int64_t kMillisPerDay = 86'400'000;
  int64_t millis = t.unix_nanos() / kNanosPerMilli;
  if (t.unix_nanos() % kNanosPerMilli < 0) --millis;
  int64_t days = millis / kMillisPerDay;
  int64_t in_day = millis % kMillisPerDay;
  if (in_day < 0) {
    in_day += kMillisPerDay;
    --days;
  }
  int64_t year = 0;
  unsigned month = 0;
  unsigned day = 0;
  CivilFromDays(days, year, month, day);
  char text[40];
  std::snprintf(text, sizeof(text), "%04lld-%02u-%02uT%02lld:%02lld:%02lld.%03lldZ",
                static_cast<long long>(year), month, day,
                static_cast<long long>(in_day / 3'600'000),
                static_cast<long long>(in_day / 60'000 % 60),
                static_cast<long long>(in_day / 1000 % 60), static_cast<long long>(in_day % 1000));
  return text;
}

}  // namespace recoup::sim::org::events
