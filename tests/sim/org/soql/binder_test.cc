// Binder tests: every schema error gives Salesforce's errorCode, position and exact message; valid
// queries bind to the expected projection.
#include "sim/org/soql/binder.h"

#include <gtest/gtest.h>

#include <string>

#include "sim/org/soql/parser.h"
#include "sim/org/soql/query_error.h"
#include "tests/sim/org/soql/test_org.h"

namespace recoup::sim::org::soql {
namespace {

struct BindErrorCase {
  const char* soql;
  const char* error_code;
  int row;  // 0: the message is bare (no position), as Salesforce sends it
  int column;
  const char* detail;
};

class BindErrorTest : public ::testing::TestWithParam<BindErrorCase> {
 protected:
  static const testing::TestOrg& Org() {
    static const testing::TestOrg* org = new testing::TestOrg();
    return *org;
  }
};

TEST_P(BindErrorTest, ReportsSalesforceError) {
  const BindErrorCase& c = GetParam();
  SfOr<Query> query = ParseSoql(c.soql);
  ASSERT_TRUE(query.ok()) << c.soql << ": " << query.error().message;
  SfOr<BoundQuery> bound = Bind(*query, Org().schema(), BindContext{});
  ASSERT_FALSE(bound.ok()) << c.soql;
  EXPECT_EQ(bound.error().http_status, 400);
  EXPECT_EQ(bound.error().error_code, c.error_code) << c.soql;
  if (c.row == 0) {
    EXPECT_EQ(bound.error().message, c.detail) << c.soql;
  } else {
    EXPECT_EQ(bound.error().message,
              PositionedMessage(c.soql, static_cast<size_t>(c.column - 1), c.detail))
        << c.soql;
    EXPECT_NE(bound.error().message.find("ERROR at Row:" + std::to_string(c.row) +
                                         ":Column:" + std::to_string(c.column) + "\n"),
              std::string::npos);
  }
}

const BindErrorCase kBindErrors[] = {
    {"SELECT Id FROM Nope__c", "INVALID_TYPE", 1, 16,
     "sObject type 'Nope__c' is not supported. If you are attempting to use a custom object, be "
     "sure to append the '__c' after the entity name. Please reference your WSDL or the describe "
     "call for the appropriate names."},
    {"SELECT Nope FROM Nope__c", "INVALID_TYPE", 1, 18,
     "sObject type 'Nope__c' is not supported. If you are attempting to use a custom object, be "
     "sure to append the '__c' after the entity name. Please reference your WSDL or the describe "
     "call for the appropriate names."},
    {"SELECT Id FROM Collection_Event__e", "INVALID_TYPE", 1, 16,
     "sObject type 'Collection_Event__e' is not supported. If you are attempting to use a custom "
     "object, be sure to append the '__c' after the entity name. Please reference your WSDL or the "
     "describe call for the appropriate names."},
    {"SELECT Id, Nope__c FROM Collection_Account__c", "INVALID_FIELD", 1, 12,
     "No such column 'Nope__c' on entity 'Collection_Account__c'. If you are attempting to use a "
     "custom field, be sure to append the '__c' after the custom field name. Please reference your "
     "WSDL or the describe call for the appropriate names."},
    {"SELECT Balance FROM Collection_Account__c", "INVALID_FIELD", 1, 8,
     "No such column 'Balance' on entity 'Collection_Account__c'. If you are attempting to use a "
     "custom field, be sure to append the '__c' after the custom field name. Please reference your "
     "WSDL or the describe call for the appropriate names."},
    {"SELECT Account__r.Nope FROM Collection_Account__c", "INVALID_FIELD", 1, 8,
     "No such column 'Nope' on entity 'Account'. If you are attempting to use a custom field, be "
     "sure to append the '__c' after the custom field name. Please reference your WSDL or the "
     "describe call for the appropriate names."},
    {"SELECT Account__r.Owner.Nope FROM Collection_Account__c", "INVALID_FIELD", 1, 8,
     "No such column 'Nope' on entity 'User'. If you are attempting to use a custom field, be sure "
     "to append the '__c' after the custom field name. Please reference your WSDL or the describe "
     "call for the appropriate names."},
    {"SELECT Acount__r.Name FROM Collection_Account__c", "INVALID_FIELD", 1, 8,
     "Didn't understand relationship 'Acount__r' in field path. If you are attempting to use a "
     "custom relationship, be sure to append the '__r' after the custom relationship name. Please "
     "reference your WSDL or the describe call for the appropriate names."},
    {"SELECT Account__c.Name FROM Collection_Account__c", "INVALID_FIELD", 1, 8,
     "Didn't understand relationship 'Account__c' in field path. If you are attempting to use a "
     "custom relationship, be sure to append the '__r' after the custom relationship name. Please "
     "reference your WSDL or the describe call for the appropriate names."},
    {"SELECT Account__r.Name.X FROM Collection_Account__c", "INVALID_FIELD", 1, 8,
     "Didn't understand relationship 'Name' in field path. If you are attempting to use a custom "
     "relationship, be sure to append the '__r' after the custom relationship name. Please "
     "reference your WSDL or the describe call for the appropriate names."},
    {"SELECT Account__r FROM Collection_Account__c", "INVALID_FIELD", 1, 8,
     "No such column 'Account__r' on entity 'Collection_Account__c'. If you are attempting to use "
     "a custom field, be sure to append the '__c' after the custom field name. Please reference "
     "your WSDL or the describe call for the appropriate names."},
    {"SELECT Id, (SELECT Id FROM Attempts__r) FROM Collection_Account__c", "INVALID_TYPE", 1, 28,
     "Didn't understand relationship 'Attempts__r' in FROM part of query call. If you are "
     "attempting to use a custom relationship, be sure to append the '__r' after the custom "
     "relationship name. Please reference your WSDL or the describe call for the appropriate "
     "names."},
    {"SELECT Id, (SELECT Id FROM Contact_Attempt__c) FROM Collection_Account__c", "INVALID_TYPE", 1,
     28,
     "Didn't understand relationship 'Contact_Attempt__c' in FROM part of query call. If you are "
     "attempting to use a custom relationship, be sure to append the '__r' after the custom "
     "relationship name. Please reference your WSDL or the describe call for the appropriate "
     "names."},
    {"SELECT Id, (SELECT Nope__c FROM Contact_Attempts__r) FROM Collection_Account__c",
     "INVALID_FIELD", 1, 20,
     "No such column 'Nope__c' on entity 'Contact_Attempt__c'. If you are attempting to use a "
     "custom field, be sure to append the '__c' after the custom field name. Please reference your "
     "WSDL or the describe call for the appropriate names."},
    {"SELECT Id, (SELECT Id FROM Contact_Attempts__r WHERE Nope__c = 1) FROM Collection_Account__c",
     "INVALID_FIELD", 1, 54,
     "No such column 'Nope__c' on entity 'Contact_Attempt__c'. If you are attempting to use a "
     "custom field, be sure to append the '__c' after the custom field name. Please reference your "
     "WSDL or the describe call for the appropriate names."},
    {"SELECT Id, (SELECT Id FROM Contact_Attempts__r ORDER BY Notes__c) FROM Collection_Account__c",
     "INVALID_FIELD", 1, 57, "field 'Notes__c' can not be sorted in a query call"},
    {"SELECT Id, id FROM Collection_Account__c", "INVALID_FIELD", 0, 0,
     "duplicate field selected: id"},
    {"SELECT Account__r.Name, account__r.name FROM Collection_Account__c", "INVALID_FIELD", 0, 0,
     "duplicate field selected: account__r.name"},
    {"SELECT Id, (SELECT Id FROM Contact_Attempts__r), (SELECT Id FROM contact_attempts__r) FROM "
     "Collection_Account__c",
     "INVALID_FIELD", 0, 0, "duplicate field selected: contact_attempts__r"},
    {"SELECT Id, (SELECT Id, ID FROM Contact_Attempts__r) FROM Collection_Account__c",
     "INVALID_FIELD", 0, 0, "duplicate field selected: ID"},
    {"SELECT Id FROM Collection_Account__c WHERE Nope__c = 1", "INVALID_FIELD", 1, 44,
     "No such column 'Nope__c' on entity 'Collection_Account__c'. If you are attempting to use a "
     "custom field, be sure to append the '__c' after the custom field name. Please reference your "
     "WSDL or the describe call for the appropriate names."},
    {"SELECT Id FROM Collection_Account__c WHERE Balance__c = '100'", "INVALID_FIELD", 1, 57,
     "value of filter criterion for field 'Balance__c' must be of type double and should not be "
     "enclosed in quotes"},
    {"SELECT Id FROM Collection_Account__c WHERE Balance__c IN (1, '2')", "INVALID_FIELD", 1, 62,
     "value of filter criterion for field 'Balance__c' must be of type double and should not be "
     "enclosed in quotes"},
    {"SELECT Id FROM Collection_Account__c WHERE Balance__c = TODAY", "INVALID_FIELD", 1, 57,
     "value of filter criterion for field 'Balance__c' must be of type double and should not be "
     "enclosed in quotes"},
    {"SELECT Id FROM Collection_Account__c WHERE Balance__c = true", "INVALID_FIELD", 1, 57,
     "value of filter criterion for field 'Balance__c' must be of type double and should not be "
     "enclosed in quotes"},
    {"SELECT Id FROM Collection_Account__c WHERE Balance__c LIKE '1%'", "INVALID_FIELD", 1, 60,
     "value of filter criterion for field 'Balance__c' must be of type double and should not be "
     "enclosed in quotes"},
    {"SELECT Id FROM Payment_Arrangement__c WHERE Instalments__c = '3'", "INVALID_FIELD", 1, 62,
     "value of filter criterion for field 'Instalments__c' must be of type double and should not "
     "be enclosed in quotes"},
    {"SELECT Id FROM Collection_Account__c WHERE Name = 5", "INVALID_FIELD", 1, 51,
     "value of filter criterion for field 'Name' must be of type string and should be enclosed in "
     "quotes"},
    {"SELECT Id FROM Collection_Account__c WHERE Status__c = TODAY", "INVALID_FIELD", 1, 56,
     "value of filter criterion for field 'Status__c' must be of type string and should be "
     "enclosed in quotes"},
    {"SELECT Id FROM Collection_Account__c WHERE Name = 2025-01-01", "INVALID_FIELD", 1, 51,
     "value of filter criterion for field 'Name' must be of type string and should be enclosed in "
     "quotes"},
    {"SELECT Id FROM Collection_Account__c WHERE Do_Not_Contact__c = 'true'", "INVALID_FIELD", 1,
     64,
     "value of filter criterion for field 'Do_Not_Contact__c' must be of type boolean and should "
     "not be enclosed in quotes"},
    {"SELECT Id FROM Collection_Account__c WHERE Do_Not_Contact__c = 1", "INVALID_FIELD", 1, 64,
     "value of filter criterion for field 'Do_Not_Contact__c' must be of type boolean and should "
     "not be enclosed in quotes"},
    {"SELECT Id FROM Collection_Account__c WHERE Due_Date__c = 2025-01-31T00:00:00Z",
     "INVALID_FIELD", 1, 58,
     "value of filter criterion for field 'Due_Date__c' must be of type date and should not be "
     "enclosed in quotes"},
    {"SELECT Id FROM Collection_Account__c WHERE Due_Date__c = '2025-01-31'", "INVALID_FIELD", 1,
     58,
     "value of filter criterion for field 'Due_Date__c' must be of type date and should not be "
     "enclosed in quotes"},
    {"SELECT Id FROM Collection_Account__c WHERE Last_Contact_At__c = 2025-01-31", "INVALID_FIELD",
     1, 65,
     "value of filter criterion for field 'Last_Contact_At__c' must be of type dateTime and should "
     "not be enclosed in quotes"},
    {"SELECT Id FROM Collection_Account__c WHERE Last_Contact_At__c > '2025-01-31T00:00:00Z'",
     "INVALID_FIELD", 1, 65,
     "value of filter criterion for field 'Last_Contact_At__c' must be of type dateTime and should "
     "not be enclosed in quotes"},
    {"SELECT Id FROM Collection_Account__c WHERE Account__r.CreatedDate > 2025-01-31",
     "INVALID_FIELD", 1, 69,
     "value of filter criterion for field 'CreatedDate' must be of type dateTime and should not be "
     "enclosed in quotes"},
    {"SELECT Id FROM Collection_Account__c WHERE Id = 5", "INVALID_FIELD", 1, 49,
     "value of filter criterion for field 'Id' must be of type id and should be enclosed in "
     "quotes"},
    {"SELECT Id FROM Collection_Account__c WHERE Account__c = 5", "INVALID_FIELD", 1, 57,
     "value of filter criterion for field 'Account__c' must be of type id and should be enclosed "
     "in quotes"},
    {"SELECT Id FROM Collection_Account__c WHERE Id = 'abc'", "MALFORMED_QUERY", 1, 49,
     "invalid ID field: abc"},
    {"SELECT Id FROM Collection_Account__c WHERE Account__c IN ('001000000000001AAA', 'x')",
     "MALFORMED_QUERY", 1, 81, "invalid ID field: x"},
    {"SELECT Id FROM Collection_Account__c WHERE Id LIKE 'a01%'", "MALFORMED_QUERY", 1, 47,
     "invalid operator on id field"},
    {"SELECT Id FROM Collection_Account__c WHERE Account__c LIKE 'a01%'", "MALFORMED_QUERY", 1, 55,
     "invalid operator on id field"},
    {"SELECT Id FROM Collection_Account__c WHERE Name INCLUDES ('a')", "MALFORMED_QUERY", 1, 49,
     "includes or excludes operator only valid on multipicklist field"},
    {"SELECT Id FROM Collection_Account__c WHERE Status__c EXCLUDES ('a')", "MALFORMED_QUERY", 1,
     54, "includes or excludes operator only valid on multipicklist field"},
    {"SELECT Id FROM Collection_Account__c ORDER BY Nope__c", "INVALID_FIELD", 1, 47,
     "No such column 'Nope__c' on entity 'Collection_Account__c'. If you are attempting to use a "
     "custom field, be sure to append the '__c' after the custom field name. Please reference your "
     "WSDL or the describe call for the appropriate names."},
    {"SELECT Id FROM Collection_Account__c ORDER BY Tags__c", "INVALID_FIELD", 1, 47,
     "field 'Tags__c' can not be sorted in a query call"},
    {"SELECT Id FROM Collection_Account__c ORDER BY Strategy__r.Rules__c", "INVALID_FIELD", 1, 47,
     "field 'Rules__c' can not be sorted in a query call"},
    {"SELECT Nope1 FROM Collection_Account__c WHERE Nope2 = 1 ORDER BY Nope3", "INVALID_FIELD", 1,
     8,
     "No such column 'Nope1' on entity 'Collection_Account__c'. If you are attempting to use a "
     "custom field, be sure to append the '__c' after the custom field name. Please reference your "
     "WSDL or the describe call for the appropriate names."},
    {"SELECT Id FROM Collection_Account__c WHERE Nope2 = 1 ORDER BY Nope3", "INVALID_FIELD", 1, 44,
     "No such column 'Nope2' on entity 'Collection_Account__c'. If you are attempting to use a "
     "custom field, be sure to append the '__c' after the custom field name. Please reference your "
     "WSDL or the describe call for the appropriate names."},
};

INSTANTIATE_TEST_SUITE_P(Soql, BindErrorTest, ::testing::ValuesIn(kBindErrors));

TEST(BindTest, ProjectionMergesParentPathsInSelectOrder) {
  testing::TestOrg org;
  SfOr<Query> query = ParseSoql(
      "SELECT name, Account__r.Name, Balance__c, account__r.Owner.Username, Account__r.Phone, "
      "(SELECT Channel__c FROM Contact_Attempts__r) FROM collection_account__c");
  ASSERT_TRUE(query.ok());
  SfOr<BoundQuery> bound = Bind(*query, org.schema(), BindContext{});
  ASSERT_TRUE(bound.ok()) << bound.error().message;
  EXPECT_EQ(bound->object->name(), "Collection_Account__c");
  ASSERT_EQ(bound->nodes.size(), 3u);  // the account, Account__r, Account__r.Owner
  const auto& root = bound->nodes[0].members;
  ASSERT_EQ(root.size(), 4u);
  EXPECT_EQ(root[0].field->name, "Name");
  EXPECT_EQ(root[1].kind, ProjectionMember::Kind::kParent);
  EXPECT_EQ(root[1].field->name, "Account__c");
  EXPECT_EQ(root[2].field->name, "Balance__c");
  EXPECT_EQ(root[3].kind, ProjectionMember::Kind::kChild);
  const auto& account = bound->nodes[root[1].node];
  EXPECT_EQ(account.object->name(), "Account");
  ASSERT_EQ(account.members.size(), 3u);  // Name, Owner, Phone
  EXPECT_EQ(account.members[0].field->name, "Name");
  EXPECT_EQ(account.members[1].kind, ProjectionMember::Kind::kParent);
  EXPECT_EQ(account.members[2].field->name, "Phone");
  EXPECT_EQ(bound->nodes[account.members[1].node].object->name(), "User");
  ASSERT_EQ(bound->subqueries.size(), 1u);
  EXPECT_EQ(bound->subqueries[0].object->name(), "Contact_Attempt__c");
  EXPECT_EQ(bound->subqueries[0].relationship->relationship_name, "Contact_Attempts__r");
}

TEST(BindTest, DateLiteralsBecomeRangesOfTheFieldsUnit) {
  testing::TestOrg org;
  BindContext context;
  context.dates.now = testing::At("2025-02-01T12:00:00Z");
  ASSERT_TRUE(cctz::load_time_zone("America/New_York", &context.dates.time_zone));
  SfOr<Query> query = ParseSoql(
      "SELECT Id FROM Collection_Account__c WHERE Due_Date__c = TODAY AND "
      "Last_Contact_At__c = TODAY");
  ASSERT_TRUE(query.ok());
  SfOr<BoundQuery> bound = Bind(*query, org.schema(), context);
  ASSERT_TRUE(bound.ok());
  const BoundValue& date = bound->where->operands[0].comparison.values[0];
  EXPECT_TRUE(date.is_range);
  EXPECT_EQ(date.lo, DayNumber(2025, 2, 1));
  EXPECT_EQ(date.hi, DayNumber(2025, 2, 2));
  const BoundValue& datetime = bound->where->operands[1].comparison.values[0];
  EXPECT_EQ(datetime.lo, testing::At("2025-02-01T05:00:00Z").unix_nanos() / 1'000'000);
  EXPECT_EQ(datetime.hi, testing::At("2025-02-02T05:00:00Z").unix_nanos() / 1'000'000);
}

TEST(BindTest, EmptyStringIsNullForTextAndIds) {
  testing::TestOrg org;
  SfOr<Query> query =
      ParseSoql("SELECT Id FROM Collection_Account__c WHERE Name = '' OR Account__c = ''");
  ASSERT_TRUE(query.ok());
  SfOr<BoundQuery> bound = Bind(*query, org.schema(), BindContext{});
  ASSERT_TRUE(bound.ok());
  EXPECT_TRUE(bound->where->operands[0].comparison.values[0].value.is_null());
  EXPECT_TRUE(bound->where->operands[1].comparison.values[0].value.is_null());
}

}  // namespace
}  // namespace recoup::sim::org::soql
