// DefaultCollectionsSchema(): the mock org's default objects (reference/salesforce-api.md
// section 8.2).
#include <string>
#include <utility>
#include <vector>

#include "core/base/check.h"
#include "sim/org/schema.h"

namespace recoup::sim::org {
namespace {

FieldDef Required(FieldDef f) {
  f.nillable = false;
  return f;
}

FieldDef ExternalId(FieldDef f) {
  f.external_id = true;
  f.unique = true;
  return f;
}

FieldDef WithDefault(FieldDef f, std::string value) {
  for (PicklistValue& p : f.picklist_values) p.default_value = (p.value == value);
  f.default_value = FieldValue::String(std::move(value));
  return f;
}

FieldDef Currency(std::string name, std::string label) {
  return MakeNumberField(std::move(name), std::move(label), FieldType::kCurrency, 16, 2);
}

FieldDef Standard(FieldDef f) {
  f.custom = false;
  return f;
}

ObjectSpec Spec(std::string name, std::string label, std::string plural) {
  ObjectSpec s;
  s.name = std::move(name);
  s.label = std::move(label);
  s.label_plural = std::move(plural);
  return s;
}

ObjectSpec AutoNumbered(ObjectSpec s, std::string format, bool owner) {
  s.name_field = NameFieldKind::kAutoNumber;
  s.auto_number_format = std::move(format);
  s.has_owner = owner;
  return s;
}

void Add(Schema* schema, ObjectSpec spec) {
  const std::string name = spec.name;
  Status s = schema->AddObject(std::move(spec));
  RECOUP_CHECK_MSG(s.ok(), "default schema object " + name + ": " + s.ToString());
}

// The Channel__c picklists (Contact Attempt, Compliance Record): one value per domain::Channel
// (sim/adapters/org_record_mapping.cc maps them both ways). New values go at the end, so describe
// lists the old ones in their old order.
const std::vector<std::string> kChannels = {"Call", "SMS", "Email", "Letter", "WhatsApp"};

}  // namespace

Schema DefaultCollectionsSchema() {
  Schema schema;

  // Standard objects, minimal: enough for lookups, ownership and audit fields.
  ObjectSpec user = Spec("User", "User", "Users");
  user.standard = true;
  user.key_prefix = "005";
  user.has_owner = false;
  user.fields = {
      Required(ExternalId(Standard(MakeTextField("Username", "Username", 80)))),
      Standard(MakeEmailField("Email", "Email")),
      Standard(MakeTextField("FirstName", "First Name", 40)),
      Standard(MakeTextField("LastName", "Last Name", 80)),
      Standard(MakeTextField("Alias", "Alias", 8)),
      Standard(MakeBooleanField("IsActive", "Active", true)),
      Standard(MakeTextField("TimeZoneSidKey", "Time Zone", 40)),
  };
  user.fields[0].external_id = false;  // unique, but not an external id on User
  Add(&schema, std::move(user));

  ObjectSpec account = Spec("Account", "Account", "Accounts");
  account.standard = true;
  account.key_prefix = "001";
  account.fields = {
      Standard(MakeTextField("AccountNumber", "Account Number", 40)),
      Standard(MakePicklistField("Type", "Account Type", {"Customer", "Prospect", "Other"}, false)),
      Standard(MakePhoneField("Phone", "Account Phone")),
      Standard(MakeTextField("BillingCity", "Billing City", 40)),
      Standard(MakeTextField("BillingState", "Billing State/Province", 80)),
      Standard(MakeTextField("BillingPostalCode", "Billing Zip/Postal Code", 20)),
      Standard(MakeTextField("BillingCountry", "Billing Country", 80)),
      Standard(MakeTextAreaField("Description", "Account Description", 32000)),
  };
  Add(&schema, std::move(account));

  ObjectSpec contact = Spec("Contact", "Contact", "Contacts");
  contact.standard = true;
  contact.key_prefix = "003";
  contact.name_field = NameFieldKind::kNone;
  contact.fields = {
      Standard(MakeTextField("FirstName", "First Name", 40)),
      Required(Standard(MakeTextField("LastName", "Last Name", 80))),
      Standard(MakeLookupField("AccountId", "Account ID", "Account", "Account", "Contacts")),
      Standard(MakeEmailField("Email", "Email")),
      Standard(MakePhoneField("Phone", "Business Phone")),
      Standard(MakePhoneField("MobilePhone", "Mobile Phone")),
      Standard(MakeTextField("MailingState", "Mailing State/Province", 80)),
      Standard(MakeTextField("MailingPostalCode", "Mailing Zip/Postal Code", 20)),
      Standard(MakeDateField("Birthdate", "Birthdate")),
      Standard(MakeBooleanField("HasOptedOutOfEmail", "Email Opt Out")),
      Standard(MakeBooleanField("DoNotCall", "Do Not Call")),
  };
  Add(&schema, std::move(contact));

  // The seven collections objects. Key prefixes are allocated in this order: a00, a01, ... a06.
  ObjectSpec strategy =
      Spec("Collection_Strategy__c", "Collection Strategy", "Collection Strategies");
  strategy.fields = {
      Required(ExternalId(MakeTextField("Code__c", "Code", 40))),
      MakeBooleanField("Active__c", "Active", true),
      MakeNumberField("Priority__c", "Priority", FieldType::kDouble, 3, 0),
      MakePicklistField("Segment__c", "Segment", {"Early", "Mid", "Late", "Recovery"}, false),
      MakeTextAreaField("Rules__c", "Rules (JSON)", 131072),
      MakeTextAreaField("Description__c", "Description", 32000),
  };
  Add(&schema, std::move(strategy));

  ObjectSpec acct = Spec("Collection_Account__c", "Collection Account", "Collection Accounts");
  acct.fields = {
      ExternalId(MakeTextField("External_Id__c", "External Id", 80)),
      MakeLookupField("Account__c", "Account", "Account", "Account__r", "Collection_Accounts__r"),
      MakeLookupField("Contact__c", "Contact", "Contact", "Contact__r", "Collection_Accounts__r"),
      MakeLookupField("Strategy__c", "Strategy", "Collection_Strategy__c", "Strategy__r",
                      "Collection_Accounts__r"),
      Currency("Balance__c", "Balance"),
      Currency("Original_Balance__c", "Original Balance"),
      MakeNumberField("Days_Past_Due__c", "Days Past Due", FieldType::kDouble, 5, 0),
      WithDefault(MakePicklistField("Status__c", "Status",
                                    {"New", "Active", "Promise", "Arrangement", "Disputed", "Paid",
                                     "Closed", "Written Off"}),
                  "New"),
      MakePicklistField("Segment__c", "Segment", {"Early", "Mid", "Late", "Recovery"}, false),
      MakeNumberField("Risk_Score__c", "Risk Score", FieldType::kDouble, 6, 4),
      MakeNumberField("Propensity_To_Pay__c", "Propensity To Pay", FieldType::kPercent, 5, 2),
      MakeDateField("Due_Date__c", "Due Date"),
      MakeDateField("Last_Payment_Date__c", "Last Payment Date"),
      MakeDateTimeField("Last_Contact_At__c", "Last Contact At"),
      MakeDateTimeField("Next_Action_At__c", "Next Action At"),
      MakePicklistField("Jurisdiction__c", "Jurisdiction", {"US-CA", "US-NY", "US-TX", "US-FL"},
                        false),
      MakePicklistField(
          "Time_Zone__c", "Time Zone",
          {"America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles"}, false),
      MakeBooleanField("Do_Not_Contact__c", "Do Not Contact"),
      MakeTextField("Arm__c", "Champion/Challenger Arm", 40),
  };
  Add(&schema, std::move(acct));

  ObjectSpec arrangement =
      AutoNumbered(Spec("Payment_Arrangement__c", "Payment Arrangement", "Payment Arrangements"),
                   "PA-{0000000}", true);
  arrangement.fields = {
      Required(MakeLookupField("Collection_Account__c", "Collection Account",
                               "Collection_Account__c", "Collection_Account__r",
                               "Payment_Arrangements__r")),
      ExternalId(MakeTextField("External_Id__c", "External Id", 80)),
      Required(Currency("Amount__c", "Amount")),
      MakeNumberField("Instalments__c", "Instalments", FieldType::kDouble, 3, 0),
      Currency("Instalment_Amount__c", "Instalment Amount"),
      MakePicklistField("Frequency__c", "Frequency", {"Weekly", "Fortnightly", "Monthly"}),
      MakeDateField("Start_Date__c", "Start Date"),
      MakeDateField("Next_Due_Date__c", "Next Due Date"),
      WithDefault(
          MakePicklistField("Status__c", "Status", {"Active", "Kept", "Broken", "Cancelled"}),
          "Active"),
      MakeNumberField("Kept_Count__c", "Instalments Kept", FieldType::kDouble, 3, 0),
      MakeNumberField("Missed_Count__c", "Instalments Missed", FieldType::kDouble, 3, 0),
  };
  Add(&schema, std::move(arrangement));

  ObjectSpec attempt = AutoNumbered(
      Spec("Contact_Attempt__c", "Contact Attempt", "Contact Attempts"), "CA-{0000000}", false);
  attempt.fields = {
      Required(MakeLookupField("Collection_Account__c", "Collection Account",
                               "Collection_Account__c", "Collection_Account__r",
                               "Contact_Attempts__r")),
      ExternalId(MakeTextField("External_Id__c", "External Id", 80)),
      Required(MakePicklistField("Channel__c", "Channel", kChannels)),
      Required(MakeDateTimeField("Attempted_At__c", "Attempted At")),
      MakePicklistField("Outcome__c", "Outcome",
                        {"No Answer", "Voicemail", "Busy", "Right Party Contact", "Wrong Party",
                         "Promise To Pay", "Refused", "Dispute", "Delivered", "Bounced", "Failed"}),
      MakeBooleanField("Right_Party_Contact__c", "Right Party Contact"),
      MakeNumberField("Duration_Seconds__c", "Duration (s)", FieldType::kDouble, 6, 0),
      MakeLookupField("Agent__c", "Agent", "User", "Agent__r"),
      MakeTextAreaField("Notes__c", "Notes", 32000),
  };
  Add(&schema, std::move(attempt));

  ObjectSpec dispute =
      AutoNumbered(Spec("Dispute__c", "Dispute", "Disputes"), "DSP-{000000}", true);
  dispute.fields = {
      Required(MakeLookupField("Collection_Account__c", "Collection Account",
                               "Collection_Account__c", "Collection_Account__r", "Disputes__r")),
      Required(MakePicklistField(
          "Reason__c", "Reason",
          {"Not My Debt", "Amount Incorrect", "Already Paid", "Identity Theft", "Other"})),
      MakeDateTimeField("Opened_At__c", "Opened At"),
      MakeDateTimeField("Resolved_At__c", "Resolved At"),
      WithDefault(MakePicklistField("Status__c", "Status",
                                    {"Open", "Under Review", "Upheld", "Rejected", "Closed"}),
                  "Open"),
      MakeTextAreaField("Description__c", "Description", 32000),
  };
  Add(&schema, std::move(dispute));

  ObjectSpec compliance =
      AutoNumbered(Spec("Compliance_Record__c", "Compliance Record", "Compliance Records"),
                   "CR-{0000000}", false);
  compliance.fields = {
      MakeLookupField("Collection_Account__c", "Collection Account", "Collection_Account__c",
                      "Collection_Account__r", "Compliance_Records__r"),
      Required(MakeTextField("Rule__c", "Rule", 80)),
      Required(MakeDateTimeField("Checked_At__c", "Checked At")),
      Required(MakePicklistField("Result__c", "Result", {"Allow", "Deny", "Defer"})),
      MakeTextField("Reason__c", "Reason", 255),
      MakePicklistField("Channel__c", "Channel", kChannels),
      MakeDateTimeField("Defer_Until__c", "Defer Until"),
  };
  Add(&schema, std::move(compliance));

  ObjectSpec payment =
      AutoNumbered(Spec("Payment_Transaction__c", "Payment Transaction", "Payment Transactions"),
                   "PT-{0000000}", false);
  payment.fields = {
      Required(MakeLookupField("Collection_Account__c", "Collection Account",
                               "Collection_Account__c", "Collection_Account__r",
                               "Payment_Transactions__r")),
      MakeLookupField("Payment_Arrangement__c", "Payment Arrangement", "Payment_Arrangement__c",
                      "Payment_Arrangement__r", "Payment_Transactions__r"),
      ExternalId(MakeTextField("External_Id__c", "External Id", 80)),
      Required(Currency("Amount__c", "Amount")),
      Required(MakeDateTimeField("Paid_At__c", "Paid At")),
      MakePicklistField("Method__c", "Method", {"Card", "ACH", "Check", "Cash", "Other"}),
      WithDefault(MakePicklistField("Status__c", "Status",
                                    {"Settled", "Pending", "Declined", "Returned"}),
                  "Settled"),
  };
  Add(&schema, std::move(payment));

  // Platform events (e00, e01).
  ObjectSpec event = Spec("Collection_Event__e", "Collection Event", "Collection Events");
  event.fields = {
      MakeTextField("Message__c", "Message", 255),
      MakeTextField("Account_Id__c", "Account Id", 18),
      MakeTextField("Type__c", "Type", 80),
  };
  Add(&schema, std::move(event));

  ObjectSpec assignment =
      Spec("Strategy_Assignment__e", "Strategy Assignment", "Strategy Assignments");
  assignment.fields = {
      Required(MakeTextField("Account_Id__c", "Account Id", 18)),
      Required(MakeTextField("Strategy_Code__c", "Strategy Code", 40)),
      MakeTextField("Arm__c", "Arm", 40),
      MakeDateTimeField("Assigned_At__c", "Assigned At"),
      MakeTextField("Reason__c", "Reason", 255),
  };
  Add(&schema, std::move(assignment));

  return schema;
}

}  // namespace recoup::sim::org
