#include "core/compliance/engine.h"

#include <algorithm>
#include <optional>
#include <string_view>

#include "core/compliance/context.h"
#include "core/compliance/jurisdiction.h"
#include "core/compliance/rules.h"

namespace recoup::compliance {
namespace {

using domain::Channel;
using domain::ContactEvent;
using domain::Outcome;
using internal::CallGap;
using internal::CallsPerDay;
using internal::CallsPerWeek;
using internal::CollectorInitiated;
using internal::Context;
using internal::DesignatedTimes;
using internal::Earliest;
using internal::Massachusetts;
using internal::NewYorkCity;
using internal::PostConversation;
using internal::TimeWindow;
using internal::Washington;

struct Constraint {
  Earliest earliest;
  Rule rule;
  std::string_view reason;
};

// --- Hard stops ----------------------------------------------------------------------------------

bool Written(Channel ch) { return ch == Channel::kLetter || ch == Channel::kEmail; }

}  // namespace

domain::LocalDate ValidationPeriodLastDay(domain::LocalDate sent_day) {
  const domain::LocalDate received = domain::HolidayCalendar::UsFederal().AddBusinessDays(sent_day, 5);
  return received + 30;
}

ComplianceEngine::ComplianceEngine(Profile profile)
    : profile_(profile), profile_status_(profile_.Validate()), zones_(std::make_unique<ZoneCache>()) {}

ComplianceEngine::~ComplianceEngine() = default;
ComplianceEngine::ComplianceEngine(ComplianceEngine&&) noexcept = default;
ComplianceEngine& ComplianceEngine::operator=(ComplianceEngine&&) noexcept = default;

std::optional<Verdict> ComplianceEngine::HardStopAt(const ContactRequest& r,
                                                    const domain::Account& account,
                                                    const domain::Debtor& debtor, Timestamp now) const {
  if (!profile_status_.ok()) return Verdict::Deny(Rule::kDataProfile, "the compliance profile is invalid");
  // Hard stops, in the order of collections-domain.md 1.7.
  if (debtor.bankruptcy) return Verdict::Deny(Rule::kBankruptcy, "bankruptcy: automatic stay");
  if (debtor.deceased) return Verdict::Deny(Rule::kDeceased, "deceased: estate representative only");
  if (account.CeaseInEffect(now) &&
      !(r.purpose == Purpose::kCeaseAcknowledgement && Written(r.channel))) {
    return Verdict::Deny(Rule::kWrittenCease, "written cease: only the 1006.6(c)(2) notices, in writing");
  }
  if (account.attorney_represented && !r.reply_to_inbound) {
    return Verdict::Deny(Rule::kAttorney, "represented by an attorney for this debt");
  }
  const bool verification = r.purpose == Purpose::kDisputeVerification;
  if (account.dispute == domain::DisputeStatus::kOpen && !verification) {
    return Verdict::Deny(Rule::kDisputeHold, "disputed: collection stops until verification is sent");
  }
  if (account.original_creditor_hold && !verification) {
    return Verdict::Deny(Rule::kOriginalCreditorHold, "original-creditor request pending");
  }
  if (now < debtor.breathing_space_until) {
    return Verdict::Deny(Rule::kBreathingSpace, "breathing space: no contact for payment");
  }
  if (debtor.capacity_hold) return Verdict::Deny(Rule::kCapacityHold, "capacity hold: recovery suspended");
  if (r.purpose == Purpose::kLegalReferral) {
    if (account.time_barred) return Verdict::Deny(Rule::kTimeBarredSuit, "time-barred: no suit");
    if (!r.scra_status_checked || debtor.scra_active_duty) {
      return Verdict::Deny(Rule::kScraLegal, "SCRA: military status unchecked or active duty");
    }
  }

  return std::nullopt;
}

std::optional<Verdict> ComplianceEngine::ConsentAt(const ContactRequest& r, const domain::Phone* phone,
                                                   const domain::Email* email, bool new_york_city,
                                                   Timestamp now) const {
  // TCPA consent is for calls we make: answering the consumer's call needs none.
  if (r.channel == Channel::kCall && domain::IsRobocall(r.voice) && !r.inbound &&
      !phone->robocall_consent.ActiveAt(now)) {
    return Verdict::Deny(Rule::kRobocallConsent, "no prior express consent to artificial-voice calls");
  }
  // Texts and WhatsApp messages go to a number that may have been reassigned: both need the Reg F
  // 1006.6(d)(5) freshness (text or consent within 60 days, or a clean reassigned-numbers check
  // since the consent). Reg F has no safe-harbor procedure of its own for app messages, so
  // WhatsApp follows the text one (the risk, a stranger with the old number, is the same).
  const Timestamp oldest_fresh = now - profile_.sms_consent_freshness;  // instants: no overflow
  const auto fresh = [oldest_fresh](const domain::Phone& p, const domain::Consent& consent) {
    return p.last_text_consent_or_inbound >= oldest_fresh ||
           (p.reassigned_check_clean >= consent.given && p.reassigned_check_clean >= oldest_fresh);
  };
  if (r.channel == Channel::kSms && !r.reply_to_inbound) {
    const domain::Phone& p = *phone;
    if (!p.sms_consent.ActiveAt(now) || !fresh(p, p.sms_consent)) {
      return Verdict::Deny(Rule::kSmsConsent, "no text consent, or none renewed in 60 days");
    }
  }
  // WhatsApp Business only lets a business message a person who opted in to its messages; the
  // opt-in is separate from TCPA consent to texts (a text consent does not cover WhatsApp).
  if (r.channel == Channel::kWhatsApp && !r.reply_to_inbound) {
    const domain::Phone& p = *phone;
    if (!p.whatsapp_consent.ActiveAt(now)) {
      return Verdict::Deny(Rule::kWhatsAppConsent, "no opt-in to WhatsApp messages from us");
    }
    if (!fresh(p, p.whatsapp_consent)) {
      return Verdict::Deny(Rule::kSmsConsent,
                           "WhatsApp: number not confirmed in 60 days (RF-SMS-SAFE applied)");
    }
  }
  if (r.channel == Channel::kEmail && !r.reply_to_inbound) {
    const domain::Email& e = *email;
    bool ok = false;
    switch (e.provenance) {
      case domain::EmailProvenance::kConsumerUsed:
      case domain::EmailProvenance::kPriorCollector:
        ok = true;
        break;
      case domain::EmailProvenance::kCreditorNotice:
        ok = !e.employer_provided && now >= e.notice_optout_deadline &&
             e.notice_sent <= e.notice_optout_deadline - profile_.email_notice_min_optout;
        break;
      case domain::EmailProvenance::kUnknown:
        break;
    }
    if (!ok) return Verdict::Deny(Rule::kEmailProvenance, "email address not usable (1006.6(d)(4))");
  }
  if (new_york_city && profile_.nyc_requires_written_consent_electronic && !r.reply_to_inbound) {
    if (r.channel == Channel::kSms && !(phone->sms_consent.source == domain::ConsentSource::kWritten &&
                                        phone->sms_consent.ActiveAt(now))) {
      return Verdict::Deny(Rule::kWrittenConsent, "NYC: written consent needed before texting");
    }
    // WhatsApp is an electronic medium under 6 RCNY 5-77 like a text: the opt-in must be written.
    if (r.channel == Channel::kWhatsApp &&
        !(phone->whatsapp_consent.source == domain::ConsentSource::kWritten &&
          phone->whatsapp_consent.ActiveAt(now))) {
      return Verdict::Deny(Rule::kWrittenConsent, "NYC: written consent needed before WhatsApp");
    }
    if (r.channel == Channel::kEmail && !email->written_consent.ActiveAt(now)) {
      return Verdict::Deny(Rule::kWrittenConsent, "NYC: written consent needed before email");
    }
  }

  return std::nullopt;
}

Verdict ComplianceEngine::Check(const ContactRequest& r, const domain::Account& account,
                                const domain::Debtor& debtor, const domain::ContactHistory& history,
                                Timestamp now) const {
  bool new_york_city = false;
  const Verdict v = Evaluate(r, account, debtor, history, now, &new_york_city);
  if (v.kind != Verdict::Kind::kDefer) return v;
  // Consents lapse and holds start with time: a contact refused at `until` is refused now. (The
  // contact point exists, or Evaluate would have denied.)
  if (const std::optional<Verdict> then = HardStopAt(r, account, debtor, v.until)) return *then;
  const bool phone = domain::IsPhoneChannel(r.channel);
  const std::size_t i = static_cast<std::size_t>(r.contact_point);
  if (const std::optional<Verdict> then =
          ConsentAt(r, phone ? &debtor.phones[i] : nullptr,
                    r.channel == Channel::kEmail ? &debtor.emails[i] : nullptr,
                    new_york_city, v.until)) {
    return *then;
  }
  return v;
}

Verdict ComplianceEngine::Evaluate(const ContactRequest& r, const domain::Account& account,
                                   const domain::Debtor& debtor,
                                   const domain::ContactHistory& history, Timestamp now,
                                   bool* new_york_city) const {
  if (const std::optional<Verdict> v = HardStopAt(r, account, debtor, now)) return *v;
  Context c(profile_, r, account, debtor, history, now, zones_->memo());
  ResolveInto(debtor, profile_, zones_.get(), c.where);
  *new_york_city = c.where.new_york_city;
  // The contact point and its medium blocks.
  const bool electronic_confirmation = r.purpose == Purpose::kOptOutConfirmation;
  switch (r.channel) {
    case Channel::kCall:
    case Channel::kSms:
    case Channel::kWhatsApp: {
      if (r.contact_point < 0 || static_cast<std::size_t>(r.contact_point) >= debtor.phones.size()) {
        return Verdict::Deny(Rule::kDataContactPoint, "no such phone");
      }
      c.phone = &debtor.phones[static_cast<std::size_t>(r.contact_point)];
      if (c.phone->e164.empty()) return Verdict::Deny(Rule::kDataContactPoint, "phone has no number");
      if (c.phone->wrong_number) return Verdict::Deny(Rule::kWrongNumber, "number is not the person's");
      const bool call = r.channel == Channel::kCall;
      // RF-MEDIUM is per medium: texts and WhatsApp are two media on one number.
      bool opted_out = false;
      std::string_view why;
      switch (r.channel) {
        case Channel::kCall:
          opted_out = debtor.calls_opted_out || c.phone->calls_opted_out;
          why = "opted out of calls";
          break;
        case Channel::kSms:
          opted_out = debtor.texts_opted_out || c.phone->texts_opted_out;
          why = "opted out of texts";
          break;
        case Channel::kWhatsApp:
          opted_out = debtor.whatsapp_opted_out || c.phone->whatsapp_opted_out;
          why = "opted out of WhatsApp";
          break;
        case Channel::kEmail:
        case Channel::kLetter:
          break;  // not phone channels
      }
      const bool exempt = r.reply_to_inbound || r.inbound || (!call && electronic_confirmation);
      if (opted_out && !exempt) return Verdict::Deny(Rule::kMediumOptOut, why);
      if (c.phone->place == domain::Place::kWork && debtor.no_contact_at_work && !r.inbound) {
        return Verdict::Deny(Rule::kPlace, "no contact at work");
      }
      break;
    }
    case Channel::kEmail: {
      if (r.contact_point < 0 || static_cast<std::size_t>(r.contact_point) >= debtor.emails.size()) {
        return Verdict::Deny(Rule::kDataContactPoint, "no such email address");
      }
      c.email = &debtor.emails[static_cast<std::size_t>(r.contact_point)];
      if (c.email->address.empty()) return Verdict::Deny(Rule::kDataContactPoint, "email has no address");
      if ((debtor.emails_opted_out || c.email->opted_out) && !r.reply_to_inbound &&
          !electronic_confirmation) {
        return Verdict::Deny(Rule::kMediumOptOut, "opted out of email");
      }
      if (c.email->employer_provided && debtor.no_contact_at_work) {
        return Verdict::Deny(Rule::kPlace, "no contact at work");
      }
      break;
    }
    case Channel::kLetter:
      break;
  }
  // The location only decides when we may reach out; the consumer's own call needs none.
  if (!c.where.usable() && !r.inbound) {
    return Verdict::Deny(Rule::kDataLocation, "no usable time zone for the consumer");
  }

  // Consent (denials come before defers: a contact that will be refused is not postponed).
  if (const std::optional<Verdict> v = ConsentAt(r, c.phone, c.email, c.where.new_york_city, now)) return *v;

  // Answering the consumer's own call: nothing to wait for (see ContactRequest::inbound).
  if (r.inbound) return Verdict::Allow();

  // Deferrable constraints.
  Constraint list[10];
  int n = 0;
  if (r.channel != Channel::kLetter && !r.reply_to_inbound) {
    list[n++] = {&TimeWindow, Rule::kTimeWindow, "outside the calling window in a candidate time zone"};
    if (!debtor.inconvenient_times.empty()) {
      list[n++] = {&DesignatedTimes, Rule::kInconvenientTime, "a time the consumer said is inconvenient"};
    }
  }
  const bool counted = r.purpose == Purpose::kCollection;
  if (r.channel == Channel::kCall) {
    list[n++] = {&CallsPerWeek, Rule::kCallsPerWeek, "7 calls in 7 days about this debt"};
    list[n++] = {&PostConversation, Rule::kPostConversation, "within 7 days of a conversation"};
    list[n++] = {&CallGap, Rule::kCallGap, "called this number too recently"};
    list[n++] = {&CallsPerDay, Rule::kCallsPerDay, "daily call limit for this person"};
  }
  // The state and city caps join the list only where they apply (each returns t unchanged elsewhere).
  // Massachusetts caps calls and texts to the person's numbers; a WhatsApp message to the mobile
  // number is counted as a text (the cautious reading of 940 CMR 7.04(1)(f)).
  if (counted && c.where.massachusetts && domain::IsPhoneChannel(r.channel)) {
    list[n++] = {&Massachusetts, Rule::kMassachusetts, "Massachusetts: 2 per 7 days per debt"};
  }
  if (counted && c.where.washington) {
    list[n++] = {&Washington, Rule::kWashington, "Washington: 3 communications per week"};
  }
  if (counted && c.where.new_york_city && r.channel != Channel::kLetter) {
    list[n++] = {&NewYorkCity, Rule::kNewYorkCity, "New York City: 3 attempts per 7 days"};
  }
  // Each constraint maps t to the earliest instant >= t at which it holds, so cycling through them
  // reaches the earliest instant at which all hold. A constraint that moved t holds at the new t; the
  // cycle ends once n constraints in a row held at the same t (each is asked once per change of t).
  Timestamp t = now;
  const Constraint* first = nullptr;
  const Constraint* last = nullptr;
  const Timestamp horizon = now + profile_.defer_horizon;
  int held = 0;
  for (int step = 0, i = 0; held < n; ++step, i = i + 1 == n ? 0 : i + 1) {
    if (step == 16 * n) return Verdict::Deny(last->rule, last->reason);  // no common time found
    const Timestamp next = list[i].earliest(c, t);
    if (next > t) {
      if (first == nullptr) first = &list[i];
      last = &list[i];
      t = next;
      held = 1;
      if (t > horizon) return Verdict::Deny(last->rule, last->reason);
    } else {
      ++held;
    }
  }
  if (first == nullptr) return Verdict::Allow();
  return Verdict::Defer(first->rule, first->reason, t);
}

DisclosureSet ComplianceEngine::RequiredDisclosures(const ContactRequest& r,
                                                   const domain::Account& account,
                                                   const domain::Debtor& debtor,
                                                   const domain::ContactHistory& history) const {
  DisclosureSet d;
  const bool call = r.channel == Channel::kCall;
  if (call && domain::IsRobocall(r.voice)) {
    d.Add(Disclosure::kCallerIdentification);
    if (r.voice == domain::VoiceMode::kAiVoice) d.Add(Disclosure::kAiVoice);
    d.Add(Disclosure::kInCallOptOut);
  }
  if (call && r.recorded) {
    const Jurisdiction where = Resolve(debtor, profile_, zones_.get());
    // An unresolvable location may be an all-party state: disclose (fail closed).
    if (where.all_party_recording || !where.usable() || r.voice == domain::VoiceMode::kAiVoice) {
      d.Add(Disclosure::kRecordingNotice);
    }
  }
  // Initial communication: nothing that conveyed information about this debt reached the person yet.
  bool communicated = false;
  for (const ContactEvent& e : history.events) {
    if (!CollectorInitiated(e) || !e.debts.Contains(account.id)) continue;
    const bool spoke = e.channel == Channel::kCall &&
                       (e.outcome == Outcome::kConversation || e.outcome == Outcome::kVoicemailFull);
    if (spoke || (e.channel != Channel::kCall && e.outcome == Outcome::kSent)) {
      communicated = true;
      break;
    }
  }
  d.Add(communicated ? Disclosure::kDebtCollectorSubsequent : Disclosure::kDebtCollectorInitial);
  if (!communicated && account.validation_notice_sent == Timestamp::InfinitePast()) {
    d.Add(Disclosure::kValidationInformation);
  }
  if (account.time_barred) d.Add(Disclosure::kTimeBarred);
  // RF-OPTOUT-ELEC: every electronic message carries a way to opt out of that medium.
  if (r.channel == Channel::kSms || r.channel == Channel::kEmail ||
      r.channel == Channel::kWhatsApp) {
    d.Add(Disclosure::kOptOutInstructions);
  }
  return d;
}

}  // namespace recoup::compliance

