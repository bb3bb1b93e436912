// ComplianceAudit: an independent checker of a run's contacts against the compliance rules, so that
// the compliance_violations KPI never comes from the engine that made the decisions. It reads only
// the portfolio as placed (accounts and debtors), the FlagRows set during the run and the
// ContactRows, and re-derives every rule itself: it never calls core/compliance's engine,
// jurisdiction resolution or rule functions (it uses only the area-code and region tables as data,
// RuleId for names and the Profile's UK/Colombia/Mexico windows; time zones go through cctz
// directly).
//
// Inbound rows (the consumer initiated the contact: `inbound`, or outcome inbound_from_consumer)
// are not judged as contacts we made: answering a call places no call (1006.14(b)(3)), at the
// moment and on the medium the consumer chose. An allowed inbound row in which the right party was
// verified (a conversation about the debt) must still respect every hold below except attorney
// representation (a consumer-initiated contact may be answered, cmt 6(b)(2)-1); it counts as a
// telephone conversation for the post-conversation rule. An inbound row cannot claim what only a
// contact we make records (a dial that reached no one or a voicemail box, a message or letter we
// sent): such a row is an outbound contact borrowing the exemption and is judged as one. Every
// inbound row, answered or missed, earns the person one reply on that medium (RF-RESPOND-ONCE):
// `reply_to_inbound` is honoured only for the first reply after it; otherwise the row is judged
// without the reply exemptions.
//
// What it checks on every allowed, outbound ContactRow (verdict allow, not inbound):
//   - holds: bankruptcy, deceased, written cease (a cease acknowledgement by letter or email is
//     allowed), attorney representation (a reply to an inbound contact is allowed), open dispute
//     and original-creditor request (dispute verification allowed), UK breathing space and capacity
//     hold;
//   - the contact point exists; no call, text or WhatsApp message to a number known to be someone
//     else's; no call to a phone or person opted out of calls, no text to one opted out of texts,
//     no WhatsApp message to one opted out of WhatsApp (each medium on its own), no email to an
//     address or person opted out of email (replies and opt-out confirmations excepted); no call,
//     text or WhatsApp message to a work number when the person cannot be contacted at work;
//   - consent: an artificial-voice call (AI, prerecorded, autodialled) needs robocall consent
//     active on the phone; a text needs SMS consent, a WhatsApp message the WhatsApp opt-in
//     (replies excepted);
//   - calling windows, for calls, texts, WhatsApp and emails (not letters; replies excepted): the
//     local time must be inside the window in EVERY candidate time zone of the person: the
//     address's zone (or
//     every zone of its region when not geocoded), the zones of every phone's area code (numbers
//     known to be someone else's excluded) and the other known zones. US (and any country without
//     its own window): 08:00-21:00 (Reg F 1006.6(b)(1)(i), fixed here, not read from the profile),
//     waived by the person's consent to inconvenient hours (which also waives the UK window); GB,
//     CO and MX: the profile's windows. No candidate zone, or an unknown zone name: a location
//     violation (fail closed). The person's designated inconvenient times are checked in every
//     candidate zone too;
//   - Reg F frequency, per (person, debt), days counted in the person's primary zone (the
//   address's,
//     else the first candidate): at most 7 calls placed in any 7 consecutive days, and no call
//     placed on the day of a telephone conversation about the debt or the 6 days after it. A call
//     is "placed" (1006.14(b)(3)) when it connected to the dialled number (not busy, not out of
//     service), did not reach a wrong party and was not to a number known by then to be someone
//     else's. A conversation is an outbound call with outcome conversation, or an inbound call in
//     which the right party was verified. The figures are the regulation's (7 and 7), not the
//     profile's. A call placed with the person's prior consent (1006.14(b)(3)(i)) is excluded from
//     both: inside the window of a kFlagCallConsent FlagRow for that person and debt (from its
//     time to its `until`, at most through the 7th local day counting its day, cut short by a
//     kFlagCallConsentEnded row), and before the first conversation about the debt that started
//     strictly after the consent. A call without a reported consent is counted (fail closed).
//
// Flags: a FlagRow takes effect for contacts that start strictly after its time (and only once it
// has been received: rows arrive in time order); the account's written_cease applies from its
// instant; a consent covers calls from its time on, evaluated after it was received. Rows may
// arrive out of start order by a little (a contact is emitted when it ends): the
// Reg F ledgers re-evaluate every call within 7 days of a late row.
//
// Not checked (documented in docs/results.md): the soft per-day and per-gap limits, state and
// city caps (MA, WA, NYC), SMS and WhatsApp consent freshness and email
// provenance.
#ifndef RECOUP_SIM_RECORDING_COMPLIANCE_AUDIT_H_
#define RECOUP_SIM_RECORDING_COMPLIANCE_AUDIT_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <utility>
#include <vector>

