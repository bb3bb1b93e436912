// event_identity: Salesforce id checksums against known answers, id layout, UUID v4 shape,
// fingerprints and the CometD date format.
#include "sim/org/events/event_identity.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "tests/sim/org/events/shape_matchers.h"

namespace recoup::sim::org::events {
namespace {

TEST(SalesforceIdSuffixTest, KnownAnswers) {
  struct Case {
    const char* id15;
    const char* suffix;
  };
  // "001A0000006Vm9r" -> "001A0000006Vm9rIAC" is the example of Salesforce's documentation; the
  // others exercise one bit per chunk position and all-upper / all-lower chunks.
  const Case cases[] = {
      {"001A0000006Vm9r", "IAC"}, {"000000000000000", "AAA"}, {"ZZZZZZZZZZZZZZZ", "555"},
      {"A0000B0000C0000", "BBB"}, {"0000A0000B0000C", "QQQ"}, {"abcdeABCDEabcde", "A5A"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(SalesforceIdSuffix(c.id15), c.suffix) << c.id15;
  }
}

TEST(MakeSalesforceIdTest, LayoutAndBase62) {
  EXPECT_EQ(MakeSalesforceId("e00", "00", 1), "e00000000000001AAA");
  EXPECT_EQ(MakeSalesforceId("e00", "00", 61), "e0000000000000zAAA");
  EXPECT_EQ(MakeSalesforceId("e00", "00", 62), "e00000000000010AAA");
  // 'Z' (35) in the last position sets bit 4 of chunk 3: suffix "AAQ".
  EXPECT_EQ(MakeSalesforceId("e00", "00", 35), "e0000000000000ZAAQ");
  EXPECT_EQ(MakeSalesforceId("e00", "RO", kMaxSalesforceIdSequence),
            "e00RO0zzzzzzzzz" + SalesforceIdSuffix("e00RO0zzzzzzzzz"));
}

TEST(FormatUuidV4Test, VersionAndVariantBitsAreForced) {
  const uint64_t inputs[][2] = {
      {0, 0}, {~0ull, ~0ull}, {0x0123456789ABCDEFull, 0xFEDCBA9876543210ull}};
  for (const auto& in : inputs) {
    const std::string uuid = FormatUuidV4(in[0], in[1]);
    EXPECT_TRUE(testing::IsUuidV4(uuid)) << uuid;
  }
  EXPECT_EQ(FormatUuidV4(0x0123456789ABCDEFull, 0xFEDCBA9876543210ull),
            "01234567-89ab-4def-bedc-ba9876543210");
}

TEST(Fingerprint128Test, DeterministicUrlSafeAndSensitive) {
  const std::string a = Fingerprint128("Collection_Event__e\nMessage__c:string\n");
  EXPECT_EQ(a.size(), 22u);
  EXPECT_TRUE(
      testing::AllIn(a, 22, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"))
      << a;
  EXPECT_EQ(a, Fingerprint128("Collection_Event__e\nMessage__c:string\n"));
  std::set<std::string> seen{a};
  for (const char* text : {"Collection_Event__e\nMessage__c:textarea\n",
                           "Collection_Event__e\nMessage__c:string\nType__c:string\n",
                           "Other_Event__e\nMessage__c:string\n", ""}) {
    EXPECT_TRUE(seen.insert(Fingerprint128(text)).second) << text;
  }
}

TEST(FormatCometdDateTimeTest, MillisecondsUtc) {
  struct Case {
    Timestamp t;
    const char* text;
  };
  const Case cases[] = {
      {Timestamp::FromCivilUtc(2017, 4, 9, 18, 31, 40) + Duration::Milliseconds(517),
       "2017-04-09T18:31:40.517Z"},
      {Timestamp::UnixEpoch(), "1970-01-01T00:00:00.000Z"},
      {Timestamp::FromCivilUtc(2024, 2, 29, 23, 59, 59) + Duration::Nanoseconds(999'999'999),
       "2024-02-29T23:59:59.999Z"},
      {Timestamp::UnixEpoch() - Duration::Nanoseconds(1), "1969-12-31T23:59:59.999Z"},
      {Timestamp::FromCivilUtc(2000, 3, 1), "2000-03-01T00:00:00.000Z"},
  };
  for (const Case& c : cases) EXPECT_EQ(FormatCometdDateTime(c.t), c.text);
}

}  // namespace
}  // namespace recoup::sim::org::events
