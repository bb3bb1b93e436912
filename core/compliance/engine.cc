#include "core/compliance/engine.h"

#include <algorithm>
#include <optional>
#include <vector>

#include "core/compliance/jurisdiction.h"
#include "core/compliance/rules.h"

namespace recoup::compliance {
namespace {

using domain::Channel;
using domain::ContactEvent;
using domain::LocalDate;
using domain::Outcome;
using domain::Recipient;

constexpr int kMinutesPerDay = 24 * 60;

bool CollectorInitiated(const ContactEvent& e) {
  return !e.initiated_by_consumer && e.outcome != Outcome::kInboundFromConsumer;
}

// Everything a Check needs, resolved once.
struct Context {
  const Profile& profile;
  const ContactRequest& request;
  const domain::Account& account;
  const domain::Debtor& debtor;
  const domain::ContactHistory& history;
  Timestamp now;
  Jurisdiction where;
  const domain::Phone* phone = nullptr;  // calls and texts
  const domain::Email* email = nullptr;  // emails
  mutable Timestamp week_of = Timestamp::InfinitePast();
  mutable Timestamp week_start;
};

// The start of the 7 local days ending on t's local day, memoised for the last t.
Timestamp WeekStart(const Context& c, Timestamp t) {
  if (c.week_of != t) {
    const Zone& zone = c.where.primary();
    c.week_start = LocalInstantOfDay(Local(t, zone).day - 6, 0, zone);
    c.week_of = t;
  }
  return c.week_start;
}

// A deferrable constraint: the earliest instant >= t at which it is met (t itself if met now), or
// InfiniteFuture when it never will be.
using Earliest = Timestamp (*)(const Context&, Timestamp t);

// --- Time window ------------------------------------------------------------------------------

bool InInconvenientTime(const domain::Debtor& d, const LocalParts& local) {
  const int weekday = local.weekday;
  const int minute = local.minute;
  for (const domain::InconvenientTime& b : d.inconvenient_times) {
    if ((b.weekdays >> weekday & 1) != 0 && b.start_minute <= minute && minute < b.end_minute) {
      return true;
    }
  }
  return false;
}

bool WindowOpen(const Context& c, Timestamp t, bool check_designated) {
  for (int i = 0; i < c.where.size; ++i) {
    const Candidate& k = c.where.candidates[i];
    const LocalParts local = Local(t, *k.zone);
    if (!c.debtor.consented_to_inconvenient_hours && !k.window->days[local.weekday].Contains(local.minute)) {
      return false;
    }
    if (check_designated && InInconvenientTime(c.debtor, local)) return false;
  }
  return true;
}

// The left ends of the allowed intervals of one zone on one local day, ascending: the window's
// opening and the ends of designated blocks (midnight too, for a block that runs to 24:00).
void DayStarts(const Context& c, const Candidate& k, LocalDate d, bool check_designated,
               std::vector<Timestamp>& out) {
  out.clear();
  const LocalWindow& w = k.window->days[static_cast<int>(cctz::get_weekday(d))];
  if (!w.empty()) out.push_back(LocalInstant(d, w.start_minute, *k.zone));
  if (check_designated) {
    bool midnight = false;
    for (const domain::InconvenientTime& b : c.debtor.inconvenient_times) {
      if (b.end_minute < kMinutesPerDay) {
        out.push_back(LocalInstant(d, b.end_minute, *k.zone));
      } else {
        midnight = true;
      }
    }
    if (midnight) out.push_back(LocalInstant(d + 1, 0, *k.zone));
  }
  std::sort(out.begin(), out.end());
}

Timestamp EarliestOpen(const Context& c, Timestamp t, bool check_designated) {
  if (WindowOpen(c, t, check_designated)) return t;
  // The allowed set is an intersection of unions of intervals, so its first point after t is the
  // left end of one of them. Merge the zones' left ends lazily, day by day, in ascending order.
  struct Cursor {
    LocalDate day;
    std::vector<Timestamp> starts;
    std::size_t next = 0;
  };
  std::vector<Cursor> cursors(static_cast<std::size_t>(c.where.size));
  for (int i = 0; i < c.where.size; ++i) {
    Cursor& cur = cursors[static_cast<std::size_t>(i)];
    cur.day = LocalDay(t, *c.where.candidates[i].zone);
    DayStarts(c, c.where.candidates[i], cur.day, check_designated, cur.starts);
  }
  const Timestamp horizon = t + c.profile.defer_horizon + Duration::Days(2);
  for (;;) {
    int best = -1;
    for (int i = 0; i < c.where.size; ++i) {
      Cursor& cur = cursors[static_cast<std::size_t>(i)];
      // Skip past left ends and refill from the following days (a closed day has none).
      for (int guard = 0; cur.next == cur.starts.size() || cur.starts[cur.next] <= t; ++guard) {
        if (cur.next < cur.starts.size()) {
          ++cur.next;
          continue;
        }
        if (guard > 400) break;
        ++cur.day;
        DayStarts(c, c.where.candidates[i], cur.day, check_designated, cur.starts);
        cur.next = 0;
      }
      if (cur.next == cur.starts.size()) continue;
      if (best < 0 || cur.starts[cur.next] < cursors[static_cast<std::size_t>(best)].starts[
                                                 cursors[static_cast<std::size_t>(best)].next]) {
        best = i;
      }
    }
    if (best < 0) return Timestamp::InfiniteFuture();
    Cursor& b = cursors[static_cast<std::size_t>(best)];
    const Timestamp s = b.starts[b.next++];
    if (s > horizon) return Timestamp::InfiniteFuture();
    if (WindowOpen(c, s, check_designated)) return s;
  }
}

Timestamp TimeWindow(const Context& c, Timestamp t) { return EarliestOpen(c, t, false); }
Timestamp DesignatedTimes(const Context& c, Timestamp t) {
  if (c.debtor.inconvenient_times.empty()) return t;
  return EarliestOpen(c, t, true);
}

// --- Frequency ---------------------------------------------------------------------------------

// Earliest t' >= t at which fewer than `cap` counted events fall in the 7 local days ending on t's
// local day ("7 consecutive days", day of the event = day 1). Only events at or before now count.
template <typename Pred>
Timestamp WeeklyCap(const Context& c, Timestamp t, int cap, Pred counts) {
  if (cap <= 0) return Timestamp::InfiniteFuture();
  const Zone& zone = c.where.primary();
  const Timestamp cutoff = WeekStart(c, t);
  // Scanning newest to oldest, the cap-th counted event is the one whose leaving the window brings
  // the count below cap.
  int n = 0;
  Timestamp cap_th;
  const auto& events = c.history.events;
  for (auto it = events.rbegin(); it != events.rend() && it->time >= cutoff; ++it) {
    if (it->time <= c.now && counts(*it) && ++n == cap) cap_th = it->time;
  }
  if (n < cap) return t;
  return std::max(t, LocalInstantOfDay(Local(cap_th, zone).day + 7, 0, zone));
}

// RF-CALL-CONSENT: a call inside a consent window for this debt does not count.
bool ExcludedByConsent(const Context& c, const ContactEvent& e) {
  const Zone& zone = c.where.primary();
  for (const domain::CallConsent& k : c.history.call_consents) {
    if (k.debt != c.account.id || e.time < k.start || e.time >= k.revoked) continue;
    const Timestamp seven_days = LocalInstant(LocalDay(k.start, zone) + 7, 0, zone);
    if (e.time > k.end || e.time >= seven_days) continue;
    bool conversation_before = false;  // the window ends at the first conversation about the debt
    for (const ContactEvent& x : c.history.events) {
      if (x.time >= e.time) break;
      if (x.time >= k.start && x.outcome == Outcome::kConversation && x.debts.Contains(k.debt)) {
        conversation_before = true;
        break;
      }
    }
    if (!conversation_before) return true;
  }
  return false;
}

// 1006.14(b)(3): a call placed to the person about this debt.
bool RegFCountedCall(const Context& c, const ContactEvent& e) {
  return e.channel == Channel::kCall && CollectorInitiated(e) && domain::CallConnected(e.outcome) &&
         e.recipient == Recipient::kConsumer && !e.misdirected && e.debts.Contains(c.account.id) &&
         !ExcludedByConsent(c, e);
}

Timestamp CallsPerWeek(const Context& c, Timestamp t) {
  return WeeklyCap(c, t, c.profile.calls_per_7_days,
                   [&c](const ContactEvent& e) { return RegFCountedCall(c, e); });
}

Timestamp PostConversation(const Context& c, Timestamp t) {
  const Zone& zone = c.where.primary();
  const auto& events = c.history.events;
  for (auto it = events.rbegin(); it != events.rend(); ++it) {
    if (it->time > c.now) continue;
    if (it->channel == Channel::kCall && it->outcome == Outcome::kConversation &&
        it->recipient == Recipient::kConsumer && !it->misdirected && it->debts.Contains(c.account.id)) {
      const Timestamp free =
          LocalInstantOfDay(Local(it->time, zone).day + c.profile.post_conversation_days, 0, zone);
      return std::max(t, free);
    }
    if (c.now - it->time > Duration::Days(c.profile.post_conversation_days + 2)) break;
  }
  return t;
}

Timestamp CallGap(const Context& c, Timestamp t) {
  const auto& events = c.history.events;
  for (auto it = events.rbegin(); it != events.rend(); ++it) {
    if (it->time > c.now) continue;
    if (c.now - it->time >= c.profile.min_gap_same_number) break;
    if (it->channel == Channel::kCall && CollectorInitiated(*it) && it->contact_point >= 0 &&
        static_cast<std::size_t>(it->contact_point) < c.debtor.phones.size() &&
        c.debtor.phones[static_cast<std::size_t>(it->contact_point)].e164 == c.phone->e164) {
      return std::max(t, it->time + c.profile.min_gap_same_number);
    }
  }
  return t;
}

Timestamp CallsPerDay(const Context& c, Timestamp t) {
  const Zone& zone = c.where.primary();
  const int64_t today = Local(t, zone).day;
  const Timestamp start = LocalInstantOfDay(today, 0, zone);
  int calls = 0;
  const auto& events = c.history.events;
  for (auto it = events.rbegin(); it != events.rend() && it->time >= start; ++it) {
    if (it->time <= c.now && it->channel == Channel::kCall && CollectorInitiated(*it) &&
        domain::CallConnected(it->outcome) && it->recipient == Recipient::kConsumer) {
      ++calls;
    }
  }
  if (calls < c.profile.max_calls_per_day_per_person) return t;
  return std::max(t, LocalInstantOfDay(today + 1, 0, zone));
}

// MA-FREQ: calls (answered or not) and texts we initiated about this debt.
Timestamp Massachusetts(const Context& c, Timestamp t) {
  if (!c.where.massachusetts) return t;
  return WeeklyCap(c, t, c.profile.massachusetts_per_7_days, [&c](const ContactEvent& e) {
    const bool call = e.channel == Channel::kCall && domain::CallConnected(e.outcome) && !e.misdirected;
    const bool text = e.channel == Channel::kSms && e.outcome == Outcome::kSent;
    return CollectorInitiated(e) && (call || text) && e.debts.Contains(c.account.id);
  });
}

// WA-FREQ: communications with the debtor, any debt and medium.
Timestamp Washington(const Context& c, Timestamp t) {
  if (!c.where.washington) return t;
  return WeeklyCap(c, t, c.profile.washington_per_7_days, [](const ContactEvent& e) {
    const bool spoke = e.channel == Channel::kCall &&
                       (e.outcome == Outcome::kConversation || e.outcome == Outcome::kVoicemailFull);
    return CollectorInitiated(e) && (spoke || (e.channel != Channel::kCall && e.outcome == Outcome::kSent));
  });
}

// NYC-FREQ: attempts across calls, texts and emails on this account (2026 text: per account).
Timestamp NewYorkCity(const Context& c, Timestamp t) {
  if (!c.where.new_york_city) return t;
  return WeeklyCap(c, t, c.profile.nyc_per_7_days, [&c](const ContactEvent& e) {
    return CollectorInitiated(e) && e.channel != Channel::kLetter && e.debts.Contains(c.account.id);
  });
}

struct Constraint {
  Earliest earliest;
  Rule rule;
  std::string_view reason;
};

// --- Hard stops ----------------------------------------------------------------------------------

bool Written(Channel ch) { return ch == Channel::kLetter || ch == Channel::kEmail; }

}  // namespace

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
  if (r.channel == Channel::kCall && domain::IsRobocall(r.voice) && !phone->robocall_consent.ActiveAt(now)) {
    return Verdict::Deny(Rule::kRobocallConsent, "no prior express consent to artificial-voice calls");
  }
  if (r.channel == Channel::kSms && !r.reply_to_inbound) {
    const domain::Phone& p = *phone;
    const bool fresh = now - p.last_text_consent_or_inbound <= profile_.sms_consent_freshness;
    const bool checked = p.reassigned_check_clean >= p.sms_consent.given &&
                         now - p.reassigned_check_clean <= profile_.sms_consent_freshness;
    if (!p.sms_consent.ActiveAt(now) || !(fresh || checked)) {
      return Verdict::Deny(Rule::kSmsConsent, "no text consent, or none renewed in 60 days");
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
             e.notice_optout_deadline - e.notice_sent >= profile_.email_notice_min_optout;
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
    if (r.channel == Channel::kEmail && !email->written_consent.ActiveAt(now)) {
      return Verdict::Deny(Rule::kWrittenConsent, "NYC: written consent needed before email");
    }
  }

  return std::nullopt;
}

Verdict ComplianceEngine::Check(const ContactRequest& r, const domain::Account& account,
                                const domain::Debtor& debtor, const domain::ContactHistory& history,
                                Timestamp now) const {
  const Verdict v = Evaluate(r, account, debtor, history, now);
  if (v.kind != Verdict::Kind::kDefer) return v;
  // Consents lapse and holds start with time: a contact refused at `until` is refused now. (The
  // contact point exists, or Evaluate would have denied.)
  if (const std::optional<Verdict> then = HardStopAt(r, account, debtor, v.until)) return *then;
  const bool phone = r.channel == Channel::kCall || r.channel == Channel::kSms;
  const std::size_t i = static_cast<std::size_t>(r.contact_point);
  if (const std::optional<Verdict> then =
          ConsentAt(r, phone ? &debtor.phones[i] : nullptr,
                    r.channel == Channel::kEmail ? &debtor.emails[i] : nullptr,
                    Resolve(debtor, profile_, zones_.get()).new_york_city, v.until)) {
    return *then;
  }
  return v;
}

Verdict ComplianceEngine::Evaluate(const ContactRequest& r, const domain::Account& account,
                                   const domain::Debtor& debtor,
                                   const domain::ContactHistory& history, Timestamp now) const {
  if (const std::optional<Verdict> v = HardStopAt(r, account, debtor, now)) return *v;
  Context c{profile_, r,       account, debtor, history, now, Resolve(debtor, profile_, zones_.get()),
            nullptr,  nullptr, Timestamp::InfinitePast(), Timestamp()};
  // The contact point and its medium blocks.
  const bool electronic_confirmation = r.purpose == Purpose::kOptOutConfirmation;
  switch (r.channel) {
    case Channel::kCall:
    case Channel::kSms: {
      if (r.contact_point < 0 || static_cast<std::size_t>(r.contact_point) >= debtor.phones.size()) {
        return Verdict::Deny(Rule::kDataContactPoint, "no such phone");
      }
      c.phone = &debtor.phones[static_cast<std::size_t>(r.contact_point)];
      if (c.phone->e164.empty()) return Verdict::Deny(Rule::kDataContactPoint, "phone has no number");
      if (c.phone->wrong_number) return Verdict::Deny(Rule::kWrongNumber, "number is not the person's");
      const bool call = r.channel == Channel::kCall;
      const bool opted_out = call ? debtor.calls_opted_out || c.phone->calls_opted_out
                                  : debtor.texts_opted_out || c.phone->texts_opted_out;
      if (opted_out && !r.reply_to_inbound && !(!call && electronic_confirmation)) {
        return Verdict::Deny(Rule::kMediumOptOut, call ? "opted out of calls" : "opted out of texts");
      }
      if (c.phone->place == domain::Place::kWork && debtor.no_contact_at_work) {
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
  if (!c.where.usable()) {
    return Verdict::Deny(Rule::kDataLocation, "no usable time zone for the consumer");
  }

  // Consent (denials come before defers: a contact that will be refused is not postponed).
  if (const std::optional<Verdict> v = ConsentAt(r, c.phone, c.email, c.where.new_york_city, now)) return *v;

  // Deferrable constraints.
  Constraint list[10];
  int n = 0;
  if (r.channel != Channel::kLetter && !r.reply_to_inbound) {
    list[n++] = {&TimeWindow, Rule::kTimeWindow, "outside the calling window in a candidate time zone"};
    list[n++] = {&DesignatedTimes, Rule::kInconvenientTime, "a time the consumer said is inconvenient"};
  }
  const bool counted = r.purpose == Purpose::kCollection;
  if (r.channel == Channel::kCall) {
    list[n++] = {&CallsPerWeek, Rule::kCallsPerWeek, "7 calls in 7 days about this debt"};
    list[n++] = {&PostConversation, Rule::kPostConversation, "within 7 days of a conversation"};
    list[n++] = {&CallGap, Rule::kCallGap, "called this number too recently"};
    list[n++] = {&CallsPerDay, Rule::kCallsPerDay, "daily call limit for this person"};
  }
  if (counted && (r.channel == Channel::kCall || r.channel == Channel::kSms)) {
    list[n++] = {&Massachusetts, Rule::kMassachusetts, "Massachusetts: 2 per 7 days per debt"};
  }
  if (counted) list[n++] = {&Washington, Rule::kWashington, "Washington: 3 communications per week"};
  if (counted && r.channel != Channel::kLetter) {
    list[n++] = {&NewYorkCity, Rule::kNewYorkCity, "New York City: 3 attempts per 7 days"};
  }
  Timestamp t = now;
  const Constraint* first = nullptr;
  const Constraint* last = nullptr;
  const Timestamp horizon = now + profile_.defer_horizon;
  bool converged = false;
  for (int round = 0; round < 16 && !converged; ++round) {
    bool moved = false;
    for (int i = 0; i < n; ++i) {
      const Timestamp next = list[i].earliest(c, t);
      if (next > t) {
        if (first == nullptr) first = &list[i];
        last = &list[i];
        t = next;
        moved = true;
        if (t > horizon) return Verdict::Deny(last->rule, last->reason);
      }
    }
    converged = !moved;
  }
  if (first == nullptr) return Verdict::Allow();
  if (!converged) return Verdict::Deny(last->rule, last->reason);  // no common time found
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
  if (r.channel == Channel::kSms || r.channel == Channel::kEmail) d.Add(Disclosure::kOptOutInstructions);
  return d;
}

}  // namespace recoup::compliance
