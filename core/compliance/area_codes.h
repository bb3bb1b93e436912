// North American Numbering Plan (NANP) area codes -> the places and IANA time zones they may
// be in, for compliance's calling-time checks.
//
// Why: when the consumer's location is unknown or conflicting, Reg F (12 CFR 1006.6(b)(1)(i),
// comment 6(b)(1)(i)-2) lets a collector call only at a time convenient in EVERY location the
// consumer may be in. A phone number's area code is one such location signal: an Eastern
// area-code mobile plus a Pacific address allows only 11:00-21:00 Eastern. LookupAreaCode()
// gives compliance the candidate zones of the number's area code; compliance intersects the
// 08:00-21:00 windows of all of them (and of every other candidate location).
//
// What the table holds: every geographic area code in service (or announced and assigned) in
// the 50 US states, DC, the US territories (PR, VI, GU, MP, AS), Canada, and the other NANP
// countries of the Caribbean and Bermuda. Non-geographic codes (toll-free 8xx, 5XX personal
// communications, 600/622, 700, 710, 900, N11, 456, 880-887, ...) and unassigned codes are
// deliberately absent, so LookupAreaCode() returns nullptr and compliance treats the number's
// location as unknown.
//
// Zones: `zones` names one IANA zone for each distinct current time-keeping rule (UTC offset
// and daylight-saving observance) found anywhere in the code's territory, picked from tzdata's
// zone.tab and preferring a zone located in that territory (America/Detroit for Michigan,
// America/Indiana/Indianapolis for Indiana, America/Boise for Mountain Idaho and Oregon's
// Malheur County, ...). Zones that merely duplicate a listed zone's current rule (America/Juneau
// beside America/Anchorage, America/Indiana/Vincennes beside America/Indiana/Indianapolis) are
// not repeated. The list is deliberately a superset: a zone the territory touches but that is
// missing would let compliance allow a call that may be illegal, whereas a superfluous zone only
// narrows the calling window (it fails closed). So, for example:
//   * 850/448 (Florida panhandle) list America/Chicago and America/New_York;
//   * 928 (northern Arizona) lists America/Phoenix and America/Denver (the Navajo Nation keeps
//     daylight time);
//   * 907 lists America/Anchorage and America/Adak (the western Aleutians);
//   * 867 (Yukon, Northwest Territories, Nunavut) lists five zones.
// Communities that by long-standing local practice keep a neighbouring zone's time are included
// as well (fail closed): Phenix City/Lanett/Valley, AL (Eastern, in 334), Kenton, OK (Mountain,
// in 580), Jackpot and Owyhee, NV (Mountain, in 775, which West Wendover puts there anyway),
// Creighton, SK (Central with daylight time, in 306/639/474), Hyder, AK (Pacific, served by
// British Columbia's 250).
// Where the data leave a doubt, the entry leans the same way: 402/531 (eastern Nebraska) list
// Mountain time because Cherry County, part of which is on Mountain time, is served by 402 and
// it is unverified whether any 402 exchange lies in that part; this narrows Omaha's window by
// an hour and should be removed once verified.
// Overlay codes carry exactly the zones and regions of the codes they overlay.
//
// Regions: `region` is the principal region (US state or DC postal code, US territory code,
// Canadian province/territory code, or for other NANP countries their ISO 3166-1 code);
// `other_regions` lists further regions the code is known to serve (867: NT and NU besides YT;
// 902/782: PE besides NS; 250: AK, for Hyder). `country` is the ISO 3166-1 code of the sovereign
// state whose law applies: "US" for the states, DC and the US territories (Reg F's "State" includes
// them), "CA" for Canada, the country itself otherwise.
//
// Sources of truth and caveats: written from NANPA's and the CNAC's area-code assignments and
// the US DOT (49 CFR part 71) and provincial time-zone boundaries as known in 2025, with zone
// names as of tzdata 2025b; it was NOT derived from libphonenumber, which the unit test uses only
// as an independent cross-check of the regions (tests/core/compliance/area_codes_test.cc).
// Codes introduced since 2022 (e.g. 257, 324, 329, 624, 679, 728, 738, 861, 924, 942, 983; the
// full list is kNewerThanInstalledGeocoder in the test) could not be cross-checked against the
// libphonenumber of Debian 12 and rest on NANPA/CNAC announcements; a newer libphonenumber
// checks them automatically. Area codes introduced later resolve to nullptr until added; time-zone
// boundary moves (a county changing zones, a province abolishing daylight time) need the entry
// updated. A number ported or moved away from its area code's territory is beyond what any
// area-code table can know; that is why compliance treats the area code as one candidate
// location among several, never as the consumer's location.
// To report a correction: change the entry in area_codes.cc with the evidence (NANPA planning
// letter, CNAC decision, 49 CFR 71 citation or tzdata NEWS entry) in the commit message, and
// extend the spot checks in the unit test.
#ifndef RECOUP_CORE_COMPLIANCE_AREA_CODES_H_
#define RECOUP_CORE_COMPLIANCE_AREA_CODES_H_

#include <span>
#include <string_view>

namespace recoup::compliance {

// The places and time zones of one area code. Every view points into static storage (valid for
// the whole program); `zones` is never empty.
struct AreaCodeInfo {
  std::string_view region;                          // "MA", "ON", "PR", "BS", ...
  std::string_view country;                         // "US", "CA", "BS", ...
  std::span<const std::string_view> zones;          // IANA names, e.g. "America/New_York"
  std::span<const std::string_view> other_regions;  // usually empty
};

// One row of the table: the 3-digit area code and its information.
struct AreaCodeEntry {
  int area_code;
  AreaCodeInfo info;
};

// The area code's places and zones, or nullptr for a code not in the table (non-geographic,
// unassigned, or outside 0-999). O(1): one bounds check and one array load.
const AreaCodeInfo* LookupAreaCode(int area_code);

// Every entry, ascending by area_code, each code once.
std::span<const AreaCodeEntry> AllAreaCodes();

}  // namespace recoup::compliance

#endif  // RECOUP_CORE_COMPLIANCE_AREA_CODES_H_
