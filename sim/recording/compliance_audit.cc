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

using audit::AccountState;
using audit::Before;
using audit::ChannelBit;
using audit::Connected;
using audit::Earliest;
using audit::EmailState;
using audit::IsInboundRow;
using audit::PersonState;
using audit::PhoneState;
using compliance::Rule;
using domain::Channel;
using domain::Outcome;

}  // namespace

std::vector<audit::Candidate> ComplianceAudit::State::Candidates(const PersonState& p,
                                                                 Timestamp start) {
  std::vector<audit::Candidate> out = p.home;
  const auto add = [&out](audit::Candidate k) {
    if (std::find(out.begin(), out.end(), k) == out.end()) out.push_back(k);
  };
  for (const PhoneState& phone : p.phones) {
    if (phone.area_code == 0 || Before(phone.wrong_number, start)) continue;
    if (const audit::ZoneTable::AreaZones* z = zones.AreaCode(phone.area_code)) {
      for (const int zone : z->zones) add({zone, z->kind});
    }
  }
  for (const audit::Candidate& k : p.known) add(k);
  return out;
}

void ComplianceAudit::State::CheckHolds(const ContactRow& c, uint64_t row, const PersonState& p,
                                        const AccountState& a, bool answering) {
  using compliance::Purpose;
  const auto purpose = static_cast<Purpose>(c.purpose);
  const bool written = c.channel == Channel::kLetter || c.channel == Channel::kEmail;
  if (Before(p.bankruptcy, c.start)) Add(Rule::kBankruptcy, row, c);
  if (Before(p.deceased, c.start)) Add(Rule::kDeceased, row, c);
  if (Before(a.cease, c.start) && !(purpose == Purpose::kCeaseAcknowledgement && written)) {
    Add(Rule::kWrittenCease, row, c);
  }
  if (Before(a.attorney, c.start) && !c.reply_to_inbound && !answering) {
    Add(Rule::kAttorney, row, c);
  }
  if (Before(a.dispute, c.start) && purpose != Purpose::kDisputeVerification) {
    Add(Rule::kDisputeHold, row, c);
  }
  if (a.original_creditor_hold && purpose != Purpose::kDisputeVerification) {
    Add(Rule::kOriginalCreditorHold, row, c);
  }
  if (c.start < p.breathing_space_until) Add(Rule::kBreathingSpace, row, c);
  if (p.capacity_hold) Add(Rule::kCapacityHold, row, c);
}

