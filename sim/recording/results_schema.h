// Internal to the results writer (results.h): the columns of every table of the results file,
// schema version 1, in the order docs/results.md lists them. Each table's enum gives its column
// indices.
#ifndef RECOUP_SIM_RECORDING_RESULTS_SCHEMA_H_
#define RECOUP_SIM_RECORDING_RESULTS_SCHEMA_H_

#include <vector>

#include "sim/recording/results_table.h"

namespace recoup::sim::recording::schema {

enum KpiDefinitionColumn { kDefName, kDefUnit, kDefDescription, kDefDaily };
std::vector<h5::ColumnSpec> KpiDefinitionColumns();

enum SummaryColumn { kSumReplication, kSumSeed, kSumArm, kSumKpi, kSumUnit, kSumValue };
std::vector<h5::ColumnSpec> SummaryColumns();

// Then one float64 column per daily KPI (DailyKpiDefinitions() order), from kDayFirstKpi.
enum DailyColumn { kDayReplication, kDaySeed, kDayArm, kDayDay, kDayDate, kDayFirstKpi };
std::vector<h5::ColumnSpec> DailyColumns();

enum AccountColumn {
  kAccReplication,
  kAccAccount,
  kAccArm,
  kAccStrategy,
  kAccSegment,
  kAccProduct,
  kAccFinalStage,
  kAccPlaced,
  kAccCollected,
  kAccBalance,
  kAccContacts,
  kAccRightPartyContacts,
  kAccState,
  kAccResolvedDay,
  kAccEscalated
};
std::vector<h5::ColumnSpec> AccountColumns();

enum ContactColumn {
  kConReplication,
  kConRow,
  kConAccount,
  kConPerson,
  kConArm,
  kConChannel,
  kConVoice,
  kConAgent,
  kConContactPoint,
  kConUtcNs,
  kConLocalNs,
  kConLocalOffsetS,
  kConDurationNs,
  kConOutcome,
  kConDisposition,
  kConRightPartyContact,
  kConPromise,
  kConPaidOnContact,
  kConHandedToHuman,
  kConAfterHours,
  kConInbound,
  kConReplyToInbound,
  kConPurpose,
  kConVerdict,
  kConRule,
  kConCost,
  kConCallback
};
std::vector<h5::ColumnSpec> ContactColumns();

enum AuditColumn {
  kAudReplication,
  kAudRowsSeen,
  kAudRowsChecked,
  kAudViolatingRows,
  kAudViolations
};
std::vector<h5::ColumnSpec> AuditColumns();

enum ViolationColumn {
  kVioReplication,
  kVioRow,
  kVioRule,
  kVioRuleId,
  kVioAccount,
  kVioPerson,
  kVioArm,
  kVioUtcNs
};
std::vector<h5::ColumnSpec> ViolationColumns();

enum ByRuleColumn { kByReplication, kByArm, kByRuleId, kByViolations };
std::vector<h5::ColumnSpec> ByRuleColumns();

enum ComparisonColumn {
  kCmpKpi,
  kCmpUnit,
  kCmpChampionArm,
  kCmpChallengerArm,
  kCmpReplications,
  kCmpLevel,
  kCmpChampionMean,
  kCmpChallengerMean,
  kCmpDifference,
  kCmpCiLow,
  kCmpCiHigh,
  kCmpHalfWidth,
  kCmpVarPaired,
  kCmpIndependentReplications,
  kCmpVarIndependent,
  kCmpIndependentHalfWidth,
  kCmpVarianceRatio
};
std::vector<h5::ColumnSpec> ComparisonColumns();

}  // namespace recoup::sim::recording::schema

#endif  // RECOUP_SIM_RECORDING_RESULTS_SCHEMA_H_
