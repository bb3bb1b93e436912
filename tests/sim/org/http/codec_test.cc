// Tests for the HTTP server's codecs: percent-decoding (%20 and + forms), query/form parsing,
// base64 / base64url, and the time formats of the Date header, the request log and Salesforce.
#include <string>

#include <gtest/gtest.h>

#include "sim/org/http/base64.h"
#include "sim/org/http/clock.h"
#include "sim/org/http/sf_http_errors.h"
#include "sim/org/http/url_codec.h"

namespace recoup::sim::org::http {
namespace {

TEST(PercentDecodeTest, Table) {
  struct Case {
    std::string in;
    bool plus_is_space;
    std::string want;
  };
  const Case cases[] = {
      {"SELECT%20Id%20FROM%20Account", true, "SELECT Id FROM Account"},  // jsforce
      {"SELECT+Id+FROM+Account", true, "SELECT Id FROM Account"},        // python-requests
      {"a+b", false, "a+b"},                                             // path: + stays
      {"%2F%2f", false, "//"},
      {"%41%62%7e", true, "Ab~"},
      {"100%", true, "100%"},  // lone %: kept
      {"%G1x", true, "%G1x"},  // bad hex: kept
      {"%4", true, "%4"},      // truncated: kept
      {"%C3%A9t%C3%A9", true, "\xC3\xA9t\xC3\xA9"},
      {"%00", true, std::string(1, '\0')},
      {"", true, ""},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(PercentDecode(c.in, c.plus_is_space), c.want) << c.in;
  }
}

TEST(PercentEncodeTest, RoundTripsAndKeepsUnreserved) {
  EXPECT_EQ(PercentEncode("SELECT Id FROM A WHERE N = 'x/y'"),
            "SELECT%20Id%20FROM%20A%20WHERE%20N%20%3D%20%27x%2Fy%27");
  EXPECT_EQ(PercentEncode("AZaz09-._~"), "AZaz09-._~");
  const std::string all = [] {
    std::string s;
    for (int c = 0; c < 256; ++c) s.push_back(static_cast<char>(c));
    return s;
  }();
  EXPECT_EQ(PercentDecode(PercentEncode(all), true), all);
}

TEST(ParamListTest, ParsesDecodesAndKeepsOrderAndDuplicates) {
  ParamList p;
  p.ParseUrlEncoded("q=SELECT+Id%20FROM+X&&flag&a=1&a=2&=empty&x%3Dy=1%3D1");
  ASSERT_EQ(p.size(), 6u);
  EXPECT_EQ(p.name(0), "q");
  EXPECT_EQ(p.value(0), "SELECT Id FROM X");
  EXPECT_EQ(p.name(1), "flag");
  EXPECT_EQ(p.value(1), "");
  EXPECT_EQ(*p.Find("a"), "1");
  EXPECT_EQ(p.Count("a"), 2u);
  EXPECT_EQ(p.name(4), "");
  EXPECT_EQ(p.value(4), "empty");
  EXPECT_EQ(*p.Find("x=y"), "1=1");
  EXPECT_FALSE(p.Find("missing").has_value());
  EXPECT_FALSE(p.Find("A").has_value());  // case-sensitive
  p.Clear();
  EXPECT_TRUE(p.empty());
  p.ParseUrlEncoded("");
  EXPECT_TRUE(p.empty());
  p.ParseUrlEncoded("k=v");
  EXPECT_EQ(*p.Find("k"), "v");
}

TEST(Base64Test, KnownAnswersRfc4648) {
  const std::pair<std::string, std::string> cases[] = {
      {"", ""},
      {"f", "Zg=="},
      {"fo", "Zm8="},
      {"foo", "Zm9v"},
      {"foob", "Zm9vYg=="},
      {"fooba", "Zm9vYmE="},
      {"foobar", "Zm9vYmFy"},
  };
  for (const auto& [plain, encoded] : cases) {
    EXPECT_EQ(Base64Encode(plain), encoded);
    EXPECT_EQ(Base64Decode(encoded), plain);
  }
  EXPECT_EQ(Base64Decode("Zg"), "f");  // padding optional
  EXPECT_EQ(Base64UrlEncode("\xfb\xff"), "-_8");
  EXPECT_EQ(Base64UrlDecode("-_8"), "\xfb\xff");
}

TEST(Base64Test, RejectsBadInput) {
  for (const char* bad : {"Z", "Zg=", "Zm9v=", "Zg===", "Z g=", "Zm9v!", "Zg==Zg=="}) {
    EXPECT_FALSE(Base64Decode(bad).has_value()) << bad;
  }
  EXPECT_FALSE(Base64UrlDecode("+/8").has_value());  // standard alphabet in base64url
  EXPECT_FALSE(Base64Decode("-_8").has_value());
}

TEST(ClockFormatTest, HttpDateLogTimeAndSalesforceDateTime) {
  const Timestamp t =
      Timestamp::FromCivilUtc(1994, 11, 6, 8, 49, 37) + Duration::Microseconds(123456);
  EXPECT_EQ(FormatHttpDate(t), "Sun, 06 Nov 1994 08:49:37 GMT");
  EXPECT_EQ(FormatLogTime(t), "1994-11-06T08:49:37.123456Z");
  EXPECT_EQ(FormatSalesforceDateTime(t), "1994-11-06T08:49:37.123+0000");
  EXPECT_EQ(FormatHttpDate(Timestamp::UnixEpoch()), "Thu, 01 Jan 1970 00:00:00 GMT");
  EXPECT_EQ(FormatHttpDate(Timestamp::FromCivilUtc(2024, 2, 29, 23, 59, 59)),
            "Thu, 29 Feb 2024 23:59:59 GMT");
  EXPECT_EQ(FormatLogTime(Timestamp::FromUnixNanos(-1)), "1969-12-31T23:59:59.999999Z");
  // The real clock is after this code was written.
  EXPECT_GT(SystemNow(), Timestamp::FromCivilUtc(2024, 1, 1));
}

}  // namespace
}  // namespace recoup::sim::org::http

namespace recoup::sim::org::http {
namespace {

TEST(ParseJsonBodyTest, RefusesBodiesNestedDeeperThanTheLimitWithoutRecursing) {
  const std::string ok = std::string(kMaxJsonBodyDepth, '[') + std::string(kMaxJsonBodyDepth, ']');
  EXPECT_TRUE(ParseJsonBody(ok).ok());
  // Brackets inside strings (escaped quotes included) do not count.
  const std::string in_string = "{\"a\":\"" + std::string(1000, '[') + "\\\"" + "\"}";
  EXPECT_TRUE(ParseJsonBody(in_string).ok());
  for (const std::string& deep : {std::string(kMaxJsonBodyDepth + 1, '[') +
                                      std::string(kMaxJsonBodyDepth + 1, ']'),
                                  std::string(1'000'000, '[')}) {
    SfOr<nlohmann::json> parsed = ParseJsonBody(deep);
    ASSERT_FALSE(parsed.ok());
    EXPECT_EQ(parsed.error().error_code, "JSON_PARSER_ERROR");
    EXPECT_EQ(parsed.error().message,
              "The JSON body nests arrays and objects more than 64 levels deep");
  }
}

}  // namespace
}  // namespace recoup::sim::org::http
