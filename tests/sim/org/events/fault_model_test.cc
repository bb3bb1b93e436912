// FaultModel: fault frequencies against configured rates with a fixed seed, the error each fault
// answers with, keyed reproducibility, and configuration errors.
#include "sim/org/events/fault_model.h"

#include <gtest/gtest.h>

#include <array>
#include <cmath>

namespace recoup::sim::org::events {
namespace {

FaultModel MakeModel(const FaultConfig& config, uint64_t seed = 9) {
  StatusOr<FaultModel> model = FaultModel::Create(config, seed);
  EXPECT_TRUE(model.ok()) << model.status();
  return std::move(model).value();
}

// Frequencies over 200,000 requests: the standard error of a rate p is sqrt(p(1-p)/n), at most
// 0.00067 for p = 0.05; the tolerance of 5 standard errors (computed per rate) fails a correct
// model with probability below 1e-6 for any seed.
TEST(FaultModelTest, FrequenciesMatchRates) {
  FaultConfig config;
  config.operations["update"] = {0.05, 0.02, 0.01, 0.005, 0.001};
  const FaultModel model = MakeModel(config);
  constexpr int kRequests = 200'000;
  std::array<int, 5> counts{};
  int none = 0;
  for (uint64_t id = 0; id < kRequests; ++id) {
    const std::optional<Fault> fault = model.Draw(OrgOperation::kUpdate, id);
    if (fault.has_value()) {
      ++counts[static_cast<std::size_t>(fault->kind)];
    } else {
      ++none;
    }
  }
  const double rates[] = {0.05, 0.02, 0.01, 0.005, 0.001};
  for (std::size_t k = 0; k < 5; ++k) {
    const double p = rates[k];
    const double observed = static_cast<double>(counts[k]) / kRequests;
    EXPECT_NEAR(observed, p, 5 * std::sqrt(p * (1 - p) / kRequests))
        << FaultKindName(static_cast<FaultKind>(k));
  }
  EXPECT_EQ(none + counts[0] + counts[1] + counts[2] + counts[3] + counts[4], kRequests);
  // Operations without their own entry use the (zero) defaults.
  for (uint64_t id = 0; id < 1000; ++id) EXPECT_FALSE(model.Draw(OrgOperation::kQuery, id));
}

TEST(FaultModelTest, EachFaultAnswersLikeSalesforce) {
  FaultConfig config;
  config.timeout_after_ms = 90'000;
  const FaultModel model = MakeModel(config);
  struct Case {
    FaultKind kind;
    std::optional<SfError> response;
  };
  const Case cases[] = {
      {FaultKind::kUnableToLockRow,
       MakeSfError(400, "UNABLE_TO_LOCK_ROW",
                   "unable to obtain exclusive access to this record or 1 records")},
      {FaultKind::kServerUnavailable,
       MakeSfError(503, "SERVER_UNAVAILABLE",
                   "Server is temporarily unavailable. Please try again later.")},
      {FaultKind::kSessionExpired,
       MakeSfError(401, "INVALID_SESSION_ID", "Session expired or invalid")},
      {FaultKind::kRequestLimitExceeded,
       MakeSfError(403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.")},
      {FaultKind::kTimeout, std::nullopt},
  };
  for (const Case& c : cases) {
    const Fault fault = model.MakeFault(c.kind);
    EXPECT_EQ(fault.kind, c.kind);
    EXPECT_EQ(fault.response, c.response) << FaultKindName(c.kind);
    EXPECT_EQ(fault.hang, c.kind == FaultKind::kTimeout ? Duration::Seconds(90) : Duration::Zero());
  }
}

TEST(FaultModelTest, CertainFaultsAndKeyedDraws) {
  FaultConfig config;
  config.default_rates.server_unavailable = 1.0;
  config.operations["token"] = {};
  const FaultModel model = MakeModel(config);
  for (uint64_t id = 0; id < 100; ++id) {
    EXPECT_EQ(model.Draw(OrgOperation::kCreate, id)->kind, FaultKind::kServerUnavailable);
    EXPECT_FALSE(model.Draw(OrgOperation::kToken, id).has_value());
  }
  FaultConfig half;
  half.default_rates.unable_to_lock_row = 0.5;
  const FaultModel a = MakeModel(half, 3);
  const FaultModel b = MakeModel(half, 3);
  int differ_attempt = 0;
  for (uint64_t id = 1000; id-- > 0;) {  // reverse order: draws do not depend on call order
    EXPECT_EQ(a.Draw(OrgOperation::kUpsert, id).has_value(),
              b.Draw(OrgOperation::kUpsert, id).has_value());
    differ_attempt += a.Draw(OrgOperation::kUpsert, id, 0).has_value() !=
                      a.Draw(OrgOperation::kUpsert, id, 1).has_value();
  }
  EXPECT_GT(differ_attempt, 350) << "a retry draws anew (about half should differ)";
  EXPECT_LT(differ_attempt, 650);
}

TEST(FaultModelTest, ConfigurationErrorsNameTheField) {
  struct Case {
    void (*mutate)(FaultConfig&);
    const char* message;
  };
  const Case cases[] = {
      {[](FaultConfig& c) { c.default_rates.timeout = -0.1; },
       "faults.default.timeout: must be in [0, 1], got -0.1"},
      {[](FaultConfig& c) { c.operations["create"].unable_to_lock_row = 1.5; },
       "faults.operations.create.unable_to_lock_row: must be in [0, 1], got 1.5"},
      {[](FaultConfig& c) { c.operations["query"].session_expired = std::nan(""); },
       "faults.operations.query.session_expired: must be in [0, 1], got nan"},
      {[](FaultConfig& c) {
         c.default_rates = {0.5, 0.4, 0.3, 0, 0};
       },
       "faults.default: the rates sum to 1.2, more than 1"},
      {[](FaultConfig& c) { c.operations["fetch"] = {}; },
       "faults.operations.fetch: unknown operation; expected one of retrieve, query, create, "
       "update, upsert, delete, composite, bulk, publish, token"},
      {[](FaultConfig& c) { c.timeout_after_ms = 0; },
       "faults.timeout_after_ms: must be finite and > 0, got 0"},
  };
  for (const Case& c : cases) {
    FaultConfig config;
    c.mutate(config);
    const StatusOr<FaultModel> model = FaultModel::Create(config, 1);
    ASSERT_FALSE(model.ok()) << c.message;
    EXPECT_EQ(model.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(model.status().message(), c.message);
  }
  FaultConfig exact;
  exact.default_rates = {0.3, 0.3, 0.4, 0, 0};  // sums to 1 up to rounding
  EXPECT_TRUE(FaultModel::Create(exact, 1).ok());
}

}  // namespace
}  // namespace recoup::sim::org::events
