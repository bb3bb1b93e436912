// CollectionsSchema (collections_schema.h): the adapter's objects and fields, resolved by name.
#include "sim/adapters/collections_schema.h"

#include <string>

namespace recoup::sim::adapters {
namespace {

using org::FieldDef;
using org::FieldType;
using org::ObjectDef;

// Resolves fields one after the other, remembering the first problem.
class Resolver {
 public:
  explicit Resolver(const org::Schema& schema) : schema_(schema) {}

  const ObjectDef* Object(std::string_view name) {
    const ObjectDef* object = schema_.FindObject(name);
    if (object == nullptr || object->is_platform_event()) {
      Fail(std::string(name) + ": missing");
      return nullptr;
    }
    return object;
  }

  // The field `name` of `object`, of one of the types accepted by `kind_ok`.
  template <typename KindOk>
  const FieldDef* Field(const ObjectDef* object, std::string_view name, KindOk kind_ok,
                        std::string_view expected) {
    if (object == nullptr) return nullptr;
    const FieldDef* field = object->FindField(name);
    const std::string where = object->name() + "." + std::string(name);
    if (field == nullptr) {
      Fail(where + ": missing");
      return nullptr;
    }
    if (!kind_ok(*field)) {
      Fail(where + ": must be " + std::string(expected));
      return nullptr;
    }
    return field;
  }

  const FieldDef* Text(const ObjectDef* o, std::string_view name) {
    return Field(
        o, name, [](const FieldDef& f) { return org::IsTextType(f.type); }, "a text field");
  }
  const FieldDef* Number(const ObjectDef* o, std::string_view name) {
    return Field(
        o, name,
        [](const FieldDef& f) {
          return f.type == FieldType::kDouble || f.type == FieldType::kCurrency ||
                 f.type == FieldType::kPercent;
        },
        "a number or currency field");
  }
  const FieldDef* Typed(const ObjectDef* o, std::string_view name, FieldType type,
                        std::string_view expected) {
    return Field(
        o, name, [type](const FieldDef& f) { return f.type == type; }, expected);
  }
  // A lookup to Collection_Account__c.
  const FieldDef* AccountLookup(const ObjectDef* o) {
    return Field(
        o, "Collection_Account__c",
        [](const FieldDef& f) {
          return f.type == FieldType::kReference && f.reference_to == "Collection_Account__c";
        },
        "a lookup to Collection_Account__c");
  }
  const FieldDef* ExternalId(const ObjectDef* o) {
    return Field(
        o, "External_Id__c",
        [](const FieldDef& f) { return f.external_id && org::IsTextType(f.type); },
        "an external-Id text field");
  }

  Status status() const { return status_; }

 private:
  void Fail(std::string message) {
    if (status_.ok()) status_ = InvalidArgumentError("org schema: " + message);
  }

  const org::Schema& schema_;
  Status status_;
};

}  // namespace

StatusOr<CollectionsSchema> CollectionsSchema::Resolve(const org::Schema& schema) {
  Resolver r(schema);
  CollectionsSchema s;
  s.account = r.Object("Collection_Account__c");
  s.account_external_id = r.ExternalId(s.account);
  s.account_balance = r.Number(s.account, "Balance__c");
  s.account_days_past_due = r.Number(s.account, "Days_Past_Due__c");
  s.account_status = r.Text(s.account, "Status__c");
  s.account_segment = r.Text(s.account, "Segment__c");

  s.attempt = r.Object("Contact_Attempt__c");
  s.attempt_account = r.AccountLookup(s.attempt);
  s.attempt_channel = r.Text(s.attempt, "Channel__c");
  s.attempt_at = r.Typed(s.attempt, "Attempted_At__c", FieldType::kDateTime, "a datetime field");
  s.attempt_outcome = r.Text(s.attempt, "Outcome__c");
  s.attempt_rpc =
      r.Typed(s.attempt, "Right_Party_Contact__c", FieldType::kBoolean, "a checkbox field");
  s.attempt_notes = r.Text(s.attempt, "Notes__c");

  s.compliance = r.Object("Compliance_Record__c");
  s.compliance_account = r.AccountLookup(s.compliance);
  s.compliance_rule = r.Text(s.compliance, "Rule__c");
  s.compliance_result = r.Text(s.compliance, "Result__c");
  s.compliance_reason = r.Text(s.compliance, "Reason__c");
  s.compliance_checked_at =
      r.Typed(s.compliance, "Checked_At__c", FieldType::kDateTime, "a datetime field");

  s.arrangement = r.Object("Payment_Arrangement__c");
  s.arrangement_account = r.AccountLookup(s.arrangement);
  s.arrangement_amount = r.Number(s.arrangement, "Amount__c");
  s.arrangement_instalments = r.Number(s.arrangement, "Instalments__c");
  s.arrangement_next_due =
      r.Typed(s.arrangement, "Next_Due_Date__c", FieldType::kDate, "a date field");
  s.arrangement_status = r.Text(s.arrangement, "Status__c");

  s.dispute = r.Object("Dispute__c");
  s.dispute_account = r.AccountLookup(s.dispute);
  s.dispute_reason = r.Text(s.dispute, "Reason__c");
  s.dispute_description = r.Text(s.dispute, "Description__c");
  s.dispute_opened_at =
      r.Typed(s.dispute, "Opened_At__c", FieldType::kDateTime, "a datetime field");
  s.dispute_status = r.Text(s.dispute, "Status__c");

  s.payment = r.Object("Payment_Transaction__c");
  s.payment_account = r.AccountLookup(s.payment);
  s.payment_external_id = r.ExternalId(s.payment);
  s.payment_amount = r.Number(s.payment, "Amount__c");
  s.payment_paid_at = r.Typed(s.payment, "Paid_At__c", FieldType::kDateTime, "a datetime field");
  s.payment_method = r.Text(s.payment, "Method__c");
  s.payment_status = r.Text(s.payment, "Status__c");

  if (!r.status().ok()) return r.status();
  return s;
}

}  // namespace recoup::sim::adapters
