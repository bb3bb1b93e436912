// Salesforce Ids: checksum known answers, 15/18-character parsing, generation, key prefixes.
#include "sim/org/ids.h"

#include <gtest/gtest.h>

#include <string>

namespace recoup::sim::org {
namespace {

// Worked by hand with the published algorithm: per 5-character chunk, bit i is set when character i
// is an upper-case letter; the 5-bit number indexes "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345".
struct ChecksumCase {
  const char* short_id;
  const char* suffix;
};
constexpr ChecksumCase kChecksums[] = {
    {"001000000000001", "AAA"},  // no upper-case letters at all
    {"0015000000VALDt", "AAP"},  // chunk 3 "VALDt": V,A,L,D at bits 0-3 = 15 -> 'P'
    {"ABCDEabcde01234", "5AA"},  // chunk 1 all upper = 31 -> '5'
    {"a0B5g00000XyZ12", "EAF"},  // 'B' at bit 2 = 4 -> 'E'; 'X' bit 0 + 'Z' bit 2 = 5 -> 'F'
    // "00DZZ": D bit 2, Z bits 3 and 4 = 28 -> '2'; "ZZZ00": bits 0-2 = 7 -> 'H'; "00000" -> 'A'.
    {"00DZZZZZ0000000", "2HA"},
    {"00D000000000001", "EAA"},  // the mock org's Id: 'D' at bit 2 = 4 -> 'E'
};

TEST(IdChecksumTest, KnownAnswers) {
  for (const ChecksumCase& c : kChecksums) {
    const auto sum = IdChecksum(c.short_id);
    EXPECT_EQ(std::string(sum.data(), 3), c.suffix) << c.short_id;
  }
}

TEST(SfIdTest, GenerateIsPrefixZerosAndBase62Serial) {
  EXPECT_EQ(SfId::Generate("a01", 1).short_form(), "a01000000000001");
  EXPECT_EQ(SfId::Generate("a01", 61).short_form(), "a0100000000000z");
  EXPECT_EQ(SfId::Generate("a01", 62).short_form(), "a01000000000010");
  EXPECT_EQ(SfId::Generate("001", 62 * 62 + 11).short_form(), "00100000000010B");
  EXPECT_EQ(SfId::Generate("a01", 1).ToLong(), "a01000000000001AAA");
  EXPECT_EQ(SfId::Generate("a01", SfId::kMaxSerial).short_form(), "a01000zzzzzzzzz");
}

TEST(SfIdTest, GeneratedSerialRoundTrips) {
  for (uint64_t serial : {uint64_t{1}, uint64_t{61}, uint64_t{62}, uint64_t{123456789},
                          uint64_t{4294967295}, SfId::kMaxSerial}) {
    EXPECT_EQ(SfId::Generate("a05", serial).GeneratedSerial(), serial);
  }
  // Not of the generated shape: non-zero characters 4-6, or serial 0.
  EXPECT_FALSE(SfId::FromShort("0015g00000ABCDE")->GeneratedSerial().has_value());
  EXPECT_FALSE(SfId::FromShort("001000000000000")->GeneratedSerial().has_value());
}

TEST(SfIdTest, ByteOrderIsCreationOrder) {
  EXPECT_LT(SfId::Generate("a01", 9), SfId::Generate("a01", 10));
  EXPECT_LT(SfId::Generate("a01", 61), SfId::Generate("a01", 62));
  EXPECT_LT(SfId::Generate("a01", 35), SfId::Generate("a01", 36));  // 'Z' < 'a'
}

TEST(ParseIdTest, FifteenCharactersAreCaseSensitive) {
  SfOr<SfId> a = ParseId("a0100000000000z");
  SfOr<SfId> b = ParseId("a0100000000000Z");
  ASSERT_TRUE(a.ok());
  ASSERT_TRUE(b.ok());
  EXPECT_NE(*a, *b);
}

TEST(ParseIdTest, EighteenCharactersAreCaseInsensitive) {
  const SfId id = *SfId::FromShort("a0B5g00000XyZ12");
  const std::string long_form = id.ToLong();
  EXPECT_EQ(long_form, "a0B5g00000XyZ12EAF");
  for (const std::string& text :
       {long_form, std::string("A0B5G00000XYZ12EAF"), std::string("a0b5g00000xyz12eaf")}) {
    SfOr<SfId> parsed = ParseId(text);
    ASSERT_TRUE(parsed.ok()) << text;
    EXPECT_EQ(*parsed, id) << text;
  }
}

struct MalformedCase {
  const char* text;
  const char* why;
};
constexpr MalformedCase kMalformed[] = {
    {"", "empty"},
    {"a0100000000001", "14 characters"},
    {"a01000000000001A", "16 characters"},
    {"a01000000000001AAAA", "19 characters"},
    {"a01-00000000001", "a dash"},
    {"a01000000000001AA9", "suffix character 9 is outside A-Z0-5"},
    {"a01000000000001AA_", "suffix character outside the alphabet"},
    {"a01000000000001AAB", "suffix marks the digit '0' at position 11 as upper case"},
    {"a01 00000000001", "a space"},
    {"a01000000000001\xc3\xa9", "non-ASCII"},
};

TEST(ParseIdTest, MalformedIdsAreRejected) {
  for (const MalformedCase& c : kMalformed) {
    SfOr<SfId> id = ParseId(c.text);
    ASSERT_FALSE(id.ok()) << c.why;
    EXPECT_EQ(id.error().http_status, 400) << c.why;
    EXPECT_EQ(id.error().error_code, "MALFORMED_ID") << c.why;
    std::string shown(c.text);  // non-ASCII bytes are shown as '?'
    for (char& ch : shown) {
      if (static_cast<unsigned char>(ch) >= 0x80) ch = '?';
    }
    EXPECT_EQ(id.error().message, "Invalid id: " + shown) << c.why;
  }
}

TEST(ParseIdTest, FieldFormNamesTheField) {
  SfOr<SfId> id = ParseIdForField("xyz", "Collection Account", "Collection_Account__c");
  ASSERT_FALSE(id.ok());
  EXPECT_EQ(id.error().message, "Collection Account: id value of incorrect type: xyz");
  EXPECT_EQ(id.error().fields, std::vector<std::string>{"Collection_Account__c"});
}

TEST(KeyPrefixTest, AllocationOrder) {
  EXPECT_EQ(CustomObjectKeyPrefix(0), "a00");
  EXPECT_EQ(CustomObjectKeyPrefix(1), "a01");
  EXPECT_EQ(CustomObjectKeyPrefix(10), "a0A");
  EXPECT_EQ(CustomObjectKeyPrefix(61), "a0z");
  EXPECT_EQ(CustomObjectKeyPrefix(62), "a10");
  EXPECT_EQ(PlatformEventKeyPrefix(0), "e00");
  EXPECT_EQ(PlatformEventKeyPrefix(1), "e01");
  EXPECT_TRUE(IsValidKeyPrefix("a0X"));
  EXPECT_FALSE(IsValidKeyPrefix("a0"));
  EXPECT_FALSE(IsValidKeyPrefix("a_0"));
  EXPECT_EQ(MockOrgId().ToLong(), "00D000000000001EAA");
}

}  // namespace
}  // namespace recoup::sim::org
