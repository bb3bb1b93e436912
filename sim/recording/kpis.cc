#include "sim/recording/kpis.h"

#include <cctz/civil_time.h>
#include <cctz/time_zone.h>

#include <algorithm>
#include <string>
#include <utility>

#include "core/conversation/records.h"
#include "sim/recording/kpi_accounts.h"
#include "sim/recording/kpi_scope.h"
#include "sim/recording/kpi_state.h"
#include "sim/stats/quantile_sketch.h"

namespace recoup::sim::recording {
namespace {

using internal::Counters;
using internal::kArranged;
using internal::kDialled;
using internal::kRpc;
using internal::kWorked;

bool LiveAnswer(domain::Outcome o) {
  return o == domain::Outcome::kAnsweredNoConversation || o == domain::Outcome::kWrongParty ||
         o == domain::Outcome::kConversation;
}

// A text or email thread the person answered, or an inbound contact that was answered: anything but
// no reply / not answered, not delivered.
bool Replied(uint8_t disposition) {
  return disposition != static_cast<uint8_t>(conversation::Disposition::kNoAnswer) &&
         disposition != kDispositionNotConnected && disposition != kDispositionBlocked;
}

bool Arrangement(uint8_t disposition) {
  using conversation::Disposition;
  return disposition == static_cast<uint8_t>(Disposition::kArrangementAgreed) ||
         disposition == static_cast<uint8_t>(Disposition::kPaid);
}

}  // namespace

KpiCollector::KpiCollector(std::unique_ptr<State> state) : state_(std::move(state)) {}
KpiCollector::KpiCollector(KpiCollector&&) noexcept = default;
KpiCollector& KpiCollector::operator=(KpiCollector&&) noexcept = default;
KpiCollector::~KpiCollector() = default;

StatusOr<KpiCollector> KpiCollector::Create(const KpiConfig& config) {
  if (config.horizon_days < 1) {
    return InvalidArgumentError("kpi config: horizon_days: must be >= 1, got " +
                                std::to_string(config.horizon_days));
  }
  if (config.arm_count < 0 || config.arm_count > internal::kMaxArms - 1) {
    return InvalidArgumentError("kpi config: arm_count: must be in [0, " +
                                std::to_string(internal::kMaxArms - 1) + "], got " +
                                std::to_string(config.arm_count));
  }
  if (config.currency_decimals < 0 || config.currency_decimals > 18) {
    return InvalidArgumentError("kpi config: currency_decimals: must be in [0, 18], got " +
                                std::to_string(config.currency_decimals));
  }
  cctz::time_zone zone;
  if (config.operation_time_zone.empty() ||
      !cctz::load_time_zone(config.operation_time_zone, &zone)) {
    return InvalidArgumentError("kpi config: operation_time_zone: unknown time zone '" +
                                config.operation_time_zone + "'");
  }
  auto s = std::make_unique<State>();
  s->config = config;
  for (int i = 0; i <= config.horizon_days; ++i) {
    const cctz::civil_second midnight(config.start_date + i);
    s->day_starts.push_back(cctz::convert(midnight, zone).time_since_epoch().count() *
                            int64_t{1'000'000'000});
  }
  for (int arm = -1; arm < config.arm_count; ++arm) s->ArmFor(arm);
  return KpiCollector(std::move(s));
}

const KpiConfig& KpiCollector::config() const { return state_->config; }

void KpiCollector::OnContact(const ContactRow& row) {
  State& s = *state_;
  State::Arm& arm = s.ArmFor(row.arm);
  const std::size_t day_index = s.DayOf(row.start);
  State::Day& day = arm.days[day_index];
  Counters& c = day.c;
  if (row.verdict != VerdictKind::kAllow) {
    ++c.blocked;
    return;
  }
  const bool inbound = row.inbound || row.outcome == domain::Outcome::kInboundFromConsumer;
  const bool call = row.channel == domain::Channel::kCall;
  c.contact_cost += row.cost.minor_units();
  internal::AccountDays& account = s.accounts.Get(row.account);
  const bool message = row.channel == domain::Channel::kSms ||
                       row.channel == domain::Channel::kWhatsApp ||
                       row.channel == domain::Channel::kEmail;
  // A person responded (section 5's "contact", a live answer): an outbound dial answered by a
  // person; a thread the person replied in; an inbound contact somebody answered (a missed one,
  // lost to voicemail or hung up on hold, is disposition no_answer).
  const bool live =
      (inbound || message) ? Replied(row.disposition) : (call && LiveAnswer(row.outcome));
  if (live) ++c.live_contacts;
  if (inbound) {
    ++c.inbound;
  } else {
    ++c.contacts[static_cast<std::size_t>(row.channel)];
    if (account.MarkFirst(kWorked)) ++arm.accounts_worked;
    if (account.MarkDay(static_cast<uint32_t>(day_index))) ++day.accounts_contacted;
    if (call) {
      if (account.MarkFirst(kDialled)) ++arm.accounts_dialled;
      if (row.agent == Agent::kAi) ++c.calls_ai;
      if (row.agent == Agent::kHuman) ++c.calls_human;
      if (row.outcome != domain::Outcome::kBusy && row.outcome != domain::Outcome::kNotInService) {
        ++c.dials_connected;
      }
      if (LiveAnswer(row.outcome)) ++c.dials_live;
      if (row.right_party_contact) ++c.dials_rpc;
      if (row.callback) {
        ++c.callback_calls;
        if (row.right_party_contact) ++c.callback_rpcs;
      }
    }
  }
  if (row.right_party_contact) {
    ++c.rpcs;
    if (account.MarkFirst(kRpc)) ++arm.accounts_rpc;
  }
  if (row.promise) ++c.promises;
  const bool arranged = Arrangement(row.disposition);
  if (arranged) {
    ++c.arrangements;
    if (account.MarkFirst(kArranged)) ++arm.accounts_arranged;
  }
  if (row.agent == Agent::kAi) {
    // Resolved by the AI: a promise, a payment or a plan, and nobody had to take over.
    const bool resolved = row.right_party_contact && !row.handed_to_human &&
                          (row.promise || row.paid_on_contact || arranged);
    if (row.right_party_contact) {
      ++c.ai_rpcs;
      if (resolved) ++c.ai_resolved;
    }
    if (row.right_party_contact || row.handed_to_human) ++c.ai_engaged;
    if (row.handed_to_human) ++c.ai_handoffs;
    if (call) {
      ++c.ai_calls;
      if (row.after_hours) ++c.ai_calls_after_hours;
      if (row.right_party_contact) {
        ++c.ai_call_rpcs;
        if (resolved) ++c.ai_call_resolved;
      }
    }
  }
}

void KpiCollector::OnPromise(const PromiseRow& row) {
  if (row.state == PromiseRow::State::kOpen) return;
  State& s = *state_;
  Counters& c = s.ArmFor(row.arm).days[s.DayOf(row.due)].c;
  ++c.promises_due;
  c.due_amount += row.amount.minor_units();
  switch (row.state) {
    case PromiseRow::State::kKept:
      ++c.kept;
      c.kept_amount += row.amount.minor_units();
      break;
    case PromiseRow::State::kPartial:
      ++c.partial;
      break;
    case PromiseRow::State::kBroken:
      ++c.broken;
      break;
    case PromiseRow::State::kOpen:
      break;
  }
}

void KpiCollector::OnPayment(const PaymentRow& row) {
  State& s = *state_;
  Counters& c = s.ArmFor(row.arm).days[s.DayOf(row.time)].c;
  ++c.payment_attempts;
  c.fees += row.fee.minor_units();
  if (row.status != PaymentRow::Status::kSettled) {
    ++c.payment_failures;
    return;
  }
  const int64_t amount = row.amount.minor_units();
  c.recovered += amount;
  const auto source = static_cast<std::size_t>(row.source);
  if (source < c.recovered_by_source.size()) c.recovered_by_source[source] += amount;
  const auto agent = static_cast<std::size_t>(row.agent);
  if (agent < c.recovered_by_agent.size()) c.recovered_by_agent[agent] += amount;
  if (row.after_charge_off) c.recovered_after_charge_off += amount;
}

void KpiCollector::OnEscalation(const EscalationRow& row) {
  State& s = *state_;
  State::Arm& arm = s.ArmFor(row.arm);
  Counters& c = arm.days[s.DayOf(row.queued)].c;
  ++c.escalations;
  if (row.callback) {
    ++c.callbacks;
    if (row.callback_fate == CallbackFate::kCalled) {
      ++c.callbacks_called;
      c.callback_wait_s += row.callback_wait.ToSecondsDouble();
    }
  }
  if (row.abandoned) {
    ++c.abandoned;
    return;
  }
  if (row.callback) return;  // sent straight to the callback list: never answered live (ASA)
  ++c.answered;
  const double wait = row.wait.ToSecondsDouble();
  c.wait_answered_s += wait;
  arm.waits_s.Add(wait);
}

void KpiCollector::OnApiCall(const ApiCallRow& row) {
  State& s = *state_;
  State::Arm& arm = s.ArmFor(row.arm);
  State::Day& day = arm.days[s.DayOf(row.sent)];
  ++day.c.api_calls;
  if (!row.ok) ++day.c.api_errors;
  const double ms = row.latency.ToSecondsDouble() * 1000.0;
  arm.latency_ms.Add(ms);
  if (!day.latency_ms) day.latency_ms = std::make_unique<QuantileSketch>();
  day.latency_ms->Add(ms);
  if (row.during_call) {
    ++day.c.lookups;
    if (row.latency > s.config.lookup_budget) ++day.c.lookups_over_budget;
  }
}

void KpiCollector::OnFlag(const FlagRow&) {}

void KpiCollector::OnDay(const DaySnapshot& snapshot) {
  State& s = *state_;
  State::Day& day = s.ArmFor(snapshot.arm).days[s.DayOf(snapshot.date)];
  day.has_snapshot = true;
  day.snapshot = snapshot;
}

void KpiCollector::OnAccountOutcome(const AccountOutcomeRow& row) {
  State::Arm& arm = state_->ArmFor(row.arm);
  ++arm.accounts_placed;
  const bool resolved = row.resolved_day >= 0;
  if (row.contacts > 0) {
    ++arm.outcomes_worked;
    if (resolved) ++arm.outcomes_worked_resolved;
  }
  if (resolved) {
    ++arm.outcomes_resolved;
    arm.resolution_days_sum += row.resolved_day + 1;
  }
}

void KpiCollector::ApplyAudit(const AuditReport& report) {
  State& s = *state_;
  for (const std::unique_ptr<State::Arm>& arm : s.arms) {
    if (!arm) continue;
    for (State::Day& day : arm->days) day.c.violations = 0;
  }
  // One count per violating row (violations are sorted by row).
  const AuditViolation* last = nullptr;
  for (const AuditViolation& v : report.violations) {
    if (last != nullptr && last->row == v.row) continue;
    last = &v;
    ++s.ArmFor(v.arm).days[s.DayOf(v.start)].c.violations;
  }
  s.audited = true;
}

}  // namespace recoup::sim::recording
