// recoup_write_sample_results PATH: writes a small results file from hand-built rows, for
// test_results_file.py. Six accounts (odd ids in arm 1, even in arm 0), four days from 2026-02-02,
// three paired replications (seeds 1-3) plus three independent-seed ones for the comparison, every
// contact logged (events on). Outcomes follow simple arithmetic of (seed, account, day), so the
// Python test can recompute them. One contact breaks a rule on purpose: in replication 0 account 1
// gets a call at 22:00 New York time on day 1 (RF-TIME), so the audit tables have a row.
// Exit status 0 on success; 1 with the error on stderr otherwise.
#include <cstdio>
#include <string>
#include <vector>

#include "core/conversation/records.h"
#include "core/domain/account.h"
#include "core/domain/debtor.h"
#include "sim/recording/comparison.h"
#include "sim/recording/compliance_audit.h"
#include "sim/recording/kpis.h"
#include "sim/recording/results.h"
#include "sim/recording/tee_sink.h"

namespace {

using namespace recoup;                  // NOLINT: a test tool
using namespace recoup::sim::recording;  // NOLINT

constexpr int kAccounts = 6;
constexpr int kDays = 4;
const domain::LocalDate kStart(2026, 2, 2);

domain::Debtor Person(uint64_t id) {
  domain::Debtor d;
  d.id = id;
  d.address = {"US", "NY", "10001", "America/New_York"};
  domain::Phone p;
  p.e164 = "+12125550100";
  p.area_code = 212;
  p.type = domain::PhoneType::kMobile;
  p.robocall_consent.source = domain::ConsentSource::kCreditTransaction;
  p.sms_consent.source = domain::ConsentSource::kGivenToCollector;
  d.phones = {p};
  return d;
}

// 15:00 UTC (10:00 New York) on `day`, plus `minutes`.
Timestamp DayTime(int day, int minutes) {
  return Timestamp::FromCivilUtc(2026, 2, 2 + day, 15) + Duration::Minutes(minutes);
}

// One run of the sample operation with `seed` into `sink`.
void Run(uint64_t seed, RunSink& sink, bool violate) {
  const auto s = static_cast<int>(seed);
  std::vector<bool> spoke(kAccounts + 1, false);
  std::vector<int64_t> collected(kAccounts + 1, 0);
  for (int day = 0; day < kDays; ++day) {
    for (int a = 1; a <= kAccounts; ++a) {
      const int8_t arm = static_cast<int8_t>(a % 2);
      ContactRow c;
      c.account = static_cast<uint64_t>(a);
      c.person = static_cast<uint64_t>(a + 100);
      c.arm = arm;
      c.contact_point = 0;
      c.start = DayTime(day, a);
      c.local_offset_s = -5 * 3600;
      c.agent = arm == 0 ? Agent::kAi : Agent::kHuman;
      c.voice = arm == 0 ? domain::VoiceMode::kAiVoice : domain::VoiceMode::kHuman;
      c.cost = Money::FromMinorUnits(arm == 0 ? 60 : 450);
      if (spoke[static_cast<std::size_t>(a)]) {
        // After a conversation Reg F allows no call for 7 days: a text instead.
        c.channel = domain::Channel::kSms;
        c.agent = Agent::kNone;
        c.voice = domain::VoiceMode::kHuman;
        c.outcome = domain::Outcome::kSent;
        c.cost = Money::FromMinorUnits(1);
        sink.OnContact(c);
        continue;
      }
      c.channel = domain::Channel::kCall;
      c.duration = Duration::Seconds(90);
      const bool conversation = (a + day + s) % 3 == 0;
      c.outcome = conversation ? domain::Outcome::kConversation : domain::Outcome::kNoAnswer;
      ApiCallRow api;
      api.arm = arm;
      api.sent = c.start;
      api.latency = Duration::Milliseconds(100 * a + 10 * s);
      api.during_call = true;
      sink.OnApiCall(api);
      if (conversation) {
        spoke[static_cast<std::size_t>(a)] = true;
        c.right_party_contact = true;
        c.promise = (a + s) % 2 == 0;
        c.disposition =
            static_cast<uint8_t>(c.promise ? conversation::Disposition::kArrangementAgreed
                                           : conversation::Disposition::kHungUp);
      }
      sink.OnContact(c);
      if (c.promise) {
        PaymentRow p;
        p.account = c.account;
        p.arm = arm;
        p.time = DayTime(day, 60 + a);
        p.amount = Money::FromMajorUnits(50);
        p.source = PaymentRow::Source::kCall;
        p.agent = c.agent;
        sink.OnPayment(p);
        collected[static_cast<std::size_t>(a)] += 5000;
      }
    }
    if (violate && day == 1) {
      ContactRow late;
      late.account = 1;
      late.person = 101;
      late.arm = 1;
      late.channel = domain::Channel::kSms;
      late.contact_point = 0;
      late.start = DayTime(day, 12 * 60);  // 22:00 New York (03:00 UTC the next day)
      late.local_offset_s = -5 * 3600;
      late.outcome = domain::Outcome::kSent;
      sink.OnContact(late);
    }
    for (int8_t arm = 0; arm < 2; ++arm) {
      DaySnapshot snap;
      snap.date = kStart + day;
      snap.arm = arm;
      snap.accounts = kAccounts / 2;
      snap.placed = day == 0 ? Money::FromMajorUnits(3000) : Money();
      snap.receivables = Money::FromMajorUnits(3000 - 50 * day);
      snap.current_receivables = Money::FromMajorUnits(100 * day);
      snap.human_staffed_s = 8 * 3600;
      snap.human_busy_s = arm == 1 ? 4 * 3600 : 3600;
      sink.OnDay(snap);
    }
  }
  for (int a = 1; a <= kAccounts; ++a) {
    AccountOutcomeRow o;
    o.account = static_cast<uint64_t>(a);
    o.arm = static_cast<int8_t>(a % 2);
    o.placed = Money::FromMajorUnits(1000);
    o.collected = Money::FromMinorUnits(collected[static_cast<std::size_t>(a)]);
    o.balance = o.placed - o.collected;
    o.contacts = kDays;
    o.state =
        o.collected.IsZero() ? AccountOutcomeRow::State::kOpen : AccountOutcomeRow::State::kOnPlan;
    sink.OnAccountOutcome(o);
  }
}

// The KPIs of one run; with a writer, its rows and audit go to the results file too.
StatusOr<ReplicationKpis> Kpis(int replication, uint64_t seed, ResultsWriter* writer) {
  KpiConfig config;
  config.start_date = kStart;
  config.horizon_days = kDays;
  config.arm_count = 2;
  StatusOr<KpiCollector> kpis = KpiCollector::Create(config);
  if (!kpis.ok()) return kpis.status();
  std::vector<domain::Debtor> debtors;
  std::vector<domain::Account> accounts;
  for (int a = 1; a <= kAccounts; ++a) {
    debtors.push_back(Person(static_cast<uint64_t>(a + 100)));
    domain::Account acc;
    acc.id = static_cast<uint64_t>(a);
    acc.debtor = static_cast<uint64_t>(a + 100);
    accounts.push_back(acc);
  }
  StatusOr<ComplianceAudit> audit =
      ComplianceAudit::Create(accounts, debtors, compliance::Profile());
  if (!audit.ok()) return audit.status();
  TeeSink tee({&*kpis, &*audit, writer != nullptr ? &writer->Sink(replication) : nullptr});
  Run(seed, tee, writer != nullptr && replication == 0);
  const AuditReport report = audit->Report();
  kpis->ApplyAudit(report);
  if (writer != nullptr) RECOUP_RETURN_IF_ERROR(writer->AddAudit(replication, report));
  return kpis->Collect(replication, seed);
}

Status Write(const std::string& path) {
  RunManifest m;
  m.scenario_name = "sample";
  m.scenario_text = "name: sample\nrun: {seed: 1, replications: 3}\n";
  m.scenario_path = "tests/sim/recording/sample.yaml";
  m.seed = 1;
  m.replications = 3;
  m.version = "0.1.0";
  m.git_revision = "0123456789abcdef";
  m.command_line = "recoup_write_sample_results " + path;
  m.start_date = kStart;
  m.horizon_days = kDays;
  m.accounts = kAccounts;
  m.operation_time_zone = "America/New_York";
  m.arm_names = {"champion", "challenger"};
  StatusOr<std::unique_ptr<ResultsWriter>> writer = ResultsWriter::Create(path, m, {true, true});
  if (!writer.ok()) return writer.status();
  std::vector<ReplicationKpis> paired;
  std::vector<ReplicationKpis> independent;
  for (int r = 0; r < 3; ++r) {
    StatusOr<ReplicationKpis> k = Kpis(r, m.seed + static_cast<uint64_t>(r), writer->get());
    if (!k.ok()) return k.status();
    RECOUP_RETURN_IF_ERROR((*writer)->AddKpis(*k));
    paired.push_back(*std::move(k));
    StatusOr<ReplicationKpis> other = Kpis(r, 100 + static_cast<uint64_t>(r), nullptr);
    if (!other.ok()) return other.status();
    independent.push_back(*std::move(other));
  }
  // The champion's independent values from seeds 1-3, the challenger's from seeds 100-102.
  StatusOr<std::vector<KpiComparison>> cmp = CompareArms(paired, 0, 1, paired, independent);
  if (!cmp.ok()) return cmp.status();
  RECOUP_RETURN_IF_ERROR((*writer)->SetComparison(*cmp));
  return (*writer)->Commit();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: recoup_write_sample_results PATH\n");
    return 2;
  }
  const recoup::Status s = Write(argv[1]);
  if (!s.ok()) {
    std::fprintf(stderr, "%s\n", s.ToString().c_str());
    return 1;
  }
  return 0;
}
