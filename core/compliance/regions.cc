#include "core/compliance/regions.h"

#include <algorithm>
#include <array>

namespace recoup::compliance {
namespace {

using RegionZones = RegionInfo;

using Z = std::string_view;
constexpr Z kEastern[] = {"America/New_York"};
constexpr Z kCentral[] = {"America/Chicago"};
constexpr Z kMountain[] = {"America/Denver"};
constexpr Z kPacific[] = {"America/Los_Angeles"};
constexpr Z kEasternCentral[] = {"America/New_York", "America/Chicago"};
constexpr Z kCentralMountain[] = {"America/Chicago", "America/Denver"};
constexpr Z kAlaska[] = {"America/Anchorage", "America/Adak"};
constexpr Z kArizona[] = {"America/Phoenix", "America/Denver"};  // Navajo Nation observes DST
constexpr Z kIdaho[] = {"America/Boise", "America/Los_Angeles"};
constexpr Z kIndiana[] = {"America/Indiana/Indianapolis", "America/Chicago"};
constexpr Z kKentucky[] = {"America/Kentucky/Louisville", "America/Chicago"};
constexpr Z kMichigan[] = {"America/Detroit", "America/Menominee"};
constexpr Z kNevada[] = {"America/Los_Angeles", "America/Denver"};  // West Wendover: Mountain
constexpr Z kOregon[] = {"America/Los_Angeles", "America/Boise"};    // Malheur County: Mountain
constexpr Z kHawaii[] = {"Pacific/Honolulu"};
constexpr Z kPuertoRico[] = {"America/Puerto_Rico"};
constexpr Z kVirginIslands[] = {"America/St_Thomas"};
constexpr Z kGuam[] = {"Pacific/Guam"};
constexpr Z kSaipan[] = {"Pacific/Saipan"};
constexpr Z kSamoa[] = {"Pacific/Pago_Pago"};
// Canada.
constexpr Z kAlberta[] = {"America/Edmonton"};
constexpr Z kBritishColumbia[] = {"America/Vancouver", "America/Dawson_Creek", "America/Fort_Nelson",
                                  "America/Creston", "America/Edmonton"};
constexpr Z kManitoba[] = {"America/Winnipeg"};
constexpr Z kNewBrunswick[] = {"America/Moncton"};
constexpr Z kNewfoundland[] = {"America/St_Johns", "America/Goose_Bay"};
constexpr Z kNovaScotia[] = {"America/Halifax"};
constexpr Z kNorthwest[] = {"America/Edmonton", "America/Inuvik"};
constexpr Z kNunavut[] = {"America/Iqaluit", "America/Rankin_Inlet", "America/Cambridge_Bay"};
constexpr Z kOntario[] = {"America/Toronto", "America/Winnipeg"};
constexpr Z kQuebec[] = {"America/Toronto", "America/Blanc-Sablon"};
constexpr Z kSaskatchewan[] = {"America/Regina", "America/Swift_Current", "America/Edmonton"};
constexpr Z kYukon[] = {"America/Whitehorse"};
// Countries without regions here.
constexpr Z kUnitedKingdom[] = {"Europe/London"};
constexpr Z kColombia[] = {"America/Bogota"};
constexpr Z kMexico[] = {"America/Mexico_City", "America/Cancun",  "America/Merida",
                         "America/Monterrey",   "America/Matamoros", "America/Chihuahua",
                         "America/Ciudad_Juarez", "America/Ojinaga", "America/Mazatlan",
                         "America/Hermosillo",  "America/Tijuana", "America/Bahia_Banderas"};

// Sorted by (country, region) for binary search; region "" = the whole country.
constexpr RegionZones kRegions[] = {
    {"CA", "AB", kAlberta},      {"CA", "BC", kBritishColumbia}, {"CA", "MB", kManitoba},
    {"CA", "NB", kNewBrunswick}, {"CA", "NL", kNewfoundland},    {"CA", "NS", kNovaScotia},
    {"CA", "NT", kNorthwest},    {"CA", "NU", kNunavut},         {"CA", "ON", kOntario},
    {"CA", "PE", kNovaScotia},   {"CA", "QC", kQuebec},          {"CA", "SK", kSaskatchewan},
    {"CA", "YT", kYukon},        {"CO", "", kColombia},          {"GB", "", kUnitedKingdom},
    {"MX", "", kMexico},
    {"US", "AK", kAlaska},       {"US", "AL", kCentral},         {"US", "AR", kCentral},
    {"US", "AS", kSamoa},        {"US", "AZ", kArizona},         {"US", "CA", kPacific},
    {"US", "CO", kMountain},     {"US", "CT", kEastern},         {"US", "DC", kEastern},
    {"US", "DE", kEastern},      {"US", "FL", kEasternCentral},  {"US", "GA", kEastern},
    {"US", "GU", kGuam},         {"US", "HI", kHawaii},          {"US", "IA", kCentral},
    {"US", "ID", kIdaho},        {"US", "IL", kCentral},         {"US", "IN", kIndiana},
    {"US", "KS", kCentralMountain}, {"US", "KY", kKentucky},     {"US", "LA", kCentral},
    {"US", "MA", kEastern},      {"US", "MD", kEastern},         {"US", "ME", kEastern},
    {"US", "MI", kMichigan},     {"US", "MN", kCentral},         {"US", "MO", kCentral},
    {"US", "MP", kSaipan},       {"US", "MS", kCentral},         {"US", "MT", kMountain},
    {"US", "NC", kEastern},      {"US", "ND", kCentralMountain}, {"US", "NE", kCentralMountain},
    {"US", "NH", kEastern},      {"US", "NJ", kEastern},         {"US", "NM", kMountain},
    {"US", "NV", kNevada},       {"US", "NY", kEastern},         {"US", "OH", kEastern},
    {"US", "OK", kCentral},      {"US", "OR", kOregon},          {"US", "PA", kEastern},
    {"US", "PR", kPuertoRico},   {"US", "RI", kEastern},         {"US", "SC", kEastern},
    {"US", "SD", kCentralMountain}, {"US", "TN", kEasternCentral}, {"US", "TX", kCentralMountain},
    {"US", "UT", kMountain},     {"US", "VA", kEastern},         {"US", "VI", kVirginIslands},
    {"US", "VT", kEastern},      {"US", "WA", kPacific},         {"US", "WI", kCentral},
    {"US", "WV", kEastern},      {"US", "WY", kMountain},
};

constexpr bool Less(const RegionZones& a, const RegionZones& b) {
  return a.country < b.country || (a.country == b.country && a.region < b.region);
}
static_assert(std::is_sorted(std::begin(kRegions), std::end(kRegions), Less));

constexpr std::string_view kAllParty[] = {"CA", "CT", "DE", "FL", "IL", "MA", "MD",
                                          "MI", "MT", "NH", "NV", "OR", "PA", "WA"};
static_assert(std::is_sorted(std::begin(kAllParty), std::end(kAllParty)));

}  // namespace

std::span<const std::string_view> ZonesOfRegion(std::string_view country, std::string_view region) {
  const auto find = [&](std::string_view r) -> const RegionZones* {
    const RegionZones key{country, r, {}};
    const auto* it = std::lower_bound(std::begin(kRegions), std::end(kRegions), key, Less);
    if (it != std::end(kRegions) && it->country == country && it->region == r) return it;
    return nullptr;
  };
  if (const RegionZones* exact = find(region)) return exact->zones;
  if (const RegionZones* whole = find("")) return whole->zones;
  return {};
}

std::span<const RegionInfo> AllRegions() { return kRegions; }

bool AllPartyRecordingState(std::string_view us_state) {
  return std::binary_search(std::begin(kAllParty), std::end(kAllParty), us_state);
}

bool InNewYorkCity(std::string_view region, std::string_view postal_code) {
  if (region != "NY" || postal_code.size() < 3) return false;
  const std::string_view p = postal_code.substr(0, 3);
  constexpr std::array<std::string_view, 9> kPrefixes = {"100", "101", "102", "103", "104",
                                                         "110", "111", "112", "113"};
  return std::find(kPrefixes.begin(), kPrefixes.end(), p) != kPrefixes.end() || p == "114" ||
         p == "116";
}

}  // namespace recoup::compliance
