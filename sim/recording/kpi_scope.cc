#include "sim/recording/kpi_scope.h"

#include <cmath>
#include <limits>

#include "sim/recording/kpi_definitions.h"
#include "sim/recording/run_log.h"

namespace recoup::sim::recording::internal {
namespace {

// A new payment source or channel must grow the tallies (or its money would land out of range).
static_assert(kSourceCount == static_cast<int>(PaymentRow::Source::kWhatsApp) + 1);

double Ratio(double num, double den) { return den > 0 ? num / den : 0.0; }

double Quantile(const QuantileSketch* s, double q) {
  return s != nullptr && s->count() > 0 ? s->Quantile(q) : 0.0;
}

}  // namespace

void Counters::Add(const Counters& o) {
  for (int i = 0; i < domain::kChannelCount; ++i) contacts[i] += o.contacts[i];
  calls_ai += o.calls_ai;
  calls_human += o.calls_human;
  inbound += o.inbound;
  blocked += o.blocked;
  dials_connected += o.dials_connected;
  dials_live += o.dials_live;
  dials_rpc += o.dials_rpc;
  rpcs += o.rpcs;
  promises += o.promises;
  arrangements += o.arrangements;
  ai_rpcs += o.ai_rpcs;
  ai_resolved += o.ai_resolved;
  ai_engaged += o.ai_engaged;
  ai_handoffs += o.ai_handoffs;
  ai_calls += o.ai_calls;
  ai_calls_after_hours += o.ai_calls_after_hours;
  ai_call_rpcs += o.ai_call_rpcs;
  ai_call_resolved += o.ai_call_resolved;
  live_contacts += o.live_contacts;
  contact_cost += o.contact_cost;
  recovered += o.recovered;
  for (int i = 0; i < kSourceCount; ++i) recovered_by_source[i] += o.recovered_by_source[i];
  for (int i = 0; i < kAgentCount; ++i) recovered_by_agent[i] += o.recovered_by_agent[i];
  recovered_after_charge_off += o.recovered_after_charge_off;
  fees += o.fees;
  payment_attempts += o.payment_attempts;
  payment_failures += o.payment_failures;
  promises_due += o.promises_due;
  kept += o.kept;
  partial += o.partial;
  broken += o.broken;
  due_amount += o.due_amount;
  kept_amount += o.kept_amount;
  escalations += o.escalations;
  abandoned += o.abandoned;
  answered += o.answered;
  wait_answered_s += o.wait_answered_s;
  callbacks += o.callbacks;
  callbacks_called += o.callbacks_called;
  callback_wait_s += o.callback_wait_s;
  callback_calls += o.callback_calls;
  callback_rpcs += o.callback_rpcs;
  api_calls += o.api_calls;
  api_errors += o.api_errors;
  lookups += o.lookups;
  lookups_over_budget += o.lookups_over_budget;
  violations += o.violations;
}

std::vector<double> Compute(const Scope& s, int decimals) {
  const Counters& c = s.c;
  double scale = 1;
  for (int i = 0; i < decimals; ++i) scale *= 10;
  const auto money = [scale](int64_t minor) { return static_cast<double>(minor) / scale; };
  const auto d = [](int64_t n) { return static_cast<double>(n); };

  std::vector<double> v(kKpiCount, 0.0);
  const auto set = [&v](Kpi k, double x) { v[static_cast<std::size_t>(k)] = x; };
  int64_t contacts = 0;  // every channel's, WhatsApp included
  for (const int64_t n : c.contacts) contacts += n;
  const int64_t dials = c.contacts[static_cast<int>(domain::Channel::kCall)];

  set(Kpi::kAccountsPlaced, d(s.accounts_placed));
  set(Kpi::kAccountsWorked, d(s.accounts_worked));
  set(Kpi::kAccountsContacted, s.accounts_contacted);
  set(Kpi::kContacts, d(contacts));
  set(Kpi::kContactsPerDay, Ratio(d(contacts), s.days));
  set(Kpi::kContactsCall, d(dials));
  set(Kpi::kContactsSms, d(c.contacts[static_cast<int>(domain::Channel::kSms)]));
  set(Kpi::kContactsEmail, d(c.contacts[static_cast<int>(domain::Channel::kEmail)]));
  set(Kpi::kContactsLetter, d(c.contacts[static_cast<int>(domain::Channel::kLetter)]));
  set(Kpi::kCallsAi, d(c.calls_ai));
  set(Kpi::kCallsHuman, d(c.calls_human));
  set(Kpi::kInboundContacts, d(c.inbound));
  set(Kpi::kConnectRate, Ratio(d(c.dials_connected), d(dials)));
  set(Kpi::kLiveAnswerRate, Ratio(d(c.dials_live), d(dials)));
  set(Kpi::kRightPartyContacts, d(c.rpcs));
  set(Kpi::kRpcRate, Ratio(d(c.dials_rpc), d(dials)));
  set(Kpi::kRpcPerAccountAttempted, Ratio(d(c.dials_rpc), d(s.accounts_dialled)));
  set(Kpi::kRpcAccountRate, Ratio(d(s.accounts_rpc), d(s.accounts_worked)));
  set(Kpi::kPromises, d(c.promises));
  set(Kpi::kPtpRate, Ratio(d(c.promises), d(c.rpcs)));
  set(Kpi::kPtpPerAccount, Ratio(d(c.promises), d(s.accounts_worked)));
  set(Kpi::kPromisesDue, d(c.promises_due));
  set(Kpi::kKeptRate, Ratio(d(c.kept), d(c.promises_due)));
  set(Kpi::kKeptAmountRate, Ratio(d(c.kept_amount), d(c.due_amount)));
  set(Kpi::kPartialRate, Ratio(d(c.partial), d(c.promises_due)));
  set(Kpi::kBrokenRate, Ratio(d(c.broken), d(c.promises_due)));
  set(Kpi::kArrangements, d(c.arrangements));
  set(Kpi::kArrangementRate, Ratio(d(c.arrangements), d(c.rpcs)));
  set(Kpi::kAccountsArrangedRate, Ratio(d(s.accounts_arranged), d(s.accounts_worked)));
  set(Kpi::kAiRightPartyContacts, d(c.ai_rpcs));
  set(Kpi::kAiResolutionRate, Ratio(d(c.ai_resolved), d(c.ai_rpcs)));
  set(Kpi::kEscalationRate, Ratio(d(c.ai_handoffs), d(c.ai_engaged)));
  set(Kpi::kEscalations, d(c.escalations));
  set(Kpi::kQueueWaitMeanS, Ratio(c.wait_answered_s, d(c.answered)));
  set(Kpi::kQueueWaitP90S, Quantile(s.waits_s, 0.90));
  set(Kpi::kAbandonmentRate, Ratio(d(c.abandoned), d(c.escalations)));
  set(Kpi::kAmountRecovered, money(c.recovered));
  using Source = PaymentRow::Source;
  const auto source = [&c](Source x) { return c.recovered_by_source[static_cast<int>(x)]; };
  set(Kpi::kRecoveredCall, money(source(Source::kCall)));
  set(Kpi::kRecoveredSms, money(source(Source::kSms)));
  set(Kpi::kRecoveredEmail, money(source(Source::kEmail)));
  set(Kpi::kRecoveredLetter, money(source(Source::kLetter)));
  set(Kpi::kRecoveredSelfCure, money(source(Source::kSelfCure)));
  set(Kpi::kRecoveredInbound, money(source(Source::kInbound)));
  set(Kpi::kRecoveredAi, money(c.recovered_by_agent[static_cast<int>(Agent::kAi)]));
  set(Kpi::kRecoveredHuman, money(c.recovered_by_agent[static_cast<int>(Agent::kHuman)]));
  set(Kpi::kPaymentFees, money(c.fees));
  set(Kpi::kPaymentFailureRate, Ratio(d(c.payment_failures), d(c.payment_attempts)));
  set(Kpi::kAmountPlaced, money(s.placed));
  set(Kpi::kLiquidationRate, Ratio(d(c.recovered), d(s.placed)));
  set(Kpi::kRecoveryRate, Ratio(d(c.recovered_after_charge_off), d(s.charged_off)));
  set(Kpi::kChargedOff, money(s.charged_off));
  set(Kpi::kReceivables, money(s.ending_ar));
  set(Kpi::kCurrentReceivables, money(s.ending_current_ar));
  set(Kpi::kOpenAccounts, d(s.open_accounts));
  set(Kpi::kRollRateCurrentToEarly, Ratio(d(s.roll_in[0]), d(s.roll_base[0])));
  set(Kpi::kRollRateEarlyToMid, Ratio(d(s.roll_in[1]), d(s.roll_base[1])));
  set(Kpi::kRollRateMidToLate, Ratio(d(s.roll_in[2]), d(s.roll_base[2])));
  set(Kpi::kRollRateLateToRecovery, Ratio(d(s.roll_in[3]), d(s.roll_base[3])));
  set(Kpi::kCureRate, Ratio(d(s.cured), d(s.cure_base)));
  set(Kpi::kSelfCureShare, Ratio(d(s.self_cured), d(s.cured)));
  set(Kpi::kResolvedAccounts, d(s.resolved));
  set(Kpi::kResolutionRate, Ratio(d(s.outcomes_worked_resolved), d(s.outcomes_worked)));
  set(Kpi::kAverageResolutionDays, Ratio(s.resolution_days_sum, d(s.outcomes_resolved)));
  set(Kpi::kDsoDays, Ratio(d(s.ending_ar), d(s.dso_placed)) * s.dso_days);
  const double collectible = d(s.beginning_ar + s.placed - s.ending_current_ar);
  set(Kpi::kCeiPercent, Ratio(d(s.beginning_ar + s.placed - s.ending_ar), collectible) * 100.0);
  const double gross = d(s.charged_off);
  const double average_ar = s.average_ar;
  set(Kpi::kWriteOffRate, Ratio(gross * 365.0 / s.days, average_ar));
  set(Kpi::kWriteOffRateMonthly, Ratio(gross * 30.4375 / s.days, average_ar));
  set(Kpi::kNetWriteOffRate,
      Ratio((gross - d(c.recovered_after_charge_off)) * 365.0 / s.days, average_ar));
  set(Kpi::kContactCost, money(c.contact_cost));
  set(Kpi::kCostPerContact, Ratio(money(c.contact_cost), d(contacts + c.inbound)));
  set(Kpi::kCostPerAccount, Ratio(money(c.contact_cost), d(s.accounts_worked)));
  set(Kpi::kCostPerRpc, Ratio(money(c.contact_cost), d(c.rpcs)));
  set(Kpi::kCostToCollect, Ratio(d(c.contact_cost + c.fees), d(c.recovered)));
  set(Kpi::kAfterHoursShare, Ratio(d(c.ai_calls_after_hours), d(c.ai_calls)));
  set(Kpi::kHumanUtilisation, Ratio(s.human_busy_s, s.human_staffed_s));
  set(Kpi::kAiUtilisation, Ratio(s.ai_busy_s, s.ai_line_s));
  set(Kpi::kApiCalls, d(c.api_calls));
  set(Kpi::kApiCallsPerDay, Ratio(d(c.api_calls), s.days));
  set(Kpi::kApiErrorRate, Ratio(d(c.api_errors), d(c.api_calls)));
  set(Kpi::kApiLatencyP50Ms, Quantile(s.latency_ms, 0.50));
  set(Kpi::kApiLatencyP95Ms, Quantile(s.latency_ms, 0.95));
  set(Kpi::kApiLatencyP99Ms, Quantile(s.latency_ms, 0.99));
  set(Kpi::kLookupOverBudgetShare, Ratio(d(c.lookups_over_budget), d(c.lookups)));
  set(Kpi::kBlockedContacts, d(c.blocked));
  set(Kpi::kBlockedRate, Ratio(d(c.blocked), d(contacts + c.blocked)));
  const double nan = std::numeric_limits<double>::quiet_NaN();
  set(Kpi::kComplianceViolations, s.audited ? d(c.violations) : nan);
  set(Kpi::kComplianceViolationRate, s.audited ? Ratio(d(c.violations), d(contacts)) : nan);
  set(Kpi::kLiveContacts, d(c.live_contacts));
  set(Kpi::kCostPerLiveContact, Ratio(money(c.contact_cost), d(c.live_contacts)));
  set(Kpi::kAiCallResolutionRate, Ratio(d(c.ai_call_resolved), d(c.ai_call_rpcs)));
  set(Kpi::kCallbacks, d(c.callbacks));
  set(Kpi::kCallbackCalls, d(c.callback_calls));
  set(Kpi::kCallbackCompletionRate, Ratio(d(c.callbacks_called), d(c.callbacks)));
  set(Kpi::kCallbackRpcRate, Ratio(d(c.callback_rpcs), d(c.callback_calls)));
  set(Kpi::kCallbackWaitMeanHours, Ratio(c.callback_wait_s / 3600.0, d(c.callbacks_called)));
  set(Kpi::kContactsWhatsApp, d(c.contacts[static_cast<int>(domain::Channel::kWhatsApp)]));
  set(Kpi::kRecoveredWhatsApp, money(source(Source::kWhatsApp)));
  return v;
}

}  // namespace recoup::sim::recording::internal
