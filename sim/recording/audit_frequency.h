// Internal to the compliance audit (compliance_audit.h): Reg F's call frequency per (person, debt),
// counted the way 12 CFR 1006.14(b) defines it, written independently of core/compliance/frequency.
//
// A ledger keeps the calls of the last few weeks in start order. Adding a call evaluates it and,
// since rows may arrive slightly out of start order, every later call it could affect:
//   - 7-in-7 (1006.14(b)(2)(i)(A)): a placed call is a violation when it is one of more than `cap`
//     placed calls in the 7 local days ending on its day (counting only calls at or before it);
//   - post-conversation (1006.14(b)(2)(i)(B)): a placed call is a violation when a telephone
//     conversation about the debt started before it on its local day or the `days - 1` days before;
//   - consent (1006.14(b)(3)(i)): a call inside a consent window is excluded from both: it is not
//     counted and is never a violation. A window runs from the consent's start to its end, at most
//     through the 7th local day counting the consent's day, and ends at the first conversation
//     about the debt that started strictly after the consent (cmt 14(b)(3)(i)-2). Only consents
//     the run log reported count (kFlagCallConsent); any other call is counted (fail closed).
#ifndef RECOUP_SIM_RECORDING_AUDIT_FREQUENCY_H_
#define RECOUP_SIM_RECORDING_AUDIT_FREQUENCY_H_

#include <cstdint>
#include <limits>
#include <vector>

#include "core/compliance/rules.h"

namespace recoup::sim::recording::audit {

// Reg F's figures (the regulation's, not the profile's).
inline constexpr int kRegFCallsPer7Days = 7;
inline constexpr int kRegFPostConversationDays = 7;

struct CallEntry {
  int64_t start_ns = 0;
  uint64_t row = 0;  // ContactRow index
  int32_t day = 0;   // local day (days since 1970-01-01) in the person's primary zone
  int8_t contact_point = -1;
  int8_t arm = -1;
  bool placed = false;        // counts as a call placed (connected, right number, outbound)
  bool conversation = false;  // a telephone conversation with the person about the debt
};

// The person's consent, given directly to the collector, to calls about the debt.
struct ConsentWindow {
  int64_t start_ns = 0;
  int64_t end_ns = 0;  // inclusive
  int32_t day = 0;     // the consent's local day (primary zone); its window ends with day + 6
};

struct LedgerViolation {
  compliance::Rule rule;
  CallEntry call;
};

class RegFLedger {
 public:
  // Adds `call` and appends the violations it reveals (possibly of calls added earlier; a call may
  // be reported again, the caller deduplicates).
  void Add(const CallEntry& call, std::vector<LedgerViolation>& out);
  // The number at `contact_point` turned out not to be the person's: its calls stop counting for
  // calls evaluated from now on (RF-CALL-MISDIRECT).
  void MarkMisdirected(int8_t contact_point);
  // A consent reported by the run: calls evaluated from now on inside its window are excluded.
  void AddConsent(const ConsentWindow& consent);
  // The consents given at or before `at_ns` end at `at_ns` (kFlagCallConsentEnded).
  void EndConsents(int64_t at_ns);
  bool empty() const { return calls_.empty() && consents_.empty(); }
  // The latest local day of a call or consent kept (INT64_MIN when empty).
  int64_t newest_day() const;

  // Calls older than this many days before the newest one can no longer affect an evaluation (the
  // 7-day windows, plus slack for rows that arrive late).
  static constexpr int64_t kKeepDays = 9;

 private:
  static bool Before(const CallEntry& a, const CallEntry& b) {
    return a.start_ns != b.start_ns ? a.start_ns < b.start_ns : a.row < b.row;
  }
  // Placed calls at or before calls_[i] in the 7 local days ending on its day, consent excluded.
  int PlacedInWeekUpTo(std::size_t i) const;
  // Whether `call` is placed and counts: not inside a consent window.
  bool Counted(const CallEntry& call) const { return call.placed && !Consented(call); }
  bool Consented(const CallEntry& call) const;

  std::vector<CallEntry> calls_;  // in start order
  std::vector<ConsentWindow> consents_;
};

}  // namespace recoup::sim::recording::audit

#endif  // RECOUP_SIM_RECORDING_AUDIT_FREQUENCY_H_
