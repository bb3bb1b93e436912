// Shared builders for the compliance tests: a consumer in Albany, New York (Eastern time, not NYC,
// no state overlay) with one mobile number that has every consent (robocalls, texts, and the
// WhatsApp opt-in), and helpers for times and events.
#ifndef RECOUP_TESTS_CORE_COMPLIANCE_FIXTURES_H_
#define RECOUP_TESTS_CORE_COMPLIANCE_FIXTURES_H_

#include <string>

#include "core/base/time.h"
#include "core/compliance/engine.h"
#include "core/domain/account.h"
#include "core/domain/contact.h"
#include "core/domain/debtor.h"

namespace recoup::compliance::testing {

inline constexpr domain::AccountId kDebt = 1;
inline constexpr domain::AccountId kOtherDebt = 2;

// UTC instant of a wall-clock time in a zone with a fixed offset from UTC (hours; e.g. -5 for EST).
inline Timestamp At(int y, int mo, int d, int h, int mi, int utc_offset_hours) {
  return Timestamp::FromCivilUtc(y, mo, d, h, mi) - Duration::Hours(utc_offset_hours);
}

inline domain::Phone Mobile(std::string e164, int area_code) {
  domain::Phone p;
  p.e164 = std::move(e164);
  p.area_code = area_code;
  p.type = domain::PhoneType::kMobile;
  p.place = domain::Place::kHome;
  p.robocall_consent.source = domain::ConsentSource::kCreditTransaction;
  p.robocall_consent.given = Timestamp::FromCivilUtc(2020, 1, 1);
  p.sms_consent.source = domain::ConsentSource::kGivenToCollector;
  p.sms_consent.given = Timestamp::FromCivilUtc(2020, 1, 1);
  p.whatsapp_consent.source = domain::ConsentSource::kGivenToCollector;
  p.whatsapp_consent.given = Timestamp::FromCivilUtc(2020, 1, 1);
  p.last_text_consent_or_inbound = Timestamp::FromCivilUtc(2026, 11, 1);
  return p;
}

inline domain::Debtor Albany() {
  domain::Debtor d;
  d.id = 10;
  d.address.country = "US";
  d.address.region = "NY";
  d.address.postal_code = "12207";
  d.phones.push_back(Mobile("+15185550100", 518));
  domain::Email e;
  e.address = "pat@example.org";
  e.provenance = domain::EmailProvenance::kConsumerUsed;
  d.emails.push_back(e);
  return d;
}

inline domain::Account Debt() {
  domain::Account a;
  a.id = kDebt;
  a.debtor = 10;
  a.balance.principal = Money::FromMajorUnits(800);
  a.days_past_due = 45;
  a.validation_notice_sent = Timestamp::FromCivilUtc(2026, 10, 1);
  return a;
}

inline domain::ContactEvent Call(Timestamp t, domain::Outcome o, domain::AccountId debt = kDebt) {
  domain::ContactEvent e;
  e.time = t;
  e.channel = domain::Channel::kCall;
  e.outcome = o;
  e.contact_point = 0;
  e.debts.Add(debt);
  return e;
}

inline domain::ContactEvent Message(Timestamp t, domain::Channel ch, domain::AccountId debt = kDebt) {
  domain::ContactEvent e;
  e.time = t;
  e.channel = ch;
  e.outcome = domain::Outcome::kSent;
  e.contact_point = 0;
  e.debts.Add(debt);
  return e;
}

inline ContactRequest CallRequest(domain::VoiceMode voice = domain::VoiceMode::kHuman) {
  ContactRequest r;
  r.channel = domain::Channel::kCall;
  r.voice = voice;
  return r;
}

inline ContactRequest Request(domain::Channel ch) {
  ContactRequest r;
  r.channel = ch;
  return r;
}

}  // namespace recoup::compliance::testing

#endif  // RECOUP_TESTS_CORE_COMPLIANCE_FIXTURES_H_
