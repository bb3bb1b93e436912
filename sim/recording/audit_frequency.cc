#include "sim/recording/audit_frequency.h"

#include <algorithm>

namespace recoup::sim::recording::audit {
int64_t RegFLedger::newest_day() const {
  int64_t newest = std::numeric_limits<int64_t>::min();
  for (const CallEntry& c : calls_) newest = std::max<int64_t>(newest, c.day);
  return newest;
}

int RegFLedger::PlacedInWeekUpTo(std::size_t i) const {
  const CallEntry& x = calls_[i];
  int n = 0;
  for (std::size_t j = 0; j <= i; ++j) {
    const CallEntry& y = calls_[j];
    if (y.placed && y.day > x.day - kRegFCallsPer7Days && y.day <= x.day) ++n;
  }
  return n;
}

void RegFLedger::Add(const CallEntry& call, std::vector<LedgerViolation>& out) {
  // Forget what is too old to matter.
  const int64_t newest = std::max<int64_t>(call.day, newest_day());
  std::erase_if(calls_, [newest](const CallEntry& c) { return c.day < newest - kKeepDays; });

  const auto at = std::upper_bound(calls_.begin(), calls_.end(), call, Before);
  const std::size_t index = static_cast<std::size_t>(at - calls_.begin());
  calls_.insert(at, call);

  // 7 in 7: the new call and every placed call after it whose window contains the new call's day.
  if (call.placed) {
    for (std::size_t i = index; i < calls_.size(); ++i) {
      const CallEntry& x = calls_[i];
      if (!x.placed || x.day >= call.day + kRegFCallsPer7Days) continue;
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
  if (call.placed) {
    for (std::size_t i = 0; i < index; ++i) {
      if (calls_[i].conversation && within(calls_[i], call)) {
        out.push_back({compliance::Rule::kPostConversation, call});
        break;
      }
    }
  }
  if (call.conversation) {
    for (std::size_t i = index + 1; i < calls_.size(); ++i) {
      if (calls_[i].placed && within(call, calls_[i])) {
        out.push_back({compliance::Rule::kPostConversation, calls_[i]});
      }
    }
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