void ComplianceAudit::State::CheckChannel(const ContactRow& c, uint64_t row, const PersonState& p) {
  const bool confirmation =
      static_cast<compliance::Purpose>(c.purpose) == compliance::Purpose::kOptOutConfirmation;
  const auto index = static_cast<std::size_t>(c.contact_point);
  switch (c.channel) {
    case Channel::kCall:
    case Channel::kSms:
    case Channel::kWhatsApp: {
      if (c.contact_point < 0 || index >= p.phones.size() || !p.phones[index].has_number) {
        Add(Rule::kDataContactPoint, row, c);
        return;
      }
      const PhoneState& phone = p.phones[index];
      if (Before(phone.wrong_number, c.start)) Add(Rule::kWrongNumber, row, c);
      if (phone.place == domain::Place::kWork && p.no_contact_at_work) Add(Rule::kPlace, row, c);
      if (c.channel == Channel::kCall) {
        const bool opted_out =
            Before(p.calls_opted_out, c.start) || Before(phone.calls_opted_out, c.start);
        if (opted_out && !c.reply_to_inbound) Add(Rule::kMediumOptOut, row, c);
        const bool consent =
            phone.robocall.ActiveAt(c.start) && !Before(phone.robocall_revoked, c.start);
        if (domain::IsRobocall(c.voice) && !consent) Add(Rule::kRobocallConsent, row, c);
      } else if (c.channel == Channel::kSms) {
        const bool opted_out =
            Before(p.texts_opted_out, c.start) || Before(phone.texts_opted_out, c.start);
        if (opted_out && !c.reply_to_inbound && !confirmation) Add(Rule::kMediumOptOut, row, c);
        const bool consent = phone.sms.ActiveAt(c.start) && !Before(phone.sms_revoked, c.start);
        if (!consent && !c.reply_to_inbound) Add(Rule::kSmsConsent, row, c);
      } else {
        // WhatsApp: its own opt-outs and opt-in; a text opt-out or consent says nothing about it.
        const bool opted_out =
            Before(p.whatsapp_opted_out, c.start) || Before(phone.whatsapp_opted_out, c.start);
        if (opted_out && !c.reply_to_inbound && !confirmation) Add(Rule::kMediumOptOut, row, c);
        const bool consent =
            phone.whatsapp.ActiveAt(c.start) && !Before(phone.whatsapp_revoked, c.start);
        if (!consent && !c.reply_to_inbound) Add(Rule::kWhatsAppConsent, row, c);
      }
      return;
    }
    case Channel::kEmail: {
      if (c.contact_point < 0 || index >= p.emails.size() || !p.emails[index].has_address) {
        Add(Rule::kDataContactPoint, row, c);
        return;
      }
      const EmailState& email = p.emails[index];
      const bool opted_out =
          Before(p.emails_opted_out, c.start) || Before(email.opted_out, c.start);
      if (opted_out && !c.reply_to_inbound && !confirmation) Add(Rule::kMediumOptOut, row, c);
      if (email.employer_provided && p.no_contact_at_work) Add(Rule::kPlace, row, c);
      return;
    }
    case Channel::kLetter:
      return;
  }
}

void ComplianceAudit::State::CheckWindow(const ContactRow& c, uint64_t row, const PersonState& p) {
  if (c.channel == Channel::kLetter || c.reply_to_inbound) return;
  const std::vector<audit::Candidate> candidates = Candidates(p, c.start);
  if (candidates.empty() || p.unknown_zone_name) {
    Add(Rule::kDataLocation, row, c);
    return;
  }
  bool outside = false;
  bool designated = false;
  for (const audit::Candidate& k : candidates) {
    const cctz::civil_second local = zones.Local(k.zone, c.start);
    outside |= !audit::InsideWindow(k.kind, profile, p.consented_hours, local);
    const int weekday = audit::WeekdayIndex(local);
    const int minute = audit::MinuteOfDay(local);
    for (const domain::InconvenientTime& b : p.inconvenient) {
      designated |=
          (b.weekdays >> weekday & 1) != 0 && b.start_minute <= minute && minute < b.end_minute;
    }
  }
  if (outside) Add(Rule::kTimeWindow, row, c);
  if (designated) Add(Rule::kInconvenientTime, row, c);
}

void ComplianceAudit::State::Ledger(const ContactRow& c, uint64_t row, const PersonState& p) {
  if (c.channel != Channel::kCall) return;
  const bool inbound = IsInboundRow(c);
  const auto index = static_cast<std::size_t>(c.contact_point);
  const bool known_phone = c.contact_point >= 0 && index < p.phones.size();
  const bool misdirected = c.outcome == Outcome::kWrongParty ||
                           (known_phone && Before(p.phones[index].wrong_number, c.start));
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
  const int pi = State::Find(s.person_index, c.person);
  const int ai = State::Find(s.account_index, c.account);
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
  PersonState& p = s.persons[static_cast<std::size_t>(pi)];
  const AccountState& a = s.accounts[static_cast<std::size_t>(ai)];
  if (inbound) {
    // Answering the consumer's call places no call: the window, the frequency rules, consent and
    // opt-outs do not apply to it. The holds do once it became a conversation about the debt
    // (identity verified); before that nothing about the debt was said.
    if (c.right_party_contact) s.CheckHolds(c, row, p, a, /*answering=*/true);
  } else {
    // The reply-once exemptions are honoured only for the first reply after an inbound contact on
    // the same medium; any other row claiming them is judged without them.
    ContactRow judged = c;
    if (c.reply_to_inbound) {
      judged.reply_to_inbound = (p.reply_tokens & ChannelBit(c.channel)) != 0;
      p.reply_tokens = static_cast<uint8_t>(p.reply_tokens & ~ChannelBit(c.channel));
    }
    s.CheckHolds(judged, row, p, a, /*answering=*/false);
    s.CheckChannel(judged, row, p);
    s.CheckWindow(judged, row, p);
  }
  s.Ledger(c, row, p);
}

