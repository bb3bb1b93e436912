// ResultsWriter: a run's results as one HDF5 file (schema_version 1, docs/results.md), written
// atomically: everything goes to `<path>.tmp-XXXXXX` (a unique name made by mkstemp) and Commit()
// renames it onto `path`, so a reader never sees half a file and a failed or abandoned run leaves
// `path` as it was and no temporary behind.
//
//   RunManifest manifest{...};
//   StatusOr<std::unique_ptr<ResultsWriter>> w = ResultsWriter::Create(path, manifest, options);
//   for each replication r:
//     RunSink& sink = (*w)->Sink(r);           // contact rows (with --events), account outcomes
//     ... run, emitting into sink (and the KPI collector and audit) ...
//     (*w)->AddKpis(kpis.Collect(r, seed));   (*w)->AddAudit(r, audit.Report());
//   (*w)->SetComparison(comparisons);          // optional
//   Status s = (*w)->Commit();
//
// Layout (each table a group of equal-length 1-D column datasets; docs/results.md lists every
// column):
//   /                    attributes: the run manifest and schema_version = 1
//   /kpis/definitions    name, unit, description, daily (the KPI table, kpi_definitions.h)
//   /kpis/summary        replication, seed, arm, kpi, unit, value: one row per KPI, arm,
//   replication /kpis/daily          replication, seed, arm, day, date, then one float64 column per
//   daily KPI /accounts            one row per AccountOutcomeRow (per replication) /events/contacts
//   every ContactRow (only with ResultsOptions::events) /compliance/audits, /compliance/violations,
//   /compliance/by_rule   the audit's report /comparison          champion vs challenger
//   (comparison.h), 0 rows without an experiment
//
// Every error (HDF5, file system, misuse) comes back as a Status whose message names `path`; after
// an error the writer stays failed: later calls return it and Commit removes the temporary file.
// Single-threaded.
#ifndef RECOUP_SIM_RECORDING_RESULTS_H_
#define RECOUP_SIM_RECORDING_RESULTS_H_

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "core/base/status.h"
#include "core/base/statusor.h"
#include "core/domain/calendar.h"
#include "sim/recording/comparison.h"
#include "sim/recording/compliance_audit.h"
#include "sim/recording/kpis.h"
#include "sim/recording/run_log.h"

namespace recoup::sim::recording {

inline constexpr int64_t kResultsSchemaVersion = 1;

// What ran: root attributes of the file. No wall-clock time is recorded (equal runs, equal files).
struct RunManifest {
  std::string scenario_name;
  std::string scenario_text;  // the YAML after --set overrides
  std::string scenario_path;  // "" when built in code
  uint64_t seed = 0;          // replication r ran with seed + r
  int replications = 1;
  std::string version;       // recoup's version ("0.1.0")
  std::string git_revision;  // "" when unknown
  std::string command_line;  // as typed, arguments joined by spaces
  domain::LocalDate start_date{2026, 1, 5};
  int horizon_days = 0;
  int64_t accounts = 0;
  int currency_decimals = 2;
  std::string operation_time_zone;
  std::vector<std::string>
      arm_names;  // arm i's name (champion, challenger...); empty: no experiment
};

struct ResultsOptions {
  bool events = false;   // write /events/contacts (every ContactRow; large)
  bool compress = true;  // deflate level 4 with shuffle on every dataset
};

class ResultsWriter {
 public:
  // Creates the temporary file next to `path` and writes the manifest and /kpis/definitions.
  // Errors: the directory does not exist or is not writable, HDF5 failures; the message names
  // `path`.
  static StatusOr<std::unique_ptr<ResultsWriter>> Create(const std::string& path,
                                                         const RunManifest& manifest,
                                                         const ResultsOptions& options);
  // Without a successful Commit: closes and removes the temporary file; `path` is untouched.
  ~ResultsWriter();
  ResultsWriter(const ResultsWriter&) = delete;
  ResultsWriter& operator=(const ResultsWriter&) = delete;

  // The sink for replication `replication`'s rows: it writes ContactRows to /events/contacts (with
  // events; the column `row` counts every ContactRow of the replication from 0, as the audit does)
  // and AccountOutcomeRows to /accounts, and ignores the other rows. Replications one at a time:
  // calling Sink with another replication restarts the row count.
  RunSink& Sink(int replication);
  // /kpis/summary and /kpis/daily rows of one replication (every arm).
  Status AddKpis(const ReplicationKpis& kpis);
  // /compliance rows of one replication (arms from the violations).
  Status AddAudit(int replication, const AuditReport& report);
  // /comparison rows (replaces nothing: call at most once; checked).
  Status SetComparison(std::span<const KpiComparison> rows);
  // Flushes, closes and renames the temporary file onto `path`. Once only.
  Status Commit();

  const std::string& path() const;
  const std::string& temp_path() const;

 private:
  struct State;
  explicit ResultsWriter(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

}  // namespace recoup::sim::recording

#endif  // RECOUP_SIM_RECORDING_RESULTS_H_
