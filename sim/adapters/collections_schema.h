// CollectionsSchema: the collections objects and fields (reference/salesforce-api.md section 8.2,
// as sim/org/default_schema.cc defines them) that the simulation's OrgPort adapter reads and
// writes, resolved once by name from an org's schema, so that a schema without them is refused up
// front with the missing name instead of failing on the first call.
#ifndef RECOUP_SIM_ADAPTERS_COLLECTIONS_SCHEMA_H_
#define RECOUP_SIM_ADAPTERS_COLLECTIONS_SCHEMA_H_

#include "core/base/statusor.h"
#include "sim/org/schema.h"

namespace recoup::sim::adapters {

// The objects and fields the adapter uses, resolved once from a schema. Pointers into the Schema,
// which must outlive this struct.
struct CollectionsSchema {
  const org::ObjectDef* account = nullptr;  // Collection_Account__c
  const org::FieldDef* account_external_id = nullptr;
  const org::FieldDef* account_balance = nullptr;
  const org::FieldDef* account_days_past_due = nullptr;
  const org::FieldDef* account_status = nullptr;
  const org::FieldDef* account_segment = nullptr;

  const org::ObjectDef* attempt = nullptr;  // Contact_Attempt__c
  const org::FieldDef* attempt_account = nullptr;
  const org::FieldDef* attempt_channel = nullptr;
  const org::FieldDef* attempt_at = nullptr;
  const org::FieldDef* attempt_outcome = nullptr;
  const org::FieldDef* attempt_rpc = nullptr;
  const org::FieldDef* attempt_notes = nullptr;

  const org::ObjectDef* compliance = nullptr;  // Compliance_Record__c
  const org::FieldDef* compliance_account = nullptr;
  const org::FieldDef* compliance_rule = nullptr;
  const org::FieldDef* compliance_result = nullptr;
  const org::FieldDef* compliance_reason = nullptr;
  const org::FieldDef* compliance_checked_at = nullptr;

  const org::ObjectDef* arrangement = nullptr;  // Payment_Arrangement__c
  const org::FieldDef* arrangement_account = nullptr;
  const org::FieldDef* arrangement_amount = nullptr;
  const org::FieldDef* arrangement_instalments = nullptr;
  const org::FieldDef* arrangement_next_due = nullptr;
  const org::FieldDef* arrangement_status = nullptr;

  const org::ObjectDef* dispute = nullptr;  // Dispute__c
  const org::FieldDef* dispute_account = nullptr;
  const org::FieldDef* dispute_reason = nullptr;
  const org::FieldDef* dispute_description = nullptr;
  const org::FieldDef* dispute_opened_at = nullptr;
  const org::FieldDef* dispute_status = nullptr;

  const org::ObjectDef* payment = nullptr;  // Payment_Transaction__c
  const org::FieldDef* payment_account = nullptr;
  const org::FieldDef* payment_external_id = nullptr;
  const org::FieldDef* payment_amount = nullptr;
  const org::FieldDef* payment_paid_at = nullptr;
  const org::FieldDef* payment_method = nullptr;
  const org::FieldDef* payment_status = nullptr;

  // Resolves every object and field above. InvalidArgument naming the first one missing or of the
  // wrong kind, e.g. "org schema: Contact_Attempt__c.Channel__c: missing" or
  // "org schema: Collection_Account__c.External_Id__c: must be an external-Id field".
  static StatusOr<CollectionsSchema> Resolve(const org::Schema& schema);
};

}  // namespace recoup::sim::adapters

#endif  // RECOUP_SIM_ADAPTERS_COLLECTIONS_SCHEMA_H_
