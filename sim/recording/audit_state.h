// Internal to the compliance audit (compliance_audit.h): its state (the portfolio as placed, packed
// as audit_records.h describes and updated by FlagRows; the Reg F ledgers; the violations) and the
// row classifications the checks share. compliance_audit.cc checks the rows; audit_setup.cc builds
// the state and the report.
#ifndef RECOUP_SIM_RECORDING_AUDIT_STATE_H_
#define RECOUP_SIM_RECORDING_AUDIT_STATE_H_

#include <cstdint>
#include <map>
#include <utility>
#include <vector>

#include "core/base/time.h"
#include "core/compliance/profile.h"
#include "core/compliance/rules.h"
#include "core/domain/debtor.h"
#include "sim/recording/audit_frequency.h"
#include "sim/recording/audit_location.h"
#include "sim/recording/audit_records.h"
#include "sim/recording/compliance_audit.h"

namespace recoup::sim::recording {
namespace audit {

// One person's place in the State: its record and the ranges of the pools that hold its phones
// and e-mails (contact point i is phone / e-mail first_* + i).
struct PersonRef {
  uint32_t index = 0;  // position among the debtors
  uint32_t first_phone = 0;
  uint32_t phone_count = 0;
  uint32_t first_email = 0;
  uint32_t email_count = 0;
};

// What only a contact we make records: a dial that reached no one or a voicemail box, or a message
// or letter we sent. A row claiming to be inbound with one of these is an outbound contact
// borrowing the inbound exemption, and is judged as the outbound contact it is.
inline bool MadeByUs(const ContactRow& row) {
  if (row.channel == domain::Channel::kLetter) return true;
  switch (row.outcome) {
    case domain::Outcome::kBusy:
    case domain::Outcome::kNotInService:
    case domain::Outcome::kNoAnswer:
    case domain::Outcome::kVoicemailLimited:
    case domain::Outcome::kVoicemailFull:
    case domain::Outcome::kRinglessVoicemail:
    case domain::Outcome::kSent:
    case domain::Outcome::kUndeliverable:
      return true;
    default:
      return false;
  }
}

// A contact the consumer initiated (an inbound call, answered or missed), as the audit judges it.
inline bool IsInboundRow(const ContactRow& row) {
  return (row.inbound || row.outcome == domain::Outcome::kInboundFromConsumer) && !MadeByUs(row);
}

inline uint8_t ChannelBit(domain::Channel c) {
  return static_cast<uint8_t>(1U << static_cast<int>(c));
}

// 1006.14(b)(3)(ii): a call is placed when it connects to the dialled number.
inline bool Connected(domain::Outcome o) {
  switch (o) {
    case domain::Outcome::kBusy:
    case domain::Outcome::kNotInService:
    case domain::Outcome::kSent:
    case domain::Outcome::kUndeliverable:
    case domain::Outcome::kInboundFromConsumer:
      return false;
    default:
      return true;
  }
}

}  // namespace audit

struct ComplianceAudit::State {
  compliance::Profile profile;
  audit::ZoneTable zones;
  audit::IdIndex person_ids;   // debtor id -> position
  audit::IdIndex account_ids;  // account id -> position
  // By debtor position, plus a last record that only marks where the pools end.
  std::vector<audit::PersonRecord> persons;
  std::vector<audit::PhoneRecord> phones;  // every person's phones, in person order
  std::vector<audit::EmailRecord> emails;  // every person's e-mails, in person order
  std::vector<audit::AccountRecord> accounts;
  std::vector<audit::Location> locations;       // shared by every person placed there
  std::vector<audit::ConsentSet> consent_sets;  // shared by every phone with the same consents
  audit::Overlay person_times;                  // PersonField times, keyed by person position
  audit::Overlay phone_times;                   // PhoneField times, keyed by phone pool index
  audit::Overlay email_times;                   // EmailField times, keyed by e-mail pool index
  audit::Overlay account_times;                 // AccountField times, keyed by account position
  std::map<std::pair<uint64_t, uint64_t>, audit::RegFLedger> ledgers;  // (person, account)
  int64_t last_sweep_day = 0;  // ledgers idle for kKeepDays are dropped once a day
  int64_t rows_seen = 0;
  int64_t rows_checked = 0;
  std::vector<AuditViolation> violations;  // unsorted, may repeat
  std::vector<audit::LedgerViolation> scratch;

  void Add(compliance::Rule rule, uint64_t row, const ContactRow& c) {
    violations.push_back({rule, row, c.account, c.person, c.arm, c.start});
  }

  audit::PersonRef Person(uint32_t index) const {
    const audit::PersonRecord& r = persons[index];
    const audit::PersonRecord& next = persons[index + 1];
    return {index, r.phones, next.phones - r.phones, r.emails, next.emails - r.emails};
  }
  Timestamp Time(const audit::PersonRef& p, audit::PersonField f) const {
    return audit::TimeOf(persons[p.index], person_times, p.index, f);
  }
  // The person's UK breathing space ends (kAlways: none).
  Timestamp BreathingSpaceUntil(const audit::PersonRef& p) const {
    const audit::PersonRecord& r = persons[p.index];
    if ((r.flags & audit::kOverlaid) == 0) return audit::kAlways;
    return person_times.Get(p.index, static_cast<uint8_t>(audit::PersonField::kBreathingSpaceUntil),
                            audit::kAlways);
  }
  // Phone `phone` of the pool.
  Timestamp Time(uint32_t phone, audit::PhoneField f) const {
    return audit::TimeOf(phones[phone], phone_times, phone, f);
  }
  Timestamp AccountTime(uint32_t account, audit::AccountField f) const {
    return audit::TimeOf(accounts[account], account_times, account, f);
  }
  bool PersonHas(const audit::PersonRef& p, uint8_t flag) const {
    return (persons[p.index].flags & flag) != 0;
  }

  // The candidate locations at `start` (numbers known by then to be someone else's excluded).
  std::vector<audit::Candidate> Candidates(const audit::PersonRef& p, Timestamp start);
  // The checks of one allowed outbound row; each appends its violations. CheckHolds also judges an
  // answered inbound conversation (`answering`): every hold applies except attorney
  // representation, under which a consumer-initiated contact may be answered (cmt 6(b)(2)-1).
  void CheckHolds(const ContactRow& c, uint64_t row, const audit::PersonRef& p, uint32_t account,
                  bool answering);
  void CheckChannel(const ContactRow& c, uint64_t row, const audit::PersonRef& p);
  void CheckWindow(const ContactRow& c, uint64_t row, const audit::PersonRef& p);
  // Feeds a call (outbound placed, or a conversation) to the Reg F ledger of (person, debt).
  void Ledger(const ContactRow& c, uint64_t row, const audit::PersonRef& p);
};

}  // namespace recoup::sim::recording

#endif  // RECOUP_SIM_RECORDING_AUDIT_STATE_H_