void ComplianceAudit::OnFlag(const FlagRow& f) {
  using conversation::Flag;
  State& s = *state_;
  const int ai = State::Find(s.account_index, f.account);
  uint64_t person = f.person;
  if (State::Find(s.person_index, person) < 0 && ai >= 0) {
    person = s.accounts[static_cast<std::size_t>(ai)].person;
  }
  const int pi = State::Find(s.person_index, person);
  if (f.flag == kFlagBankruptcy || f.flag == kFlagDeceased) {
    if (pi < 0) return;
    PersonState& p = s.persons[static_cast<std::size_t>(pi)];
    Earliest(f.flag == kFlagBankruptcy ? p.bankruptcy : p.deceased, f.time);
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
        s.Candidates(s.persons[static_cast<std::size_t>(pi)], f.time);
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
    AccountState& a = s.accounts[static_cast<std::size_t>(ai)];
    Earliest(flag == Flag::kAccountWrittenCease          ? a.cease
             : flag == Flag::kAccountAttorneyRepresented ? a.attorney
                                                         : a.dispute,
             f.time);
    return;
  }
  if (pi < 0) return;
  PersonState& p = s.persons[static_cast<std::size_t>(pi)];
  const auto cp = static_cast<std::size_t>(f.contact_point);
  PhoneState* phone = f.contact_point >= 0 && cp < p.phones.size() ? &p.phones[cp] : nullptr;
  switch (flag) {
    case Flag::kPhoneWrongNumber:
      if (phone == nullptr) return;
      Earliest(phone->wrong_number, f.time);
      for (auto it = s.ledgers.lower_bound({person, 0});
           it != s.ledgers.end() && it->first.first == person; ++it) {
        it->second.MarkMisdirected(f.contact_point);
      }
      return;
    case Flag::kPhoneCallsOptedOut:
      if (phone != nullptr) Earliest(phone->calls_opted_out, f.time);
      return;
    case Flag::kPhoneTextsOptedOut:
      if (phone != nullptr) Earliest(phone->texts_opted_out, f.time);
      return;
    case Flag::kPhoneRobocallConsentRevoked:
      if (phone != nullptr) Earliest(phone->robocall_revoked, f.time);
      return;
    case Flag::kPhoneSmsConsentRevoked:
      if (phone != nullptr) Earliest(phone->sms_revoked, f.time);
      return;
    case Flag::kEmailOptedOut:
      if (f.contact_point >= 0 && cp < p.emails.size()) Earliest(p.emails[cp].opted_out, f.time);
      return;
    case Flag::kDebtorCallsOptedOut:
      Earliest(p.calls_opted_out, f.time);
      return;
    case Flag::kDebtorTextsOptedOut:
      Earliest(p.texts_opted_out, f.time);
      return;
    case Flag::kDebtorEmailsOptedOut:
      Earliest(p.emails_opted_out, f.time);
      return;
    case Flag::kPhoneWhatsAppOptedOut:
      if (phone != nullptr) Earliest(phone->whatsapp_opted_out, f.time);
      return;
    case Flag::kPhoneWhatsAppConsentRevoked:
      if (phone != nullptr) Earliest(phone->whatsapp_revoked, f.time);
      return;
    case Flag::kDebtorWhatsAppOptedOut:
      Earliest(p.whatsapp_opted_out, f.time);
      return;
    default:
      return;
  }
}

}  // namespace recoup::sim::recording
