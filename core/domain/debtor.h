// The person who owes: contact points with consent provenance, location evidence and person-level
// flags. Everything compliance reads about a person is here or in their ContactHistory (contact.h);
// debt-level flags are on the Account (account.h).
//
// Unknown is a value: an unset Timestamp field means "never" (InfinitePast for "since", InfiniteFuture
// for "until"), a phone of unknown type is treated as a mobile by consent rules, and a location that
// cannot be resolved to a time zone blocks calls and messages (compliance fails closed).
#ifndef RECOUP_CORE_DOMAIN_DEBTOR_H_
#define RECOUP_CORE_DOMAIN_DEBTOR_H_

#include <cstdint>
#include <string>
#include <vector>

#include "core/base/time.h"
#include "core/domain/contact.h"

namespace recoup::domain {

enum class PhoneType : uint8_t { kUnknown, kMobile, kLandline, kVoip };
// Where a medium is tied to (1006.6(b)(1)(ii)): a work number inherits a block on workplace contact.
enum class Place : uint8_t { kUnknown, kHome, kWork, kOther };

// How prior express consent to robocalls/AI-voice calls (TCPA) or texts, or the opt-in to WhatsApp
// messages, was obtained.
enum class ConsentSource : uint8_t {
  kNone,
  kCreditTransaction,  // number given to the creditor in the credit transaction
  kGivenToCollector,   // given directly to us
  kWritten,            // written consent (what NYC requires for electronic media)
};

struct Consent {
  ConsentSource source = ConsentSource::kNone;
  Timestamp given = Timestamp::InfinitePast();
  Timestamp revoked = Timestamp::InfiniteFuture();  // any reasonable means (47 CFR 64.1200(a)(10))
  bool ActiveAt(Timestamp t) const {
    return source != ConsentSource::kNone && given <= t && t < revoked;
  }
};

struct Phone {
  std::string e164;       // "+16175550123"
  int area_code = 0;      // NANP area code for +1 numbers, 0 otherwise
  PhoneType type = PhoneType::kUnknown;
  Place place = Place::kUnknown;
  bool wrong_number = false;       // learned not to be the person's
  bool calls_opted_out = false;    // asked not to be called on this number (1006.14(h))
  bool texts_opted_out = false;    // STOP or equivalent
  // Asked us to stop WhatsApp messages to this number (1006.14(h)). A medium of its own: it does
  // not stop texts, and a text STOP does not stop WhatsApp.
  bool whatsapp_opted_out = false;
  Consent robocall_consent;        // TCPA: AI / prerecorded / autodialed calls
  Consent sms_consent;
  // The person's opt-in to WhatsApp messages from us on this number's WhatsApp account, which the
  // WhatsApp Business Messaging Policy requires before a business messages them. Unset = never
  // opted in: no WhatsApp message (fail closed).
  Consent whatsapp_consent;
  // Latest of: the person texted (SMS or WhatsApp) from this number, or gave/renewed text or
  // WhatsApp consent (Reg F 1006.6(d)(5)).
  Timestamp last_text_consent_or_inbound = Timestamp::InfinitePast();
  // Latest clean reassigned-numbers-database check (FCC 18-177) for this number.
  Timestamp reassigned_check_clean = Timestamp::InfinitePast();
};

enum class EmailProvenance : uint8_t {
  kUnknown,
  kConsumerUsed,       // the person emailed us from it or consented to it (1006.6(d)(4)(i)(A))
  kCreditorNotice,     // creditor sent the opt-out notice; usable after notice_optout_deadline
  kPriorCollector,     // the immediately prior collector used it lawfully
};

struct Email {
  std::string address;
  EmailProvenance provenance = EmailProvenance::kUnknown;
  Timestamp notice_sent = Timestamp::InfinitePast();              // kCreditorNotice only
  Timestamp notice_optout_deadline = Timestamp::InfiniteFuture();  // >= notice_sent + 35 days
  bool employer_provided = false;
  bool opted_out = false;
  Consent written_consent;  // for jurisdictions that require written consent to email (NYC)
};

struct Address {
  std::string country;     // ISO 3166-1 alpha-2: "US", "GB", "CO", "MX"
  std::string region;      // US state / Canadian province code ("MA"), UK nation, ...
  std::string postal_code;
  std::string time_zone;   // IANA zone when known from geocoding ("America/New_York"), else empty
};

// A recurring local time the person said is inconvenient ("not before 10", "not on Sundays").
struct InconvenientTime {
  uint8_t weekdays = 0x7f;  // bit 0 = Monday ... bit 6 = Sunday
  int start_minute = 0;     // minutes after local midnight, inclusive
  int end_minute = 24 * 60; // exclusive
};

struct Debtor {
  PersonId id = 0;
  std::string name;
  std::vector<Phone> phones;
  std::vector<Email> emails;
  Address address;
  // Other zones the person is known to be in (stated by them, recent IP geolocation...).
  std::vector<std::string> known_time_zones;
  std::vector<InconvenientTime> inconvenient_times;
  bool no_contact_at_work = false;      // employer prohibits or person asked (1006.6(b)(3))
  bool calls_opted_out = false;         // no calls at all (medium opt-out)
  bool texts_opted_out = false;
  bool whatsapp_opted_out = false;      // no WhatsApp messages at all (independent of texts)
  bool emails_opted_out = false;
  bool deceased = false;
  bool bankruptcy = false;              // petition filed: automatic stay (11 USC 362)
  bool scra_active_duty = false;        // SCRA: legal action needs court; contact allowed
  bool capacity_hold = false;           // UK CONC: may lack capacity, suspend recovery
  Timestamp breathing_space_until = Timestamp::InfinitePast();  // UK Debt Respite Scheme
  bool vulnerable = false;              // UK: needs the vulnerable-customer path
  // Consent given directly to the collector to call outside 08:00-21:00 (1006.6(b)(1)).
  bool consented_to_inconvenient_hours = false;
};

}  // namespace recoup::domain

#endif  // RECOUP_CORE_DOMAIN_DEBTOR_H_
