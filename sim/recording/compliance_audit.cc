#include "sim/recording/compliance_audit.h"

#include <algorithm>
#include <map>
#include <string>
#include <utility>

#include "core/compliance/engine.h"  // compliance::Purpose, the enum only
#include "core/conversation/records.h"
#include "sim/recording/audit_frequency.h"
#include "sim/recording/audit_location.h"
#include "sim/recording/audit_state.h"

namespace recoup::sim::recording {
namespace {

using audit::AccountField;
using audit::Before;
using audit::ChannelBit;
using audit::Connected;
using audit::EmailField;
using audit::IsInboundRow;
using audit::PersonField;
using audit::PersonRef;
using audit::PhoneField;
using audit::PhoneRecord;
using compliance::Rule;
using domain::Channel;
using domain::Outcome;

}  // namespace

std::vector<audit::Candidate> ComplianceAudit::State::Candidates(const PersonRef& p,
                                                                 Timestamp start) {
  const audit::Location& location = locations[persons[p.index].location];
  std::vector<audit::Candidate> out = location.home;
  const auto add = [&out](audit::Candidate k) {
    if (std::find(out.begin(), out.end(), k) == out.end()) out.push_back(k);
  };
  for (uint32_t i = p.first_phone; i < p.first_phone + p.phone_count; ++i) {
    const PhoneRecord& phone = phones[i];
    if (phone.area_code == 0 || Before(Time(i, PhoneField::kWrongNumber), start)) continue;
    if (const audit::ZoneTable::AreaZones* z = zones.AreaCode(phone.area_code)) {
      for (const int zone : z->zones) add({zone, z->kind});
    }
  }
  for (const audit::Candidate& k : location.known) add(k);
  return out;
}

void ComplianceAudit::State::CheckHolds(const ContactRow& c, uint64_t row, const PersonRef& p,
                                        uint32_t account, bool answering) {
  using compliance::Purpose;
  const auto purpose = static_cast<Purpose>(c.purpose);
  const bool written = c.channel == Channel::kLetter || c.channel == Channel::kEmail;
  if (Before(Time(p, PersonField::kBankruptcy), c.start)) Add(Rule::kBankruptcy, row, c);
  if (Before(Time(p, PersonField::kDeceased), c.start)) Add(Rule::kDeceased, row, c);
  if (Before(AccountTime(account, AccountField::kCease), c.start) &&
      !(purpose == Purpose::kCeaseAcknowledgement && written)) {
    Add(Rule::kWrittenCease, row, c);
  }
  if (Before(AccountTime(account, AccountField::kAttorney), c.start) && !c.reply_to_inbound &&
      !answering) {
    Add(Rule::kAttorney, row, c);
  }
  if (Before(AccountTime(account, AccountField::kDispute), c.start) &&
      purpose != Purpose::kDisputeVerification) {
    Add(Rule::kDisputeHold, row, c);
  }
  if ((accounts[account].flags & audit::kOriginalCreditorHold) != 0 &&
      purpose != Purpose::kDisputeVerification) {
    Add(Rule::kOriginalCreditorHold, row, c);
  }
  if (c.start < BreathingSpaceUntil(p)) Add(Rule::kBreathingSpace, row, c);
  if (PersonHas(p, audit::kCapacityHold)) Add(Rule::kCapacityHold, row, c);
}

void ComplianceAudit::State::CheckChannel(const ContactRow& c, uint64_t row, const PersonRef& p) {
  const bool confirmation =
      static_cast<compliance::Purpose>(c.purpose) == compliance::Purpose::kOptOutConfirmation;
  const auto index = static_cast<std::size_t>(c.contact_point);
  const bool no_work_contact = PersonHas(p, audit::kNoContactAtWork);
  switch (c.channel) {
    case Channel::kCall:
    case Channel::kSms:
    case Channel::kWhatsApp: {
      if (c.contact_point < 0 || index >= p.phone_count ||
          (phones[p.first_phone + index].flags & audit::kHasNumber) == 0) {
        Add(Rule::kDataContactPoint, row, c);
        return;
      }
      const auto at = static_cast<uint32_t>(p.first_phone + index);
      const PhoneRecord& phone = phones[at];
      const audit::ConsentSet& consents = consent_sets[phone.consents];
      // A medium's opt-out: the person's or the phone's.
      const auto opted_out = [&](PersonField person, PhoneField own) {
        return Before(Time(p, person), c.start) || Before(Time(at, own), c.start);
      };
      const auto consent = [&](const audit::Interval& given, PhoneField revoked) {
        return given.Contains(c.start) && !Before(Time(at, revoked), c.start);
      };
      if (Before(Time(at, PhoneField::kWrongNumber), c.start)) Add(Rule::kWrongNumber, row, c);
      if ((phone.flags & audit::kWorkPlace) != 0 && no_work_contact) Add(Rule::kPlace, row, c);
      if (c.channel == Channel::kCall) {
        if (opted_out(PersonField::kCallsOptedOut, PhoneField::kCallsOptedOut) &&
            !c.reply_to_inbound) {
          Add(Rule::kMediumOptOut, row, c);
        }
        if (domain::IsRobocall(c.voice) &&
            !consent(consents.robocall, PhoneField::kRobocallRevoked)) {
          Add(Rule::kRobocallConsent, row, c);
        }
      } else if (c.channel == Channel::kSms) {
        if (opted_out(PersonField::kTextsOptedOut, PhoneField::kTextsOptedOut) &&
            !c.reply_to_inbound && !confirmation) {
          Add(Rule::kMediumOptOut, row, c);
        }
        if (!consent(consents.sms, PhoneField::kSmsRevoked) && !c.reply_to_inbound) {
          Add(Rule::kSmsConsent, row, c);
        }
      } else {
        // WhatsApp: its own opt-outs and opt-in; a text opt-out or consent says nothing about it.
        if (opted_out(PersonField::kWhatsAppOptedOut, PhoneField::kWhatsAppOptedOut) &&
            !c.reply_to_inbound && !confirmation) {
          Add(Rule::kMediumOptOut, row, c);
        }
        if (!consent(consents.whatsapp, PhoneField::kWhatsAppRevoked) && !c.reply_to_inbound) {
          Add(Rule::kWhatsAppConsent, row, c);
        }
      }
      return;
    }
    case Channel::kEmail: {
      if (c.contact_point < 0 || index >= p.email_count ||
          (emails[p.first_email + index].flags & audit::kHasAddress) == 0) {
        Add(Rule::kDataContactPoint, row, c);
        return;
      }
      const auto at = static_cast<uint32_t>(p.first_email + index);
      const audit::EmailRecord& email = emails[at];
      const bool opted_out =
          Before(Time(p, PersonField::kEmailsOptedOut), c.start) ||
          Before(audit::TimeOf(email, email_times, at, EmailField::kOptedOut), c.start);
      if (opted_out && !c.reply_to_inbound && !confirmation) Add(Rule::kMediumOptOut, row, c);
      if ((email.flags & audit::kEmployerProvided) != 0 && no_work_contact) {
        Add(Rule::kPlace, row, c);
      }
      return;
    }
    case Channel::kLetter:
      return;
  }
}

void ComplianceAudit::State::CheckWindow(const ContactRow& c, uint64_t row, const PersonRef& p) {
  if (c.channel == Channel::kLetter || c.reply_to_inbound) return;
  const std::vector<audit::Candidate> candidates = Candidates(p, c.start);
  const audit::Location& location = locations[persons[p.index].location];
  const bool consented_hours = PersonHas(p, audit::kConsentedHours);
  if (candidates.empty() || location.unknown_zone_name) {
    Add(Rule::kDataLocation, row, c);
    return;
  }
  bool outside = false;
  bool designated = false;
  for (const audit::Candidate& k : candidates) {
    const cctz::civil_second local = zones.Local(k.zone, c.start);
    outside |= !audit::InsideWindow(k.kind, profile, consented_hours, local);
    const int weekday = audit::WeekdayIndex(local);
    const int minute = audit::MinuteOfDay(local);
    for (const domain::InconvenientTime& b : location.inconvenient) {
      designated |=
          (b.weekdays >> weekday & 1) != 0 && b.start_minute <= minute && minute < b.end_minute;
    }
  }
  if (outside) Add(Rule::kTimeWindow, row, c);
  if (designated) Add(Rule::kInconvenientTime, row, c);
}

void ComplianceAudit::State::Ledger(const ContactRow& c, uint64_t row, const PersonRef& p) {
  if (c.channel != Channel::kCall) return;
  const bool inbound = IsInboundRow(c);
  const auto index = static_cast<std::size_t>(c.contact_point);
  const bool known_phone = c.contact_point >= 0 && index < p.phone_count;
  const bool misdirected = c.outcome == Outcome::kWrongParty ||
                           (known_phone && Before(Time(static_cast<uint32_t>(p.first_phone + index),
                                                       PhoneField::kWrongNumber),
                                                  c.start));
  audit::CallEntry e;
  e.placed = !inbound && Connected(c.outcome) && !misdirected;
  e.conversation = !misdirected && ((!inbound && c.outcome == Outcome::kConversation) ||
                                    (inbound && c.right_party_contact));
  if (!e.placed && !e.conversation) return;
  // Days in the primary zone: the address's, else the first candidate.
  const std::vector<audit::Candidate> candidates = Candidates(p, c.start);
  if (candidates.empty()) return;  // reported as a location violation (outbound rows)
  const cctz::civil_day day(zones.Local(candidates.front().zone, c.start));
  e.day = static_cast<int32_t>(day - cctz::civil_day(1970, 1, 1));
  e.start_ns = c.start.unix_nanos();
  e.row = row;
  e.contact_point = c.contact_point;
  e.arm = c.arm;
  if (e.day > last_sweep_day) {  // a new day: forget the ledgers of debts not called lately
    last_sweep_day = e.day;
    std::erase_if(ledgers, [this](const auto& entry) {
      return entry.second.newest_day() < last_sweep_day - audit::RegFLedger::kKeepDays;
    });
  }
  scratch.clear();
  ledgers[{c.person, c.account}].Add(e, scratch);
  for (const audit::LedgerViolation& v : scratch) {
    violations.push_back({v.rule, v.call.row, c.account, c.person, v.call.arm,
                          Timestamp::FromUnixNanos(v.call.start_ns)});
  }
}

void ComplianceAudit::OnContact(const ContactRow& c) {
  State& s = *state_;
  const auto row = static_cast<uint64_t>(s.rows_seen++);
  const int64_t pi = s.person_ids.Find(c.person);
  const int64_t ai = s.account_ids.Find(c.account);
  const bool inbound = IsInboundRow(c);
  // A contact the consumer initiated, answered or not, earns one reply on its medium.
  if (inbound && pi >= 0) {
    s.persons[static_cast<std::size_t>(pi)].reply_tokens |= ChannelBit(c.channel);
  }
  if (c.verdict != VerdictKind::kAllow) return;  // not made
  if (!inbound) ++s.rows_checked;
  if (pi < 0 || ai < 0) {
    if (!inbound) s.Add(Rule::kDataContactPoint, row, c);  // not in the portfolio: fail closed
    return;
  }
  const PersonRef p = s.Person(static_cast<uint32_t>(pi));
  const auto account = static_cast<uint32_t>(ai);
  if (inbound) {
    // Answering the consumer's call places no call: the window, the frequency rules, consent and
    // opt-outs do not apply to it. The holds do once it became a conversation about the debt
    // (identity verified); before that nothing about the debt was said.
    if (c.right_party_contact) s.CheckHolds(c, row, p, account, /*answering=*/true);
  } else {
    // The reply-once exemptions are honoured only for the first reply after an inbound contact on
    // the same medium; any other row claiming them is judged without them.
    ContactRow judged = c;
    if (c.reply_to_inbound) {
      uint8_t& tokens = s.persons[p.index].reply_tokens;
      judged.reply_to_inbound = (tokens & ChannelBit(c.channel)) != 0;
      tokens = static_cast<uint8_t>(tokens & ~ChannelBit(c.channel));
    }
    s.CheckHolds(judged, row, p, account, /*answering=*/false);
    s.CheckChannel(judged, row, p);
    s.CheckWindow(judged, row, p);
  }
  s.Ledger(c, row, p);
}

void ComplianceAudit::OnFlag(const FlagRow& f) {
  using conversation::Flag;
  State& s = *state_;
  const int64_t ai = s.account_ids.Find(f.account);
  uint64_t person = f.person;
  if (s.person_ids.Find(person) < 0 && ai >= 0) {
    person = s.person_ids.Id(s.accounts[static_cast<std::size_t>(ai)].person);
  }
  const int64_t pi = s.person_ids.Find(person);
  if (f.flag == kFlagBankruptcy || f.flag == kFlagDeceased) {
    if (pi < 0) return;
    const auto i = static_cast<uint32_t>(pi);
    audit::LowerTime(s.persons[i], s.person_times, i,
                     f.flag == kFlagBankruptcy ? PersonField::kBankruptcy : PersonField::kDeceased,
                     f.time);
    return;
  }
  if (f.flag == kFlagCallConsent || f.flag == kFlagCallConsentEnded) {
    if (pi < 0 || ai < 0) return;  // no consent known: the calls count (fail closed)
    audit::RegFLedger& ledger = s.ledgers[{person, f.account}];
    if (f.flag == kFlagCallConsentEnded) {
      ledger.EndConsents(f.time.unix_nanos());
      return;
    }
    // Its days in the primary zone, as for the calls (Ledger).
    const std::vector<audit::Candidate> candidates =
        s.Candidates(s.Person(static_cast<uint32_t>(pi)), f.time);
    if (candidates.empty() || f.until < f.time) return;
    const cctz::civil_day day(s.zones.Local(candidates.front().zone, f.time));
    audit::ConsentWindow k;
    k.start_ns = f.time.unix_nanos();
    k.end_ns = f.until.unix_nanos();
    k.day = static_cast<int32_t>(day - cctz::civil_day(1970, 1, 1));
    ledger.AddConsent(k);
    return;
  }
  const auto flag = static_cast<Flag>(f.flag);
  if (flag == Flag::kAccountWrittenCease || flag == Flag::kAccountAttorneyRepresented ||
      flag == Flag::kAccountDisputeOpen) {
    if (ai < 0) return;
    const auto i = static_cast<uint32_t>(ai);
    audit::LowerTime(s.accounts[i], s.account_times, i,
                     flag == Flag::kAccountWrittenCease          ? AccountField::kCease
                     : flag == Flag::kAccountAttorneyRepresented ? AccountField::kAttorney
                                                                 : AccountField::kDispute,
                     f.time);
    return;
  }
  if (pi < 0) return;
  const PersonRef p = s.Person(static_cast<uint32_t>(pi));
  const auto cp = static_cast<std::size_t>(f.contact_point);
  const bool phone = f.contact_point >= 0 && cp < p.phone_count;
  const auto at = static_cast<uint32_t>(p.first_phone + (phone ? cp : 0));
  // Sets `field` of the phone the flag names, if any.
  const auto phone_flag = [&s, &f, phone, at](PhoneField field) {
    if (phone) audit::LowerTime(s.phones[at], s.phone_times, at, field, f.time);
  };
  const auto person_flag = [&s, &f, &p](PersonField field) {
    audit::LowerTime(s.persons[p.index], s.person_times, p.index, field, f.time);
  };
  switch (flag) {
    case Flag::kPhoneWrongNumber:
      if (!phone) return;
      phone_flag(PhoneField::kWrongNumber);
      for (auto it = s.ledgers.lower_bound({person, 0});
           it != s.ledgers.end() && it->first.first == person; ++it) {
        it->second.MarkMisdirected(f.contact_point);
      }
      return;
    case Flag::kPhoneCallsOptedOut:
      phone_flag(PhoneField::kCallsOptedOut);
      return;
    case Flag::kPhoneTextsOptedOut:
      phone_flag(PhoneField::kTextsOptedOut);
      return;
    case Flag::kPhoneRobocallConsentRevoked:
      phone_flag(PhoneField::kRobocallRevoked);
      return;
    case Flag::kPhoneSmsConsentRevoked:
      phone_flag(PhoneField::kSmsRevoked);
      return;
    case Flag::kEmailOptedOut:
      if (f.contact_point >= 0 && cp < p.email_count) {
        const auto e = static_cast<uint32_t>(p.first_email + cp);
        audit::LowerTime(s.emails[e], s.email_times, e, EmailField::kOptedOut, f.time);
      }
      return;
    case Flag::kDebtorCallsOptedOut:
      person_flag(PersonField::kCallsOptedOut);
      return;
    case Flag::kDebtorTextsOptedOut:
      person_flag(PersonField::kTextsOptedOut);
      return;
    case Flag::kDebtorEmailsOptedOut:
      person_flag(PersonField::kEmailsOptedOut);
      return;
    case Flag::kPhoneWhatsAppOptedOut:
      phone_flag(PhoneField::kWhatsAppOptedOut);
      return;
    case Flag::kPhoneWhatsAppConsentRevoked:
      phone_flag(PhoneField::kWhatsAppRevoked);
      return;
    case Flag::kDebtorWhatsAppOptedOut:
      person_flag(PersonField::kWhatsAppOptedOut);
      return;
    default:
      return;
  }
}

}  // namespace recoup::sim::recording
