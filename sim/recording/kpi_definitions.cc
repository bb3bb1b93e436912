#include "sim/recording/kpi_definitions.h"

#include <array>

#include "core/base/check.h"

namespace recoup::sim::recording {
namespace {

// "Dials" are allowed outbound calls (ContactRow channel call, verdict allow, not inbound);
// "contacts" are allowed outbound attempts on any channel. A right-party contact (RPC) is an
// allowed contact (inbound included) whose identity check passed.
constexpr KpiDefinition kTable[] = {
    {Kpi::kAccountsPlaced, "accounts_placed", "accounts",
     "Accounts in the portfolio (one AccountOutcomeRow each).", false},
    {Kpi::kAccountsWorked, "accounts_worked", "accounts",
     "Distinct accounts with at least one allowed outbound attempt during the run (accounts "
     "attempted).",
     false},
    {Kpi::kAccountsContacted, "accounts_contacted_per_day", "accounts/day",
     "Distinct accounts with an allowed outbound attempt that day (operation time zone); the "
     "summary "
     "is the mean over the simulated days.",
     true},
    {Kpi::kContacts, "contacts", "contacts",
     "Allowed outbound attempts on every channel (calls, texts, emails, letters, WhatsApp).",
     true},
    {Kpi::kContactsPerDay, "contacts_per_day", "contacts/day", "contacts / simulated days.", false},
    {Kpi::kContactsCall, "contacts_call", "contacts", "Allowed outbound calls (dials).", true},
    {Kpi::kContactsSms, "contacts_sms", "contacts", "Allowed outbound texts.", true},
    {Kpi::kContactsEmail, "contacts_email", "contacts", "Allowed outbound emails.", true},
    {Kpi::kContactsLetter, "contacts_letter", "contacts", "Letters sent.", true},
    {Kpi::kCallsAi, "calls_ai", "contacts", "Dials worked by the AI voice agent.", true},
    {Kpi::kCallsHuman, "calls_human", "contacts", "Dials worked by human agents.", true},
    {Kpi::kInboundContacts, "inbound_contacts", "contacts",
     "Consumer-initiated contacts (inbound calls, replies).", true},
    {Kpi::kConnectRate, "connect_rate", "ratio",
     "Dials that reached an in-service number (every outcome but busy and not in service; "
     "voicemail counts as connected) / dials.",
     true},
    {Kpi::kLiveAnswerRate, "live_answer_rate", "ratio",
     "Dials answered by a person (answered without conversation, wrong party, conversation) / "
     "dials.",
     true},
    {Kpi::kRightPartyContacts, "right_party_contacts", "contacts",
     "Allowed contacts on any channel, inbound included, in which the debtor's identity was "
     "verified.",
     true},
    {Kpi::kRpcRate, "rpc_rate", "ratio", "Dials with a verified right party / dials.", true},
    {Kpi::kRpcPerAccountAttempted, "rpc_per_account_attempted", "ratio",
     "Dials with a verified right party / distinct accounts dialled.", false},
    {Kpi::kRpcAccountRate, "rpc_account_rate", "ratio",
     "Accounts with at least one right-party contact (any channel) / accounts_worked.", false},
    {Kpi::kPromises, "promises", "promises",
     "Contacts in which a promise to pay or an arrangement was agreed (ContactRow.promise).", true},
    {Kpi::kPtpRate, "ptp_rate", "ratio", "promises / right_party_contacts.", true},
    {Kpi::kPtpPerAccount, "ptp_per_account", "ratio", "promises / accounts_worked.", false},
    {Kpi::kPromisesDue, "promises_due", "promises",
     "Promises that fell due (due date + grace) during the run: kept, partial or broken "
     "(PromiseRow state not open), counted on their due day.",
     true},
    {Kpi::kKeptRate, "kept_rate", "ratio",
     "Promises kept (paid >= promised by due + grace) / promises_due, by count.", true},
    {Kpi::kKeptAmountRate, "kept_amount_rate", "ratio",
     "Promised amount of the kept promises / promised amount of promises_due.", false},
    {Kpi::kPartialRate, "partial_rate", "ratio",
     "Promises partly paid by due + grace / promises_due (a separate bucket from kept).", true},
    {Kpi::kBrokenRate, "broken_rate", "ratio",
     "Promises broken / promises_due = 1 - kept_rate - partial_rate.", true},
    {Kpi::kArrangements, "arrangements", "arrangements",
     "Contacts that wrote a Payment Arrangement: disposition arrangement_agreed or paid.", true},
    {Kpi::kArrangementRate, "arrangement_rate", "ratio",
     "arrangements / right_party_contacts (arrangements per right-party contact).", true},
    {Kpi::kAccountsArrangedRate, "accounts_arranged_rate", "ratio",
     "Accounts with at least one arrangement / accounts_worked.", false},
    {Kpi::kAiRightPartyContacts, "ai_right_party_contacts", "contacts",
     "Right-party contacts worked by the AI agent (any channel, inbound included).", true},
    {Kpi::kAiResolutionRate, "ai_resolution_rate", "ratio",
     "AI right-party contacts that ended with a promise, a payment or a plan (promise, "
     "paid_on_contact, or disposition arrangement_agreed/paid) and were not handed to a human / "
     "ai_right_party_contacts.",
     true},
    {Kpi::kEscalationRate, "escalation_rate", "ratio",
     "AI contacts handed to a human / AI contacts that reached the right party or were handed "
     "over.",
     true},
    {Kpi::kEscalations, "escalations", "escalations",
     "Hand-offs queued for a human agent (EscalationRow), on the day they were queued.", true},
    {Kpi::kQueueWaitMeanS, "queue_wait_mean_s", "seconds",
     "Mean wait of the escalations a human answered live (abandoned ones and those sent to the "
     "callback list excluded: ASA).",
     true},
    {Kpi::kQueueWaitP90S, "queue_wait_p90_s", "seconds",
     "90th percentile of the answered escalations' waits (quantile sketch, 0.5% relative).", false},
    {Kpi::kAbandonmentRate, "abandonment_rate", "ratio",
     "Escalations abandoned on hold before a human answered / escalations (a hand-off sent "
     "straight to the callback list, nobody being on shift, is not abandoned).",
     true},
    {Kpi::kAmountRecovered, "amount_recovered", "currency",
     "Settled payments (declined and returned ones excluded).", true},
    {Kpi::kRecoveredCall, "recovered_call", "currency", "amount_recovered from calls.", true},
    {Kpi::kRecoveredSms, "recovered_sms", "currency", "amount_recovered from texts.", true},
    {Kpi::kRecoveredEmail, "recovered_email", "currency", "amount_recovered from emails.", true},
    {Kpi::kRecoveredLetter, "recovered_letter", "currency", "amount_recovered from letters.", true},
    {Kpi::kRecoveredSelfCure, "recovered_self_cure", "currency",
     "amount_recovered without a contact (self-cure).", true},
    {Kpi::kRecoveredInbound, "recovered_inbound", "currency",
     "amount_recovered from consumer-initiated contacts.", true},
    {Kpi::kRecoveredAi, "recovered_ai", "currency",
     "amount_recovered from contacts the AI agent worked.", true},
    {Kpi::kRecoveredHuman, "recovered_human", "currency",
     "amount_recovered from contacts human agents worked.", true},
    {Kpi::kPaymentFees, "payment_fees", "currency",
     "Processing fees the operation paid on payment attempts (PaymentRow.fee).", true},
    {Kpi::kPaymentFailureRate, "payment_failure_rate", "ratio",
     "Payment attempts declined or returned / payment attempts.", true},
    {Kpi::kAmountPlaced, "amount_placed", "currency",
     "Balance placed (DaySnapshot.placed summed over the days; the first day holds the portfolio).",
     true},
    {Kpi::kLiquidationRate, "liquidation_rate", "ratio",
     "amount_recovered / amount_placed (cash collected / balance placed).", false},
    {Kpi::kRecoveryRate, "recovery_rate", "ratio",
     "Post-charge-off recoveries (settled payments with after_charge_off) / balance charged off "
     "(charged_off summed over the days).",
     false},
    {Kpi::kChargedOff, "charged_off", "currency", "Balance charged off (DaySnapshot.charged_off).",
     true},
    {Kpi::kReceivables, "receivables", "currency",
     "Total balance of open accounts (AR) at the end of the day; summary: at the end of the run.",
     true},
    {Kpi::kCurrentReceivables, "current_receivables", "currency",
     "Balance of accounts current or on a plan in good standing at the end of the day; summary: at "
     "the end of the run.",
     true},
    {Kpi::kOpenAccounts, "open_accounts", "accounts",
     "Open accounts at the end of the day; summary: at the end of the run.", true},
    {Kpi::kRollRateCurrentToEarly, "roll_rate_current_to_early", "ratio/day",
     "Accounts rolled into early (1-30 DPD) during a day / accounts current at the end of the day "
     "before; summary: sum over days of the numerators / sum of the denominators.",
     true},
    {Kpi::kRollRateEarlyToMid, "roll_rate_early_to_mid", "ratio/day",
     "As roll_rate_current_to_early, early -> mid (31-60 DPD).", true},
    {Kpi::kRollRateMidToLate, "roll_rate_mid_to_late", "ratio/day",
     "As roll_rate_current_to_early, mid -> late (61+ DPD).", true},
    {Kpi::kRollRateLateToRecovery, "roll_rate_late_to_recovery", "ratio/day",
     "As roll_rate_current_to_early, late -> recovery (charged off).", true},
    {Kpi::kCureRate, "cure_rate", "ratio/day",
     "Accounts cured (back to current) during a day / accounts early, mid or late at the end of "
     "the "
     "day before; summary as for the roll rates.",
     true},
    {Kpi::kSelfCureShare, "self_cure_share", "ratio",
     "Cures without a live right-party contact / cures.", true},
    {Kpi::kResolvedAccounts, "resolved_accounts", "accounts",
     "Accounts paid in full, settled or put on a plan (DaySnapshot.resolved).", true},
    {Kpi::kResolutionRate, "resolution_rate", "ratio",
     "Worked accounts resolved by the end of the run (AccountOutcomeRow.resolved_day >= 0 and "
     "contacts > 0) / worked accounts (contacts > 0).",
     false},
    {Kpi::kAverageResolutionDays, "average_resolution_days", "days",
     "Mean of resolved_day + 1 over the resolved accounts (days from the start to resolution).",
     false},
    {Kpi::kDsoDays, "dso_days", "days",
     "DSO = receivables at period end / credit sales in the period x days in the period, with the "
     "balance placed as credit sales (the portfolio on day 0). Daily: the period is the run so "
     "far.",
     true},
    {Kpi::kCeiPercent, "cei_percent", "percent",
     "CEI = (beginning AR + placed - ending AR) / (beginning AR + placed - ending current AR) x "
     "100, "
     "placements as credit sales; beginning AR is 0 for the run (the portfolio is placed on day 0) "
     "and the previous day's AR for a daily row.",
     true},
    {Kpi::kWriteOffRate, "write_off_rate", "ratio/year",
     "Gross charge-offs annualised (x 365 / days) / average receivables (mean end-of-day AR).",
     false},
    {Kpi::kWriteOffRateMonthly, "write_off_rate_monthly", "ratio/month",
     "As write_off_rate per month (x 30.4375 / days): the brief's monthly write-off.", false},
    {Kpi::kNetWriteOffRate, "net_write_off_rate", "ratio/year",
     "(Gross charge-offs - post-charge-off recoveries) annualised / average receivables.", false},
    {Kpi::kContactCost, "contact_cost", "currency",
     "Cost of the allowed contacts, outbound and inbound (ContactRow.cost: labour, telephony, "
     "postage).",
     true},
    {Kpi::kCostPerContact, "cost_per_contact", "currency/contact",
     "contact_cost / (contacts + inbound_contacts): per contact attempt, answered or not (the "
     "brief's cost per contact is cost_per_live_contact).",
     true},
    {Kpi::kCostPerAccount, "cost_per_account", "currency/account",
     "contact_cost / accounts_worked.", false},
    {Kpi::kCostPerRpc, "cost_per_rpc", "currency/contact", "contact_cost / right_party_contacts.",
     false},
    {Kpi::kCostToCollect, "cost_to_collect", "currency/currency",
     "(contact_cost + payment_fees) / amount_recovered.", false},
    {Kpi::kAfterHoursShare, "after_hours_share", "ratio",
     "AI calls (outbound and inbound) outside every human shift / AI calls.", true},
    {Kpi::kHumanUtilisation, "human_utilisation", "ratio",
     "Human agent seconds busy / seconds staffed (DaySnapshot).", true},
    {Kpi::kAiUtilisation, "ai_utilisation", "ratio",
     "AI line seconds busy / AI line seconds available (lines x 24 h).", true},
    {Kpi::kApiCalls, "api_calls", "calls", "OrgPort calls (ApiCallRow).", true},
    {Kpi::kApiCallsPerDay, "api_calls_per_day", "calls/day", "api_calls / simulated days.", false},
    {Kpi::kApiErrorRate, "api_error_rate", "ratio", "OrgPort calls that failed / api_calls.", true},
    {Kpi::kApiLatencyP50Ms, "api_latency_p50_ms", "milliseconds",
     "Median OrgPort latency (quantile sketch, 0.5% relative accuracy).", false},
    {Kpi::kApiLatencyP95Ms, "api_latency_p95_ms", "milliseconds",
     "95th percentile OrgPort latency.", true},
    {Kpi::kApiLatencyP99Ms, "api_latency_p99_ms", "milliseconds",
     "99th percentile OrgPort latency.", false},
    {Kpi::kLookupOverBudgetShare, "lookup_over_budget_share", "ratio",
     "Account lookups made during a call (during_call) slower than the budget (2 s) / those "
     "lookups.",
     true},
    {Kpi::kBlockedContacts, "blocked_contacts", "contacts",
     "Planned contacts compliance denied or deferred (ContactRow verdict deny/defer).", true},
    {Kpi::kBlockedRate, "blocked_rate", "ratio",
     "blocked_contacts / (contacts + blocked_contacts).", true},
    {Kpi::kComplianceViolations, "compliance_violations", "contacts",
     "Allowed contacts the independent audit (compliance_audit.h) found in breach of at least one "
     "rule; must be 0. NaN when no audit was applied.",
     true},
    {Kpi::kComplianceViolationRate, "compliance_violation_rate", "ratio",
     "compliance_violations / contacts.", true},
    {Kpi::kLiveContacts, "live_contacts", "contacts",
     "Allowed contacts in which a person responded (collections-domain.md section 5: a contact "
     "is a live answer): dials answered by a person (as live_answer_rate), texts, WhatsApp "
     "messages and emails the person replied to, and inbound contacts that were answered (for "
     "the last two: any "
     "disposition but no_answer and not connected).",
     true},
    {Kpi::kCostPerLiveContact, "cost_per_live_contact", "currency/contact",
     "contact_cost / live_contacts: what one live contact costs (the product brief's cost per "
     "contact); letters and unanswered attempts cost without adding a contact.",
     true},
    {Kpi::kAiCallResolutionRate, "ai_call_resolution_rate", "ratio",
     "AI calls (outbound and inbound) with a verified right party that ended with a promise, a "
     "payment or a plan and were not handed to a human / AI calls with a verified right party "
     "(the product brief's calls resolved by AI without a human).",
     true},
    {Kpi::kCallbacks, "callbacks", "escalations",
     "Hand-offs sent to the callback list (EscalationRow.callback: nobody with the escalation "
     "skill was on shift, or the debtor abandoned the hand-off), on the day of the hand-off.",
     true},
    {Kpi::kCallbackCalls, "callback_calls", "contacts",
     "Allowed outbound calls an agent made to work the callback list (ContactRow.callback); also "
     "in contacts_call and calls_human.",
     true},
    {Kpi::kCallbackCompletionRate, "callback_completion_rate", "ratio",
     "Callbacks an agent called back (callback_fate called) / callbacks; the others were "
     "withdrawn (the debtor called first), dropped (the account closed), blocked by compliance, "
     "expired or still owed at the end.",
     false},
    {Kpi::kCallbackRpcRate, "callback_rpc_rate", "ratio",
     "Callback calls with a verified right party / callback_calls.", true},
    {Kpi::kCallbackWaitMeanHours, "callback_wait_mean_hours", "hours",
     "Mean time from the hand-off to the start of its call back, over the callbacks called back "
     "(EscalationRow.callback_wait).",
     false},
    {Kpi::kContactsWhatsApp, "contacts_whatsapp", "contacts",
     "Allowed outbound WhatsApp messages (also in contacts).", true},
    {Kpi::kRecoveredWhatsApp, "recovered_whatsapp", "currency",
     "amount_recovered from WhatsApp messages (also in amount_recovered).", true},
};
static_assert(sizeof(kTable) / sizeof(kTable[0]) == kKpiCount, "one row per Kpi");

constexpr bool InEnumOrder() {
  for (int i = 0; i < kKpiCount; ++i) {
    if (static_cast<int>(kTable[i].kpi) != i) return false;
  }
  return true;
}
static_assert(InEnumOrder(), "rows in enum order");

struct DailyTable {
  std::array<const KpiDefinition*, kKpiCount> rows{};
  int size = 0;
  DailyTable() {
    for (const KpiDefinition& d : kTable) {
      if (d.daily) rows[static_cast<std::size_t>(size++)] = &d;
    }
  }
};

}  // namespace

std::span<const KpiDefinition> KpiDefinitions() { return kTable; }

std::span<const KpiDefinition* const> DailyKpiDefinitions() {
  static const DailyTable table;
  return {table.rows.data(), static_cast<std::size_t>(table.size)};
}

const KpiDefinition& Definition(Kpi kpi) {
  const int i = static_cast<int>(kpi);
  RECOUP_CHECK(i >= 0 && i < kKpiCount);
  return kTable[i];
}

std::optional<Kpi> FindKpi(std::string_view name) {
  for (const KpiDefinition& d : kTable) {
    if (d.name == name) return d.kpi;
  }
  return std::nullopt;
}

}  // namespace recoup::sim::recording
