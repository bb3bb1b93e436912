// OrgPort records <-> collections objects (org_record_mapping.h).
#include "sim/adapters/org_record_mapping.h"

#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace recoup::sim::adapters {
namespace {

using org::FieldDef;
using org::FieldInput;
using org::FieldValue;
using org::ObjectDef;

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i];
    char y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

// Milliseconds since the epoch, rounded down (the org keeps datetimes to the millisecond).
int64_t MillisOf(Timestamp t) {
  const int64_t ns = t.unix_nanos();
  int64_t ms = ns / 1'000'000;
  if (ns % 1'000'000 < 0) --ms;
  return ms;
}

FieldValue DateTimeValue(Timestamp t) { return FieldValue::DateTime(MillisOf(t)); }

// Major units with 2 decimals: exact for every amount below 2^53 minor units.
FieldValue CurrencyValue(Money m) {
  return FieldValue::Double(static_cast<double>(m.minor_units()) / 100.0);
}

// "" is null (the org stores no empty strings).
FieldValue TextValue(std::string_view text) {
  return text.empty() ? FieldValue::Null() : FieldValue::String(std::string(text));
}

// A picklist value in the field's own spelling when it has it (case-insensitive), else as given.
FieldValue PicklistValue(const FieldDef& field, std::string_view text) {
  if (text.empty()) return FieldValue::Null();
  for (const org::PicklistValue& p : field.picklist_values) {
    if (p.active && EqualsIgnoreCase(p.value, text)) return FieldValue::String(p.value);
  }
  return FieldValue::String(std::string(text));
}

bool HasPicklistValue(const FieldDef& field, std::string_view text) {
  for (const org::PicklistValue& p : field.picklist_values) {
    if (p.active && EqualsIgnoreCase(p.value, text)) return true;
  }
  return false;
}

void Set(org::RecordInput* input, const FieldDef* field, FieldValue value) {
  input->push_back(FieldInput{field, std::move(value), nullptr});
}

// Starts a write of `object` linked to the account `account_external_id` (checked non-empty).
StatusOr<OrgWrite> Begin(const CollectionsSchema& schema, const ObjectDef* object,
                         const FieldDef* lookup, std::string_view what,
                         const std::string& account_external_id) {
  if (account_external_id.empty()) {
    return InvalidArgumentError(std::string(what) + ".account_external_id: must not be empty");
  }
  OrgWrite write;
  write.object = object;
  write.account_external_id = account_external_id;
  write.input.push_back(
      FieldInput{lookup, FieldValue::String(account_external_id), schema.account_external_id});
  return write;
}

}  // namespace

std::string_view ChannelPicklistValue(domain::Channel channel) {
  switch (channel) {
    case domain::Channel::kCall:
      return "Call";
    case domain::Channel::kSms:
      return "SMS";
    case domain::Channel::kEmail:
      return "Email";
    case domain::Channel::kLetter:
      return "Letter";
    case domain::Channel::kWhatsApp:
      return "WhatsApp";
  }
  return "Call";
}

std::optional<domain::Channel> ChannelFromPicklistValue(std::string_view value) {
  for (int c = 0; c < domain::kChannelCount; ++c) {
    const auto channel = static_cast<domain::Channel>(c);
    if (EqualsIgnoreCase(ChannelPicklistValue(channel), value)) return channel;
  }
  return std::nullopt;
}

std::string_view OutcomePicklistValue(domain::Outcome outcome) {
  using domain::Outcome;
  switch (outcome) {
    case Outcome::kBusy:
      return "Busy";
    case Outcome::kNotInService:
      return "Failed";
    case Outcome::kNoAnswer:
      return "No Answer";
    case Outcome::kVoicemailLimited:
    case Outcome::kVoicemailFull:
    case Outcome::kRinglessVoicemail:
      return "Voicemail";
    case Outcome::kAnsweredNoConversation:
      return "Refused";
    case Outcome::kWrongParty:
      return "Wrong Party";
    case Outcome::kConversation:
    case Outcome::kInboundFromConsumer:
      return "Right Party Contact";
    case Outcome::kSent:
      return "Delivered";
    case Outcome::kUndeliverable:
      return "Bounced";
  }
  return "Failed";
}

