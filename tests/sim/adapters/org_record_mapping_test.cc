// Tests for the OrgPort <-> collections-object mapping: every domain value lands on a value the
// default schema's picklists accept, the adapter's own checks name the field, org errors map to the
// port's Status codes, and a schema without the collections objects is refused by name.
#include "sim/adapters/org_record_mapping.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "sim/org/value_parse.h"

namespace recoup::sim::adapters {
namespace {

class MappingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    StatusOr<CollectionsSchema> resolved = CollectionsSchema::Resolve(schema_);
    ASSERT_TRUE(resolved.ok()) << resolved.status();
    s_ = *resolved;
  }

  org::Schema schema_ = org::DefaultCollectionsSchema();
  CollectionsSchema s_;
};

TEST_F(MappingTest, EveryChannelAndOutcomeIsAPicklistValueOfTheDefaultSchema) {
  for (int c = 0; c < domain::kChannelCount; ++c) {
    const auto channel = static_cast<domain::Channel>(c);
    const org::SfStatus st = org::CheckFieldValue(
        *s_.attempt_channel, org::ValueView::String(ChannelPicklistValue(channel)));
    EXPECT_TRUE(st.ok()) << domain::ChannelName(channel);
  }
  const std::vector<std::pair<domain::Outcome, std::string>> outcomes = {
      {domain::Outcome::kBusy, "Busy"},
      {domain::Outcome::kNotInService, "Failed"},
      {domain::Outcome::kNoAnswer, "No Answer"},
      {domain::Outcome::kVoicemailLimited, "Voicemail"},
      {domain::Outcome::kVoicemailFull, "Voicemail"},
      {domain::Outcome::kRinglessVoicemail, "Voicemail"},
      {domain::Outcome::kAnsweredNoConversation, "Refused"},
      {domain::Outcome::kWrongParty, "Wrong Party"},
      {domain::Outcome::kConversation, "Right Party Contact"},
      {domain::Outcome::kSent, "Delivered"},
      {domain::Outcome::kUndeliverable, "Bounced"},
      {domain::Outcome::kInboundFromConsumer, "Right Party Contact"},
  };
  for (const auto& [outcome, value] : outcomes) {
    EXPECT_EQ(OutcomePicklistValue(outcome), value);
    EXPECT_TRUE(org::CheckFieldValue(*s_.attempt_outcome, org::ValueView::String(value)).ok())
        << value;
  }
}

// Channel__c both ways: every channel has its own value (WhatsApp included) on both picklists
// that carry a channel, and a value read back from the org maps to the channel it came from.
TEST_F(MappingTest, ChannelsMapBothWays) {
  EXPECT_EQ(ChannelPicklistValue(domain::Channel::kWhatsApp), "WhatsApp");
  EXPECT_EQ(ChannelPicklistValue(domain::Channel::kSms), "SMS");
  const org::ObjectDef* record = schema_.FindObject("Compliance_Record__c");
  ASSERT_NE(record, nullptr);
  const org::FieldDef* record_channel = record->FindField("Channel__c");
  ASSERT_NE(record_channel, nullptr);
  for (int c = 0; c < domain::kChannelCount; ++c) {
    const auto channel = static_cast<domain::Channel>(c);
    const std::string_view value = ChannelPicklistValue(channel);
    EXPECT_EQ(ChannelFromPicklistValue(value), channel) << value;
    EXPECT_TRUE(org::CheckFieldValue(*record_channel, org::ValueView::String(value)).ok())
        << value;
    for (int other = 0; other < c; ++other) {
      EXPECT_NE(ChannelPicklistValue(static_cast<domain::Channel>(other)), value);
    }
  }
  EXPECT_EQ(s_.attempt_channel->picklist_values.size(),
            static_cast<std::size_t>(domain::kChannelCount));
  EXPECT_EQ(ChannelFromPicklistValue("whatsapp"), domain::Channel::kWhatsApp);  // any case
  EXPECT_EQ(ChannelFromPicklistValue("Fax"), std::nullopt);
  EXPECT_EQ(ChannelFromPicklistValue(""), std::nullopt);
}

