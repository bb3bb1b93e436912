// What one simulated run reports, as plain rows: the simulated operation (sim/world/operation.h)
// emits them into a RunSink as they happen; the KPI collector, the compliance audit and the HDF5
// writer (this folder) consume them. Nothing here computes a KPI.
//
// Times are UTC Timestamps; money is Money (minor units). Rows are emitted in simulated-time order
// (ties in event order), so a consumer may stream them. docs/results.md documents how each row
// becomes a KPI or an HDF5 dataset.
#ifndef RECOUP_SIM_RECORDING_RUN_LOG_H_
#define RECOUP_SIM_RECORDING_RUN_LOG_H_

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "core/base/money.h"
#include "core/base/time.h"
#include "core/compliance/rules.h"
#include "core/domain/account.h"
#include "core/domain/calendar.h"
#include "core/domain/contact.h"

namespace recoup::sim::recording {

// Who worked a contact.
enum class Agent : uint8_t { kNone, kAi, kHuman };  // kNone: a message or letter sent by the system

// The compliance verdict on a planned contact, as logged.
enum class VerdictKind : uint8_t { kAllow, kDeny, kDefer };

// The conversation's end (conversation::Disposition values, plus the system outcomes below).
// Stored as the Disposition's numeric value; kBlocked marks a contact compliance did not allow.
inline constexpr uint8_t kDispositionBlocked = 255;
inline constexpr uint8_t kDispositionNotConnected = 254;  // busy / not in service / bounced

// One contact attempt, or one planned contact that compliance blocked (verdict != kAllow).
struct ContactRow {
  uint64_t account = 0;
  uint64_t person = 0;
  int8_t arm = -1;                    // experiment arm index of the account, -1 without one
  domain::Channel channel = domain::Channel::kCall;
  domain::VoiceMode voice = domain::VoiceMode::kHuman;
  Agent agent = Agent::kNone;
  int8_t contact_point = -1;          // index into the debtor's phones / emails; -1 for letters
  Timestamp start;                    // UTC
  int32_t local_offset_s = 0;         // the debtor's UTC offset at `start` (address zone, else
                                      // the first candidate zone): local time = start + offset
  Duration duration;                  // handle time (0 for blocked contacts and messages)
  domain::Outcome outcome = domain::Outcome::kNoAnswer;  // what the contact ledger records
  uint8_t disposition = 0;            // conversation::Disposition, or a kDisposition* above
  bool right_party_contact = false;   // identity verified
  bool promise = false;               // a promise to pay / arrangement was agreed
  bool paid_on_contact = false;       // the first payment was completed during the contact
  bool handed_to_human = false;       // an AI contact transferred to a human
  bool after_hours = false;           // outside every human agent shift (operation time zone)
  VerdictKind verdict = VerdictKind::kAllow;
  compliance::Rule rule = compliance::Rule::kNone;  // the blocking rule (kNone when allowed)
  Money cost;                         // what the contact cost (labour, telephony, postage)
  // Added by REC (defaults keep old emitters valid); read by the compliance audit and the KPIs.
  bool inbound = false;               // the consumer initiated it (inbound call, reply): not an
                                      // outbound attempt; an inbound right-party call is still a
                                      // telephone conversation for Reg F's 7-day block
  uint8_t purpose = 0;                // compliance::Purpose value (0 = kCollection)
  bool reply_to_inbound = false;      // the one reply to a consumer-initiated contact
                                      // (ContactRequest::reply_to_inbound)
  bool callback = false;              // an agent calling back a hand-off from the callback list
                                      // (staffing.callbacks; see EscalationRow::callback)
};

// A promise to pay (an agreed arrangement's first payment, or a bare promise), and how it ended.
struct PromiseRow {
  uint64_t account = 0;
  int8_t arm = -1;
  Timestamp taken;
  domain::LocalDate due;
  Money amount;                       // promised
  Money paid;                         // paid by due + grace
  enum class State : uint8_t { kKept, kPartial, kBroken, kOpen } state = State::kOpen;  // kOpen: not
                                                                                       // due by the end
  domain::Channel channel = domain::Channel::kCall;  // where it was taken
  Agent agent = Agent::kAi;
};

// A payment attempt (settled, declined or returned).
struct PaymentRow {
  uint64_t account = 0;
  int8_t arm = -1;
  Timestamp time;
  Money amount;
  Money fee;                          // processing fee paid by the operation
  bool card = true;                   // else ACH
  enum class Status : uint8_t { kSettled, kDeclined, kReturned } status = Status::kSettled;
  // Where the payment came from: the channel of the contact that produced it, or self-cure. New
  // sources go at the end (internal::kSourceCount sizes the KPI tallies).
  enum class Source : uint8_t { kCall, kSms, kEmail, kLetter, kSelfCure, kInbound, kWhatsApp }
      source = Source::kSelfCure;
  Agent agent = Agent::kNone;
  // Added by REC: the account was charged off when the payment settled (a post-charge-off
  // recovery, the numerator of the recovery rate).
  bool after_charge_off = false;
};

// What became of a hand-off on the callback list (EscalationRow::callback).
enum class CallbackFate : uint8_t {
  kNone,       // not on the callback list
  kCalled,     // an agent called the debtor back (that call's ContactRow has `callback` set)
  kWithdrawn,  // the debtor called us first (the callback is withdrawn, as a waiting call is)
  kDropped,    // the account was paid, settled or closed while the callback waited
  kBlocked,    // compliance denied the call back (a hold; or the account lookup failed)
  kExpired,    // not called back within staffing.callback_expiry_days of the hand-off
  kPending,    // still owed at the end of the run
};

// A hand-off from the AI (on our call or on one the debtor made) to a human agent: one row per
// hand-off, emitted when a human answers it live, when the debtor abandons it, or, for a hand-off
// sent to the callback list, when the callback ends (then `callback_fate` says how).
struct EscalationRow {
  uint64_t account = 0;
  int8_t arm = -1;
  Timestamp queued;                   // the hand-off
  Duration wait;                      // on hold until answered or abandoned (0: sent straight to
                                      // the callback list, nobody being on shift to take it)
  bool abandoned = false;             // the debtor hung up before a human answered
  uint8_t reason = 0;                 // conversation::Handoff value
  // Added with staffing.callbacks (defaults keep old emitters valid). The hand-off went to the
  // callback list: nobody with the escalation skill was on shift, or the debtor abandoned it (then
  // `abandoned` too).
  bool callback = false;
  CallbackFate callback_fate = CallbackFate::kNone;
  Duration callback_wait;             // from `queued` to the start of the call back (kCalled), or
                                      // to when the callback ended otherwise
};

// One OrgPort call: the API latency KPIs and the daily API count.
struct ApiCallRow {
  uint8_t call = 0;                   // 0 lookup, 1 contact attempt, 2 compliance, 3 arrangement,
                                      // 4 dispute, 5 payment
  Timestamp sent;
  Duration latency;
  bool ok = true;
  bool during_call = false;           // the account lookup made while a debtor waits (2 s budget)
  int8_t arm = -1;                    // added by REC: the arm of the account the call is about
                                      // (-1: no experiment, or not about one account)
};

// A flag set on an account or person during the run (from a conversation or a written request).
struct FlagRow {
  uint64_t account = 0;
  uint64_t person = 0;
  Timestamp time;
  uint8_t flag = 0;                   // conversation::Flag value, or kFlagBankruptcy below
  int8_t contact_point = -1;
  Timestamp until;                    // kFlagCallConsent only: the last instant of its window
};
inline constexpr uint8_t kFlagBankruptcy = 200;
inline constexpr uint8_t kFlagDeceased = 201;
// Reg F 1006.14(b)(3)(i): the person consented, directly to us, to calls about the account from
// `time` to `until` (inclusive; the regulation caps the window at the 7 days counting its day, and
// a conversation about the debt after `time` ends it). Recorded when the AI offers a call back.
inline constexpr uint8_t kFlagCallConsent = 202;
// The call back the consents of the account were given for was made at `time`, or given up then:
// those consents (given at or before `time`) end at `time` (a call at `time` is still covered).
inline constexpr uint8_t kFlagCallConsentEnded = 203;

// Portfolio state at the end of one simulated day (the operation's time zone), for the daily rows.
struct DaySnapshot {
  domain::LocalDate date;
  int8_t arm = -1;                    // one snapshot per arm per day (-1: no experiment)
  int64_t accounts = 0;               // open accounts (not paid off, not charged off)
  Money receivables;                  // total balance of open accounts (AR)
  Money current_receivables;          // balance of accounts 0 days past due or on a plan in good
                                      // standing
  Money placed;                       // balance placed on this day (the start day: the portfolio)
  Money charged_off;                  // balance charged off on this day
  // Accounts and balance by delinquency bucket (index = domain::Stage) at the end of the day, and
  // the transitions into each bucket during the day (from the previous bucket: roll; to kCurrent:
  // cure; self_cured: cured without a live right-party contact).
  std::array<int64_t, domain::kStageCount> bucket_accounts{};
  std::array<Money, domain::kStageCount> bucket_balance{};
  std::array<int64_t, domain::kStageCount> rolled_in{};
  int64_t cured = 0;
  int64_t self_cured = 0;
  int64_t resolved = 0;               // paid in full, settled or put on a plan today
  // Staffing: seconds staffed and seconds busy today.
  double human_staffed_s = 0;
  double human_busy_s = 0;
  double ai_line_s = 0;               // AI lines x 24 h
  double ai_busy_s = 0;
};

// Each account at the end of the run (emitted once per account, in account order, after the last
// day): the per-account outcomes dataset.
struct AccountOutcomeRow {
  uint64_t account = 0;
  int8_t arm = -1;
  uint32_t strategy = 0;              // strategy id assigned last
  uint16_t segment = 0;               // segment id assigned last
  uint8_t product = 0;                // domain::Product
  uint8_t final_stage = 0;            // domain::Stage at the end
  Money placed;                       // balance at placement
  Money collected;                    // settled payments
  Money balance;                      // remaining balance (0 when paid or settled)
  int32_t contacts = 0;               // contact attempts (allowed)
  int32_t right_party_contacts = 0;
  enum class State : uint8_t { kOpen, kPaid, kSettled, kOnPlan, kChargedOff, kClosed } state =
      State::kOpen;                   // kClosed: deceased, bankrupt, cease with no plan
  int32_t resolved_day = -1;          // day index the account was resolved (-1: never)
  bool escalated = false;             // ever handed to a human
};

// Where the operation sends its rows. Implementations may keep, count or write them.
class RunSink {
 public:
  virtual ~RunSink() = default;
  virtual void OnContact(const ContactRow& row) = 0;
  virtual void OnPromise(const PromiseRow& row) = 0;
  virtual void OnPayment(const PaymentRow& row) = 0;
  virtual void OnEscalation(const EscalationRow& row) = 0;
  virtual void OnApiCall(const ApiCallRow& row) = 0;
  virtual void OnFlag(const FlagRow& row) = 0;
  virtual void OnDay(const DaySnapshot& snapshot) = 0;
  virtual void OnAccountOutcome(const AccountOutcomeRow& row) = 0;
};

}  // namespace recoup::sim::recording

#endif  // RECOUP_SIM_RECORDING_RUN_LOG_H_
