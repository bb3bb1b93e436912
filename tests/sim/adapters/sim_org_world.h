// Test support for SimOrgPort: a simulation kernel, a mock org with a few collection accounts, API
// limits, and helpers that run a port call as a kernel process and read records back through SOQL.
#ifndef RECOUP_TESTS_SIM_ADAPTERS_SIM_ORG_WORLD_H_
#define RECOUP_TESTS_SIM_ADAPTERS_SIM_ORG_WORLD_H_

#include <gtest/gtest.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>

#include "core/runtime/task.h"
#include "sim/adapters/sim_org_port.h"
#include "sim/kernel/kernel.h"
#include "sim/org/events/api_limits.h"
#include "sim/org/service/org.h"

namespace recoup::sim::adapters::testing {

inline constexpr Timestamp kStart = Timestamp::FromUnixSeconds(1'767'614'400);  // 2026-01-05 12:00Z

// The result of one port call run as a process, and when it came back.
template <typename T>
struct Outcome {
  std::optional<T> result;
  Timestamp done = Timestamp::InfinitePast();
};

// Runs `call` and records its result and the time it came back. Not templates: clang-14 cannot
// compile coroutine templates under -fsanitize=undefined (llvm-project#49689, "Cannot represent a
// difference across sections"), so one overload per result type, defined in sim_org_world.cc.
Task<void> Capture(Task<StatusOr<OrgAccountView>> call, Kernel* kernel,
                   Outcome<StatusOr<OrgAccountView>>* out);
Task<void> Capture(Task<StatusOr<std::string>> call, Kernel* kernel,
                   Outcome<StatusOr<std::string>>* out);

// Latency: every operation constant `ms`.
inline org::events::LatencyConfig ConstantLatency(double ms) {
  org::events::LatencyConfig config;
  config.default_spec.kind = "constant";
  config.default_spec.value_ms = ms;
  return config;
}

class World {
 public:
  // An org with accounts ACC-1 .. ACC-3 (created before kStart), limits from `limits_config`
  // (nullopt: no limits) and a port built from `config`.
  explicit World(SimOrgPortConfig config,
                 std::optional<org::events::ApiLimitsConfig> limits_config = std::nullopt)
      : kernel_(kStart) {
    if (limits_config.has_value()) {
      limits_ = std::make_unique<org::events::ApiLimits>(*limits_config);
    }
    org::OrgConfig org_config;  // named: GCC 12 warns falsely on a temporary
    StatusOr<std::unique_ptr<org::Org>> org =
        org::Org::Create(std::move(org_config), limits_.get());
    RECOUP_CHECK_MSG(org.ok(), org.status().ToString());
    org_ = std::move(org).value();
    AddAccount("ACC-1", 1234.56, 45, "Active", "Mid");
    AddAccount("ACC-2", 80.00, 12, "New", "Early");
    AddAccount("ACC-3", 0.00, 0, "Paid", "");
    StatusOr<std::unique_ptr<SimOrgPort>> port =
        SimOrgPort::Create(kernel_, *org_, config, limits_.get());
    RECOUP_CHECK_MSG(port.ok(), port.status().ToString());
    port_ = std::move(port).value();
  }

  Kernel& kernel() { return kernel_; }
  org::Org& org() { return *org_; }
  SimOrgPort& port() { return *port_; }
  org::events::ApiLimits* limits() { return limits_.get(); }

  // Spawns `call` now; the Outcome is filled when the call returns (after kernel().Run()).
  template <typename T>
  std::shared_ptr<Outcome<T>> Start(Task<T> call) {
    auto out = std::make_shared<Outcome<T>>();
    kernel_.Spawn(Capture(std::move(call), &kernel_, out.get()));
    return out;
  }
  // Runs `call` to completion on the kernel (and everything else pending).
  template <typename T>
  Outcome<T> Run(Task<T> call) {
    std::shared_ptr<Outcome<T>> out = Start(std::move(call));
    kernel_.Run();
    return *out;
  }

  // The records of a SOQL query (as the REST query resource would answer them), at Now().
  nlohmann::json Query(const std::string& soql) {
    org::Org::Session session = org_->Lock();
    org::soql::QueryOptions options;
    options.user = org::OrgUserId(0);
    options.now = kernel_.Now();
    org::SfOr<org::soql::QueryPage> page = session.queries().Query(soql, options);
    if (!page.ok()) {
      ADD_FAILURE() << soql << ": " << page.error().message;
      return nlohmann::json::array();
    }
    nlohmann::json records = page->ToJson()["records"];
    for (nlohmann::json& r : records) r.erase("attributes");
    return records;
  }
  // Live rows of `object`.
  size_t Count(const std::string& object) {
    org::Org::Session session = org_->Lock();
    return session.store().live_row_count(*session.schema().FindObject(object));
  }

 private:
  void AddAccount(const std::string& external_id, double balance, int dpd,
                  const std::string& status, const std::string& segment) {
    org::Org::Session session = org_->Lock();
    const org::ObjectDef& account = *session.schema().FindObject("Collection_Account__c");
    org::RecordInput input;
    const auto set = [&](const char* field, org::FieldValue value) {
      input.push_back(org::FieldInput{account.FindField(field), std::move(value), nullptr});
    };
    set("Name", org::FieldValue::String("Account " + external_id));
    set("External_Id__c", org::FieldValue::String(external_id));
    set("Balance__c", org::FieldValue::Double(balance));
    set("Days_Past_Due__c", org::FieldValue::Double(dpd));
    set("Status__c", org::FieldValue::String(status));
    if (!segment.empty()) set("Segment__c", org::FieldValue::String(segment));
    org::SfOr<org::SfId> id =
        session.store().Create(account, input, kStart - Duration::Days(1), org::OrgUserId(0));
    RECOUP_CHECK_MSG(id.ok(), id.ok() ? "" : id.error().message);
  }

  std::unique_ptr<org::events::ApiLimits> limits_;
  std::unique_ptr<org::Org> org_;
  std::unique_ptr<SimOrgPort> port_;
  // Last: destroyed first, so unfinished calls release their limit guards while ApiLimits lives.
  Kernel kernel_;
};

}  // namespace recoup::sim::adapters::testing

#endif  // RECOUP_TESTS_SIM_ADAPTERS_SIM_ORG_WORLD_H_
