// Identities and stamps the platform-event bus hands out: 18-character Salesforce record ids (for
// publish results, key prefix "e00"), EventUuids (UUID version 4 text), schema fingerprints and the
// CometD CreatedDate format. Pure functions: same input, same output.
#ifndef RECOUP_SIM_ORG_EVENTS_EVENT_IDENTITY_H_
#define RECOUP_SIM_ORG_EVENTS_EVENT_IDENTITY_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "core/base/time.h"

namespace recoup::sim::org::events {

// The largest sequence MakeSalesforceId can encode: 62^9 - 1 (nine base-62 digits).
inline constexpr uint64_t kMaxSalesforceIdSequence = 13'537'086'546'263'551ull;

// The 3-character suffix that turns a 15-character case-sensitive id into the 18-character
// case-insensitive one: for each 5-character chunk, bit i is set when character i is an upper-case
// ASCII letter, and the 5-bit value indexes "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345". Requires
// id15.size() == 15 (checked).
std::string SalesforceIdSuffix(std::string_view id15);

// The 18-character id key_prefix (3 chars) + instance (2 chars) + "0" + `sequence` in nine base-62
// digits (0-9, A-Z, a-z) + SalesforceIdSuffix. Requires key_prefix.size() == 3, instance.size() ==
// 2 and sequence <= kMaxSalesforceIdSequence (checked).
// Example: MakeSalesforceId("e00", "00", 1) == "e00000000000001AAA" (the shape sim/org/ids.h
// generates).
std::string MakeSalesforceId(std::string_view key_prefix, std::string_view instance,
                             uint64_t sequence);

// The 128 bits (hi, lo) as a version-4 UUID in lower-case 8-4-4-4-12 hex: the version nibble is
// forced to 4 and the variant bits to 10, so 122 bits of the input survive.
std::string FormatUuidV4(uint64_t hi, uint64_t lo);

// A 22-character URL-safe base-64 fingerprint (no padding) of `canonical_text`, like Salesforce's
// schema ids ("dffQ2QLzDNHqwB8_sHMxdA"): 128 bits from two independent 64-bit hashes. Equal texts
// give equal fingerprints; any change to the text changes it (barring 128-bit collisions).
std::string Fingerprint128(std::string_view canonical_text);

// `t` as CometD payloads write CreatedDate: "2017-04-09T18:31:40.517Z" (UTC, milliseconds,
// truncated toward the past).
std::string FormatCometdDateTime(Timestamp t);

}  // namespace recoup::sim::org::events

#endif  // RECOUP_SIM_ORG_EVENTS_EVENT_IDENTITY_H_
