// ApiLimits: the org's API allocations (reference/salesforce-api.md sections 3.7 and 7): the
// rolling 24 h request counter behind REQUEST_LIMIT_EXCEEDED and Sforce-Limit-Info, the cap on
// concurrent long-running requests, the platform-event publish and delivery allocations, the Bulk
// API counters, and the body of GET /limits.
//
// Time is injected ("now" from the caller: the HTTP server's clock, or simulated time), so the same
// object serves the live mock and the simulation. Rolling windows are kept in buckets of
// `counter_resolution` (rolling_counter.h): a count made at t stops counting at the start of t's
// bucket plus the window.
//
// Thread-safety: every member function may be called from any thread (one internal mutex; each call
// holds it for O(1) work, or O(max_concurrent_long_requests) for BeginRequest).
#ifndef RECOUP_SIM_ORG_EVENTS_API_LIMITS_H_
#define RECOUP_SIM_ORG_EVENTS_API_LIMITS_H_

#include <cstdint>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <utility>

#include "core/base/status.h"
#include "core/base/statusor.h"
#include "core/base/time.h"
#include "sim/org/events/rolling_counter.h"
#include "sim/org/sf_error.h"

namespace recoup::sim::org::events {

// The allocations, as Max values. Defaults: Developer Edition requests, production long-request
// cap, Unlimited Edition event allocations (section 7). Every count must be >= 0, except
// max_concurrent_long_requests (>= 1).
struct ApiLimitsConfig {
  int64_t daily_api_requests = 15'000;        // DailyApiRequests, rolling 24 h
  int64_t max_concurrent_long_requests = 25;  // requests running >= long_request_threshold
  Duration long_request_threshold = Duration::Seconds(20);  // > 0
  int64_t hourly_published_platform_events = 250'000;       // HourlyPublishedPlatformEvents
  int64_t daily_delivered_platform_events = 50'000;         // DailyDeliveredPlatformEvents
  int64_t daily_bulk_api_batches = 15'000;                  // DailyBulkApiBatches
  int64_t daily_bulk_v2_query_jobs = 10'000;                // DailyBulkV2QueryJobs
  int64_t daily_bulk_v2_query_file_storage_mb = 976'562;    // reported, not consumed
  int64_t daily_standard_volume_platform_events = 10'000;   // reported, not consumed
  int64_t data_storage_mb = 1'024;                          // DataStorageMB
  int64_t file_storage_mb = 20'480;                         // FileStorageMB
  // Bucket width of the rolling windows: > 0 and divides one hour exactly.
  Duration counter_resolution = Duration::Minutes(1);
};

// OK, or InvalidArgument naming the field ("api_limits.daily_api_requests: must be >= 0, got -1").
Status ValidateApiLimitsConfig(const ApiLimitsConfig& config);

// What the record store currently uses, for the DataStorageMB / FileStorageMB entries of /limits.
struct StorageUsage {
  int64_t data_storage_mb = 0;
  int64_t file_storage_mb = 0;
};

class ApiLimits {
 public:
  // Marks one request in flight for the long-running-request cap. Move-only; releasing (Finish or
  // destruction) removes it. The ApiLimits that issued it must outlive it.
  class RequestGuard {
   public:
    RequestGuard() = default;  // holds nothing
    RequestGuard(RequestGuard&& other) noexcept { *this = std::move(other); }
    RequestGuard& operator=(RequestGuard&& other) noexcept;
    RequestGuard(const RequestGuard&) = delete;
    RequestGuard& operator=(const RequestGuard&) = delete;
    ~RequestGuard() { Release(); }

    // Ends the request at `now`. Returns true if it ran for at least the long-request threshold,
    // i.e. it counted against the concurrency cap from start + threshold until now. A guard that
    // holds nothing (moved from, already finished) returns false.
    bool Finish(Timestamp now);

    // Whether the request, still running at `now`, counts as long (false if the guard is empty).
    bool IsLongAt(Timestamp now) const;

    bool active() const { return owner_ != nullptr; }
    Timestamp start() const { return Timestamp::FromUnixNanos(key_.first); }

   private:
    friend class ApiLimits;
    RequestGuard(ApiLimits* owner, std::pair<int64_t, uint64_t> key) : owner_(owner), key_(key) {}
    void Release();

