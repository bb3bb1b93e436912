#include "core/compliance/rules.h"

namespace recoup::compliance {

std::string_view RuleId(Rule r) {
  constexpr std::string_view kIds[kRuleCount] = {
      "NONE",           "DATA-CONTACT-POINT", "DATA-LOCATION",    "DATA-PROFILE",
      "BK-STAY",        "DECEASED",           "RF-CEASE",         "RF-ATTORNEY",
      "RF-DISPUTE",     "RF-OC-REQUEST",      "UK-BREATHING",     "UK-CAPACITY",
      "SCRA-COURT",     "RF-TIMEBARRED",      "RF-CALL-MISDIRECT", "RF-MEDIUM",
      "RF-PLACE",       "RF-TIME",            "RF-TIME-DESIGNATED", "RF-CALL-7x7",
      "RF-CALL-POSTCONV", "RF-REBUT-GAP",     "RF-REBUT-DAY",     "MA-FREQ",
      "WA-FREQ",        "NYC-FREQ",           "TCPA-CONSENT",     "RF-SMS-SAFE",
      "RF-EMAIL-SAFE",  "NYC-CONSENT",        "WHATSAPP-OPTIN"};
  const int i = static_cast<int>(r);
  return i >= 0 && i < kRuleCount ? kIds[i] : std::string_view("UNKNOWN");
}

}  // namespace recoup::compliance