std::string_view VoiceModeNote(domain::VoiceMode voice) {
  switch (voice) {
    case domain::VoiceMode::kHuman:
      return "Voice: human";
    case domain::VoiceMode::kAiVoice:
      return "Voice: AI voice";
    case domain::VoiceMode::kPrerecorded:
      return "Voice: prerecorded";
    case domain::VoiceMode::kAutodialedHuman:
      return "Voice: autodialed human";
  }
  return "Voice: human";
}

StatusOr<OrgWrite> ContactAttemptWrite(const CollectionsSchema& schema,
                                       const OrgContactAttempt& attempt) {
  StatusOr<OrgWrite> write = Begin(schema, schema.attempt, schema.attempt_account,
                                   "OrgContactAttempt", attempt.account_external_id);
  if (!write.ok()) return write;
  org::RecordInput& in = write->input;
  Set(&in, schema.attempt_channel,
      PicklistValue(*schema.attempt_channel, ChannelPicklistValue(attempt.channel)));
  Set(&in, schema.attempt_at, DateTimeValue(attempt.attempted_at));
  Set(&in, schema.attempt_outcome,
      PicklistValue(*schema.attempt_outcome, OutcomePicklistValue(attempt.outcome)));
  Set(&in, schema.attempt_rpc, FieldValue::Bool(attempt.right_party_contact));
  std::string notes(VoiceModeNote(attempt.voice));
  if (attempt.inbound) notes += "; direction: inbound";  // the schema has no direction field
  Set(&in, schema.attempt_notes, TextValue(notes));
  return write;
}

StatusOr<OrgWrite> ComplianceWrite(const CollectionsSchema& schema,
                                   const OrgComplianceRecord& record) {
  std::string_view result;
  for (std::string_view r : {"Allow", "Deny", "Defer"}) {
    if (EqualsIgnoreCase(r, record.result)) result = r;
  }
  if (result.empty()) {
    return InvalidArgumentError("OrgComplianceRecord.result: expected allow, deny or defer, got '" +
                                record.result + "'");
  }
  if (record.rule.empty() && result != "Allow") {
    return InvalidArgumentError("OrgComplianceRecord.rule: must not be empty for a " +
                                std::string(result) + " verdict");
  }
  StatusOr<OrgWrite> write = Begin(schema, schema.compliance, schema.compliance_account,
                                   "OrgComplianceRecord", record.account_external_id);
  if (!write.ok()) return write;
  org::RecordInput& in = write->input;
  Set(&in, schema.compliance_rule, TextValue(record.rule.empty() ? "none" : record.rule));
  Set(&in, schema.compliance_result, PicklistValue(*schema.compliance_result, result));
  Set(&in, schema.compliance_reason, TextValue(record.reason));
  Set(&in, schema.compliance_checked_at, DateTimeValue(record.checked_at));
  return write;
}

StatusOr<OrgWrite> ArrangementWrite(const CollectionsSchema& schema,
                                    const OrgArrangement& arrangement) {
  StatusOr<OrgWrite> write = Begin(schema, schema.arrangement, schema.arrangement_account,
                                   "OrgArrangement", arrangement.account_external_id);
  if (!write.ok()) return write;
  org::RecordInput& in = write->input;
  Set(&in, schema.arrangement_amount, CurrencyValue(arrangement.amount));
  Set(&in, schema.arrangement_instalments,
      FieldValue::Double(static_cast<double>(arrangement.instalments)));
  const domain::LocalDate& due = arrangement.next_due_date;
  Set(&in, schema.arrangement_next_due,
      FieldValue::Date(org::DaysFromCivil(static_cast<int>(due.year()), due.month(), due.day())));
  if (!arrangement.status.empty()) {
    Set(&in, schema.arrangement_status,
        PicklistValue(*schema.arrangement_status, arrangement.status));
  }
  return write;
}

