// Test support for SimOrgPort (sim_org_world.h): the coroutines that capture a call's outcome.
#include "tests/sim/adapters/sim_org_world.h"

namespace recoup::sim::adapters::testing {

Task<void> Capture(Task<StatusOr<OrgAccountView>> call, Kernel* kernel,
                   Outcome<StatusOr<OrgAccountView>>* out) {
  StatusOr<OrgAccountView> value = co_await std::move(call);
  out->result.emplace(std::move(value));
  out->done = kernel->Now();
}

Task<void> Capture(Task<StatusOr<std::string>> call, Kernel* kernel,
                   Outcome<StatusOr<std::string>>* out) {
  StatusOr<std::string> value = co_await std::move(call);
  out->result.emplace(std::move(value));
  out->done = kernel->Now();
}

}  // namespace recoup::sim::adapters::testing