TEST_F(MappingTest, ContactAttemptNamesTheAccountByExternalId) {
  OrgContactAttempt attempt;
  attempt.account_external_id = "ACC-9";
  attempt.attempted_at = Timestamp::FromUnixNanos(-1);  // just before the epoch: floor to -1 ms
  attempt.voice = domain::VoiceMode::kPrerecorded;
  StatusOr<OrgWrite> write = ContactAttemptWrite(s_, attempt);
  ASSERT_TRUE(write.ok()) << write.status();
  EXPECT_EQ(write->object, s_.attempt);
  EXPECT_EQ(write->upsert_field, nullptr);
  EXPECT_EQ(write->account_external_id, "ACC-9");
  ASSERT_FALSE(write->input.empty());
  EXPECT_EQ(write->input[0].field, s_.attempt_account);
  EXPECT_EQ(write->input[0].foreign_key_field, s_.account_external_id);
  EXPECT_EQ(write->input[0].value, org::FieldValue::String("ACC-9"));
  bool saw_time = false;
  for (const org::FieldInput& in : write->input) {
    if (in.field == s_.attempt_at) {
      saw_time = true;
      EXPECT_EQ(in.value.datetime_millis(), -1);
    }
    if (in.field == s_.attempt_notes) {
      EXPECT_EQ(in.value.str(), "Voice: prerecorded");
    }
  }
  EXPECT_TRUE(saw_time);
}

// The schema has no direction field: a call the consumer made says so in the notes.
TEST_F(MappingTest, AnInboundContactAttemptSaysSoInItsNotes) {
  OrgContactAttempt attempt;
  attempt.account_external_id = "ACC-9";
  attempt.voice = domain::VoiceMode::kAiVoice;
  attempt.inbound = true;
  StatusOr<OrgWrite> write = ContactAttemptWrite(s_, attempt);
  ASSERT_TRUE(write.ok()) << write.status();
  bool saw_notes = false;
  for (const org::FieldInput& in : write->input) {
    if (in.field != s_.attempt_notes) continue;
    saw_notes = true;
    EXPECT_EQ(in.value.str(), "Voice: AI voice; direction: inbound");
  }
  EXPECT_TRUE(saw_notes);
}

TEST_F(MappingTest, AdapterChecksNameTheField) {
  struct Case {
    StatusOr<OrgWrite> write;
    std::string message;
  };
  OrgComplianceRecord maybe;
  maybe.account_external_id = "A";
  maybe.result = "maybe";
  OrgComplianceRecord deny_without_rule;
  deny_without_rule.account_external_id = "A";
  deny_without_rule.result = "DENY";
  OrgPayment no_account;
  no_account.external_id = "P";
  OrgPayment no_id;
  no_id.account_external_id = "A";
  std::vector<Case> cases;
  cases.push_back({ComplianceWrite(s_, maybe),
                   "OrgComplianceRecord.result: expected allow, deny or defer, got 'maybe'"});
  cases.push_back({ComplianceWrite(s_, deny_without_rule),
                   "OrgComplianceRecord.rule: must not be empty for a Deny verdict"});
  cases.push_back(
      {PaymentWrite(s_, no_account), "OrgPayment.account_external_id: must not be empty"});
  cases.push_back({PaymentWrite(s_, no_id),
                   "OrgPayment.external_id: must not be empty (payments are upserted by it)"});
  cases.push_back({ContactAttemptWrite(s_, OrgContactAttempt{}),
                   "OrgContactAttempt.account_external_id: must not be empty"});
  cases.push_back({ArrangementWrite(s_, OrgArrangement{}),
                   "OrgArrangement.account_external_id: must not be empty"});
  cases.push_back(
      {DisputeWrite(s_, OrgDispute{}), "OrgDispute.account_external_id: must not be empty"});
  for (const Case& c : cases) {
    EXPECT_EQ(c.write.status().code(), StatusCode::kInvalidArgument) << c.message;
    EXPECT_EQ(c.write.status().message(), c.message);
  }
}

