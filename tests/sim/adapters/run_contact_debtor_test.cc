// workflow::RunContact's debtor contract (ContactInputs::debtor_done): called exactly once, right
// after the debtor's last read and before the conversation's first exchange, on every path; after
// it the debtor may dangle. Run on the simulation kernel against the mock org (SimOrgPort), with a
// channel whose person never replies: a message thread that waits a day, as in a run.
#include <optional>
#include <utility>

#include <gtest/gtest.h>

#include "core/conversation/intent.h"
#include "core/ports/channel_port.h"
#include "core/runtime/sleep.h"
#include "core/workflow/interaction.h"
#include "tests/core/compliance/fixtures.h"
#include "tests/sim/adapters/sim_org_world.h"

namespace recoup::sim::adapters {
namespace {

using compliance::testing::Albany;
using compliance::testing::Debt;

// Each exchange takes a day and gets no reply; it notes how often debtor_done had run by then.
class SilentChannel final : public ChannelPort {
 public:
  SilentChannel(Executor* executor, const int* released) : executor_(executor), released_(released) {}
  uint64_t Open(ChannelSession) override { return 1; }
  Task<conversation::IntentEvent> Perform(uint64_t, std::vector<conversation::Step>) override {
    released_at_exchange.push_back(*released_);
    co_await SleepFor(*executor_, Duration::Days(1));
    co_return conversation::MakeIntent(conversation::Intent::kNoAnswer);
  }
  void Close(uint64_t) override {}

  std::vector<int> released_at_exchange;

 private:
  Executor* executor_;
  const int* released_;
};

Task<void> RunAndKeep(workflow::ContactInputs in, workflow::Ports ports,
               std::optional<workflow::ContactOutcome>* out) {
  *out = co_await workflow::RunContact(std::move(in), ports);
}

class RunContactDebtorTest : public ::testing::Test {
 protected:
  RunContactDebtorTest() : world_(SimOrgPortConfig{}), channel_(&world_.kernel(), &released_) {
    account_ = Debt();
    account_.external_id = "ACC-1";
    debtor_ = Albany();
    history_.person = debtor_.id;
  }

  // Runs one contact at 10:00 in Albany (15:00 UTC) on the first test day; debtor_done counts its
  // calls and then wipes the debtor, as a caller freeing its copy would.
  std::optional<workflow::ContactOutcome> Contact(compliance::ContactRequest request,
                                                  bool with_callback = true) {
    workflow::ContactInputs in;
    in.account = &account_;
    in.debtor = &debtor_;
    in.history = &history_;
    in.engine = &engine_;
    in.policy = &policy_;
    in.calendar = &calendar_;
    in.request = request;
    in.today = domain::LocalDate(2026, 1, 5);
    if (with_callback) {
      in.debtor_done = [this] {
        ++released_;
        debtor_ = domain::Debtor{};
        debtor_.id = 999;
      };
    }
    workflow::Ports ports;
    ports.executor = &world_.kernel();
    ports.channel = &channel_;
    ports.org = &world_.port();
    std::optional<workflow::ContactOutcome> out;
    Kernel& kernel = world_.kernel();
    kernel.CallAt(testing::kStart + Duration::Hours(3),
                  [&] { kernel.Spawn(RunAndKeep(std::move(in), ports, &out)); });
    kernel.Run();
    return out;
  }

  testing::World world_;
  int released_ = 0;
  SilentChannel channel_;
  domain::Account account_;
  domain::Debtor debtor_;
  domain::ContactHistory history_;
  compliance::ComplianceEngine engine_;
  negotiation::Policy policy_;
  domain::HolidayCalendar calendar_ = domain::HolidayCalendar::UsFederal();
};

TEST_F(RunContactDebtorTest, AMessageThreadReleasesTheDebtorBeforeItsFirstExchange) {
  const std::optional<workflow::ContactOutcome> out =
      Contact(compliance::testing::Request(domain::Channel::kSms));
  ASSERT_TRUE(out.has_value());
  EXPECT_TRUE(out->contacted) << out->verdict.reason;
  EXPECT_EQ(released_, 1);
  ASSERT_FALSE(channel_.released_at_exchange.empty());
  EXPECT_EQ(channel_.released_at_exchange.front(), 1);  // released before the thread waited
  // What was read before the release is what the records carry, not the wiped debtor.
  ASSERT_TRUE(out->result.has_value());
  EXPECT_EQ(out->result->contact_attempt.person, 10u);
}

TEST_F(RunContactDebtorTest, ACallReleasesTheDebtorAfterTheLookupAndCheck) {
  const std::optional<workflow::ContactOutcome> out =
      Contact(compliance::testing::CallRequest());
  ASSERT_TRUE(out.has_value());
  EXPECT_TRUE(out->contacted) << out->verdict.reason;
  EXPECT_EQ(released_, 1);
  ASSERT_FALSE(channel_.released_at_exchange.empty());
  EXPECT_EQ(channel_.released_at_exchange.front(), 1);
  EXPECT_EQ(out->result->contact_attempt.person, 10u);
}

TEST_F(RunContactDebtorTest, ALetterReleasesTheDebtorOnce) {
  const std::optional<workflow::ContactOutcome> out =
      Contact(compliance::testing::Request(domain::Channel::kLetter));
  ASSERT_TRUE(out.has_value());
  EXPECT_TRUE(out->contacted) << out->verdict.reason;
  EXPECT_EQ(released_, 1);
  EXPECT_EQ(out->result->contact_attempt.person, 10u);
}

TEST_F(RunContactDebtorTest, AContactComplianceStopsReleasesTheDebtorOnce) {
  debtor_.deceased = true;
  const std::optional<workflow::ContactOutcome> out =
      Contact(compliance::testing::Request(domain::Channel::kSms));
  ASSERT_TRUE(out.has_value());
  EXPECT_FALSE(out->contacted);
  EXPECT_FALSE(out->verdict.allowed());
  EXPECT_EQ(released_, 1);
  EXPECT_TRUE(channel_.released_at_exchange.empty());
}

TEST_F(RunContactDebtorTest, AFailedLookupReleasesTheDebtorOnce) {
  account_.external_id = "ACC-404";  // not in the org: the call is not placed
  const std::optional<workflow::ContactOutcome> out =
      Contact(compliance::testing::CallRequest());
  ASSERT_TRUE(out.has_value());
  EXPECT_FALSE(out->contacted);
  EXPECT_FALSE(out->lookup.ok());
  EXPECT_EQ(released_, 1);
}

TEST_F(RunContactDebtorTest, WithoutACallbackTheDebtorIsReadAsBefore) {
  const std::optional<workflow::ContactOutcome> out =
      Contact(compliance::testing::Request(domain::Channel::kSms), /*with_callback=*/false);
  ASSERT_TRUE(out.has_value());
  EXPECT_TRUE(out->contacted) << out->verdict.reason;
  EXPECT_EQ(released_, 0);
  EXPECT_EQ(out->result->contact_attempt.person, 10u);
}

}  // namespace
}  // namespace recoup::sim::adapters
