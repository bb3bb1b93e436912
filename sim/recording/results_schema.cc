#include "sim/recording/results_schema.h"

#include <string>
#include <utility>

#include "core/compliance/rules.h"
#include "core/conversation/records.h"
#include "core/domain/account.h"
#include "core/domain/contact.h"
#include "sim/recording/kpi_definitions.h"
#include "sim/recording/run_log.h"

namespace recoup::sim::recording::schema {
namespace {

using h5::ColumnSpec;
using h5::ColumnType;
using Labels = std::vector<std::pair<int, std::string>>;

Labels FromList(std::initializer_list<const char*> names) {
  Labels out;
  int code = 0;
  for (const char* n : names) out.emplace_back(code++, n);
  return out;
}

Labels ChannelLabels() {
  Labels out;
  for (int i = 0; i < domain::kChannelCount; ++i) {
    out.emplace_back(i, std::string(domain::ChannelName(static_cast<domain::Channel>(i))));
  }
  return out;
}

Labels DispositionLabels() {
  Labels out;
  const int last = static_cast<int>(conversation::Disposition::kOptedOut);
  for (int i = 0; i <= last; ++i) {
    out.emplace_back(
        i, std::string(conversation::DispositionName(static_cast<conversation::Disposition>(i))));
  }
  out.emplace_back(kDispositionNotConnected, "not_connected");
  out.emplace_back(kDispositionBlocked, "blocked");
  return out;
}

Labels RuleLabels() {
  Labels out;
  for (int i = 0; i < compliance::kRuleCount; ++i) {
    out.emplace_back(i, std::string(compliance::RuleId(static_cast<compliance::Rule>(i))));
  }
  return out;
}

Labels ProductLabels() {
  Labels out;
  for (int i = 0; i < domain::kProductCount; ++i) {
    out.emplace_back(i, std::string(domain::ProductName(static_cast<domain::Product>(i))));
  }
  return out;
}

Labels StageLabels() {
  Labels out;
  for (int i = 0; i < domain::kStageCount; ++i) {
    out.emplace_back(i, std::string(domain::StageName(static_cast<domain::Stage>(i))));
  }
  return out;
}

ColumnSpec Replication() {
  return {"replication", ColumnType::kInt32, "", "replication index r (ran with seed + r)", {}};
}

constexpr const char* kMinor = "minor currency units";

}  // namespace

std::vector<ColumnSpec> KpiDefinitionColumns() {
  return {{"name", ColumnType::kString, "", "KPI name (snake_case, stable)", {}},
          {"unit", ColumnType::kString, "", "unit of the KPI's values", {}},
          {"description", ColumnType::kString, "", "exact definition", {}},
          {"daily", ColumnType::kBool, "", "also a column of /kpis/daily", {}}};
}

std::vector<ColumnSpec> SummaryColumns() {
  return {Replication(),
          {"seed", ColumnType::kUint64, "", "the replication's seed", {}},
          {"arm", ColumnType::kInt32, "", "experiment arm (-1: no experiment)", {}},
          {"kpi", ColumnType::kString, "", "KPI name (/kpis/definitions)", {}},
          {"unit", ColumnType::kString, "", "unit of value", {}},
          {"value", ColumnType::kFloat64, "", "the KPI over the whole run (NaN: undefined)", {}}};
}

std::vector<ColumnSpec> DailyColumns() {
  std::vector<ColumnSpec> c = {
      Replication(),
      {"seed", ColumnType::kUint64, "", "the replication's seed", {}},
      {"arm", ColumnType::kInt32, "", "experiment arm (-1: no experiment)", {}},
      {"day", ColumnType::kInt32, "days", "day index from the start date (0-based)", {}},
      {"date", ColumnType::kString, "", "the day, YYYY-MM-DD, operation time zone", {}}};
  for (const KpiDefinition* d : DailyKpiDefinitions()) {
    c.push_back({std::string(d->name),
                 ColumnType::kFloat64,
                 std::string(d->unit),
                 std::string(d->description),
                 {}});
  }
  return c;
}

std::vector<ColumnSpec> AccountColumns() {
  return {Replication(),
          {"account", ColumnType::kUint64, "", "account id", {}},
          {"arm", ColumnType::kInt8, "", "experiment arm (-1: none)", {}},
          {"strategy", ColumnType::kUint32, "", "strategy id assigned last", {}},
          {"segment", ColumnType::kInt32, "", "segment id assigned last", {}},
          {"product", ColumnType::kUint8, "", "product line", ProductLabels()},
          {"final_stage", ColumnType::kUint8, "", "delinquency stage at the end", StageLabels()},
          {"placed", ColumnType::kInt64, kMinor, "balance at placement", {}},
          {"collected", ColumnType::kInt64, kMinor, "settled payments", {}},
          {"balance", ColumnType::kInt64, kMinor, "remaining balance", {}},
          {"contacts", ColumnType::kInt32, "contacts", "allowed contact attempts", {}},
          {"right_party_contacts", ColumnType::kInt32, "contacts", "right-party contacts", {}},
          {"state", ColumnType::kUint8, "", "state at the end",
           FromList({"open", "paid", "settled", "on_plan", "charged_off", "closed"})},
          {"resolved_day", ColumnType::kInt32, "days", "day index of resolution (-1: never)", {}},
          {"escalated", ColumnType::kBool, "", "ever handed to a human", {}}};
}

std::vector<ColumnSpec> ContactColumns() {
  return {
      Replication(),
      {"row",
       ColumnType::kUint64,
       "",
       "index of the ContactRow in the replication (audit rows)",
       {}},
      {"account", ColumnType::kUint64, "", "account (debt) id", {}},
      {"person", ColumnType::kUint64, "", "person id", {}},
      {"arm", ColumnType::kInt8, "", "experiment arm (-1: none)", {}},
      {"channel", ColumnType::kUint8, "", "channel", ChannelLabels()},
      {"voice", ColumnType::kUint8, "", "how a call's voice was produced",
       FromList({"human", "ai_voice", "prerecorded", "autodialed_human"})},
      {"agent", ColumnType::kUint8, "", "who worked it", FromList({"none", "ai", "human"})},
      {"contact_point", ColumnType::kInt8, "", "index of the phone / email (-1: letter)", {}},
      {"utc_ns", ColumnType::kInt64, "ns since 1970-01-01T00:00Z", "start, UTC", {}},
      {"local_ns",
       ColumnType::kInt64,
       "ns since 1970-01-01T00:00 local",
       "start in the debtor's local time = utc_ns + local_offset_s * 1e9",
       {}},
      {"local_offset_s", ColumnType::kInt32, "seconds", "the debtor's UTC offset at the start", {}},
      {"duration_ns", ColumnType::kInt64, "ns", "handle time (0 for messages and blocked)", {}},
      {"outcome", ColumnType::kUint8, "", "what the contact ledger records",
       FromList({"busy", "not_in_service", "no_answer", "voicemail_limited", "voicemail_full",
                 "ringless_voicemail", "answered_no_conversation", "wrong_party", "conversation",
                 "sent", "undeliverable", "inbound_from_consumer"})},
      {"disposition", ColumnType::kUint8, "", "how the conversation ended", DispositionLabels()},
      {"right_party_contact", ColumnType::kBool, "", "identity verified", {}},
      {"promise", ColumnType::kBool, "", "a promise or arrangement was agreed", {}},
      {"paid_on_contact", ColumnType::kBool, "", "first payment completed during it", {}},
      {"handed_to_human", ColumnType::kBool, "", "an AI contact transferred to a human", {}},
      {"after_hours", ColumnType::kBool, "", "outside every human shift", {}},
      {"inbound", ColumnType::kBool, "", "the consumer initiated it", {}},
      {"reply_to_inbound", ColumnType::kBool, "", "the one reply to an inbound contact", {}},
      {"purpose", ColumnType::kUint8, "", "why we reached out",
       FromList({"collection", "validation_notice", "dispute_verification", "cease_acknowledgement",
                 "opt_out_confirmation", "legal_referral"})},
      {"verdict", ColumnType::kUint8, "", "compliance verdict",
       FromList({"allow", "deny", "defer"})},
      {"rule", ColumnType::kUint8, "", "the blocking rule's id (NONE when allowed)", RuleLabels()},
      {"cost", ColumnType::kInt64, kMinor, "what the contact cost", {}},
      {"callback",
       ColumnType::kBool,
       "",
       "an agent's call back of a hand-off (callback list): the call, or its blocked row when "
       "compliance denied it",
       {}}};
}

std::vector<ColumnSpec> AuditColumns() {
  return {
      Replication(),
      {"rows_seen", ColumnType::kInt64, "contacts", "ContactRows received", {}},
      {"rows_checked", ColumnType::kInt64, "contacts", "allowed outbound rows checked", {}},
      {"violating_rows", ColumnType::kInt64, "contacts", "rows with a violation (must be 0)", {}},
      {"violations", ColumnType::kInt64, "violations", "(row, rule) pairs", {}}};
}

std::vector<ColumnSpec> ViolationColumns() {
  return {Replication(),
          {"row", ColumnType::kUint64, "", "the ContactRow (/events/contacts row)", {}},
          {"rule", ColumnType::kUint8, "", "rule broken", RuleLabels()},
          {"rule_id", ColumnType::kString, "", "rule id (collections-domain.md section 1)", {}},
          {"account", ColumnType::kUint64, "", "account id", {}},
          {"person", ColumnType::kUint64, "", "person id", {}},
          {"arm", ColumnType::kInt8, "", "experiment arm", {}},
          {"utc_ns", ColumnType::kInt64, "ns since 1970-01-01T00:00Z", "contact start", {}}};
}

std::vector<ColumnSpec> ByRuleColumns() {
  return {Replication(),
          {"arm", ColumnType::kInt32, "", "experiment arm", {}},
          {"rule_id", ColumnType::kString, "", "rule id", {}},
          {"violations", ColumnType::kInt64, "contacts", "contacts breaking the rule", {}}};
}

std::vector<ColumnSpec> ComparisonColumns() {
  const auto f = [](const char* name, const char* description) {
    return ColumnSpec{name, ColumnType::kFloat64, "", description, {}};
  };
  return {
      {"kpi", ColumnType::kString, "", "KPI name", {}},
      {"unit", ColumnType::kString, "", "unit of the KPI", {}},
      {"champion_arm", ColumnType::kInt32, "", "champion arm", {}},
      {"challenger_arm", ColumnType::kInt32, "", "challenger arm", {}},
      {"replications", ColumnType::kInt32, "", "paired (common random numbers) replications", {}},
      f("level", "confidence level of the intervals"),
      f("champion_mean", "champion's mean over the paired replications"),
      f("challenger_mean", "challenger's mean over the paired replications"),
      f("difference", "mean of challenger - champion"),
      f("ci_low", "difference - half_width"),
      f("ci_high", "difference + half_width"),
      f("half_width", "paired t interval half width (NaN with < 2 replications)"),
      f("var_paired", "sample variance of the paired differences"),
      {"independent_replications", ColumnType::kInt32, "", "independent-seed runs per arm", {}},
      f("var_independent", "var(champion) + var(challenger) over independent seeds"),
      f("independent_half_width", "Welch interval half width with independent seeds"),
      f("variance_ratio", "var_independent / var_paired (variance reduction by CRN)")};
}

}  // namespace recoup::sim::recording::schema
