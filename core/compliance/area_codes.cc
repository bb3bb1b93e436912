// The NANP area-code table (see area_codes.h for what it holds, its sources and caveats).
//
// The rows below are grouped by country and region for review; the table is sorted by code,
// checked for duplicates and indexed (a direct 1000-slot index) at compile time.
#include "core/compliance/area_codes.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

namespace recoup::compliance {
namespace {

using Zones = std::span<const std::string_view>;

// ---- Zone lists: one zone per distinct current rule in the territory (see area_codes.h). ----
// United States.
constexpr std::string_view kEastern[] = {"America/New_York"};
constexpr std::string_view kCentral[] = {"America/Chicago"};
constexpr std::string_view kMountain[] = {"America/Denver"};
constexpr std::string_view kPacific[] = {"America/Los_Angeles"};
constexpr std::string_view kCentralEastern[] = {"America/Chicago", "America/New_York"};
constexpr std::string_view kCentralMountain[] = {"America/Chicago", "America/Denver"};
constexpr std::string_view kArizona[] = {"America/Phoenix"};
// Northern Arizona: Arizona time, plus the Navajo Nation, which keeps daylight time.
constexpr std::string_view kArizonaNavajo[] = {"America/Phoenix", "America/Denver"};
constexpr std::string_view kMichigan[] = {"America/Detroit"};
// The Upper Peninsula: Gogebic, Iron, Dickinson and Menominee counties are Central.
constexpr std::string_view kMichigan906[] = {"America/Detroit", "America/Menominee"};
constexpr std::string_view kIndiana[] = {"America/Indiana/Indianapolis"};
// NW Indiana (Lake, Porter, LaPorte, Newton, Jasper) is Central; Pulaski, White... Eastern.
constexpr std::string_view kIndiana219[] = {"America/Indiana/Indianapolis", "America/Chicago"};
// South Bend/Elkhart Eastern; Starke County (Knox) Central.
constexpr std::string_view kIndiana574[] = {"America/Indiana/Indianapolis", "America/Indiana/Knox"};
// Southern Indiana: Eastern, plus the Evansville corner and Perry County on Central.
constexpr std::string_view kIndiana812[] = {"America/Indiana/Indianapolis", "America/Chicago"};
constexpr std::string_view kKentuckyEastern[] = {"America/Kentucky/Louisville"};
// 270/364 (western KY) and 606 (eastern KY) straddle the Central/Eastern line.
constexpr std::string_view kKentuckySplit[] = {"America/Kentucky/Louisville", "America/Chicago"};
// Idaho: southern Idaho Mountain, the panhandle north of the Salmon River Pacific.
constexpr std::string_view kIdaho[] = {"America/Boise", "America/Los_Angeles"};
// Eastern Oregon: Pacific, plus Malheur County on Mountain.
constexpr std::string_view kOregon541[] = {"America/Los_Angeles", "America/Boise"};
// Northern Nevada: Pacific, plus West Wendover (officially) and Jackpot/Owyhee on Mountain.
constexpr std::string_view kNevada775[] = {"America/Los_Angeles", "America/Denver"};
// Alaska: Alaska time, plus the Aleutians west of 169.5 W on Hawaii-Aleutian time.
constexpr std::string_view kAlaska[] = {"America/Anchorage", "America/Adak"};
constexpr std::string_view kHawaii[] = {"Pacific/Honolulu"};
// US territories.
constexpr std::string_view kPuertoRico[] = {"America/Puerto_Rico"};
constexpr std::string_view kVirginIslandsUs[] = {"America/St_Thomas"};
constexpr std::string_view kGuam[] = {"Pacific/Guam"};
constexpr std::string_view kNorthernMarianas[] = {"Pacific/Saipan"};
constexpr std::string_view kAmericanSamoa[] = {"Pacific/Pago_Pago"};

// Canada.
constexpr std::string_view kBcLowerMainland[] = {"America/Vancouver"};
// All of BC (250 and the province-wide overlays): Pacific; the East Kootenay on Mountain time
// with daylight time; the Peace River region, Fort Nelson and Creston on MST all year.
constexpr std::string_view kBritishColumbia[] = {"America/Vancouver", "America/Edmonton",
                                                 "America/Dawson_Creek"};
constexpr std::string_view kAlberta[] = {"America/Edmonton"};
// Saskatchewan: CST all year; Lloydminster keeps Alberta time; Creighton/Denare Beach keep
// Manitoba time.
constexpr std::string_view kSaskatchewan[] = {"America/Regina", "America/Edmonton",
                                              "America/Winnipeg"};
constexpr std::string_view kManitoba[] = {"America/Winnipeg"};
constexpr std::string_view kOntario[] = {"America/Toronto"};
// NW Ontario: Thunder Bay area Eastern, Kenora/Dryden/Fort Frances Central, Atikokan EST all
// year.
constexpr std::string_view kOntario807[] = {"America/Toronto", "America/Winnipeg",
                                            "America/Atikokan"};
constexpr std::string_view kQuebec[] = {"America/Toronto"};
// Eastern Quebec: Eastern, the Magdalen Islands Atlantic, the Lower North Shore (Blanc-Sablon)
// AST all year.
constexpr std::string_view kQuebec418[] = {"America/Toronto", "America/Halifax",
                                           "America/Blanc-Sablon"};
constexpr std::string_view kNewBrunswick[] = {"America/Moncton"};
constexpr std::string_view kNovaScotiaPei[] = {"America/Halifax"};
// Newfoundland time on the island and Labrador's south coast; Atlantic in the rest of Labrador.
constexpr std::string_view kNewfoundlandLabrador[] = {"America/St_Johns", "America/Goose_Bay"};
// Yukon (MST all year), NWT and western Nunavut (Mountain), central Nunavut (Central), eastern
// Nunavut (Eastern), Southampton Island/Coral Harbour (EST all year).
constexpr std::string_view kNorth[] = {"America/Whitehorse", "America/Inuvik",
                                       "America/Rankin_Inlet", "America/Iqaluit",
                                       "America/Atikokan"};

// Other NANP countries.
constexpr std::string_view kBahamas[] = {"America/Nassau"};
constexpr std::string_view kBarbados[] = {"America/Barbados"};
constexpr std::string_view kAnguilla[] = {"America/Anguilla"};
constexpr std::string_view kAntigua[] = {"America/Antigua"};
constexpr std::string_view kVirginIslandsUk[] = {"America/Tortola"};
constexpr std::string_view kCayman[] = {"America/Cayman"};
constexpr std::string_view kBermuda[] = {"Atlantic/Bermuda"};
constexpr std::string_view kGrenada[] = {"America/Grenada"};
constexpr std::string_view kTurksCaicos[] = {"America/Grand_Turk"};
constexpr std::string_view kJamaica[] = {"America/Jamaica"};
constexpr std::string_view kMontserrat[] = {"America/Montserrat"};
constexpr std::string_view kSintMaarten[] = {"America/Lower_Princes"};
constexpr std::string_view kStLucia[] = {"America/St_Lucia"};
constexpr std::string_view kDominica[] = {"America/Dominica"};
constexpr std::string_view kStVincent[] = {"America/St_Vincent"};
constexpr std::string_view kDominicanRepublic[] = {"America/Santo_Domingo"};
constexpr std::string_view kTrinidad[] = {"America/Port_of_Spain"};
constexpr std::string_view kStKitts[] = {"America/St_Kitts"};

// ---- Extra regions of codes serving more than one. ----
constexpr std::string_view kAlsoPei[] = {"PE"};
constexpr std::string_view kAlsoNtNu[] = {"NT", "NU"};
constexpr std::string_view kAlsoAlaska[] = {"AK"};  // Hyder, AK is served from Stewart, BC

constexpr AreaCodeEntry Us(int code, std::string_view state, Zones zones) {
  return {code, {state, "US", zones, {}}};
}
constexpr AreaCodeEntry Ca(int code, std::string_view province, Zones zones, Zones also = {}) {
  return {code, {province, "CA", zones, also}};
}
// Another NANP country: its region is the country.
constexpr AreaCodeEntry Nanp(int code, std::string_view country, Zones zones) {
  return {code, {country, country, zones, {}}};
}

// clang-format off
constexpr AreaCodeEntry kRows[] = {
    // ---------------- United States ----------------
    // Alabama. 334 includes Phenix City, Lanett and Valley, which keep Eastern time.
    Us(205, "AL", kCentral), Us(251, "AL", kCentral), Us(256, "AL", kCentral),
    Us(334, "AL", kCentralEastern), Us(659, "AL", kCentral), Us(938, "AL", kCentral),
    // Alaska.
    Us(907, "AK", kAlaska),
    // Arizona.
    Us(480, "AZ", kArizona), Us(520, "AZ", kArizona), Us(602, "AZ", kArizona),
    Us(623, "AZ", kArizona), Us(928, "AZ", kArizonaNavajo),
    // Arkansas.
    Us(327, "AR", kCentral), Us(479, "AR", kCentral), Us(501, "AR", kCentral),
    Us(870, "AR", kCentral),
    // California.
    Us(209, "CA", kPacific), Us(213, "CA", kPacific), Us(279, "CA", kPacific),
    Us(310, "CA", kPacific), Us(323, "CA", kPacific), Us(341, "CA", kPacific),
    Us(350, "CA", kPacific), Us(357, "CA", kPacific), Us(369, "CA", kPacific),
    Us(408, "CA", kPacific), Us(415, "CA", kPacific), Us(424, "CA", kPacific),
    Us(442, "CA", kPacific), Us(510, "CA", kPacific), Us(530, "CA", kPacific),
    Us(559, "CA", kPacific), Us(562, "CA", kPacific), Us(619, "CA", kPacific),
    Us(626, "CA", kPacific), Us(628, "CA", kPacific), Us(650, "CA", kPacific),
    Us(657, "CA", kPacific), Us(661, "CA", kPacific), Us(669, "CA", kPacific),
    Us(707, "CA", kPacific), Us(714, "CA", kPacific), Us(738, "CA", kPacific),
    Us(747, "CA", kPacific), Us(760, "CA", kPacific), Us(805, "CA", kPacific),
    Us(818, "CA", kPacific), Us(820, "CA", kPacific), Us(831, "CA", kPacific),
    Us(840, "CA", kPacific), Us(858, "CA", kPacific), Us(909, "CA", kPacific),
    Us(916, "CA", kPacific), Us(925, "CA", kPacific), Us(949, "CA", kPacific),
    Us(951, "CA", kPacific),
    // Colorado.
    Us(303, "CO", kMountain), Us(719, "CO", kMountain), Us(720, "CO", kMountain),
    Us(970, "CO", kMountain), Us(983, "CO", kMountain),
    // Connecticut.
    Us(203, "CT", kEastern), Us(475, "CT", kEastern), Us(860, "CT", kEastern),
    Us(959, "CT", kEastern),
    // Delaware.
    Us(302, "DE", kEastern),
    // District of Columbia.
    Us(202, "DC", kEastern), Us(771, "DC", kEastern),
    // Florida. 850 and its overlay 448: the panhandle west of the Apalachicola is Central.
    Us(239, "FL", kEastern), Us(305, "FL", kEastern), Us(321, "FL", kEastern),
    Us(324, "FL", kEastern), Us(352, "FL", kEastern), Us(386, "FL", kEastern),
    Us(407, "FL", kEastern), Us(448, "FL", kCentralEastern), Us(561, "FL", kEastern),
    Us(645, "FL", kEastern), Us(656, "FL", kEastern), Us(689, "FL", kEastern),
    Us(727, "FL", kEastern), Us(728, "FL", kEastern), Us(754, "FL", kEastern),
    Us(772, "FL", kEastern), Us(786, "FL", kEastern), Us(813, "FL", kEastern),
    Us(850, "FL", kCentralEastern), Us(863, "FL", kEastern), Us(904, "FL", kEastern),
    Us(941, "FL", kEastern), Us(954, "FL", kEastern),
    // Georgia.
    Us(229, "GA", kEastern), Us(404, "GA", kEastern), Us(470, "GA", kEastern),
    Us(478, "GA", kEastern), Us(678, "GA", kEastern), Us(706, "GA", kEastern),
    Us(762, "GA", kEastern), Us(770, "GA", kEastern), Us(912, "GA", kEastern),
    Us(943, "GA", kEastern),
    // Hawaii.
    Us(808, "HI", kHawaii),
    // Idaho.
    Us(208, "ID", kIdaho), Us(986, "ID", kIdaho),
    // Illinois.
    Us(217, "IL", kCentral), Us(224, "IL", kCentral), Us(309, "IL", kCentral),
    Us(312, "IL", kCentral), Us(331, "IL", kCentral), Us(447, "IL", kCentral),
    Us(464, "IL", kCentral), Us(618, "IL", kCentral), Us(630, "IL", kCentral),
    Us(708, "IL", kCentral), Us(730, "IL", kCentral), Us(773, "IL", kCentral),
    Us(779, "IL", kCentral), Us(815, "IL", kCentral), Us(847, "IL", kCentral),
    Us(861, "IL", kCentral), Us(872, "IL", kCentral),
    // Indiana.
    Us(219, "IN", kIndiana219), Us(260, "IN", kIndiana), Us(317, "IN", kIndiana),
    Us(463, "IN", kIndiana), Us(574, "IN", kIndiana574), Us(765, "IN", kIndiana),
    Us(812, "IN", kIndiana812), Us(930, "IN", kIndiana812),
    // Iowa.
    Us(319, "IA", kCentral), Us(515, "IA", kCentral), Us(563, "IA", kCentral),
    Us(641, "IA", kCentral), Us(712, "IA", kCentral),
    // Kansas. 620 (Greeley, Hamilton) and 785 (Sherman, Wallace) reach the Mountain counties.
    Us(316, "KS", kCentral), Us(620, "KS", kCentralMountain), Us(785, "KS", kCentralMountain),
    Us(913, "KS", kCentral),
    // Kentucky.
    Us(270, "KY", kKentuckySplit), Us(364, "KY", kKentuckySplit), Us(502, "KY", kKentuckyEastern),
    Us(606, "KY", kKentuckySplit), Us(859, "KY", kKentuckyEastern),
    // Louisiana.
    Us(225, "LA", kCentral), Us(318, "LA", kCentral), Us(337, "LA", kCentral),
    Us(457, "LA", kCentral), Us(504, "LA", kCentral), Us(985, "LA", kCentral),
    // Maine.
    Us(207, "ME", kEastern),
    // Maryland.
    Us(227, "MD", kEastern), Us(240, "MD", kEastern), Us(301, "MD", kEastern),
    Us(410, "MD", kEastern), Us(443, "MD", kEastern), Us(667, "MD", kEastern),
    // Massachusetts.
    Us(339, "MA", kEastern), Us(351, "MA", kEastern), Us(413, "MA", kEastern),
    Us(508, "MA", kEastern), Us(617, "MA", kEastern), Us(774, "MA", kEastern),
    Us(781, "MA", kEastern), Us(857, "MA", kEastern), Us(978, "MA", kEastern),
    // Michigan.
    Us(231, "MI", kMichigan), Us(248, "MI", kMichigan), Us(269, "MI", kMichigan),
    Us(313, "MI", kMichigan), Us(517, "MI", kMichigan), Us(586, "MI", kMichigan),
    Us(616, "MI", kMichigan), Us(679, "MI", kMichigan), Us(734, "MI", kMichigan),
    Us(810, "MI", kMichigan), Us(906, "MI", kMichigan906), Us(947, "MI", kMichigan),
    Us(989, "MI", kMichigan),
    // Minnesota.
    Us(218, "MN", kCentral), Us(320, "MN", kCentral), Us(507, "MN", kCentral),
    Us(612, "MN", kCentral), Us(651, "MN", kCentral), Us(763, "MN", kCentral),
    Us(924, "MN", kCentral), Us(952, "MN", kCentral),
    // Mississippi.
    Us(228, "MS", kCentral), Us(601, "MS", kCentral), Us(662, "MS", kCentral),
    Us(769, "MS", kCentral),
    // Missouri.
    Us(235, "MO", kCentral), Us(314, "MO", kCentral), Us(417, "MO", kCentral),
    Us(557, "MO", kCentral), Us(573, "MO", kCentral), Us(636, "MO", kCentral),
    Us(660, "MO", kCentral), Us(816, "MO", kCentral), Us(975, "MO", kCentral),
    // Montana.
    Us(406, "MT", kMountain),
    // Nebraska. 308: the Panhandle and western Sandhills are Mountain. 402 (and its overlay
    // 531) serves Cherry County, whose western part is Mountain; whether any 402 exchange lies
    // there is unverified, so Mountain is listed (fail closed; see area_codes.h).
    Us(308, "NE", kCentralMountain), Us(402, "NE", kCentralMountain),
    Us(531, "NE", kCentralMountain),
    // Nevada.
    Us(702, "NV", kPacific), Us(725, "NV", kPacific), Us(775, "NV", kNevada775),
    // New Hampshire.
    Us(603, "NH", kEastern),
    // New Jersey.
    Us(201, "NJ", kEastern), Us(551, "NJ", kEastern), Us(609, "NJ", kEastern),
    Us(640, "NJ", kEastern), Us(732, "NJ", kEastern), Us(848, "NJ", kEastern),
    Us(856, "NJ", kEastern), Us(862, "NJ", kEastern), Us(908, "NJ", kEastern),
    Us(973, "NJ", kEastern),
    // New Mexico.
    Us(505, "NM", kMountain), Us(575, "NM", kMountain),
    // New York.
    Us(212, "NY", kEastern), Us(315, "NY", kEastern), Us(329, "NY", kEastern),
    Us(332, "NY", kEastern), Us(347, "NY", kEastern), Us(363, "NY", kEastern),
    Us(516, "NY", kEastern), Us(518, "NY", kEastern), Us(585, "NY", kEastern),
    Us(607, "NY", kEastern), Us(624, "NY", kEastern), Us(631, "NY", kEastern),
    Us(646, "NY", kEastern), Us(680, "NY", kEastern), Us(716, "NY", kEastern),
    Us(718, "NY", kEastern), Us(838, "NY", kEastern), Us(845, "NY", kEastern),
    Us(914, "NY", kEastern), Us(917, "NY", kEastern), Us(929, "NY", kEastern),
    Us(934, "NY", kEastern),
    // North Carolina.
    Us(252, "NC", kEastern), Us(336, "NC", kEastern), Us(472, "NC", kEastern),
    Us(704, "NC", kEastern), Us(743, "NC", kEastern), Us(828, "NC", kEastern),
    Us(910, "NC", kEastern), Us(919, "NC", kEastern), Us(980, "NC", kEastern),
    Us(984, "NC", kEastern),
    // North Dakota: the southwest is Mountain.
    Us(701, "ND", kCentralMountain),
    // Ohio.
    Us(216, "OH", kEastern), Us(220, "OH", kEastern), Us(234, "OH", kEastern),
    Us(283, "OH", kEastern), Us(326, "OH", kEastern), Us(330, "OH", kEastern),
    Us(380, "OH", kEastern), Us(419, "OH", kEastern), Us(436, "OH", kEastern),
    Us(440, "OH", kEastern), Us(513, "OH", kEastern), Us(567, "OH", kEastern),
    Us(614, "OH", kEastern), Us(740, "OH", kEastern), Us(937, "OH", kEastern),
    // Oklahoma. 580 includes Kenton (Cimarron County), which keeps Mountain time.
    Us(405, "OK", kCentral), Us(539, "OK", kCentral), Us(572, "OK", kCentral),
    Us(580, "OK", kCentralMountain), Us(918, "OK", kCentral),
    // Oregon.
    Us(458, "OR", kOregon541), Us(503, "OR", kPacific), Us(541, "OR", kOregon541),
    Us(971, "OR", kPacific),
    // Pennsylvania.
    Us(215, "PA", kEastern), Us(223, "PA", kEastern), Us(267, "PA", kEastern),
    Us(272, "PA", kEastern), Us(412, "PA", kEastern), Us(445, "PA", kEastern),
    Us(484, "PA", kEastern), Us(570, "PA", kEastern), Us(582, "PA", kEastern),
    Us(610, "PA", kEastern), Us(717, "PA", kEastern), Us(724, "PA", kEastern),
    Us(814, "PA", kEastern), Us(835, "PA", kEastern), Us(878, "PA", kEastern),
    // Rhode Island.
    Us(401, "RI", kEastern),
    // South Carolina.
    Us(803, "SC", kEastern), Us(839, "SC", kEastern), Us(843, "SC", kEastern),
    Us(854, "SC", kEastern), Us(864, "SC", kEastern),
    // South Dakota: west river is Mountain.
    Us(605, "SD", kCentralMountain),
    // Tennessee. 423 includes Bledsoe, Sequatchie and Marion counties, which are Central.
    Us(423, "TN", kCentralEastern), Us(615, "TN", kCentral), Us(629, "TN", kCentral),
    Us(731, "TN", kCentral), Us(865, "TN", kEastern), Us(901, "TN", kCentral),
    Us(931, "TN", kCentral),
    // Texas. 915: El Paso and Hudspeth counties are Mountain.
    Us(210, "TX", kCentral), Us(214, "TX", kCentral), Us(254, "TX", kCentral),
    Us(281, "TX", kCentral), Us(325, "TX", kCentral), Us(346, "TX", kCentral),
    Us(361, "TX", kCentral), Us(409, "TX", kCentral), Us(430, "TX", kCentral),
    Us(432, "TX", kCentral), Us(469, "TX", kCentral), Us(512, "TX", kCentral),
    Us(682, "TX", kCentral), Us(713, "TX", kCentral), Us(726, "TX", kCentral),
    Us(737, "TX", kCentral), Us(806, "TX", kCentral), Us(817, "TX", kCentral),
    Us(830, "TX", kCentral), Us(832, "TX", kCentral), Us(903, "TX", kCentral),
    Us(915, "TX", kMountain), Us(936, "TX", kCentral), Us(940, "TX", kCentral),
    Us(945, "TX", kCentral), Us(956, "TX", kCentral), Us(972, "TX", kCentral),
    Us(979, "TX", kCentral),
    // Utah.
    Us(385, "UT", kMountain), Us(435, "UT", kMountain), Us(801, "UT", kMountain),
    // Vermont.
    Us(802, "VT", kEastern),
    // Virginia.
    Us(276, "VA", kEastern), Us(434, "VA", kEastern), Us(540, "VA", kEastern),
    Us(571, "VA", kEastern), Us(686, "VA", kEastern), Us(703, "VA", kEastern),
    Us(757, "VA", kEastern), Us(804, "VA", kEastern), Us(826, "VA", kEastern),
    Us(948, "VA", kEastern),
    // Washington.
    Us(206, "WA", kPacific), Us(253, "WA", kPacific), Us(360, "WA", kPacific),
    Us(425, "WA", kPacific), Us(509, "WA", kPacific), Us(564, "WA", kPacific),
    // West Virginia.
    Us(304, "WV", kEastern), Us(681, "WV", kEastern),
    // Wisconsin.
    Us(262, "WI", kCentral), Us(274, "WI", kCentral), Us(353, "WI", kCentral),
    Us(414, "WI", kCentral), Us(534, "WI", kCentral), Us(608, "WI", kCentral),
    Us(715, "WI", kCentral), Us(920, "WI", kCentral),
    // Wyoming.
    Us(307, "WY", kMountain),
    // US territories.
    Us(340, "VI", kVirginIslandsUs), Us(670, "MP", kNorthernMarianas), Us(671, "GU", kGuam),
    Us(684, "AS", kAmericanSamoa), Us(787, "PR", kPuertoRico), Us(939, "PR", kPuertoRico),
    // ---------------- Canada ----------------
    // Alberta.
    Ca(368, "AB", kAlberta), Ca(403, "AB", kAlberta), Ca(587, "AB", kAlberta),
    Ca(780, "AB", kAlberta), Ca(825, "AB", kAlberta),
    // British Columbia. 604 is the Lower Mainland only; 250 and the province-wide overlays
    // (236, 257, 672, 778) reach the Mountain-time parts, and 250 serves Hyder, AK.
    Ca(236, "BC", kBritishColumbia), Ca(250, "BC", kBritishColumbia, kAlsoAlaska),
    Ca(257, "BC", kBritishColumbia), Ca(604, "BC", kBcLowerMainland),
    Ca(672, "BC", kBritishColumbia), Ca(778, "BC", kBritishColumbia),
    // Manitoba.
    Ca(204, "MB", kManitoba), Ca(431, "MB", kManitoba), Ca(584, "MB", kManitoba),
    // New Brunswick.
    Ca(428, "NB", kNewBrunswick), Ca(506, "NB", kNewBrunswick),
    // Newfoundland and Labrador.
    Ca(709, "NL", kNewfoundlandLabrador), Ca(879, "NL", kNewfoundlandLabrador),
    // Nova Scotia and Prince Edward Island.
    Ca(782, "NS", kNovaScotiaPei, kAlsoPei), Ca(902, "NS", kNovaScotiaPei, kAlsoPei),
    // Ontario.
    Ca(226, "ON", kOntario), Ca(249, "ON", kOntario), Ca(289, "ON", kOntario),
    Ca(343, "ON", kOntario), Ca(365, "ON", kOntario), Ca(382, "ON", kOntario),
    Ca(416, "ON", kOntario), Ca(437, "ON", kOntario), Ca(519, "ON", kOntario),
    Ca(548, "ON", kOntario), Ca(613, "ON", kOntario), Ca(647, "ON", kOntario),
    Ca(683, "ON", kOntario), Ca(705, "ON", kOntario), Ca(742, "ON", kOntario),
    Ca(753, "ON", kOntario), Ca(807, "ON", kOntario807), Ca(905, "ON", kOntario),
    Ca(942, "ON", kOntario),
    // Quebec. 418 and its overlays 581/367 cover eastern Quebec.
    Ca(263, "QC", kQuebec), Ca(354, "QC", kQuebec), Ca(367, "QC", kQuebec418),
    Ca(418, "QC", kQuebec418), Ca(438, "QC", kQuebec), Ca(450, "QC", kQuebec),
    Ca(468, "QC", kQuebec), Ca(514, "QC", kQuebec), Ca(579, "QC", kQuebec),
    Ca(581, "QC", kQuebec418), Ca(819, "QC", kQuebec), Ca(873, "QC", kQuebec),
    // Saskatchewan.
    Ca(306, "SK", kSaskatchewan), Ca(474, "SK", kSaskatchewan), Ca(639, "SK", kSaskatchewan),
    // Yukon, Northwest Territories, Nunavut.
    Ca(867, "YT", kNorth, kAlsoNtNu),
    // ---------------- Other NANP countries ----------------
    Nanp(242, "BS", kBahamas), Nanp(246, "BB", kBarbados), Nanp(264, "AI", kAnguilla),
    Nanp(268, "AG", kAntigua), Nanp(284, "VG", kVirginIslandsUk), Nanp(345, "KY", kCayman),
    Nanp(441, "BM", kBermuda), Nanp(473, "GD", kGrenada), Nanp(649, "TC", kTurksCaicos),
    Nanp(658, "JM", kJamaica), Nanp(664, "MS", kMontserrat), Nanp(721, "SX", kSintMaarten),
    Nanp(758, "LC", kStLucia), Nanp(767, "DM", kDominica), Nanp(784, "VC", kStVincent),
    Nanp(809, "DO", kDominicanRepublic), Nanp(829, "DO", kDominicanRepublic),
    Nanp(849, "DO", kDominicanRepublic), Nanp(868, "TT", kTrinidad), Nanp(869, "KN", kStKitts),
    Nanp(876, "JM", kJamaica),
};
// clang-format on
constexpr size_t kRowCount = std::size(kRows);

constexpr std::array<AreaCodeEntry, kRowCount> SortedRows() {
  std::array<AreaCodeEntry, kRowCount> rows{};
  std::copy(std::begin(kRows), std::end(kRows), rows.begin());
  std::sort(rows.begin(), rows.end(), [](const AreaCodeEntry& a, const AreaCodeEntry& b) {
    return a.area_code < b.area_code;
  });
  return rows;
}
constexpr std::array<AreaCodeEntry, kRowCount> kTable = SortedRows();

constexpr bool StrictlyAscendingInRange() {
  for (size_t i = 0; i < kTable.size(); ++i) {
    if (kTable[i].area_code < 200 || kTable[i].area_code > 999) return false;
    if (i > 0 && kTable[i - 1].area_code >= kTable[i].area_code) return false;
  }
  return true;
}
static_assert(StrictlyAscendingInRange(), "area codes must be unique and in 200-999");

constexpr bool EveryRowHasZonesAndRegion() {
  for (const AreaCodeEntry& e : kTable) {
    if (e.info.zones.empty() || e.info.region.size() != 2 || e.info.country.size() != 2) {
      return false;
    }
  }
  return true;
}
static_assert(EveryRowHasZonesAndRegion());

constexpr int kNoEntry = -1;
static_assert(kRowCount < 32768);

// kIndex[code] = the row of `code` in kTable, or kNoEntry.
constexpr std::array<int16_t, 1000> BuildIndex() {
  std::array<int16_t, 1000> index{};
  index.fill(kNoEntry);
  for (size_t i = 0; i < kTable.size(); ++i) {
    index[static_cast<size_t>(kTable[i].area_code)] = static_cast<int16_t>(i);
  }
  return index;
}
constexpr std::array<int16_t, 1000> kIndex = BuildIndex();

}  // namespace

const AreaCodeInfo* LookupAreaCode(int area_code) {
  if (area_code < 0 || area_code >= static_cast<int>(kIndex.size())) return nullptr;
  const int row = kIndex[static_cast<size_t>(area_code)];
  return row == kNoEntry ? nullptr : &kTable[static_cast<size_t>(row)].info;
}

std::span<const AreaCodeEntry> AllAreaCodes() { return kTable; }

}  // namespace recoup::compliance
