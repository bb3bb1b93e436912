// Rule identifiers of the compliance engine: every deny and defer names one, so that the simulator
// and the org can report blocked actions by rule (collections-domain.md section 1.7, note 5).
#ifndef RECOUP_CORE_COMPLIANCE_RULES_H_
#define RECOUP_CORE_COMPLIANCE_RULES_H_

#include <cstdint>
#include <string_view>

namespace recoup::compliance {

enum class Rule : uint8_t {
  kNone,               // allowed
  kDataContactPoint,   // the requested phone/email does not exist, or has no usable number/address
  kDataLocation,       // no time zone could be established for the consumer: fail closed
  kDataProfile,        // the engine's profile is invalid
  kBankruptcy,         // BK-STAY: automatic stay
  kDeceased,           // deceased: only an estate representative, not handled here
  kWrittenCease,       // RF-CEASE (1006.6(c))
  kAttorney,           // RF-ATTORNEY (1006.6(b)(2))
  kDisputeHold,        // RF-DISPUTE (1006.38(d))
  kOriginalCreditorHold,  // RF-OC-REQUEST (1006.38(c))
  kBreathingSpace,     // UK-BREATHING (Debt Respite Scheme)
  kCapacityHold,       // UK-CAPACITY (CONC 7)
  kScraLegal,          // SCRA-COURT: no legal referral without a military-status check
  kTimeBarredSuit,     // RF-TIMEBARRED (1006.26(b))
  kWrongNumber,        // RF-CALL-MISDIRECT: number known not to be the person's
  kMediumOptOut,       // RF-MEDIUM (1006.14(h)): the person asked us not to use this medium
  kPlace,              // RF-PLACE (1006.6(b)(1)(ii),(b)(3)): work contact prohibited
  kTimeWindow,         // RF-TIME / RF-TIME-TZ / local windows (CO, MX, UK practice)
  kInconvenientTime,   // RF-TIME: a time the person designated as inconvenient
  kCallsPerWeek,       // RF-CALL-7x7 (1006.14(b)(2)(i)(A))
  kPostConversation,   // RF-CALL-POSTCONV (1006.14(b)(2)(i)(B))
  kCallGap,            // RF-REBUT: minimum gap between calls to one number (soft limit)
  kCallsPerDay,        // RF-REBUT: calls per person per day (soft limit)
  kMassachusetts,      // MA-FREQ: 2 calls/texts per 7 days per debt
  kWashington,         // WA-FREQ: 3 communications per week
  kNewYorkCity,        // NYC-FREQ: 3 attempts per 7 days across media
  kRobocallConsent,    // TCPA-CONSENT / TCPA-AI-VOICE: prior express consent
  kSmsConsent,         // RF-SMS-SAFE / consent to texts; a WhatsApp opt-in not renewed in 60 days
  kEmailProvenance,    // RF-EMAIL-SAFE
  kWrittenConsent,     // NYC: written consent before email, text or WhatsApp
  // WHATSAPP-OPTIN: no active opt-in to WhatsApp messages from us on the number (WhatsApp Business
  // Messaging Policy). Values are stored in results files: new rules go at the end.
  kWhatsAppConsent,
};
inline constexpr int kRuleCount = 31;

// Stable identifier ("RF-CALL-7x7", "TCPA-CONSENT", ...), as in collections-domain.md.
std::string_view RuleId(Rule r);

}  // namespace recoup::compliance

#endif  // RECOUP_CORE_COMPLIANCE_RULES_H_