    ApiLimits* owner_ = nullptr;
    std::pair<int64_t, uint64_t> key_{0, 0};  // (start ns, serial)
  };

  // Requires ValidateApiLimitsConfig(config).ok() (checked); use Create for untrusted config.
  explicit ApiLimits(const ApiLimitsConfig& config);
  static StatusOr<std::unique_ptr<ApiLimits>> Create(const ApiLimitsConfig& config);

  ApiLimits(const ApiLimits&) = delete;
  ApiLimits& operator=(const ApiLimits&) = delete;

  const ApiLimitsConfig& config() const { return config_; }

  // --- daily API requests (rolling 24 h) ---
  // Counts one request at `now`. REQUEST_LIMIT_EXCEEDED (403, "TotalRequests Limit exceeded.") when
  // daily_api_requests have already been counted in the last 24 h; a refused request is not
  // counted.
  SfStatus CountRequest(Timestamp now);
  // Requests counted in the 24 h before `now`.
  int64_t DailyRequestsUsed(Timestamp now);
  // The Sforce-Limit-Info header value at `now`: "api-usage=N/M".
  std::string LimitInfoHeader(Timestamp now);

  // --- long-running requests ---
  // Starts a request at `now`. REQUEST_LIMIT_EXCEEDED (403, "ConcurrentPerOrgLongTxn Limit
  // exceeded.") when max_concurrent_long_requests requests in flight have already been running for
  // at least long_request_threshold; otherwise a guard to Finish when the request ends.
  SfOr<RequestGuard> BeginRequest(Timestamp now);
  // Requests in flight that have run for at least the threshold at `now`.
  int64_t LongRunningRequests(Timestamp now);
  // Requests in flight (long or not).
  int64_t RequestsInFlight();

  // --- platform events ---
  // Counts `count` (>= 0) published events at `now`, all or none: LIMIT_EXCEEDED (400, "The number
  // of published platform event messages exceeded the hourly publishing limit.") when fewer than
  // `count` remain in the rolling hour.
  SfStatus CountPublishedEvents(Timestamp now, int64_t count);
  // Grants up to `wanted` (>= 0) event deliveries at `now` from the rolling 24 h delivery
  // allocation and counts them; returns how many were granted (0 when used up).
  int64_t GrantDeliveries(Timestamp now, int64_t wanted);
  int64_t DeliveriesRemaining(Timestamp now);
  int64_t PublishedRemaining(Timestamp now);

  // --- Bulk API ---
  // Each counts at `now` and returns true, or returns false (counting nothing) when the allocation
  // cannot take `count` (>= 0) more. The caller chooses the error it answers with.
  bool TryCountBulkBatches(Timestamp now, int64_t count);
  bool TryCountBulkV2QueryJob(Timestamp now);

  // The body of GET /limits at `now`: {"DailyApiRequests":{"Max":M,"Remaining":R}, ...} with the
  // entries DailyApiRequests, DailyBulkApiBatches, DailyBulkV2QueryFileStorageMB,
  // DailyBulkV2QueryJobs, DailyDeliveredPlatformEvents, DailyStandardVolumePlatformEvents,
  // DataStorageMB, FileStorageMB, HourlyPublishedPlatformEvents (keys sorted). Remaining is never
  // negative. The two "reported, not consumed" allocations always show Remaining == Max.
  nlohmann::json LimitsJson(Timestamp now, const StorageUsage& usage = {});

 private:
  void Release(std::pair<int64_t, uint64_t> key);
  int64_t LongRunningLocked(Timestamp now, int64_t stop_at) const;

  const ApiLimitsConfig config_;
  std::mutex mu_;
  RollingCounter requests_;
  RollingCounter published_;
  RollingCounter delivered_;
  RollingCounter bulk_batches_;
  RollingCounter bulk_query_jobs_;
  std::set<std::pair<int64_t, uint64_t>> in_flight_;  // (start ns, serial), oldest first
  uint64_t next_serial_ = 1;
};

}  // namespace recoup::sim::org::events

#endif  // RECOUP_SIM_ORG_EVENTS_API_LIMITS_H_
