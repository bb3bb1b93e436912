// SetActivityRetention (sim_org_port.h): with Contact_Attempt__c and Compliance_Record__c
// count-only, the port's calls answer exactly as with a full org (Ids, refusals, times), the
// records are counted, reading them back is refused, and the retention must be set before any
// activity record exists.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "sim/adapters/sim_org_port.h"
#include "tests/sim/adapters/sim_org_world.h"

namespace recoup::sim::adapters {
namespace {

using testing::ConstantLatency;
using testing::kStart;
using testing::Outcome;
using testing::World;

SimOrgPortConfig Config() {
  SimOrgPortConfig config;
  config.latency = ConstantLatency(80);
  config.seed = 3;
  return config;
}

// The answers of a fixed script of activity writes: Ids or Status texts, with the time each came.
std::vector<std::string> Script(World& world) {
  std::vector<std::string> out;
  const auto log = [&](const Outcome<StatusOr<std::string>>& o) {
    out.push_back((o.result->ok() ? **o.result : o.result->status().ToString()) + " @" +
                  (o.done - kStart).ToString());
  };
  OrgContactAttempt attempt;
  attempt.account_external_id = "ACC-1";
  attempt.channel = domain::Channel::kCall;
  attempt.voice = domain::VoiceMode::kAiVoice;
  attempt.attempted_at = kStart;
  attempt.outcome = domain::Outcome::kConversation;
  attempt.right_party_contact = true;
  OrgComplianceRecord record;
  record.account_external_id = "ACC-2";
  record.result = "deny";
  record.rule = "reg_f_7_in_7";
  record.checked_at = kStart;
  log(world.Run(world.port().RecordContactAttempt(attempt)));
  log(world.Run(world.port().RecordCompliance(record)));
  log(world.Run(world.port().RecordContactAttempt(attempt)));
  OrgComplianceRecord too_long = record;
  too_long.reason = std::string(300, 'x');
  log(world.Run(world.port().RecordCompliance(too_long)));  // refused by the org
  OrgContactAttempt unknown = attempt;
  unknown.account_external_id = "ACC-404";
  log(world.Run(world.port().RecordContactAttempt(unknown)));  // no such account
  log(world.Run(world.port().RecordCompliance(record)));
  return out;
}

TEST(SimOrgPortRetentionTest, CountOnlyActivityAnswersAsAFullOrg) {
  World full(Config());
  World counted(Config());
  ASSERT_TRUE(SetActivityRetention(counted.org(), org::Retention::kCountOnly).ok());
  const std::vector<std::string> a = Script(full);
  const std::vector<std::string> b = Script(counted);
  EXPECT_EQ(a, b);
  ASSERT_EQ(b.size(), 6u);
  EXPECT_EQ(b[0].substr(0, 18), "a03000000000001AAA");
  EXPECT_EQ(b[2].substr(0, 18), "a03000000000002AAA");
  EXPECT_NE(b[3].find("STRING_TOO_LONG"), std::string::npos) << b[3];
  EXPECT_NE(b[4].find("NOT_FOUND"), std::string::npos) << b[4];
  EXPECT_EQ(counted.Count("Contact_Attempt__c"), 2u);
  EXPECT_EQ(counted.Count("Compliance_Record__c"), 2u);
  EXPECT_EQ(counted.port().stats().writes, full.port().stats().writes);

  // Reads are refused: retrieve by Id and SOQL.
  org::Org::Session session = counted.org().Lock();
  const org::ObjectDef& attempts = *session.schema().FindObject("Contact_Attempt__c");
  org::SfOr<org::SfId> id = org::ParseId("a03000000000001AAA");
  ASSERT_TRUE(id.ok());
  org::SfOr<org::RowIndex> row = session.store().FindRow(attempts, *id, false);
  ASSERT_FALSE(row.ok());
  EXPECT_EQ(row.error().error_code, "NOT_FOUND");
  EXPECT_NE(row.error().message.find("write-only"), std::string::npos);
  org::soql::QueryOptions options;
  options.user = org::OrgUserId(0);
  options.now = counted.kernel().Now();
  org::SfOr<org::soql::QueryPage> page =
      session.queries().Query("SELECT Id FROM Compliance_Record__c", options);
  ASSERT_FALSE(page.ok());
  EXPECT_EQ(page.error().error_code, "INVALID_TYPE");
  // The account the run reads stays readable.
  const org::ObjectDef& accounts = *session.schema().FindObject("Collection_Account__c");
  EXPECT_EQ(session.store().retention(accounts), org::Retention::kFull);
}

TEST(SimOrgPortRetentionTest, RetentionIsSetBeforeTheFirstActivityRecord) {
  World world(Config());
  OrgComplianceRecord record;
  record.account_external_id = "ACC-1";
  record.result = "allow";
  record.checked_at = kStart;
  ASSERT_TRUE(world.Run(world.port().RecordCompliance(record)).result->ok());
  const Status s = SetActivityRetention(world.org(), org::Retention::kCountOnly);
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.message(),
            "record store: Compliance_Record__c has 1 records; set its retention before the first "
            "one is created");
  // Setting the retention it has is fine.
  EXPECT_TRUE(SetActivityRetention(world.org(), org::Retention::kFull).ok());
}

}  // namespace
}  // namespace recoup::sim::adapters
