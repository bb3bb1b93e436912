// How the OrgPort's domain records become records of the mock org's collections objects, and back
// (reference/salesforce-api.md section 8.2; the exact fields and picklist values are those of
// sim/org/default_schema.cc). Used by SimOrgPort (sim_org_port.h); pure functions over the schema
// and the record store, no time and no randomness.
//
// Mapping (docs/org.md, "In the simulation: the OrgPort adapter", has the full table):
//   OrgContactAttempt  -> Contact_Attempt__c: Collection_Account__c (by the account's
//   External_Id__c),
//                         Channel__c, Attempted_At__c, Outcome__c, Right_Party_Contact__c, Notes__c
//                         ("Voice: ...", then "; direction: inbound" for a call the consumer
//                         made; the schema has no voice or direction field)
//   OrgComplianceRecord-> Compliance_Record__c: Collection_Account__c, Rule__c ("none" for an allow
//                         verdict without a rule), Result__c (Allow/Deny/Defer), Reason__c,
//                         Checked_At__c
//   OrgArrangement     -> Payment_Arrangement__c: Collection_Account__c, Amount__c, Instalments__c,
//                         Next_Due_Date__c, Status__c (org default Active when empty)
//   OrgDispute         -> Dispute__c: Collection_Account__c, Reason__c (a picklist value, else
//                         "Other" with the text in Description__c), Opened_At__c, Status__c
//                         ("Verified" -> "Rejected": the debt was verified, the dispute fails)
//   OrgPayment         -> Payment_Transaction__c upserted by External_Id__c: Collection_Account__c,
//                         Amount__c, Paid_At__c, Method__c, Status__c
//   Collection_Account__c -> OrgAccountView: Id, External_Id__c, Balance__c, Days_Past_Due__c,
//                         Status__c, Segment__c
// Money goes to currency fields in major units with 2 decimals (the fields' scale); timestamps to
// datetimes in whole milliseconds (floor); LocalDate to a date. Empty texts are sent as null (the
// org stores no empty strings). Picklist values given by the caller match case-insensitively and
// are sent in the picklist's own spelling; values the picklist does not have are sent as given, so
// the org refuses them (kInvalidArgument naming the field).
#ifndef RECOUP_SIM_ADAPTERS_ORG_RECORD_MAPPING_H_
#define RECOUP_SIM_ADAPTERS_ORG_RECORD_MAPPING_H_

#include <optional>
#include <string>
#include <string_view>

#include "core/base/status.h"
#include "core/base/statusor.h"
#include "core/domain/contact.h"
#include "core/ports/org_port.h"
#include "sim/adapters/collections_schema.h"
#include "sim/org/record_input.h"
#include "sim/org/record_store.h"
#include "sim/org/schema.h"
#include "sim/org/sf_error.h"
#include "sim/org/value.h"

namespace recoup::sim::adapters {

// A write the adapter sends to the org: a create of `object`, or (when upsert_field is set) an
// upsert by upsert_field = upsert_key. `input` names the parent account by its external Id.
struct OrgWrite {
  const org::ObjectDef* object = nullptr;
  org::RecordInput input;
  const org::FieldDef* upsert_field = nullptr;
  org::FieldValue upsert_key;
  std::string account_external_id;  // the Collection_Account__c the record belongs to
};

// The writes of the five OrgPort record calls. These are the checks the adapter makes before
// sending anything (no request, no latency): InvalidArgument naming the struct field when the
// account's external Id is empty, a payment's external Id is empty, a compliance result is not
// allow/deny/defer (any case), or a deny/defer verdict has no rule. Every other value is the org's
// to judge.
StatusOr<OrgWrite> ContactAttemptWrite(const CollectionsSchema& schema,
                                       const OrgContactAttempt& attempt);
StatusOr<OrgWrite> ComplianceWrite(const CollectionsSchema& schema,
                                   const OrgComplianceRecord& record);
StatusOr<OrgWrite> ArrangementWrite(const CollectionsSchema& schema,
                                    const OrgArrangement& arrangement);
StatusOr<OrgWrite> DisputeWrite(const CollectionsSchema& schema, const OrgDispute& dispute);
StatusOr<OrgWrite> PaymentWrite(const CollectionsSchema& schema, const OrgPayment& payment);

// The live Collection_Account__c row whose External_Id__c equals `external_id` (through the field's
// unique index, case-insensitive as the org compares it), or kNoRow.
org::RowIndex FindAccountRow(const CollectionsSchema& schema, const org::RecordStore& store,
                             std::string_view external_id);

// The view of account row `row` (< row_count). Null fields read as 0 / "".
OrgAccountView AccountViewOf(const CollectionsSchema& schema, const org::RecordStore& store,
                             org::RowIndex row);

// The OrgPort Status for an error the org answered a request on `object` with (org_port.h):
//   404 (NOT_FOUND, ENTITY_IS_DELETED)                      -> kNotFound
//   401 (INVALID_SESSION_ID)                                -> kUnauthenticated
//   REQUEST_LIMIT_EXCEEDED, STORAGE_LIMIT_EXCEEDED           -> kResourceExhausted
//   UNABLE_TO_LOCK_ROW, SERVER_UNAVAILABLE, any 5xx but 500   -> kUnavailable
//   500                                                     -> kInternal
//   any other (validation: 400, 300)                        -> kInvalidArgument
// The message is "<object>: <errorCode>: <message>" plus " (fields: A, B)" when fields are named.
Status StatusFromSfError(const org::SfError& error, std::string_view object);

// The picklist values the enums map to.
std::string_view ChannelPicklistValue(domain::Channel channel);  // Call, SMS, Email, Letter,
                                                                 // WhatsApp
// The other way (a Channel__c read from the org): the channel whose picklist value matches
// `value` case-insensitively, or nullopt (a value the domain has no channel for).
std::optional<domain::Channel> ChannelFromPicklistValue(std::string_view value);
std::string_view OutcomePicklistValue(domain::Outcome outcome);  // e.g. kConversation -> Right
                                                                 // Party Contact
std::string_view VoiceModeNote(domain::VoiceMode voice);  // "Voice: human", "Voice: AI voice", ...

}  // namespace recoup::sim::adapters

#endif  // RECOUP_SIM_ADAPTERS_ORG_RECORD_MAPPING_H_
