// ResultsWriter: the atomic write (temporary file, rename), errors naming the path, and equal runs
// giving equal files. The schema and values are checked from Python (test_results_file.py).
#include "sim/recording/results.h"

#include <H5Cpp.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace recoup::sim::recording {
namespace {

namespace fs = std::filesystem;

fs::path Dir(const std::string& name) {
  const fs::path dir = fs::path(::testing::TempDir()) / ("recoup_results_test_" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

std::string Slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Files in `dir` other than `keep`.
std::vector<std::string> Others(const fs::path& dir, const fs::path& keep) {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.path() != keep) out.push_back(e.path().filename().string());
  }
  return out;
}

RunManifest Manifest() {
  RunManifest m;
  m.scenario_name = "unit";
  m.scenario_text = "name: unit\n";
  m.seed = 7;
  m.replications = 1;
  m.version = "0.1.0";
  m.command_line = "recoup run unit.yaml";
  m.horizon_days = 2;
  return m;
}

ReplicationKpis Kpis() {
  KpiConfig config;
  config.horizon_days = 2;
  KpiCollector k = KpiCollector::Create(config).value();
  ContactRow r;
  r.account = 1;
  r.start = Timestamp::FromCivilUtc(2026, 1, 5, 15);
  k.OnContact(r);
  k.ApplyAudit(AuditReport{});
  return k.Collect(0, 7);
}

Status WriteSample(const std::string& path) {
  StatusOr<std::unique_ptr<ResultsWriter>> w =
      ResultsWriter::Create(path, Manifest(), {true, true});
  if (!w.ok()) return w.status();
  ContactRow r;
  r.account = 1;
  r.start = Timestamp::FromCivilUtc(2026, 1, 5, 15);
  (*w)->Sink(0).OnContact(r);
  AccountOutcomeRow a;
  a.account = 1;
  (*w)->Sink(0).OnAccountOutcome(a);
  RECOUP_RETURN_IF_ERROR((*w)->AddKpis(Kpis()));
  RECOUP_RETURN_IF_ERROR((*w)->AddAudit(0, AuditReport{}));
  return (*w)->Commit();
}

TEST(ResultsWriterTest, CommitRenamesTheTemporaryFile) {
  const fs::path dir = Dir("commit");
  const fs::path path = dir / "run.h5";
  ASSERT_TRUE(WriteSample(path.string()).ok());
  EXPECT_TRUE(fs::exists(path));
  EXPECT_TRUE(Others(dir, path).empty());
  H5::H5File file(path.string(), H5F_ACC_RDONLY);
  H5::Attribute version = file.openAttribute("schema_version");
  int64_t v = 0;
  version.read(H5::PredType::NATIVE_INT64, &v);
  EXPECT_EQ(v, kResultsSchemaVersion);
  H5::DataSet value = file.openDataSet("/kpis/summary/value");
  hsize_t n = 0;
  value.getSpace().getSimpleExtentDims(&n);
  EXPECT_EQ(n, static_cast<hsize_t>(kKpiCount));  // arm -1 only
}

TEST(ResultsWriterTest, EqualRunsGiveEqualFiles) {
  const fs::path dir = Dir("equal");
  ASSERT_TRUE(WriteSample((dir / "a.h5").string()).ok());
  ASSERT_TRUE(WriteSample((dir / "b.h5").string()).ok());
  EXPECT_EQ(Slurp(dir / "a.h5"), Slurp(dir / "b.h5"));
}

TEST(ResultsWriterTest, AbandonedWriteLeavesThePathUntouched) {
  const fs::path dir = Dir("abandon");
  const fs::path path = dir / "run.h5";
  std::ofstream(path) << "previous results";
  {
    StatusOr<std::unique_ptr<ResultsWriter>> w =
        ResultsWriter::Create(path.string(), Manifest(), {});
    ASSERT_TRUE(w.ok()) << w.status();
    EXPECT_TRUE(fs::exists((*w)->temp_path()));
    EXPECT_EQ((*w)->temp_path().rfind(path.string() + ".tmp-", 0), 0u);
  }
  EXPECT_EQ(Slurp(path), "previous results");
  EXPECT_TRUE(Others(dir, path).empty());
}

TEST(ResultsWriterTest, MissingDirectoryIsAnErrorNamingThePath) {
  const std::string path = (Dir("missing") / "no" / "such" / "run.h5").string();
  StatusOr<std::unique_ptr<ResultsWriter>> w = ResultsWriter::Create(path, Manifest(), {});
  ASSERT_FALSE(w.ok());
  EXPECT_NE(w.status().message().find(path), std::string_view::npos);
}

TEST(ResultsWriterTest, FailedRenameRemovesTheTemporaryFile) {
  const fs::path dir = Dir("rename");
  const fs::path path = dir / "taken";
  fs::create_directories(path / "inside");  // a non-empty directory cannot be replaced by a file
  StatusOr<std::unique_ptr<ResultsWriter>> w = ResultsWriter::Create(path.string(), Manifest(), {});
  ASSERT_TRUE(w.ok()) << w.status();
  const Status s = (*w)->Commit();
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find(path.string()), std::string_view::npos);
  EXPECT_TRUE(Others(dir, path).empty());
}

TEST(ResultsWriterTest, MisuseFailsTheWriterAndCleansUp) {
  const fs::path dir = Dir("misuse");
  const fs::path path = dir / "run.h5";
  StatusOr<std::unique_ptr<ResultsWriter>> w = ResultsWriter::Create(path.string(), Manifest(), {});
  ASSERT_TRUE(w.ok());
  ReplicationKpis bad = Kpis();
  bad.arms[0].summary.pop_back();
  const Status s = (*w)->AddKpis(bad);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find(path.string()), std::string_view::npos);
  EXPECT_FALSE((*w)->SetComparison({}).ok());  // failed stays failed
  EXPECT_FALSE((*w)->Commit().ok());
  EXPECT_FALSE(fs::exists(path));
  EXPECT_TRUE(Others(dir, path).empty());
}

TEST(ResultsWriterTest, ComparisonOnlyOnce) {
  const fs::path dir = Dir("twice");
  StatusOr<std::unique_ptr<ResultsWriter>> w =
      ResultsWriter::Create((dir / "run.h5").string(), Manifest(), {});
  ASSERT_TRUE(w.ok());
  EXPECT_TRUE((*w)->SetComparison({}).ok());
  EXPECT_FALSE((*w)->SetComparison({}).ok());
}

}  // namespace
}  // namespace recoup::sim::recording