StatusOr<OrgWrite> DisputeWrite(const CollectionsSchema& schema, const OrgDispute& dispute) {
  StatusOr<OrgWrite> write = Begin(schema, schema.dispute, schema.dispute_account, "OrgDispute",
                                   dispute.account_external_id);
  if (!write.ok()) return write;
  org::RecordInput& in = write->input;
  if (HasPicklistValue(*schema.dispute_reason, dispute.reason)) {
    Set(&in, schema.dispute_reason, PicklistValue(*schema.dispute_reason, dispute.reason));
  } else {
    // Free text: the picklist's catch-all, and the words in the description.
    Set(&in, schema.dispute_reason, PicklistValue(*schema.dispute_reason, "Other"));
    Set(&in, schema.dispute_description, TextValue(dispute.reason));
  }
  Set(&in, schema.dispute_opened_at, DateTimeValue(dispute.opened_at));
  if (!dispute.status.empty()) {
    // The port's "Verified" (the debt was verified, collection may resume) is the org's "Rejected".
    const std::string_view status = EqualsIgnoreCase(dispute.status, "Verified")
                                        ? "Rejected"
                                        : std::string_view(dispute.status);
    Set(&in, schema.dispute_status, PicklistValue(*schema.dispute_status, status));
  }
  return write;
}

StatusOr<OrgWrite> PaymentWrite(const CollectionsSchema& schema, const OrgPayment& payment) {
  if (payment.external_id.empty()) {
    return InvalidArgumentError(
        "OrgPayment.external_id: must not be empty (payments are upserted "
        "by it)");
  }
  StatusOr<OrgWrite> write = Begin(schema, schema.payment, schema.payment_account, "OrgPayment",
                                   payment.account_external_id);
  if (!write.ok()) return write;
  write->upsert_field = schema.payment_external_id;
  write->upsert_key = FieldValue::String(payment.external_id);
  org::RecordInput& in = write->input;
  Set(&in, schema.payment_amount, CurrencyValue(payment.amount));
  Set(&in, schema.payment_paid_at, DateTimeValue(payment.paid_at));
  Set(&in, schema.payment_method, PicklistValue(*schema.payment_method, payment.method));
  if (!payment.status.empty()) {
    Set(&in, schema.payment_status, PicklistValue(*schema.payment_status, payment.status));
  }
  return write;
}

org::RowIndex FindAccountRow(const CollectionsSchema& schema, const org::RecordStore& store,
                             std::string_view external_id) {
  if (external_id.empty()) return org::kNoRow;
  std::vector<org::RowIndex> rows;
  store.LookupEqual(*schema.account, *schema.account_external_id,
                    org::ValueView::String(external_id), &rows);
  for (org::RowIndex row : rows) {
    if (!store.IsDeleted(*schema.account, row)) return row;
  }
  return org::kNoRow;
}

OrgAccountView AccountViewOf(const CollectionsSchema& schema, const org::RecordStore& store,
                             org::RowIndex row) {
  const ObjectDef& account = *schema.account;
  const auto text = [&](const FieldDef* f) {
    const org::ValueView v = store.Get(account, row, *f);
    return v.is_null() ? std::string() : std::string(v.str());
  };
  const auto number = [&](const FieldDef* f) {
    const org::ValueView v = store.Get(account, row, *f);
    return v.is_null() ? 0.0 : v.AsDouble();
  };
  OrgAccountView view;
  view.record_id = store.IdOf(account, row).ToLong();
  view.external_id = text(schema.account_external_id);
  view.balance = Money::FromMinorUnits(std::llround(number(schema.account_balance) * 100.0));
  view.days_past_due = static_cast<int>(std::llround(number(schema.account_days_past_due)));
  view.status = text(schema.account_status);
  view.segment = text(schema.account_segment);
  return view;
}

Status StatusFromSfError(const org::SfError& error, std::string_view object) {
  std::string message = std::string(object) + ": " + error.error_code + ": " + error.message;
  if (!error.fields.empty()) {
    message += " (fields: ";
    for (size_t i = 0; i < error.fields.size(); ++i) {
      if (i > 0) message += ", ";
      message += error.fields[i];
    }
    message += ")";
  }
  const std::string& code = error.error_code;
  if (error.http_status == 404) return NotFoundError(message);
  if (error.http_status == 401) return UnauthenticatedError(message);
  if (code == "REQUEST_LIMIT_EXCEEDED" || code == "STORAGE_LIMIT_EXCEEDED") {
    return ResourceExhaustedError(message);
  }
  if (code == "UNABLE_TO_LOCK_ROW" || code == "SERVER_UNAVAILABLE" ||
      (error.http_status > 500 && error.http_status < 600)) {
    return UnavailableError(message);
  }
  if (error.http_status == 500) return InternalError(message);
  return InvalidArgumentError(message);
}

}  // namespace recoup::sim::adapters