#include "core/base/statusor.h"
#include "core/base/time.h"
#include "core/compliance/profile.h"
#include "core/compliance/rules.h"
#include "core/domain/account.h"
#include "core/domain/debtor.h"
#include "sim/recording/run_log.h"

namespace recoup::sim::recording {

// One breach: a contact and a rule it broke (a contact may break several).
struct AuditViolation {
  compliance::Rule rule = compliance::Rule::kNone;
  uint64_t row = 0;  // 0-based index of the ContactRow among every OnContact call, blocked rows
                     // included (the row of /events/contacts in the results file)
  uint64_t account = 0;
  uint64_t person = 0;
  int8_t arm = -1;
  Timestamp start;  // the contact's start (UTC)
  friend bool operator==(const AuditViolation&, const AuditViolation&) = default;
};

struct AuditReport {
  int64_t rows_seen = 0;                   // every ContactRow received
  int64_t rows_checked = 0;                // allowed outbound rows (inbound rows not counted)
  std::vector<AuditViolation> violations;  // sorted by (row, rule), each pair once

  bool clean() const { return violations.empty(); }
  // Rows with at least one violation, ascending, each once.
  std::vector<uint64_t> ViolatingRows() const;
  // Violations of `rule`, and their rows ascending.
  int64_t Count(compliance::Rule rule) const;
  std::vector<uint64_t> Rows(compliance::Rule rule) const;
  // (rule, violations) for every rule broken at least once, in enum order.
  std::vector<std::pair<compliance::Rule, int64_t>> ByRule() const;
};

class ComplianceAudit : public RunSink {
 public:
  // Copies what it needs from the portfolio as placed, packed (audit_records.h: some 50 bytes per
  // account of a generated portfolio, whose ids run 1..n). InvalidArgument when an id repeats
  // ("debtors[3]: person id 17 repeats") or an account's debtor is missing ("accounts[2] (id 5):
  // debtor 9 is not among the debtors"). `profile` supplies only the GB, CO and MX windows.
  static StatusOr<ComplianceAudit> Create(std::span<const domain::Account> accounts,
                                          std::span<const domain::Debtor> debtors,
                                          const compliance::Profile& profile);
  // The same for `debtor_count` debtors read one at a time: `debtor(k)` is the k-th, and need stay
  // valid only until the next call (a packed store expanding into one scratch object). Each debtor
  // is read twice.
  static StatusOr<ComplianceAudit> Create(
      std::span<const domain::Account> accounts, std::size_t debtor_count,
      const std::function<const domain::Debtor&(std::size_t)>& debtor,
      const compliance::Profile& profile);

  ComplianceAudit(ComplianceAudit&&) noexcept;
  ComplianceAudit& operator=(ComplianceAudit&&) noexcept;
  ~ComplianceAudit() override;

  void OnContact(const ContactRow& row) override;
  void OnFlag(const FlagRow& row) override;
  void OnPromise(const PromiseRow&) override {}
  void OnPayment(const PaymentRow&) override {}
  void OnEscalation(const EscalationRow&) override {}
  void OnApiCall(const ApiCallRow&) override {}
  void OnDay(const DaySnapshot&) override {}
  void OnAccountOutcome(const AccountOutcomeRow&) override {}

  // The violations found so far (every row received is final when the run has ended).
  AuditReport Report() const;

 private:
  struct State;
  explicit ComplianceAudit(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

}  // namespace recoup::sim::recording

#endif  // RECOUP_SIM_RECORDING_COMPLIANCE_AUDIT_H_
