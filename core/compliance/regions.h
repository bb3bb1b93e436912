// Where a consumer may be: regions (US states, Canadian provinces, countries) and the IANA time zones
// each spans, plus the regional facts the rules need (all-party recording consent, New York City).
//
// A region lists every zone its territory touches (Florida: Eastern and Central), because the engine
// intersects the calling windows of all candidate zones; a superfluous zone only narrows the window.
#ifndef RECOUP_CORE_COMPLIANCE_REGIONS_H_
#define RECOUP_CORE_COMPLIANCE_REGIONS_H_

#include <span>
#include <string_view>

namespace recoup::compliance {

// The zones of `region` in `country` ("US"/"MA", "CA"/"ON"); for a country without regions in the
// table ("GB", "CO", "MX"), or an empty region, the zones of the whole country. Empty when unknown.
std::span<const std::string_view> ZonesOfRegion(std::string_view country, std::string_view region);

struct RegionInfo {
  std::string_view country;
  std::string_view region;  // "" = the whole country
  std::span<const std::string_view> zones;
};
// Every row of the table, sorted by (country, region).
std::span<const RegionInfo> AllRegions();

// US states whose wiretap laws need every party's consent to record a call (REC-ALLPARTY), including
// the mixed ones (CT, MI, OR), which the engine treats as all-party.
bool AllPartyRecordingState(std::string_view us_state);

// True when a New York address is in New York City by its ZIP code (100-104, 110-114, 116). 110xx
// also covers a few Nassau County towns: they are treated as NYC (the stricter rules apply).
bool InNewYorkCity(std::string_view region, std::string_view postal_code);

}  // namespace recoup::compliance

#endif  // RECOUP_CORE_COMPLIANCE_REGIONS_H_
