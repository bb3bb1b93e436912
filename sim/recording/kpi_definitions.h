// The KPIs a run reports: one table of stable snake_case names, units and definitions, shared by
// the CLI's KPI table, the HDF5 results (/kpis/definitions, /kpis/summary, /kpis/daily) and
// docs/results.md. Definitions follow reference/collections-domain.md section 5; where the
// simulation adapts one (DSO and CEI with placements as the period's credit sales, daily roll and
// cure rates), the description says how.
//
// Names are part of the results schema (schema_version 1): never rename one; add new KPIs at the
// end of the enum.
#ifndef RECOUP_SIM_RECORDING_KPI_DEFINITIONS_H_
#define RECOUP_SIM_RECORDING_KPI_DEFINITIONS_H_

#include <optional>
#include <span>
#include <string_view>

namespace recoup::sim::recording {

// Every KPI, in table order. Values are doubles; ratios are in [0, 1] (not percent) unless the unit
// says "percent"; money is in major currency units; a KPI whose denominator is 0 is 0.
enum class Kpi : int {
  kAccountsPlaced,
  kAccountsWorked,
  kAccountsContacted,  // per day; the summary is the mean over days
  kContacts,
  kContactsPerDay,
  kContactsCall,
  kContactsSms,
  kContactsEmail,
  kContactsLetter,
  kCallsAi,
  kCallsHuman,
  kInboundContacts,
  kConnectRate,
  kLiveAnswerRate,
  kRightPartyContacts,
  kRpcRate,
  kRpcPerAccountAttempted,
  kRpcAccountRate,
  kPromises,
  kPtpRate,
  kPtpPerAccount,
  kPromisesDue,
  kKeptRate,
  kKeptAmountRate,
  kPartialRate,
  kBrokenRate,
  kArrangements,
  kArrangementRate,
  kAccountsArrangedRate,
  kAiRightPartyContacts,
  kAiResolutionRate,
  kEscalationRate,
  kEscalations,
  kQueueWaitMeanS,
  kQueueWaitP90S,
  kAbandonmentRate,
  kAmountRecovered,
  kRecoveredCall,
  kRecoveredSms,
  kRecoveredEmail,
  kRecoveredLetter,
  kRecoveredSelfCure,
  kRecoveredInbound,
  kRecoveredAi,
  kRecoveredHuman,
  kPaymentFees,
  kPaymentFailureRate,
  kAmountPlaced,
  kLiquidationRate,
  kRecoveryRate,
  kChargedOff,
  kReceivables,
  kCurrentReceivables,
  kOpenAccounts,
  kRollRateCurrentToEarly,
  kRollRateEarlyToMid,
  kRollRateMidToLate,
  kRollRateLateToRecovery,
  kCureRate,
  kSelfCureShare,
  kResolvedAccounts,
  kResolutionRate,
  kAverageResolutionDays,
  kDsoDays,
  kCeiPercent,
  kWriteOffRate,
  kWriteOffRateMonthly,
  kNetWriteOffRate,
  kContactCost,
  kCostPerContact,
  kCostPerAccount,
  kCostPerRpc,
  kCostToCollect,
  kAfterHoursShare,
  kHumanUtilisation,
  kAiUtilisation,
  kApiCalls,
  kApiCallsPerDay,
  kApiErrorRate,
  kApiLatencyP50Ms,
  kApiLatencyP95Ms,
  kApiLatencyP99Ms,
  kLookupOverBudgetShare,
  kBlockedContacts,
  kBlockedRate,
  kComplianceViolations,
  kComplianceViolationRate,
  kLiveContacts,
  kCostPerLiveContact,
  kAiCallResolutionRate,
  kCallbacks,
  kCallbackCalls,
  kCallbackCompletionRate,
  kCallbackRpcRate,
  kCallbackWaitMeanHours,
  kContactsWhatsApp,   // WhatsApp came after the schema's first channels: its KPIs are appended
  kRecoveredWhatsApp,
};
inline constexpr int kKpiCount = static_cast<int>(Kpi::kRecoveredWhatsApp) + 1;

// One row of the table.
struct KpiDefinition {
  Kpi kpi;
  std::string_view name;         // snake_case, unique, stable ("rpc_rate")
  std::string_view unit;         // "ratio", "accounts", "currency", "seconds", ...
  std::string_view description;  // the exact definition, one or two sentences
  bool daily;                    // also a column of the daily table (computed over that day)
};

// Every KPI in enum order: KpiDefinitions()[i].kpi == Kpi(i).
std::span<const KpiDefinition> KpiDefinitions();
// The KPIs that are columns of the daily table, in enum order.
std::span<const KpiDefinition* const> DailyKpiDefinitions();
const KpiDefinition& Definition(Kpi kpi);
// The KPI named `name`, or nullopt.
std::optional<Kpi> FindKpi(std::string_view name);

}  // namespace recoup::sim::recording

#endif  // RECOUP_SIM_RECORDING_KPI_DEFINITIONS_H_
