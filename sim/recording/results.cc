#include "sim/recording/results.h"

#include <H5Cpp.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <map>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "core/compliance/rules.h"
#include "sim/recording/kpi_definitions.h"
#include "sim/recording/results_schema.h"
#include "sim/recording/results_table.h"

namespace recoup::sim::recording {
namespace {

using h5::TableWriter;

std::string DateText(domain::LocalDate d) {
  char buffer[16];
  std::snprintf(buffer, sizeof(buffer), "%04d-%02d-%02d", static_cast<int>(d.year()), d.month(),
                d.day());
  return buffer;
}

}  // namespace

struct ResultsWriter::State : public RunSink {
  std::string path;
  std::string temp;
  ResultsOptions options;
  std::unique_ptr<H5::H5File> file;
  std::unique_ptr<TableWriter> summary, daily, accounts, contacts, audits, violations, by_rule,
      comparison;
  Status status;
  bool committed = false;
  bool comparison_set = false;
  int replication = -1;
  uint64_t next_row = 0;

  ~State() override { Abandon(); }

  Status Error(std::string_view what) const {
    return InternalError("results file " + path + ": " + std::string(what));
  }
  // Runs `f`, turning an HDF5 (or other) exception into the writer's failed status.
  template <typename F>
  Status Guard(F&& f) {
    if (!status.ok()) return status;
    if (committed) return Error("already committed");
    try {
      f();
    } catch (const H5::Exception& e) {
      status = Error(e.getDetailMsg().empty() ? e.getFuncName() : e.getDetailMsg());
    } catch (const std::exception& e) {
      status = Error(e.what());
    }
    return status;
  }
  // Closes and removes the temporary file (a failed or abandoned write).
  void Abandon() {
    if (committed) return;
    try {
      summary.reset(), daily.reset(), accounts.reset(), contacts.reset();
      audits.reset(), violations.reset(), by_rule.reset(), comparison.reset();
      if (file) file->close();
    } catch (const H5::Exception&) {
      // Nothing to save: the file is removed below.
    }
    file.reset();
    if (!temp.empty()) std::remove(temp.c_str());
    temp.clear();
  }

