#include <algorithm>

#include "core/compliance/context.h"

namespace recoup::compliance::internal {

using domain::Channel;
using domain::ContactEvent;
using domain::Outcome;
using domain::Recipient;

namespace {

// t's local day in the primary zone, when it starts, and when the 7 local days ending on it start;
// memoised for the last t (every frequency rule asks about the same instant).
void Days(const Context& c, Timestamp t) {
  if (c.days_of == t) return;
  const Zone& zone = c.where.primary();
  c.today = LocalEpochDay(t, zone, &c.memo);
  c.today_start = LocalInstantOfDay(c.today, 0, zone, &c.memo);
  c.week_start = LocalInstantOfDay(c.today - 6, 0, zone, &c.memo);
  c.days_of = t;
}

Timestamp WeekStart(const Context& c, Timestamp t) {
  Days(c, t);
  return c.week_start;
}


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
  return std::max(t, LocalInstantOfDay(LocalEpochDay(cap_th, zone, &c.memo) + 7, 0, zone, &c.memo));
}

// RF-CALL-CONSENT (1006.14(b)(3)(i)): whether a call about this debt at `t` is placed with the
// person's prior consent, so that neither prong of 1006.14(b)(2) applies to it: a consent for this
// debt whose window (its stated end, at most the 7 local days counting the consent's day) covers t,
// not revoked by t, and not ended by a conversation about the debt after the consent was given and
// before t (cmt 14(b)(3)(i)-2). The conversation that carried the consent does not end it: it
// started before the consent. Only events at or before now are known.
bool CoveredByConsent(const Context& c, Timestamp t) {
  const Zone& zone = c.where.primary();
  for (const domain::CallConsent& k : c.history.call_consents) {
    if (k.debt != c.account.id || t < k.start || t >= k.revoked || t > k.end) continue;
    const Timestamp seven_days = LocalInstant(LocalDay(k.start, zone) + 7, 0, zone);
    if (t >= seven_days) continue;
    bool conversation_after = false;  // the window ends at the first conversation about the debt
    for (const ContactEvent& x : c.history.events) {
      if (x.time >= t || x.time > c.now) break;
      if (x.time > k.start && x.outcome == Outcome::kConversation && x.debts.Contains(k.debt)) {
        conversation_after = true;
        break;
      }
    }
    if (!conversation_after) return true;
  }
  return false;
}

// 1006.14(b)(3): a call placed to the person about this debt.
bool RegFCountedCall(const Context& c, const ContactEvent& e) {
  return e.channel == Channel::kCall && CollectorInitiated(e) && domain::CallConnected(e.outcome) &&
         e.recipient == Recipient::kConsumer && !e.misdirected && e.debts.Contains(c.account.id) &&
         !CoveredByConsent(c, e.time);
}

}  // namespace

Timestamp CallsPerWeek(const Context& c, Timestamp t) {
  if (CoveredByConsent(c, t)) return t;  // the call at t is not counted: it cannot be an 8th
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
      // A consent given at or after this conversation (the last one) lifts the wait while it lasts.
      if (CoveredByConsent(c, t)) return t;
      const Timestamp free =
          LocalInstantOfDay(
          LocalEpochDay(it->time, zone, &c.memo) + c.profile.post_conversation_days, 0, zone, &c.memo);
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
  Days(c, t);
  const int64_t today = c.today;
  const Timestamp start = c.today_start;
  int calls = 0;
  const auto& events = c.history.events;
  for (auto it = events.rbegin(); it != events.rend() && it->time >= start; ++it) {
    if (it->time <= c.now && it->channel == Channel::kCall && CollectorInitiated(*it) &&
        domain::CallConnected(it->outcome) && it->recipient == Recipient::kConsumer) {
      ++calls;
    }
  }
  if (calls < c.profile.max_calls_per_day_per_person) return t;
  return std::max(t, LocalInstantOfDay(today + 1, 0, zone, &c.memo));
}

// MA-FREQ: calls (answered or not) and texts we initiated about this debt; a WhatsApp message to
// the person's number counts as a text (the cautious reading: it is a text to a personal number).
Timestamp Massachusetts(const Context& c, Timestamp t) {
  if (!c.where.massachusetts) return t;
  return WeeklyCap(c, t, c.profile.massachusetts_per_7_days, [&c](const ContactEvent& e) {
    const bool call = e.channel == Channel::kCall && domain::CallConnected(e.outcome) && !e.misdirected;
    const bool text = (e.channel == Channel::kSms || e.channel == Channel::kWhatsApp) &&
                      e.outcome == Outcome::kSent;
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

// NYC-FREQ: attempts across calls, texts, WhatsApp and emails on this account (2026 text: per
// account). Every medium but letters counts, so a new electronic channel is counted by default.
Timestamp NewYorkCity(const Context& c, Timestamp t) {
  if (!c.where.new_york_city) return t;
  return WeeklyCap(c, t, c.profile.nyc_per_7_days, [&c](const ContactEvent& e) {
    return CollectorInitiated(e) && e.channel != Channel::kLetter && e.debts.Contains(c.account.id);
  });
}


}  // namespace recoup::compliance::internal
