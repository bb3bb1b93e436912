// Internal to the compliance audit (compliance_audit.h): what it keeps per person and account (the
// portfolio as placed, updated by FlagRows), and its state. compliance_audit.cc checks the rows;
// audit_setup.cc builds the state and the report.
#ifndef RECOUP_SIM_RECORDING_AUDIT_STATE_H_
#define RECOUP_SIM_RECORDING_AUDIT_STATE_H_

#include <algorithm>
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
#include "sim/recording/compliance_audit.h"

namespace recoup::sim::recording {
namespace audit {

inline constexpr Timestamp kNever = Timestamp::InfiniteFuture();
inline constexpr Timestamp kAlways = Timestamp::InfinitePast();

// A flag in effect for a contact starting at `start`: set strictly before it.
inline bool Before(Timestamp flag, Timestamp start) { return flag < start; }

struct PhoneState {
  bool has_number = false;
  int area_code = 0;
  domain::Place place = domain::Place::kUnknown;
  domain::Consent robocall;
  domain::Consent sms;
  domain::Consent whatsapp;
  Timestamp wrong_number = kNever;  // in effect from (kAlways when known at placement)
  Timestamp calls_opted_out = kNever;
  Timestamp texts_opted_out = kNever;
  Timestamp whatsapp_opted_out = kNever;
  Timestamp robocall_revoked = kNever;
  Timestamp sms_revoked = kNever;
  Timestamp whatsapp_revoked = kNever;
};

struct EmailState {
  bool has_address = false;
  bool employer_provided = false;
  Timestamp opted_out = kNever;
};

struct PersonState {
  std::vector<PhoneState> phones;
  std::vector<EmailState> emails;
  std::vector<Candidate> home;     // the address's zones (its own, else its region's)
  std::vector<Candidate> known;    // other known zones
  bool unknown_zone_name = false;  // a zone of the address or known zones failed to load
  std::vector<domain::InconvenientTime> inconvenient;
  Timestamp bankruptcy = kNever;
  Timestamp deceased = kNever;
  Timestamp calls_opted_out = kNever;
  Timestamp texts_opted_out = kNever;
  Timestamp whatsapp_opted_out = kNever;
  Timestamp emails_opted_out = kNever;
  Timestamp breathing_space_until = kAlways;
  bool capacity_hold = false;
  bool no_contact_at_work = false;
  bool consented_hours = false;
  // Bit c (domain::Channel): the person contacted us on channel c and has not been replied to yet
  // (RF-RESPOND-ONCE: one reply on that medium is exempt from the window, opt-outs, attorney
  // representation and SMS / WhatsApp consent).
  uint8_t reply_tokens = 0;
};

struct AccountState {
  uint64_t person = 0;
  Timestamp cease = kNever;
  Timestamp attorney = kNever;
  Timestamp dispute = kNever;
  bool original_creditor_hold = false;
};

inline Timestamp Initially(bool set) { return set ? kAlways : kNever; }

inline void Earliest(Timestamp& field, Timestamp t) { field = std::min(field, t); }

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
  std::vector<std::pair<uint64_t, uint32_t>> person_index;   // sorted by id
  std::vector<std::pair<uint64_t, uint32_t>> account_index;  // sorted by id
  std::vector<audit::PersonState> persons;
  std::vector<audit::AccountState> accounts;
  std::map<std::pair<uint64_t, uint64_t>, audit::RegFLedger> ledgers;  // (person, account)
  int64_t last_sweep_day = 0;  // ledgers idle for kKeepDays are dropped once a day
  int64_t rows_seen = 0;
  int64_t rows_checked = 0;
  std::vector<AuditViolation> violations;  // unsorted, may repeat
  std::vector<audit::LedgerViolation> scratch;

  static int Find(const std::vector<std::pair<uint64_t, uint32_t>>& index, uint64_t id) {
    const auto it = std::lower_bound(index.begin(), index.end(), std::make_pair(id, uint32_t{0}));
    return it != index.end() && it->first == id ? static_cast<int>(it->second) : -1;
  }

  void Add(compliance::Rule rule, uint64_t row, const ContactRow& c) {
    violations.push_back({rule, row, c.account, c.person, c.arm, c.start});
  }

  // The candidate locations at `start` (numbers known by then to be someone else's excluded).
  std::vector<audit::Candidate> Candidates(const audit::PersonState& p, Timestamp start);
  // The checks of one allowed outbound row; each appends its violations. CheckHolds also judges an
  // answered inbound conversation (`answering`): every hold applies except attorney
  // representation, under which a consumer-initiated contact may be answered (cmt 6(b)(2)-1).
  void CheckHolds(const ContactRow& c, uint64_t row, const audit::PersonState& p,
                  const audit::AccountState& a, bool answering);
  void CheckChannel(const ContactRow& c, uint64_t row, const audit::PersonState& p);
  void CheckWindow(const ContactRow& c, uint64_t row, const audit::PersonState& p);
  // Feeds a call (outbound placed, or a conversation) to the Reg F ledger of (person, debt).
  void Ledger(const ContactRow& c, uint64_t row, const audit::PersonState& p);
};

}  // namespace recoup::sim::recording

#endif  // RECOUP_SIM_RECORDING_AUDIT_STATE_H_