  void OnContact(const ContactRow& row) override;
  void OnAccountOutcome(const AccountOutcomeRow& row) override;
  void OnPromise(const PromiseRow&) override {}
  void OnPayment(const PaymentRow&) override {}
  void OnEscalation(const EscalationRow&) override {}
  void OnApiCall(const ApiCallRow&) override {}
  void OnFlag(const FlagRow&) override {}
  void OnDay(const DaySnapshot&) override {}
};

void ResultsWriter::State::OnContact(const ContactRow& r) {
  const uint64_t row = next_row++;
  if (!options.events) return;
  (void)Guard([&] {
    using namespace schema;  // NOLINT: column indices
    TableWriter& t = *contacts;
    t.Int(kConReplication, replication);
    t.Uint(kConRow, row);
    t.Uint(kConAccount, r.account);
    t.Uint(kConPerson, r.person);
    t.Int(kConArm, r.arm);
    t.Int(kConChannel, static_cast<int64_t>(r.channel));
    t.Int(kConVoice, static_cast<int64_t>(r.voice));
    t.Int(kConAgent, static_cast<int64_t>(r.agent));
    t.Int(kConContactPoint, r.contact_point);
    t.Int(kConUtcNs, r.start.unix_nanos());
    t.Int(kConLocalNs, r.start.unix_nanos() + int64_t{r.local_offset_s} * 1'000'000'000);
    t.Int(kConLocalOffsetS, r.local_offset_s);
    t.Int(kConDurationNs, r.duration.nanos());
    t.Int(kConOutcome, static_cast<int64_t>(r.outcome));
    t.Int(kConDisposition, r.disposition);
    t.Bool(kConRightPartyContact, r.right_party_contact);
    t.Bool(kConPromise, r.promise);
    t.Bool(kConPaidOnContact, r.paid_on_contact);
    t.Bool(kConHandedToHuman, r.handed_to_human);
    t.Bool(kConAfterHours, r.after_hours);
    t.Bool(kConInbound, r.inbound);
    t.Bool(kConReplyToInbound, r.reply_to_inbound);
    t.Int(kConPurpose, r.purpose);
    t.Int(kConVerdict, static_cast<int64_t>(r.verdict));
    t.Int(kConRule, static_cast<int64_t>(r.rule));
    t.Int(kConCost, r.cost.minor_units());
    t.Bool(kConCallback, r.callback);
    t.EndRow();
  });
}

void ResultsWriter::State::OnAccountOutcome(const AccountOutcomeRow& r) {
  (void)Guard([&] {
    using namespace schema;  // NOLINT: column indices
    TableWriter& t = *accounts;
    t.Int(kAccReplication, replication);
    t.Uint(kAccAccount, r.account);
    t.Int(kAccArm, r.arm);
    t.Int(kAccStrategy, r.strategy);
    t.Int(kAccSegment, r.segment);
    t.Int(kAccProduct, r.product);
    t.Int(kAccFinalStage, r.final_stage);
    t.Int(kAccPlaced, r.placed.minor_units());
    t.Int(kAccCollected, r.collected.minor_units());
    t.Int(kAccBalance, r.balance.minor_units());
    t.Int(kAccContacts, r.contacts);
    t.Int(kAccRightPartyContacts, r.right_party_contacts);
    t.Int(kAccState, static_cast<int64_t>(r.state));
    t.Int(kAccResolvedDay, r.resolved_day);
    t.Bool(kAccEscalated, r.escalated);
    t.EndRow();
  });
}

ResultsWriter::ResultsWriter(std::unique_ptr<State> state) : state_(std::move(state)) {}
ResultsWriter::~ResultsWriter() = default;

const std::string& ResultsWriter::path() const { return state_->path; }
const std::string& ResultsWriter::temp_path() const { return state_->temp; }

StatusOr<std::unique_ptr<ResultsWriter>> ResultsWriter::Create(const std::string& path,
                                                               const RunManifest& m,
                                                               const ResultsOptions& options) {
  H5::Exception::dontPrint();
  auto s = std::make_unique<State>();
  s->path = path;
  s->options = options;
  if (path.empty()) return InvalidArgumentError("results file: empty path");
  std::string name = path + ".tmp-XXXXXX";
  const int fd = mkstemp(name.data());
  if (fd < 0) {
    return InvalidArgumentError("results file " + path + ": cannot create a temporary file " +
                                "beside it: " + std::strerror(errno));
  }
  close(fd);
  s->temp = name;
  const Status created = s->Guard([&] {
    s->file = std::make_unique<H5::H5File>(s->temp, H5F_ACC_TRUNC);
    H5::Group root = s->file->openGroup("/");
    h5::SetAttribute(root, "schema_version", kResultsSchemaVersion);
    h5::SetAttribute(root, "scenario_name", m.scenario_name);
    h5::SetAttribute(root, "scenario_text", m.scenario_text);
    h5::SetAttribute(root, "scenario_path", m.scenario_path);
    h5::SetAttribute(root, "seed", m.seed);
    h5::SetAttribute(root, "replications", int64_t{m.replications});
    h5::SetAttribute(root, "version", m.version);
    h5::SetAttribute(root, "git_revision", m.git_revision);
    h5::SetAttribute(root, "command_line", m.command_line);
    h5::SetAttribute(root, "start_date", DateText(m.start_date));
    h5::SetAttribute(root, "horizon_days", int64_t{m.horizon_days});
    h5::SetAttribute(root, "accounts", m.accounts);
    h5::SetAttribute(root, "currency_decimals", int64_t{m.currency_decimals});
    h5::SetAttribute(root, "operation_time_zone", m.operation_time_zone);
    h5::SetAttribute(root, "arm_names", m.arm_names);
    h5::SetAttribute(root, "events", int64_t{options.events ? 1 : 0});
    const bool z = options.compress;
    H5::Group kpis = h5::CreateGroup(root, "kpis");
    TableWriter defs(kpis, "definitions", "the KPI table (kpi_definitions.h)",
                     schema::KpiDefinitionColumns(), z);
    for (const KpiDefinition& d : KpiDefinitions()) {
      defs.String(schema::kDefName, d.name);
      defs.String(schema::kDefUnit, d.unit);
      defs.String(schema::kDefDescription, d.description);
      defs.Bool(schema::kDefDaily, d.daily);
      defs.EndRow();
    }
    defs.Flush();
    s->summary = std::make_unique<TableWriter>(
        kpis, "summary", "one row per replication, arm and KPI", schema::SummaryColumns(), z);
    s->daily = std::make_unique<TableWriter>(
        kpis, "daily", "one row per replication, arm and simulated day", schema::DailyColumns(), z);
    s->accounts = std::make_unique<TableWriter>(
        root, "accounts", "per-account outcomes (AccountOutcomeRow)", schema::AccountColumns(), z);
    if (options.events) {
      H5::Group events = h5::CreateGroup(root, "events");
      s->contacts = std::make_unique<TableWriter>(
          events, "contacts", "every contact attempt and blocked plan (ContactRow)",
          schema::ContactColumns(), z);
    }
    H5::Group compliance = h5::CreateGroup(root, "compliance");
    s->audits = std::make_unique<TableWriter>(compliance, "audits", "the audit, per replication",
                                              schema::AuditColumns(), z);
    s->violations = std::make_unique<TableWriter>(compliance, "violations",
                                                  "every (contact, rule) breach the audit found",
                                                  schema::ViolationColumns(), z);
    s->by_rule = std::make_unique<TableWriter>(
        compliance, "by_rule", "violating contacts per arm and rule", schema::ByRuleColumns(), z);
    s->comparison = std::make_unique<TableWriter>(
        root, "comparison", "champion vs challenger per KPI", schema::ComparisonColumns(), z);
  });
  if (!created.ok()) return created;  // ~State removes the temporary file
  return std::unique_ptr<ResultsWriter>(new ResultsWriter(std::move(s)));
}

RunSink& ResultsWriter::Sink(int replication) {
  if (replication != state_->replication) {
    state_->replication = replication;
    state_->next_row = 0;
  }
  return *state_;
}

Status ResultsWriter::AddKpis(const ReplicationKpis& k) {
  State& s = *state_;
  return s.Guard([&] {
    using namespace schema;  // NOLINT: column indices
    const auto defs = KpiDefinitions();
    const auto daily_defs = DailyKpiDefinitions();
    for (const ArmKpis& arm : k.arms) {
      if (arm.summary.size() != defs.size()) throw std::runtime_error("summary of the wrong size");
      for (const KpiDefinition& d : defs) {
        TableWriter& t = *s.summary;
        t.Int(kSumReplication, k.replication);
        t.Uint(kSumSeed, k.seed);
        t.Int(kSumArm, arm.arm);
        t.String(kSumKpi, d.name);
        t.String(kSumUnit, d.unit);
        t.Double(kSumValue, arm.summary[static_cast<std::size_t>(d.kpi)]);
        t.EndRow();
      }
      for (const DailyKpis& row : arm.daily) {
        if (row.values.size() != daily_defs.size()) {
          throw std::runtime_error("daily row of the wrong size");
        }
        TableWriter& t = *s.daily;
        t.Int(kDayReplication, k.replication);
        t.Uint(kDaySeed, k.seed);
        t.Int(kDayArm, arm.arm);
        t.Int(kDayDay, row.day);
        t.String(kDayDate, DateText(row.date));
        for (std::size_t i = 0; i < row.values.size(); ++i) {
          t.Double(kDayFirstKpi + static_cast<int>(i), row.values[i]);
        }
        t.EndRow();
      }
    }
  });
}

Status ResultsWriter::AddAudit(int replication, const AuditReport& report) {
  State& s = *state_;
  return s.Guard([&] {
    using namespace schema;  // NOLINT: column indices
    const std::vector<uint64_t> rows = report.ViolatingRows();
    TableWriter& a = *s.audits;
    a.Int(kAudReplication, replication);
    a.Int(kAudRowsSeen, report.rows_seen);
    a.Int(kAudRowsChecked, report.rows_checked);
    a.Int(kAudViolatingRows, static_cast<int64_t>(rows.size()));
    a.Int(kAudViolations, static_cast<int64_t>(report.violations.size()));
    a.EndRow();
    std::map<std::pair<int, int>, int64_t> by;  // (arm, rule) -> contacts
    for (const AuditViolation& v : report.violations) {
      TableWriter& t = *s.violations;
      t.Int(kVioReplication, replication);
      t.Uint(kVioRow, v.row);
      t.Int(kVioRule, static_cast<int64_t>(v.rule));
      t.String(kVioRuleId, compliance::RuleId(v.rule));
      t.Uint(kVioAccount, v.account);
      t.Uint(kVioPerson, v.person);
      t.Int(kVioArm, v.arm);
      t.Int(kVioUtcNs, v.start.unix_nanos());
      t.EndRow();
      ++by[{v.arm, static_cast<int>(v.rule)}];
    }
    for (const auto& [key, n] : by) {
      TableWriter& t = *s.by_rule;
      t.Int(kByReplication, replication);
      t.Int(kByArm, key.first);
      t.String(kByRuleId, compliance::RuleId(static_cast<compliance::Rule>(key.second)));
      t.Int(kByViolations, n);
      t.EndRow();
    }
  });
}

Status ResultsWriter::SetComparison(std::span<const KpiComparison> rows) {
  State& s = *state_;
  if (s.comparison_set && s.status.ok()) {
    s.status = s.Error("SetComparison called twice");
  }
  s.comparison_set = true;
  return s.Guard([&] {
    using namespace schema;  // NOLINT: column indices
    for (const KpiComparison& c : rows) {
      TableWriter& t = *s.comparison;
      t.String(kCmpKpi, c.kpi);
      t.String(kCmpUnit, c.unit);
      t.Int(kCmpChampionArm, c.champion_arm);
      t.Int(kCmpChallengerArm, c.challenger_arm);
      t.Int(kCmpReplications, c.replications);
      t.Double(kCmpLevel, c.level);
      t.Double(kCmpChampionMean, c.champion_mean);
      t.Double(kCmpChallengerMean, c.challenger_mean);
      t.Double(kCmpDifference, c.difference);
      t.Double(kCmpCiLow, c.ci_low());
      t.Double(kCmpCiHigh, c.ci_high());
      t.Double(kCmpHalfWidth, c.half_width);
      t.Double(kCmpVarPaired, c.var_paired);
      t.Int(kCmpIndependentReplications, c.independent_replications);
      t.Double(kCmpVarIndependent, c.var_independent);
      t.Double(kCmpIndependentHalfWidth, c.independent_half_width);
      t.Double(kCmpVarianceRatio, c.variance_ratio);
      t.EndRow();
    }
  });
}

Status ResultsWriter::Commit() {
  State& s = *state_;
  Status flushed = s.Guard([&] {
    for (TableWriter* t :
         {s.summary.get(), s.daily.get(), s.accounts.get(), s.contacts.get(), s.audits.get(),
          s.violations.get(), s.by_rule.get(), s.comparison.get()}) {
      if (t != nullptr) t->Flush();
    }
    s.summary.reset(), s.daily.reset(), s.accounts.reset(), s.contacts.reset();
    s.audits.reset(), s.violations.reset(), s.by_rule.reset(), s.comparison.reset();
    s.file->close();
    s.file.reset();
  });
  if (!flushed.ok()) {
    s.Abandon();
    return flushed;
  }
  if (std::rename(s.temp.c_str(), s.path.c_str()) != 0) {
    s.status =
        s.Error(std::string("cannot rename ") + s.temp + " onto it: " + std::strerror(errno));
    s.Abandon();
    return s.status;
  }
  s.committed = true;
  s.temp.clear();
  return OkStatus();
}

}  // namespace recoup::sim::recording
