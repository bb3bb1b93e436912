// Tests for the org façade: users get the Ids OAuth principals name, platform-event objects become
// event channels, configuration errors name the field, and a session holds the lock.
#include "sim/org/service/org.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

namespace recoup::sim::org {
namespace {

StatusOr<std::unique_ptr<Org>> DefaultOrg() {
  OrgConfig config;
  return Org::Create(std::move(config), nullptr);
}

TEST(OrgTest, CreatesUsersWithSequentialIds) {
  OrgConfig config;
  config.users.push_back(OrgUser{"Second User", "second@recoup.example", "second@recoup.example"});
  StatusOr<std::unique_ptr<Org>> org = Org::Create(std::move(config), nullptr);
  ASSERT_TRUE(org.ok()) << org.status();
  EXPECT_EQ((*org)->user_count(), 2u);
  EXPECT_EQ(OrgUserId(0).ToLong(), "005000000000001AAA");
  Org::Session session = (*org)->Lock();
  const ObjectDef& user = *session.schema().FindObject("User");
  EXPECT_EQ(session.store().live_row_count(user), 2u);
  SfOr<RowIndex> row = session.store().FindRow(user, OrgUserId(1), false);
  ASSERT_TRUE(row.ok());
  EXPECT_EQ(session.store().Get(user, *row, *user.FindField("Username")).str(),
            "second@recoup.example");
}

TEST(OrgTest, ResolvesOnlyItsOwnUsers) {
  StatusOr<std::unique_ptr<Org>> org = DefaultOrg();
  ASSERT_TRUE(org.ok());
  EXPECT_TRUE((*org)->ResolveUser("005000000000001AAA").ok());
  EXPECT_TRUE((*org)->ResolveUser("005000000000001").ok());  // 15 characters
  for (const char* bad : {"005000000000002AAA", "001000000000001AAA", "", "garbage"}) {
    SfOr<SfId> id = (*org)->ResolveUser(bad);
    ASSERT_FALSE(id.ok()) << bad;
    EXPECT_EQ(id.error().http_status, 401);
    EXPECT_EQ(id.error().error_code, "INVALID_SESSION_ID");
  }
}

TEST(OrgTest, DefinesAChannelPerPlatformEvent) {
  StatusOr<std::unique_ptr<Org>> org = DefaultOrg();
  ASSERT_TRUE(org.ok());
  EXPECT_TRUE((*org)->events().HasChannel("/event/Collection_Event__e"));
  EXPECT_TRUE((*org)->events().HasChannel("/event/Strategy_Assignment__e"));
  SfOr<events::PublishResult> published = (*org)->events().Publish(
      "/event/Strategy_Assignment__e",
      nlohmann::json{{"Account_Id__c", "a01000000000001"}, {"Strategy_Code__c", "S1"}},
      Timestamp::FromCivilUtc(2025, 3, 1, 0, 0, 0), "005000000000001AAA");
  ASSERT_TRUE(published.ok()) << published.error().message;
  // The schema's field types carry over: a number is not a text value.
  SfOr<events::PublishResult> wrong = (*org)->events().Publish(
      "/event/Collection_Event__e", nlohmann::json{{"Message__c", 5}},
      Timestamp::FromCivilUtc(2025, 3, 1, 0, 0, 0), "005000000000001AAA");
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.error().error_code, "INVALID_TYPE_ON_FIELD_IN_RECORD");
}

TEST(OrgTest, ConfigErrorsNameTheField) {
  OrgConfig none;
  none.users.clear();
  EXPECT_EQ(Org::Create(std::move(none), nullptr).status().message(),
            "org.users: at least one user is needed");
  OrgConfig dup;
  dup.users.push_back(OrgUser{"X", "INTEGRATION@recoup.example", "x@recoup.example"});
  EXPECT_EQ(Org::Create(std::move(dup), nullptr).status().message(),
            "org.users[1].username: duplicate username 'INTEGRATION@recoup.example'");
  OrgConfig empty;
  empty.users[0].username = "";
  EXPECT_EQ(Org::Create(std::move(empty), nullptr).status().message(),
            "org.users[0].username: must not be empty");
}

TEST(OrgTest, SessionsAreExclusive) {
  StatusOr<std::unique_ptr<Org>> org = DefaultOrg();
  ASSERT_TRUE(org.ok());
  std::atomic<bool> entered{false};
  std::thread other;
  {
    Org::Session held = (*org)->Lock();
    other = std::thread([&] {
      Org::Session session = (*org)->Lock();
      entered = true;
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    EXPECT_FALSE(entered.load());
  }
  other.join();
  EXPECT_TRUE(entered.load());
}

}  // namespace
}  // namespace recoup::sim::org