TEST(StatusFromSfErrorTest, MapsOrgErrorsToPortCodes) {
  struct Case {
    org::SfError error;
    StatusCode code;
  };
  const std::vector<Case> cases = {
      {org::MakeSfError(404, "NOT_FOUND", "The requested resource does not exist"),
       StatusCode::kNotFound},
      {org::MakeSfError(404, "ENTITY_IS_DELETED", "entity is deleted"), StatusCode::kNotFound},
      {org::MakeSfError(401, "INVALID_SESSION_ID", "Session expired or invalid"),
       StatusCode::kUnauthenticated},
      {org::MakeSfError(403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded."),
       StatusCode::kResourceExhausted},
      {org::MakeSfError(400, "STORAGE_LIMIT_EXCEEDED", "full"), StatusCode::kResourceExhausted},
      {org::MakeSfError(400, "UNABLE_TO_LOCK_ROW", "unable to obtain exclusive access"),
       StatusCode::kUnavailable},
      {org::MakeSfError(503, "SERVER_UNAVAILABLE", "later"), StatusCode::kUnavailable},
      {org::MakeSfError(502, "BAD_GATEWAY", "proxy"), StatusCode::kUnavailable},
      {org::MakeSfError(500, "UNKNOWN_EXCEPTION", "boom"), StatusCode::kInternal},
      {org::MakeSfError(400, "REQUIRED_FIELD_MISSING", "Required fields are missing: [Amount__c]",
                        {"Amount__c"}),
       StatusCode::kInvalidArgument},
      {org::MakeSfError(300, "MULTIPLE_CHOICES", "more than one"), StatusCode::kInvalidArgument},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(StatusFromSfError(c.error, "X__c").code(), c.code) << c.error.error_code;
  }
  EXPECT_EQ(StatusFromSfError(org::MakeSfError(400, "DUPLICATE_VALUE", "dup", {"A__c", "B__c"}),
                              "Payment_Transaction__c")
                .message(),
            "Payment_Transaction__c: DUPLICATE_VALUE: dup (fields: A__c, B__c)");
  EXPECT_EQ(StatusFromSfError(org::MakeSfError(404, "NOT_FOUND", "gone"), "X__c").message(),
            "X__c: NOT_FOUND: gone");
}

TEST(CollectionsSchemaTest, RefusesASchemaWithoutTheCollectionsObjects) {
  org::Schema schema;
  org::ObjectSpec user;
  user.name = "User";
  user.standard = true;
  user.key_prefix = "005";
  user.has_owner = false;
  ASSERT_TRUE(schema.AddObject(user).ok());
  StatusOr<CollectionsSchema> resolved = CollectionsSchema::Resolve(schema);
  EXPECT_EQ(resolved.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(resolved.status().message(), "org schema: Collection_Account__c: missing");
}

TEST(CollectionsSchemaTest, NamesAFieldOfTheWrongKind) {
  // Balance__c as text instead of currency.
  org::Schema wrong;
  org::ObjectSpec user;
  user.name = "User";
  user.standard = true;
  user.key_prefix = "005";
  user.has_owner = false;
  ASSERT_TRUE(wrong.AddObject(user).ok());
  org::ObjectSpec account;
  account.name = "Collection_Account__c";
  org::FieldDef ext = org::MakeTextField("External_Id__c", "External Id", 80);
  ext.external_id = true;
  ext.unique = true;
  account.fields = {ext, org::MakeTextField("Balance__c", "Balance", 20)};
  ASSERT_TRUE(wrong.AddObject(account).ok());
  StatusOr<CollectionsSchema> resolved = CollectionsSchema::Resolve(wrong);
  EXPECT_EQ(resolved.status().message(),
            "org schema: Collection_Account__c.Balance__c: must be a number or currency field");
}

}  // namespace
}  // namespace recoup::sim::adapters
