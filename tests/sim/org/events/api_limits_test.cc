// ApiLimits: the rolling daily request counter and its error, the Sforce-Limit-Info header, the
// long-running request cap, event allocations, bulk counters, /limits and config validation.
#include "sim/org/events/api_limits.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

namespace recoup::sim::org::events {
namespace {

const Timestamp kT0 = Timestamp::FromCivilUtc(2026, 1, 5, 10, 0, 0);

ApiLimitsConfig SmallConfig() {
  ApiLimitsConfig config;
  config.daily_api_requests = 3;
  config.max_concurrent_long_requests = 2;
  config.hourly_published_platform_events = 5;
  config.daily_delivered_platform_events = 4;
  config.daily_bulk_api_batches = 2;
  config.daily_bulk_v2_query_jobs = 1;
  return config;
}

TEST(ApiLimitsTest, DailyRequestsRollOverTwentyFourHours) {
  ApiLimits limits(SmallConfig());
  EXPECT_TRUE(limits.CountRequest(kT0).ok());
  EXPECT_TRUE(limits.CountRequest(kT0 + Duration::Hours(1)).ok());
  EXPECT_TRUE(limits.CountRequest(kT0 + Duration::Hours(2)).ok());
  EXPECT_EQ(limits.LimitInfoHeader(kT0 + Duration::Hours(2)), "api-usage=3/3");

  const SfStatus refused = limits.CountRequest(kT0 + Duration::Hours(3));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error(),
            MakeSfError(403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded."));
  EXPECT_EQ(limits.DailyRequestsUsed(kT0 + Duration::Hours(3)), 3) << "refusals are not counted";

  // The first request leaves the window 24 h after its minute started.
  const Timestamp next_day = kT0 + Duration::Days(1);
  EXPECT_FALSE(limits.CountRequest(next_day - Duration::Nanoseconds(1)).ok());
  EXPECT_EQ(limits.LimitInfoHeader(next_day), "api-usage=2/3");
  EXPECT_TRUE(limits.CountRequest(next_day).ok());
  EXPECT_FALSE(limits.CountRequest(next_day).ok());
  EXPECT_EQ(limits.DailyRequestsUsed(next_day + Duration::Hours(2)), 1);
}

TEST(ApiLimitsTest, LongRequestsCapCountsOnlyRequestsPastTheThreshold) {
  ApiLimits limits(SmallConfig());  // cap 2, threshold 20 s
  SfOr<ApiLimits::RequestGuard> a = limits.BeginRequest(kT0);
  SfOr<ApiLimits::RequestGuard> b = limits.BeginRequest(kT0 + Duration::Seconds(1));
  ASSERT_TRUE(a.ok());
  ASSERT_TRUE(b.ok());
  // Short requests are never limited.
  std::vector<ApiLimits::RequestGuard> short_ones;
  for (int i = 0; i < 10; ++i) {
    SfOr<ApiLimits::RequestGuard> g = limits.BeginRequest(kT0 + Duration::Seconds(2));
    ASSERT_TRUE(g.ok());
    short_ones.push_back(std::move(g).value());
  }
  EXPECT_EQ(limits.LongRunningRequests(kT0 + Duration::Seconds(20)), 1);
  EXPECT_TRUE(a->IsLongAt(kT0 + Duration::Seconds(20)));
  EXPECT_FALSE(b->IsLongAt(kT0 + Duration::Seconds(20)));
  EXPECT_EQ(limits.LongRunningRequests(kT0 + Duration::Seconds(21)), 2);
  const SfOr<ApiLimits::RequestGuard> refused = limits.BeginRequest(kT0 + Duration::Seconds(21));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error(),
            MakeSfError(403, "REQUEST_LIMIT_EXCEEDED", "ConcurrentPerOrgLongTxn Limit exceeded."));
  for (ApiLimits::RequestGuard& g : short_ones) {
    EXPECT_FALSE(g.Finish(kT0 + Duration::Seconds(5)));
  }
  EXPECT_TRUE(a->Finish(kT0 + Duration::Seconds(25)));
  EXPECT_FALSE(a->active());
  EXPECT_FALSE(a->Finish(kT0 + Duration::Seconds(26))) << "a finished guard holds nothing";
  EXPECT_TRUE(limits.BeginRequest(kT0 + Duration::Seconds(25)).ok());
  EXPECT_EQ(limits.RequestsInFlight(), 1) << "b only: the temporary guard released itself";
}

TEST(ApiLimitsTest, GuardMovesAndReleasesOnDestruction) {
  ApiLimits limits(SmallConfig());
  {
    SfOr<ApiLimits::RequestGuard> g = limits.BeginRequest(kT0);
    ApiLimits::RequestGuard moved = std::move(g).value();
    ApiLimits::RequestGuard target;
    target = std::move(moved);
    EXPECT_FALSE(moved.active());  // NOLINT(bugprone-use-after-move): checking the moved-from state
    EXPECT_TRUE(target.active());
    EXPECT_EQ(limits.RequestsInFlight(), 1);
  }
  EXPECT_EQ(limits.RequestsInFlight(), 0);
}

TEST(ApiLimitsTest, PublishAllocationIsHourlyAndAllOrNothing) {
  ApiLimits limits(SmallConfig());  // 5 per hour
  EXPECT_TRUE(limits.CountPublishedEvents(kT0, 3).ok());
  const SfStatus refused = limits.CountPublishedEvents(kT0 + Duration::Minutes(10), 3);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().error_code, "LIMIT_EXCEEDED");
  EXPECT_EQ(refused.error().http_status, 400);
  EXPECT_EQ(limits.PublishedRemaining(kT0 + Duration::Minutes(10)), 2);
  EXPECT_TRUE(limits.CountPublishedEvents(kT0 + Duration::Minutes(10), 2).ok());
  EXPECT_FALSE(limits.CountPublishedEvents(kT0 + Duration::Minutes(59), 1).ok());
  EXPECT_TRUE(limits.CountPublishedEvents(kT0 + Duration::Hours(1), 3).ok());
}

TEST(ApiLimitsTest, DeliveriesAreGrantedUpToTheDailyAllocation) {
  ApiLimits limits(SmallConfig());  // 4 per day
  EXPECT_EQ(limits.GrantDeliveries(kT0, 3), 3);
  EXPECT_EQ(limits.GrantDeliveries(kT0, 3), 1);
  EXPECT_EQ(limits.GrantDeliveries(kT0, 3), 0);
  EXPECT_EQ(limits.DeliveriesRemaining(kT0 + Duration::Hours(23)), 0);
  EXPECT_EQ(limits.DeliveriesRemaining(kT0 + Duration::Days(1)), 4);
}

TEST(ApiLimitsTest, BulkCounters) {
  ApiLimits limits(SmallConfig());
  EXPECT_TRUE(limits.TryCountBulkBatches(kT0, 2));
  EXPECT_FALSE(limits.TryCountBulkBatches(kT0, 1));
  EXPECT_TRUE(limits.TryCountBulkV2QueryJob(kT0));
  EXPECT_FALSE(limits.TryCountBulkV2QueryJob(kT0));
  EXPECT_TRUE(limits.TryCountBulkV2QueryJob(kT0 + Duration::Days(1)));
}

TEST(ApiLimitsTest, LimitsJsonReportsMaxAndRemaining) {
  ApiLimits limits(SmallConfig());
  ASSERT_TRUE(limits.CountRequest(kT0).ok());
  ASSERT_TRUE(limits.CountPublishedEvents(kT0, 2).ok());
  ASSERT_EQ(limits.GrantDeliveries(kT0, 1), 1);
  ASSERT_TRUE(limits.TryCountBulkBatches(kT0, 1));
  const nlohmann::json body = limits.LimitsJson(kT0, StorageUsage{100, 2'000'000});
  const nlohmann::json expected = {
      {"DailyApiRequests", {{"Max", 3}, {"Remaining", 2}}},
      {"DailyBulkApiBatches", {{"Max", 2}, {"Remaining", 1}}},
      {"DailyBulkV2QueryFileStorageMB", {{"Max", 976'562}, {"Remaining", 976'562}}},
      {"DailyBulkV2QueryJobs", {{"Max", 1}, {"Remaining", 1}}},
      {"DailyDeliveredPlatformEvents", {{"Max", 4}, {"Remaining", 3}}},
      {"DailyStandardVolumePlatformEvents", {{"Max", 10'000}, {"Remaining", 10'000}}},
      {"DataStorageMB", {{"Max", 1'024}, {"Remaining", 924}}},
      {"FileStorageMB", {{"Max", 20'480}, {"Remaining", 0}}},  // over-use shows 0, not negative
      {"HourlyPublishedPlatformEvents", {{"Max", 5}, {"Remaining", 3}}},
  };
  EXPECT_EQ(body, expected) << body.dump(2);
}

TEST(ApiLimitsTest, ConcurrentCountingLosesNothing) {
  ApiLimitsConfig config;
  config.daily_api_requests = 1'000'000;
  ApiLimits limits(config);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&limits] {
      for (int i = 0; i < 10'000; ++i) {
        ASSERT_TRUE(limits.CountRequest(kT0).ok());
        SfOr<ApiLimits::RequestGuard> guard = limits.BeginRequest(kT0);
        ASSERT_TRUE(guard.ok());
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(limits.DailyRequestsUsed(kT0), 40'000);
  EXPECT_EQ(limits.RequestsInFlight(), 0);
}

TEST(ApiLimitsConfigTest, InvalidFieldsAreNamed) {
  struct Case {
    void (*mutate)(ApiLimitsConfig&);
    const char* message;
  };
  const Case cases[] = {
      {[](ApiLimitsConfig& c) { c.daily_api_requests = -1; },
       "api_limits.daily_api_requests: must be >= 0, got -1"},
      {[](ApiLimitsConfig& c) { c.max_concurrent_long_requests = 0; },
       "api_limits.max_concurrent_long_requests: must be >= 1, got 0"},
      {[](ApiLimitsConfig& c) { c.hourly_published_platform_events = -5; },
       "api_limits.hourly_published_platform_events: must be >= 0, got -5"},
      {[](ApiLimitsConfig& c) { c.daily_delivered_platform_events = -1; },
       "api_limits.daily_delivered_platform_events: must be >= 0, got -1"},
      {[](ApiLimitsConfig& c) { c.data_storage_mb = -2; },
       "api_limits.data_storage_mb: must be >= 0, got -2"},
      {[](ApiLimitsConfig& c) { c.long_request_threshold = Duration::Zero(); },
       "api_limits.long_request_threshold: must be > 0, got 0s"},
      {[](ApiLimitsConfig& c) { c.counter_resolution = Duration::Seconds(7); },
       "api_limits.counter_resolution: must be > 0 and divide one hour exactly, got 7s"},
      {[](ApiLimitsConfig& c) { c.counter_resolution = Duration::Milliseconds(10); },
       "api_limits.counter_resolution: too fine (more than 1048576 buckets per day), got 0.01s"},
  };
  for (const Case& c : cases) {
    ApiLimitsConfig config;
    c.mutate(config);
    const StatusOr<std::unique_ptr<ApiLimits>> limits = ApiLimits::Create(config);
    ASSERT_FALSE(limits.ok()) << c.message;
    EXPECT_EQ(limits.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(limits.status().message(), c.message);
  }
  EXPECT_TRUE(ApiLimits::Create(ApiLimitsConfig{}).ok());
}

}  // namespace
}  // namespace recoup::sim::org::events
