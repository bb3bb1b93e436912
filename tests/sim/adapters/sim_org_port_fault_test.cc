// Tests for SimOrgPort's faults and limits: each injected fault (forced to 100%) maps to its Status
// code, with or without a write and with or without counting; the daily API limit and the
// long-request cap refuse; a payment retried after a timeout is not duplicated; bad configuration
// is refused with the field named.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "sim/adapters/sim_org_port.h"
#include "sim/org/events/fault_model.h"
#include "sim/org/events/latency_model.h"
#include "tests/sim/adapters/sim_org_world.h"

namespace recoup::sim::adapters {
namespace {

using org::events::ApiLimitsConfig;
using org::events::FaultKind;
using org::events::FaultRates;
using testing::ConstantLatency;
using testing::kStart;
using testing::Outcome;
using testing::World;

constexpr Duration Ms(int64_t ms) { return Duration::Milliseconds(ms); }

OrgContactAttempt Attempt(const std::string& account) {
  OrgContactAttempt attempt;
  attempt.account_external_id = account;
  attempt.attempted_at = kStart;
  return attempt;
}

OrgPayment Payment(const std::string& external_id) {
  OrgPayment payment;
  payment.account_external_id = "ACC-1";
  payment.external_id = external_id;
  payment.amount = Money::FromMinorUnits(2'500);
  payment.paid_at = kStart;
  payment.method = "ACH";
  return payment;
}

SimOrgPortConfig WithFault(FaultKind kind, double timeout_after_ms = 30'000) {
  SimOrgPortConfig config;
  config.latency = ConstantLatency(200);
  config.seed = 5;
  FaultRates rates;
  switch (kind) {
    case FaultKind::kUnableToLockRow:
      rates.unable_to_lock_row = 1;
      break;
    case FaultKind::kServerUnavailable:
      rates.server_unavailable = 1;
      break;
    case FaultKind::kTimeout:
      rates.timeout = 1;
      break;
    case FaultKind::kSessionExpired:
      rates.session_expired = 1;
      break;
    case FaultKind::kRequestLimitExceeded:
      rates.request_limit_exceeded = 1;
      break;
  }
  config.faults.default_rates = rates;
  config.faults.timeout_after_ms = timeout_after_ms;
  return config;
}

struct FaultCase {
  FaultKind kind;
  StatusCode code;
  std::string message_part;
  bool written;       // the org committed the record
  bool counted;       // the request counted against the daily limit
  Duration answered;  // when the caller heard back, after sending
};

TEST(SimOrgPortFaultTest, EachFaultMapsToItsStatus) {
  const std::vector<FaultCase> cases = {
      {FaultKind::kUnableToLockRow, StatusCode::kUnavailable,
       "Contact_Attempt__c: UNABLE_TO_LOCK_ROW: unable to obtain exclusive access", false, true,
       Ms(200)},
      {FaultKind::kServerUnavailable, StatusCode::kUnavailable,
       "Contact_Attempt__c: SERVER_UNAVAILABLE", false, true, Ms(200)},
      {FaultKind::kTimeout, StatusCode::kUnavailable,
       "Contact_Attempt__c: timeout: no answer from the org within 30s", true, true,
       Duration::Seconds(30)},
      {FaultKind::kSessionExpired, StatusCode::kUnauthenticated,
       "Contact_Attempt__c: INVALID_SESSION_ID: Session expired or invalid", false, false, Ms(200)},
      {FaultKind::kRequestLimitExceeded, StatusCode::kResourceExhausted,
       "Contact_Attempt__c: REQUEST_LIMIT_EXCEEDED: TotalRequests Limit exceeded.", false, false,
       Ms(200)},
  };
  for (const FaultCase& c : cases) {
    SCOPED_TRACE(std::string(org::events::FaultKindName(c.kind)));
    World world(WithFault(c.kind), ApiLimitsConfig{});
    Outcome<StatusOr<std::string>> out =
        world.Run(world.port().RecordContactAttempt(Attempt("ACC-1")));
    EXPECT_EQ(out.result->status().code(), c.code) << out.result->status();
    EXPECT_NE(out.result->status().message().find(c.message_part), std::string_view::npos)
        << out.result->status();
    EXPECT_EQ(out.done - kStart, c.answered);
    EXPECT_EQ(world.Count("Contact_Attempt__c"), c.written ? 1u : 0u);
    EXPECT_EQ(world.limits()->DailyRequestsUsed(world.kernel().Now()), c.counted ? 1 : 0);
    EXPECT_EQ(world.port().stats().faults[static_cast<size_t>(c.kind)], 1u);
    EXPECT_EQ(world.port().stats().writes, c.written ? 1u : 0u);

    // Reads fail the same way (a timed-out lookup read the account, but the answer is lost).
    Outcome<StatusOr<OrgAccountView>> lookup = world.Run(world.port().LookupAccount("ACC-1"));
    EXPECT_EQ(lookup.result->status().code(), c.code) << lookup.result->status();
  }
}

TEST(SimOrgPortFaultTest, TimedOutWriteCommitsWhileTheCallerStillWaits) {
  World world(WithFault(FaultKind::kTimeout, 5'000));
  Outcome<StatusOr<std::string>> out =
      world.Run(world.port().RecordContactAttempt(Attempt("ACC-2")));
  EXPECT_EQ(out.done, kStart + Duration::Seconds(5));
  nlohmann::json rows = world.Query("SELECT CreatedDate FROM Contact_Attempt__c");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0]["CreatedDate"], "2026-01-05T12:00:00.100+0000");  // half the 200 ms latency

  // A hang shorter than the commit point: the org commits when the caller gives up.
  World short_hang(WithFault(FaultKind::kTimeout, 50));
  Outcome<StatusOr<std::string>> cut =
      short_hang.Run(short_hang.port().RecordContactAttempt(Attempt("ACC-2")));
  EXPECT_EQ(cut.done, kStart + Ms(50));
  rows = short_hang.Query("SELECT CreatedDate FROM Contact_Attempt__c");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0]["CreatedDate"], "2026-01-05T12:00:00.050+0000");
}

TEST(SimOrgPortFaultTest, PaymentRetriedAfterATimeoutIsNotDuplicated) {
  World world(WithFault(FaultKind::kTimeout));
  Outcome<StatusOr<std::string>> first = world.Run(world.port().RecordPayment(Payment("PAY-1")));
  EXPECT_EQ(first.result->status().code(), StatusCode::kUnavailable);
  Outcome<StatusOr<std::string>> again = world.Run(world.port().RecordPayment(Payment("PAY-1")));
  EXPECT_EQ(again.result->status().code(), StatusCode::kUnavailable);
  EXPECT_EQ(world.Count("Payment_Transaction__c"), 1u);  // both attempts wrote, one record

  // The retry through a healthy port (same org) succeeds and names the same record.
  SimOrgPortConfig healthy;
  healthy.latency = ConstantLatency(200);
  StatusOr<std::unique_ptr<SimOrgPort>> retry_port =
      SimOrgPort::Create(world.kernel(), world.org(), healthy, nullptr);
  ASSERT_TRUE(retry_port.ok()) << retry_port.status();
  Outcome<StatusOr<std::string>> retried =
      world.Run((*retry_port)->RecordPayment(Payment("PAY-1")));
  ASSERT_TRUE(retried.result->ok()) << retried.result->status();
  EXPECT_EQ(world.Count("Payment_Transaction__c"), 1u);
  nlohmann::json rows = world.Query("SELECT Id, Amount__c FROM Payment_Transaction__c");
  EXPECT_EQ(rows[0]["Id"], **retried.result);
  EXPECT_EQ(rows[0]["Amount__c"], 25);

  // A plain create retried after a timeout is duplicated: that is why payments are upserted.
  ASSERT_FALSE(world.Run(world.port().RecordContactAttempt(Attempt("ACC-1"))).result->ok());
  ASSERT_TRUE(world.Run((*retry_port)->RecordContactAttempt(Attempt("ACC-1"))).result->ok());
  EXPECT_EQ(world.Count("Contact_Attempt__c"), 2u);
}

TEST(SimOrgPortFaultTest, DailyApiLimitRefusesPastTheLimit) {
  SimOrgPortConfig config;
  config.latency = ConstantLatency(100);
  ApiLimitsConfig limits;
  limits.daily_api_requests = 3;
  World world(config, limits);
  for (int i = 0; i < 3; ++i) {
    Outcome<StatusOr<std::string>> ok =
        world.Run(world.port().RecordPayment(Payment("PAY-" + std::to_string(i))));
    ASSERT_TRUE(ok.result->ok()) << i << ": " << ok.result->status();
  }
  const Timestamp sent = world.kernel().Now();
  Outcome<StatusOr<std::string>> refused = world.Run(world.port().RecordPayment(Payment("PAY-3")));
  EXPECT_EQ(refused.result->status().code(), StatusCode::kResourceExhausted);
  EXPECT_EQ(refused.result->status().message(),
            "Payment_Transaction__c: REQUEST_LIMIT_EXCEEDED: TotalRequests Limit exceeded.");
  EXPECT_EQ(refused.done, sent + Ms(100));
  EXPECT_EQ(world.Count("Payment_Transaction__c"), 3u);
  Outcome<StatusOr<OrgAccountView>> lookup = world.Run(world.port().LookupAccount("ACC-1"));
  EXPECT_EQ(lookup.result->status().code(), StatusCode::kResourceExhausted);
  EXPECT_EQ(world.limits()->DailyRequestsUsed(world.kernel().Now()), 3);
  EXPECT_EQ(world.port().stats().limit_refusals, 2u);
  EXPECT_EQ(world.port().stats().counted, 3u);

  // A day later the window has rolled on.
  world.kernel().RunUntil(world.kernel().Now() + Duration::Hours(24) + Duration::Minutes(1));
  Outcome<StatusOr<std::string>> next_day = world.Run(world.port().RecordPayment(Payment("PAY-3")));
  EXPECT_TRUE(next_day.result->ok()) << next_day.result->status();
}

TEST(SimOrgPortFaultTest, HangingRequestsHoldTheLongRequestCap) {
  ApiLimitsConfig limits;
  limits.max_concurrent_long_requests = 1;
  limits.long_request_threshold = Duration::Seconds(20);
  World world(WithFault(FaultKind::kTimeout, 120'000), limits);
  SimOrgPortConfig healthy;
  healthy.latency = ConstantLatency(200);
  StatusOr<std::unique_ptr<SimOrgPort>> other =
      SimOrgPort::Create(world.kernel(), world.org(), healthy, world.limits());
  ASSERT_TRUE(other.ok());
  auto hanging = world.Start(world.port().LookupAccount("ACC-1"));
  world.kernel().RunUntil(kStart + Duration::Seconds(30));  // the hang is now a long request
  auto refused = world.Start((*other)->LookupAccount("ACC-2"));
  world.kernel().RunUntil(kStart + Duration::Seconds(31));
  ASSERT_TRUE(refused->result.has_value());
  EXPECT_EQ(refused->result->status().code(), StatusCode::kResourceExhausted);
  EXPECT_NE(refused->result->status().message().find("ConcurrentPerOrgLongTxn"),
            std::string_view::npos);
  world.kernel().Run();
  EXPECT_EQ(hanging->done, kStart + Duration::Seconds(120));
  // The hang is over: the cap is free again.
  Outcome<StatusOr<OrgAccountView>> after = world.Run((*other)->LookupAccount("ACC-2"));
  EXPECT_TRUE(after.result->ok()) << after.result->status();
}

TEST(SimOrgPortFaultTest, FaultsAreDrawnPerRequestAtTheConfiguredRate) {
  SimOrgPortConfig config;
  config.latency = ConstantLatency(10);
  config.seed = 3;
  config.faults.operations["retrieve"].unable_to_lock_row = 0.25;
  World world(config);
  int unavailable = 0;
  constexpr int kCalls = 2'000;
  for (int i = 0; i < kCalls; ++i) {
    Outcome<StatusOr<OrgAccountView>> out = world.Run(world.port().LookupAccount("ACC-3"));
    if (out.result->status().code() == StatusCode::kUnavailable) ++unavailable;
  }
  // Binomial(2000, 0.25): mean 500, sd 19.4; five standard deviations either side.
  EXPECT_GT(unavailable, 403);
  EXPECT_LT(unavailable, 597);
  // Creates have no faults configured.
  EXPECT_TRUE(world.Run(world.port().RecordContactAttempt(Attempt("ACC-3"))).result->ok());
}

TEST(SimOrgPortFaultTest, CreateRefusesBadConfiguration) {
  Kernel kernel(kStart);
  org::OrgConfig org_config;  // named: GCC 12 warns falsely on a temporary
  StatusOr<std::unique_ptr<org::Org>> org = org::Org::Create(std::move(org_config), nullptr);
  ASSERT_TRUE(org.ok());

  SimOrgPortConfig bad_user;
  bad_user.options.user = org::OrgUserId(1);  // the org has one user
  StatusOr<std::unique_ptr<SimOrgPort>> port = SimOrgPort::Create(kernel, **org, bad_user, nullptr);
  EXPECT_EQ(port.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(port.status().message(),
            "sim org port: user '005000000000002AAA' is not a user of the org");

  for (double fraction : {-0.1, 1.5, std::nan("")}) {
    SimOrgPortConfig bad_fraction;
    bad_fraction.options.commit_fraction = fraction;
    port = SimOrgPort::Create(kernel, **org, bad_fraction, nullptr);
    EXPECT_EQ(port.status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(port.status().message().find("commit_fraction must be in [0, 1]"),
              std::string_view::npos);
  }

  SimOrgPortConfig bad_latency;
  bad_latency.latency.operations["query"].p99_ms = 100;
  port = SimOrgPort::Create(kernel, **org, bad_latency, nullptr);
  EXPECT_EQ(port.status().message(),
            "latency.operations.query.p99_ms: must be >= median_ms (150), "
            "got 100");

  SimOrgPortConfig bad_faults;
  bad_faults.faults.default_rates.timeout = 1.5;
  port = SimOrgPort::Create(kernel, **org, bad_faults, nullptr);
  EXPECT_EQ(port.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(port.status().message().find("faults.default.timeout"), std::string_view::npos)
      << port.status();
}

}  // namespace
}  // namespace recoup::sim::adapters
