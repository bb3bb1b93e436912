// Tests of the NANP area-code table (core/compliance/area_codes.h): its shape, that every zone
// it names exists in the IANA database (via cctz), spot checks from the Reg F examples, and an
// independent cross-check of every code's region against libphonenumber's offline geocoder.
#include "core/compliance/area_codes.h"

#include <cctz/civil_time.h>
#include <cctz/time_zone.h>
#include <gtest/gtest.h>
#include <phonenumbers/geocoding/phonenumber_offline_geocoder.h>
#include <phonenumbers/phonenumber.pb.h>
#include <phonenumbers/phonenumberutil.h>
#include <unicode/locid.h>

#include <algorithm>
#include <climits>
#include <cstdint>
#include <cstdio>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace recoup::compliance {
namespace {

std::set<std::string_view> ZoneSet(const AreaCodeInfo& info) {
  return {info.zones.begin(), info.zones.end()};
}

std::set<std::string_view> ZonesOf(int code) {
  const AreaCodeInfo* info = LookupAreaCode(code);
  return info == nullptr ? std::set<std::string_view>{} : ZoneSet(*info);
}

std::set<std::string_view> RegionsOf(const AreaCodeInfo& info) {
  std::set<std::string_view> regions(info.other_regions.begin(), info.other_regions.end());
  regions.insert(info.region);
  return regions;
}

// ---------------------------------------------------------------------------------------------
// Shape of the table.

TEST(AreaCodesTest, TableIsSortedUniqueAndInRange) {
  const std::span<const AreaCodeEntry> all = AllAreaCodes();
  ASSERT_GT(all.size(), 400u);
  for (size_t i = 0; i < all.size(); ++i) {
    EXPECT_GE(all[i].area_code, 200);
    EXPECT_LE(all[i].area_code, 999);
    if (i > 0) {
      EXPECT_LT(all[i - 1].area_code, all[i].area_code);
    }
  }
}

TEST(AreaCodesTest, LookupFindsExactlyTheTableEntries) {
  std::set<int> in_table;
  for (const AreaCodeEntry& e : AllAreaCodes()) {
    in_table.insert(e.area_code);
    EXPECT_EQ(LookupAreaCode(e.area_code), &e.info) << e.area_code;
  }
  for (int code = -5; code < 1005; ++code) {
    EXPECT_EQ(LookupAreaCode(code) != nullptr, in_table.count(code) == 1) << code;
  }
  EXPECT_EQ(LookupAreaCode(INT_MIN), nullptr);
  EXPECT_EQ(LookupAreaCode(INT_MAX), nullptr);
}

TEST(AreaCodesTest, EntriesAreWellFormed) {
  const std::set<std::string_view> us_territories = {"PR", "VI", "GU", "MP", "AS"};
  for (const AreaCodeEntry& e : AllAreaCodes()) {
    SCOPED_TRACE(e.area_code);
    const AreaCodeInfo& info = e.info;
    for (const std::string_view r : RegionsOf(info)) {
      ASSERT_EQ(r.size(), 2u);
      EXPECT_TRUE(r[0] >= 'A' && r[0] <= 'Z' && r[1] >= 'A' && r[1] <= 'Z') << r;
    }
    ASSERT_EQ(info.country.size(), 2u);
    if (info.country != "US" && info.country != "CA") {
      EXPECT_EQ(info.region, info.country);
    }
    if (us_territories.count(info.region) == 1) {
      EXPECT_EQ(info.country, "US");
    }
    EXPECT_FALSE(info.zones.empty());
    EXPECT_EQ(ZoneSet(info).size(), info.zones.size()) << "a zone is listed twice";
    EXPECT_EQ(RegionsOf(info).size(), info.other_regions.size() + 1);
  }
}

TEST(AreaCodesTest, NonGeographicAndReservedCodesDoNotResolve) {
  std::vector<int> codes = {
      // toll-free, premium, personal communications, government, interexchange, directory
      800, 833, 844, 855, 866, 877, 888, 822, 880, 881, 882, 883, 884, 885,
      886, 887, 889, 900, 500, 521, 522, 523, 524, 525, 526, 527, 528, 529,
      533, 544, 566, 577, 588, 600, 622, 700, 710, 456, 555, 950, 976, 958};
  for (int n = 2; n <= 9; ++n) {
    codes.push_back(n * 100 + 11);                                   // N11 service codes
    for (int x = 0; x <= 9; ++x) codes.push_back(n * 100 + 90 + x);  // N9X: expansion
  }
  for (int code = 370; code <= 379; ++code) codes.push_back(code);  // reserved (37X)
  for (int code = 960; code <= 969; ++code) codes.push_back(code);  // reserved (96X)
  for (int code = 0; code < 200; ++code) codes.push_back(code);     // no area code starts 0/1
  for (const int code : codes) EXPECT_EQ(LookupAreaCode(code), nullptr) << code;
}

// Overlays share their base code's zones and regions.
TEST(AreaCodesTest, OverlaysShareZonesAndRegions) {
  const std::vector<std::vector<int>> overlays = {
      {617, 857},      {212, 646, 332, 917}, {718, 347, 929, 917}, {213, 323, 738},
      {310, 424},      {850, 448},           {541, 458},           {208, 986},
      {270, 364},      {812, 930},           {402, 531},           {256, 938},
      {205, 659},      {317, 463},           {303, 720, 983},      {702, 725},
      {248, 947},      {601, 769},           {904, 324},           {305, 786, 645},
      {306, 639, 474}, {250, 236, 672, 778}, {418, 581, 367},      {709, 879},
      {902, 782},      {403, 587, 825, 368}, {780, 587, 825, 368}, {204, 431, 584},
      {506, 428},      {416, 647, 437, 942}, {514, 438, 263},      {819, 873, 468},
      {787, 939},      {809, 829, 849},      {876, 658},           {360, 564},
  };
  for (const std::vector<int>& group : overlays) {
    const AreaCodeInfo* base = LookupAreaCode(group[0]);
    ASSERT_NE(base, nullptr) << group[0];
    for (size_t i = 1; i < group.size(); ++i) {
      const AreaCodeInfo* overlay = LookupAreaCode(group[i]);
      ASSERT_NE(overlay, nullptr) << group[i];
      EXPECT_EQ(ZoneSet(*overlay), ZoneSet(*base)) << group[i] << " vs " << group[0];
      EXPECT_EQ(overlay->region, base->region) << group[i] << " vs " << group[0];
      EXPECT_EQ(overlay->country, base->country) << group[i] << " vs " << group[0];
    }
  }
  // BC's province-wide overlays carry everything 250 has (604 is Pacific only).
  for (const int code : {236, 257, 672, 778}) EXPECT_EQ(ZonesOf(code), ZonesOf(250)) << code;
}

// ---------------------------------------------------------------------------------------------
// Zones exist and are not redundant.

TEST(AreaCodesTest, EveryZoneLoads) {
  std::set<std::string_view> zones;
  for (const AreaCodeEntry& e : AllAreaCodes())
    zones.insert(e.info.zones.begin(), e.info.zones.end());
  for (const std::string_view name : zones) {
    cctz::time_zone tz;
    EXPECT_TRUE(cctz::load_time_zone(std::string(name), &tz)) << name;
  }
}

// The zones of one code are listed one per distinct rule (area_codes.h): every pair differs in
// its UTC offset at some instant of the coming year(s).
TEST(AreaCodesTest, ZonesOfACodeDifferInCurrentRules) {
  std::map<std::string_view, std::vector<int64_t>> offsets;  // zone -> offset at each sample
  auto offsets_of = [&](std::string_view name) -> const std::vector<int64_t>& {
    auto [it, inserted] = offsets.try_emplace(name);
    if (inserted) {
      cctz::time_zone tz;
      EXPECT_TRUE(cctz::load_time_zone(std::string(name), &tz)) << name;
      for (int day = 0; day < 2 * 365; day += 3) {
        const auto tp =
            cctz::convert(cctz::civil_second(2025, 1, 1 + day, 12, 0, 0), cctz::utc_time_zone());
        it->second.push_back(tz.lookup(tp).offset);
      }
    }
    return it->second;
  };
  for (const AreaCodeEntry& e : AllAreaCodes()) {
    for (size_t i = 0; i < e.info.zones.size(); ++i) {
      for (size_t j = i + 1; j < e.info.zones.size(); ++j) {
        EXPECT_NE(offsets_of(e.info.zones[i]), offsets_of(e.info.zones[j]))
            << e.area_code << ": " << e.info.zones[i] << " duplicates " << e.info.zones[j];
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Spot checks (Reg F comment 6(b)(1)(i)-2's examples and the known split codes).

using Zs = std::set<std::string_view>;

TEST(AreaCodesTest, SingleZoneCodes) {
  EXPECT_EQ(ZonesOf(617), Zs({"America/New_York"}));
  EXPECT_EQ(ZonesOf(212), Zs({"America/New_York"}));
  EXPECT_EQ(ZonesOf(404), Zs({"America/New_York"}));
  EXPECT_EQ(ZonesOf(213), Zs({"America/Los_Angeles"}));
  EXPECT_EQ(ZonesOf(310), Zs({"America/Los_Angeles"}));
  EXPECT_EQ(ZonesOf(702), Zs({"America/Los_Angeles"}));
  EXPECT_EQ(ZonesOf(303), Zs({"America/Denver"}));
  EXPECT_EQ(ZonesOf(915), Zs({"America/Denver"}));
  EXPECT_EQ(ZonesOf(312), Zs({"America/Chicago"}));
  EXPECT_EQ(ZonesOf(808), Zs({"Pacific/Honolulu"}));
  EXPECT_EQ(ZonesOf(602), Zs({"America/Phoenix"}));
  EXPECT_EQ(ZonesOf(480), Zs({"America/Phoenix"}));
  EXPECT_EQ(ZonesOf(313), Zs({"America/Detroit"}));
  EXPECT_EQ(ZonesOf(604), Zs({"America/Vancouver"}));
  EXPECT_EQ(ZonesOf(416), Zs({"America/Toronto"}));
  EXPECT_EQ(ZonesOf(787), Zs({"America/Puerto_Rico"}));
  EXPECT_EQ(ZonesOf(671), Zs({"Pacific/Guam"}));
}

TEST(AreaCodesTest, SplitCodes) {
  EXPECT_EQ(ZonesOf(850), Zs({"America/Chicago", "America/New_York"}));
  EXPECT_EQ(ZonesOf(208), Zs({"America/Boise", "America/Los_Angeles"}));
  EXPECT_EQ(ZonesOf(605), Zs({"America/Chicago", "America/Denver"}));
  EXPECT_EQ(ZonesOf(701), Zs({"America/Chicago", "America/Denver"}));
  EXPECT_EQ(ZonesOf(928), Zs({"America/Phoenix", "America/Denver"}));
  EXPECT_EQ(ZonesOf(907), Zs({"America/Anchorage", "America/Adak"}));
  EXPECT_EQ(ZonesOf(541), Zs({"America/Los_Angeles", "America/Boise"}));
  EXPECT_EQ(ZonesOf(906), Zs({"America/Detroit", "America/Menominee"}));
  EXPECT_EQ(ZonesOf(709), Zs({"America/St_Johns", "America/Goose_Bay"}));
  EXPECT_TRUE(ZonesOf(812).count("America/Chicago"));
  EXPECT_TRUE(ZonesOf(812).count("America/Indiana/Indianapolis"));
  EXPECT_TRUE(ZonesOf(219).count("America/Chicago"));
  EXPECT_TRUE(ZonesOf(574).count("America/Indiana/Knox"));
  EXPECT_TRUE(ZonesOf(270).count("America/Kentucky/Louisville"));
  EXPECT_TRUE(ZonesOf(606).count("America/Chicago"));
  EXPECT_TRUE(ZonesOf(423).count("America/Chicago"));
  EXPECT_TRUE(ZonesOf(620).count("America/Denver"));
  EXPECT_TRUE(ZonesOf(785).count("America/Denver"));
  EXPECT_TRUE(ZonesOf(308).count("America/Denver"));
  EXPECT_TRUE(ZonesOf(775).count("America/Denver"));
  EXPECT_TRUE(ZonesOf(306).count("America/Regina"));
  EXPECT_TRUE(ZonesOf(306).count("America/Edmonton"));  // Lloydminster
  EXPECT_TRUE(ZonesOf(807).count("America/Winnipeg"));
  EXPECT_TRUE(ZonesOf(807).count("America/Toronto"));
  EXPECT_TRUE(ZonesOf(250).count("America/Dawson_Creek"));
  EXPECT_TRUE(ZonesOf(250).count("America/Edmonton"));
  EXPECT_TRUE(ZonesOf(418).count("America/Blanc-Sablon"));
  EXPECT_EQ(ZonesOf(867).size(), 5u);
}

TEST(AreaCodesTest, RegionsAndCountries) {
  const AreaCodeInfo* ma = LookupAreaCode(617);
  ASSERT_NE(ma, nullptr);
  EXPECT_EQ(ma->region, "MA");
  EXPECT_EQ(ma->country, "US");
  EXPECT_TRUE(ma->other_regions.empty());
  const AreaCodeInfo* on = LookupAreaCode(416);
  ASSERT_NE(on, nullptr);
  EXPECT_EQ(on->region, "ON");
  EXPECT_EQ(on->country, "CA");
  const AreaCodeInfo* pr = LookupAreaCode(939);
  ASSERT_NE(pr, nullptr);
  EXPECT_EQ(pr->region, "PR");
  EXPECT_EQ(pr->country, "US");
  const AreaCodeInfo* north = LookupAreaCode(867);
  ASSERT_NE(north, nullptr);
  EXPECT_EQ(RegionsOf(*north), (std::set<std::string_view>{"YT", "NT", "NU"}));
  const AreaCodeInfo* jm = LookupAreaCode(876);
  ASSERT_NE(jm, nullptr);
  EXPECT_EQ(jm->region, "JM");
  EXPECT_EQ(jm->country, "JM");
  EXPECT_EQ(LookupAreaCode(202)->region, "DC");
}

// ---------------------------------------------------------------------------------------------
// Cross-check against libphonenumber's offline geocoder (independent data: the table was not
// derived from it).

// The geocoder names places "City, ST" or by the state's full name ("Massachusetts"); returns
// the region codes named by `description`'s last component ("" when it names none).
std::vector<std::string> RegionsNamedBy(const std::string& description) {
  static const std::map<std::string, std::string, std::less<>> kNames = {
      {"Alabama", "AL"},
      {"Alaska", "AK"},
      {"Arizona", "AZ"},
      {"Arkansas", "AR"},
      {"California", "CA"},
      {"Colorado", "CO"},
      {"Connecticut", "CT"},
      {"Delaware", "DE"},
      {"Washington D.C.", "DC"},
      {"Washington, D.C.", "DC"},
      {"District of Columbia", "DC"},
      {"Florida", "FL"},
      {"Georgia", "GA"},
      {"Hawaii", "HI"},
      {"Idaho", "ID"},
      {"Illinois", "IL"},
      {"Indiana", "IN"},
      {"Iowa", "IA"},
      {"Kansas", "KS"},
      {"Kentucky", "KY"},
      {"Louisiana", "LA"},
      {"Maine", "ME"},
      {"Maryland", "MD"},
      {"Massachusetts", "MA"},
      {"Michigan", "MI"},
      {"Minnesota", "MN"},
      {"Mississippi", "MS"},
      {"Missouri", "MO"},
      {"Montana", "MT"},
      {"Nebraska", "NE"},
      {"Nevada", "NV"},
      {"New Hampshire", "NH"},
      {"New Jersey", "NJ"},
      {"New Mexico", "NM"},
      {"New York", "NY"},
      {"North Carolina", "NC"},
      {"North Dakota", "ND"},
      {"Ohio", "OH"},
      {"Oklahoma", "OK"},
      {"Oregon", "OR"},
      {"Pennsylvania", "PA"},
      {"Rhode Island", "RI"},
      {"South Carolina", "SC"},
      {"South Dakota", "SD"},
      {"Tennessee", "TN"},
      {"Texas", "TX"},
      {"Utah", "UT"},
      {"Vermont", "VT"},
      {"Virginia", "VA"},
      {"Washington", "WA"},
      {"Washington State", "WA"},
      {"West Virginia", "WV"},
      {"Wisconsin", "WI"},
      {"Wyoming", "WY"},
      {"Puerto Rico", "PR"},
      {"Guam", "GU"},
      {"American Samoa", "AS"},
      {"Northern Mariana Islands", "MP"},
      {"U.S. Virgin Islands", "VI"},
      {"US Virgin Islands", "VI"},
      {"Alberta", "AB"},
      {"British Columbia", "BC"},
      {"Manitoba", "MB"},
      {"New Brunswick", "NB"},
      {"Newfoundland and Labrador", "NL"},
      {"Newfoundland", "NL"},
      {"Nova Scotia", "NS"},
      {"Prince Edward Island", "PE"},
      {"Ontario", "ON"},
      {"Quebec", "QC"},
      {"Saskatchewan", "SK"},
      {"Yukon", "YT"},
      {"Northwest Territories", "NT"},
      {"Nunavut", "NU"},
      // Descriptions that give a place without its state or province.
      {"Philadelphia", "PA"},
      {"Watson Lake", "YT"}};
  static const std::set<std::string, std::less<>> kCodes = [] {
    std::set<std::string, std::less<>> codes;
    for (const auto& [name, code] : kNames) codes.insert(code);
    return codes;
  }();
  if (auto whole = kNames.find(description); whole != kNames.end()) return {whole->second};
  const size_t comma = description.rfind(", ");
  const std::string last = comma == std::string::npos ? description : description.substr(comma + 2);
  std::vector<std::string> regions;
  size_t start = 0;
  while (start <= last.size()) {  // "Northwest Territories/Nunavut/Yukon", "NS/PE"
    const size_t slash = std::min(last.find('/', start), last.size());
    const std::string part = last.substr(start, slash - start);
    if (auto it = kNames.find(part); it != kNames.end()) {
      regions.push_back(it->second);
    } else if (kCodes.count(part) == 1) {
      regions.push_back(part);
    }
    start = slash + 1;
  }
  return regions;
}

// Codes newer than the geocoding data of libphonenumber 8.12.57 (Debian 12), which knows
// nothing about them. A newer libphonenumber that knows them checks them like any other.
const std::set<int> kNewerThanInstalledGeocoder = {
    227, 235, 257, 274, 324, 327, 329, 350, 353, 354, 357, 363, 369, 382, 428, 436, 457,
    472, 557, 624, 645, 679, 683, 686, 728, 730, 738, 835, 861, 879, 924, 942, 975, 983};

// Single exchanges the geocoder places outside the code's region, reviewed and left alone.
// 201-631: one exchange the geocoder puts in "New York, NY"; every other 201 exchange is New
// Jersey, and both are Eastern, so the zones are unaffected.
const std::set<std::pair<int, int>> kReviewedOutliers = {{201, 631}};

struct GeocodedCode {
  std::map<std::string, int> regions;  // region -> exchanges the geocoder places there
  std::string phone_region;            // PhoneNumberUtil's region for a valid number, or ""
  bool any_description = false;
  std::vector<std::pair<int, std::string>> placements;  // (exchange, region named for it)
};

// Geocodes NPA-200-1234 ... NPA-999-1234 for every NPA 200-999 (about 6 s, so done once).
std::map<int, GeocodedCode> GeocodeAllCodes() {
  namespace pn = i18n::phonenumbers;
  const pn::PhoneNumberOfflineGeocoder geocoder;
  const pn::PhoneNumberUtil& util = *pn::PhoneNumberUtil::GetInstance();
  const icu::Locale english("en");
  std::map<int, GeocodedCode> geocoded;
  for (int code = 200; code <= 999; ++code) {
    GeocodedCode& g = geocoded[code];
    for (int exchange = 200; exchange <= 999; ++exchange) {
      pn::PhoneNumber number;
      number.set_country_code(1);
      number.set_national_number(static_cast<uint64_t>(code) * 10'000'000 +
                                 static_cast<uint64_t>(exchange) * 10'000 + 1234);
      const std::string description = geocoder.GetDescriptionForValidNumber(number, english);
      if (description.empty()) continue;  // unassigned, or unknown to this libphonenumber
      g.any_description = true;
      // Validation is slow (regular expressions): only until one valid number is found.
      if (g.phone_region.empty() && util.IsValidNumber(number)) {
        util.GetRegionCodeForNumber(number, &g.phone_region);
      }
      for (std::string& region : RegionsNamedBy(description)) {
        ++g.regions[region];
        g.placements.emplace_back(exchange, std::move(region));
      }
    }
  }
  return geocoded;
}

// libphonenumber's region for the number: "US"/"CA", or the territory or country itself.
std::string ExpectedPhoneRegion(const AreaCodeInfo& info) {
  if (info.country == "US" &&
      std::set<std::string_view>{"PR", "VI", "GU", "MP", "AS"}.count(info.region) == 1) {
    return std::string(info.region);
  }
  return std::string(info.country);
}

// One test (one process under ctest) because geocoding every exchange takes seconds.
TEST(AreaCodesGeocoderTest, RegionsAgreeWithLibphonenumber) {
  const std::map<int, GeocodedCode> geocoded = GeocodeAllCodes();
  auto Geocoded = [&](int code) -> const GeocodedCode& { return geocoded.at(code); };

  // 1. Every entry is in the region the geocoder names for its exchanges.
  int checked = 0;
  for (const AreaCodeEntry& e : AllAreaCodes()) {
    SCOPED_TRACE(e.area_code);
    const GeocodedCode& g = Geocoded(e.area_code);
    if (kNewerThanInstalledGeocoder.count(e.area_code) == 1 && g.phone_region.empty() &&
        !g.any_description) {
      continue;  // unknown to the installed libphonenumber
    }
    EXPECT_EQ(g.phone_region, ExpectedPhoneRegion(e.info)) << "libphonenumber's region";
    if (e.info.country != "US" && e.info.country != "CA") continue;  // descriptions are places
    if (g.regions.empty()) {
      ADD_FAILURE() << "the geocoder names no state or province for any exchange";
      continue;
    }
    // The region the geocoder names most is the entry's region...
    const auto top =
        std::max_element(g.regions.begin(), g.regions.end(),
                         [](const auto& a, const auto& b) { return a.second < b.second; });
    const std::set<std::string_view> ours = RegionsOf(e.info);
    EXPECT_TRUE(ours.count(top->first) == 1) << "the geocoder places most exchanges in "
                                             << top->first << ", the table says " << e.info.region;
    // ...and every region it names for any exchange is one of the entry's regions.
    for (const auto& [exchange, region] : g.placements) {
      if (ours.count(region) == 1 || kReviewedOutliers.count({e.area_code, exchange}) == 1) {
        continue;
      }
      ADD_FAILURE() << e.area_code << "-" << exchange << ": the geocoder says " << region
                    << ", the table says " << e.info.region;
    }
    ++checked;
  }
  EXPECT_GT(checked, 350);

  // 2. No geographic code the geocoder knows is missing from the table.
  for (int code = 200; code <= 999; ++code) {
    if (LookupAreaCode(code) != nullptr) continue;
    const GeocodedCode& g = Geocoded(code);
    // Non-geographic codes geocode to the country ("United States", "Canada"), which names no
    // region; a code the geocoder places in a state, province or territory belongs in the table.
    EXPECT_TRUE(g.regions.empty()) << code << " is placed in " << g.regions.begin()->first;
    EXPECT_TRUE(g.phone_region.empty() || g.phone_region == "US" || g.phone_region == "CA")
        << code << " belongs to " << g.phone_region;
  }

  // 3. The codes exempted as newer than the installed data are in the table; those the
  // installed geocoder does know were checked like any other above (noted, not a failure).
  for (const int code : kNewerThanInstalledGeocoder) {
    ASSERT_NE(LookupAreaCode(code), nullptr) << code;
    const GeocodedCode& g = Geocoded(code);
    if (g.any_description || !g.phone_region.empty()) {
      std::printf("note: the installed libphonenumber knows %d; it is checked normally\n", code);
    }
  }
}

}  // namespace
}  // namespace recoup::compliance
