#include "sim/org/events/api_limits.h"

#include <algorithm>
#include <string_view>

#include "core/base/check.h"

namespace recoup::sim::org::events {
namespace {

Status NonNegative(std::string_view field, int64_t value) {
  if (value >= 0) return OkStatus();
  return InvalidArgumentError("api_limits." + std::string(field) + ": must be >= 0, got " +
                              std::to_string(value));
}

nlohmann::json Entry(int64_t max, int64_t used) {
  return {{"Max", max}, {"Remaining", std::max<int64_t>(0, max - used)}};
}

}  // namespace

Status ValidateApiLimitsConfig(const ApiLimitsConfig& c) {
  RECOUP_RETURN_IF_ERROR(NonNegative("daily_api_requests", c.daily_api_requests));
  if (c.max_concurrent_long_requests < 1) {
    return InvalidArgumentError("api_limits.max_concurrent_long_requests: must be >= 1, got " +
                                std::to_string(c.max_concurrent_long_requests));
  }
  RECOUP_RETURN_IF_ERROR(
      NonNegative("hourly_published_platform_events", c.hourly_published_platform_events));
  RECOUP_RETURN_IF_ERROR(
      NonNegative("daily_delivered_platform_events", c.daily_delivered_platform_events));
  RECOUP_RETURN_IF_ERROR(NonNegative("daily_bulk_api_batches", c.daily_bulk_api_batches));
  RECOUP_RETURN_IF_ERROR(NonNegative("daily_bulk_v2_query_jobs", c.daily_bulk_v2_query_jobs));
  RECOUP_RETURN_IF_ERROR(
      NonNegative("daily_bulk_v2_query_file_storage_mb", c.daily_bulk_v2_query_file_storage_mb));
  RECOUP_RETURN_IF_ERROR(NonNegative("daily_standard_volume_platform_events",
                                     c.daily_standard_volume_platform_events));
  RECOUP_RETURN_IF_ERROR(NonNegative("data_storage_mb", c.data_storage_mb));
  RECOUP_RETURN_IF_ERROR(NonNegative("file_storage_mb", c.file_storage_mb));
  if (c.long_request_threshold <= Duration::Zero()) {
    return InvalidArgumentError("api_limits.long_request_threshold: must be > 0, got " +
                                c.long_request_threshold.ToString());
  }
  const Duration hour = Duration::Hours(1);
  if (c.counter_resolution <= Duration::Zero() || hour % c.counter_resolution != Duration::Zero()) {
    return InvalidArgumentError(
        "api_limits.counter_resolution: must be > 0 and divide one hour exactly, got " +
        c.counter_resolution.ToString());
  }
  if (Duration::Days(1) / c.counter_resolution > RollingCounter::kMaxBuckets) {
    return InvalidArgumentError("api_limits.counter_resolution: too fine (more than " +
                                std::to_string(RollingCounter::kMaxBuckets) +
                                " buckets per day), got " + c.counter_resolution.ToString());
  }
  return OkStatus();
}

// --- RequestGuard ---

ApiLimits::RequestGuard& ApiLimits::RequestGuard::operator=(RequestGuard&& other) noexcept {
  if (this != &other) {
    Release();
    owner_ = other.owner_;
    key_ = other.key_;
    other.owner_ = nullptr;
  }
  return *this;
}

void ApiLimits::RequestGuard::Release() {
  if (owner_ == nullptr) return;
  owner_->Release(key_);
  owner_ = nullptr;
}

bool ApiLimits::RequestGuard::IsLongAt(Timestamp now) const {
  return owner_ != nullptr && now - start() >= owner_->config_.long_request_threshold;
}

bool ApiLimits::RequestGuard::Finish(Timestamp now) {
  const bool was_long = IsLongAt(now);
  Release();
  return was_long;
}

// --- ApiLimits ---

ApiLimits::ApiLimits(const ApiLimitsConfig& config)
    : config_(config),
      requests_(Duration::Days(1), config.counter_resolution),
      published_(Duration::Hours(1), config.counter_resolution),
      delivered_(Duration::Days(1), config.counter_resolution),
      bulk_batches_(Duration::Days(1), config.counter_resolution),
      bulk_query_jobs_(Duration::Days(1), config.counter_resolution) {
  const Status valid = ValidateApiLimitsConfig(config);
  RECOUP_CHECK_MSG(valid.ok(), valid.ToString());
}

StatusOr<std::unique_ptr<ApiLimits>> ApiLimits::Create(const ApiLimitsConfig& config) {
  RECOUP_RETURN_IF_ERROR(ValidateApiLimitsConfig(config));
  return std::make_unique<ApiLimits>(config);
}

SfStatus ApiLimits::CountRequest(Timestamp now) {
  std::lock_guard<std::mutex> lock(mu_);
  if (requests_.Total(now) >= config_.daily_api_requests) {
    return MakeSfError(403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.");
  }
  requests_.Add(now, 1);
  return {};
}

int64_t ApiLimits::DailyRequestsUsed(Timestamp now) {
  std::lock_guard<std::mutex> lock(mu_);
  return requests_.Total(now);
}

std::string ApiLimits::LimitInfoHeader(Timestamp now) {
  const int64_t used = DailyRequestsUsed(now);
  return "api-usage=" + std::to_string(used) + "/" + std::to_string(config_.daily_api_requests);
}

int64_t ApiLimits::LongRunningLocked(Timestamp now, int64_t stop_at) const {
  // in_flight_ is ordered by start time: the long requests are a prefix of it.
  const int64_t started_by = (now - config_.long_request_threshold).unix_nanos();
  int64_t count = 0;
  for (auto it = in_flight_.begin(); it != in_flight_.end() && it->first <= started_by; ++it) {
    if (++count >= stop_at) break;
  }
  return count;
}

SfOr<ApiLimits::RequestGuard> ApiLimits::BeginRequest(Timestamp now) {
  std::lock_guard<std::mutex> lock(mu_);
  const int64_t cap = config_.max_concurrent_long_requests;
  if (LongRunningLocked(now, cap) >= cap) {
    return MakeSfError(403, "REQUEST_LIMIT_EXCEEDED", "ConcurrentPerOrgLongTxn Limit exceeded.");
  }
  const std::pair<int64_t, uint64_t> key{now.unix_nanos(), next_serial_++};
  in_flight_.insert(key);
  return RequestGuard(this, key);
}

int64_t ApiLimits::LongRunningRequests(Timestamp now) {
  std::lock_guard<std::mutex> lock(mu_);
  return LongRunningLocked(now, static_cast<int64_t>(in_flight_.size()) + 1);
}

int64_t ApiLimits::RequestsInFlight() {
  std::lock_guard<std::mutex> lock(mu_);
  return static_cast<int64_t>(in_flight_.size());
}

void ApiLimits::Release(std::pair<int64_t, uint64_t> key) {
  std::lock_guard<std::mutex> lock(mu_);
  in_flight_.erase(key);
}

SfStatus ApiLimits::CountPublishedEvents(Timestamp now, int64_t count) {
  RECOUP_CHECK_MSG(count >= 0, "CountPublishedEvents: negative count");
  std::lock_guard<std::mutex> lock(mu_);
  if (published_.Total(now) + count > config_.hourly_published_platform_events) {
    return MakeSfError(
        400, "LIMIT_EXCEEDED",
        "The number of published platform event messages exceeded the hourly publishing limit.");
  }
  published_.Add(now, count);
  return {};
}

int64_t ApiLimits::GrantDeliveries(Timestamp now, int64_t wanted) {
  RECOUP_CHECK_MSG(wanted >= 0, "GrantDeliveries: negative count");
  std::lock_guard<std::mutex> lock(mu_);
  const int64_t remaining =
      std::max<int64_t>(0, config_.daily_delivered_platform_events - delivered_.Total(now));
  const int64_t granted = std::min(wanted, remaining);
  delivered_.Add(now, granted);
  return granted;
}

int64_t ApiLimits::DeliveriesRemaining(Timestamp now) {
  std::lock_guard<std::mutex> lock(mu_);
  return std::max<int64_t>(0, config_.daily_delivered_platform_events - delivered_.Total(now));
}

int64_t ApiLimits::PublishedRemaining(Timestamp now) {
  std::lock_guard<std::mutex> lock(mu_);
  return std::max<int64_t>(0, config_.hourly_published_platform_events - published_.Total(now));
}

bool ApiLimits::TryCountBulkBatches(Timestamp now, int64_t count) {
  RECOUP_CHECK_MSG(count >= 0, "TryCountBulkBatches: negative count");
  std::lock_guard<std::mutex> lock(mu_);
  if (bulk_batches_.Total(now) + count > config_.daily_bulk_api_batches) return false;
  bulk_batches_.Add(now, count);
  return true;
}

bool ApiLimits::TryCountBulkV2QueryJob(Timestamp now) {
  std::lock_guard<std::mutex> lock(mu_);
  if (bulk_query_jobs_.Total(now) + 1 > config_.daily_bulk_v2_query_jobs) return false;
  bulk_query_jobs_.Add(now, 1);
  return true;
}

nlohmann::json ApiLimits::LimitsJson(Timestamp now, const StorageUsage& usage) {
  std::lock_guard<std::mutex> lock(mu_);
  const ApiLimitsConfig& c = config_;
  nlohmann::json body = nlohmann::json::object();
  body["DailyApiRequests"] = Entry(c.daily_api_requests, requests_.Total(now));
  body["DailyBulkApiBatches"] = Entry(c.daily_bulk_api_batches, bulk_batches_.Total(now));
  body["DailyBulkV2QueryFileStorageMB"] = Entry(c.daily_bulk_v2_query_file_storage_mb, 0);
  body["DailyBulkV2QueryJobs"] = Entry(c.daily_bulk_v2_query_jobs, bulk_query_jobs_.Total(now));
  body["DailyDeliveredPlatformEvents"] =
      Entry(c.daily_delivered_platform_events, delivered_.Total(now));
  body["DailyStandardVolumePlatformEvents"] = Entry(c.daily_standard_volume_platform_events, 0);
  body["DataStorageMB"] = Entry(c.data_storage_mb, usage.data_storage_mb);
  body["FileStorageMB"] = Entry(c.file_storage_mb, usage.file_storage_mb);
  body["HourlyPublishedPlatformEvents"] =
      Entry(c.hourly_published_platform_events, published_.Total(now));
  return body;
}

}  // namespace recoup::sim::org::events
