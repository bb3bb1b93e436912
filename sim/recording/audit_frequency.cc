#include "sim/recording/audit_frequency.h"

#include <algorithm>

namespace recoup::sim::recording::audit {
int64_t RegFLedger::newest_day() const {
  int64_t newest = std::numeric_limits<int64_t>::min();
  for (const CallEntry& c : calls_) newest = std::max<int64_t>(newest, c.day);
  for (const ConsentWindow& k : consents_) newest = std::max<int64_t>(newest, k.day);
  return newest;
}

bool RegFLedger::Consented(const CallEntry& call) const {
  for (const ConsentWindow& k : consents_) {
    if (call.start_ns < k.start_ns || call.start_ns > k.end_ns) continue;
    if (call.day >= k.day + kRegFPostConversationDays) continue;  // consent day = day 1 of 7
    const bool ended = std::any_of(calls_.begin(), calls_.end(), [&](const CallEntry& x) {
      return x.conversation && x.start_ns > k.start_ns && x.start_ns < call.start_ns;
    });
    if (!ended) return true;
  }
  return false;
}

int RegFLedger::PlacedInWeekUpTo(std::size_t i) const {
  const CallEntry& x = calls_[i];
  int n = 0;
  for (std::size_t j = 0; j <= i; ++j) {
    const CallEntry& y = calls_[j];
    if (y.day > x.day - kRegFCallsPer7Days && y.day <= x.day && Counted(y)) ++n;
  }
  return n;
}

void RegFLedger::Add(const CallEntry& call, std::vector<LedgerViolation>& out) {
  // Forget what is too old to matter.
  const int64_t newest = std::max<int64_t>(call.day, newest_day());
  std::erase_if(calls_, [newest](const CallEntry& c) { return c.day < newest - kKeepDays; });
  std::erase_if(consents_, [newest](const ConsentWindow& k) { return k.day < newest - kKeepDays; });

  const auto at = std::upper_bound(calls_.begin(), calls_.end(), call, Before);
  const std::size_t index = static_cast<std::size_t>(at - calls_.begin());
  calls_.insert(at, call);

  // 7 in 7: the new call and every counted call after it whose window contains the new call's day.
  // A conversation ends consent windows, which may make later calls count: they are evaluated
  // again as far as a window it ends can reach (7 days) and their own weeks (7 more).
  if (call.placed || call.conversation) {
    const int64_t reach = call.day + (consents_.empty() ? 1 : 2) * kRegFCallsPer7Days;
    for (std::size_t i = index; i < calls_.size(); ++i) {
      const CallEntry& x = calls_[i];
      if (x.day >= reach || !Counted(x)) continue;
      if (PlacedInWeekUpTo(i) > kRegFCallsPer7Days) {
        out.push_back({compliance::Rule::kCallsPerWeek, x});
      }
    }
  }
  // Post-conversation: the conversation day is day 1 of the 7.
  const auto within = [](const CallEntry& conversation, const CallEntry& placed) {
    const int64_t d = placed.day - conversation.day;
    return d >= 0 && d < kRegFPostConversationDays;
  };
  if (Counted(call)) {
    for (std::size_t i = 0; i < index; ++i) {
      if (calls_[i].conversation && within(calls_[i], call)) {
        out.push_back({compliance::Rule::kPostConversation, call});
        break;
      }
    }
  }
  if (call.conversation) {
    for (std::size_t i = index + 1; i < calls_.size(); ++i) {
      if (within(call, calls_[i]) && Counted(calls_[i])) {
        out.push_back({compliance::Rule::kPostConversation, calls_[i]});
      }
    }
  }
}

void RegFLedger::AddConsent(const ConsentWindow& consent) { consents_.push_back(consent); }

void RegFLedger::EndConsents(int64_t at_ns) {
  for (ConsentWindow& k : consents_) {
    if (k.start_ns <= at_ns) k.end_ns = std::min(k.end_ns, at_ns);
  }
}

void RegFLedger::MarkMisdirected(int8_t contact_point) {
  for (CallEntry& c : calls_) {
    if (c.contact_point == contact_point) {
      c.placed = false;
      c.conversation = false;
    }
  }
}

}  // namespace recoup::sim::recording::audit
