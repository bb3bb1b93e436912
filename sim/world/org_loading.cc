// LoadPortfolioIntoOrg (org_loading.h).
#include "sim/world/org_loading.h"

#include <string>
#include <utility>

#include "core/domain/account.h"
#include "sim/org/record_input.h"
#include "sim/org/record_store.h"
#include "sim/org/schema.h"
#include "sim/org/value.h"

namespace recoup::sim::world {
namespace {

using org::FieldDef;
using org::FieldValue;

double Major(Money m) { return static_cast<double>(m.minor_units()) / 100.0; }

std::string_view SegmentOf(domain::Stage stage) {
  switch (stage) {
    case domain::Stage::kEarly:
      return "Early";
    case domain::Stage::kMid:
      return "Mid";
    case domain::Stage::kLate:
      return "Late";
    case domain::Stage::kRecovery:
      return "Recovery";
    case domain::Stage::kCurrent:
      break;
  }
  return "";
}

// The UTC civil day of `t`, as days since 1970-01-01.
int32_t EpochDay(Timestamp t) {
  constexpr int64_t kNanosPerDay = 86'400'000'000'000;
  const int64_t ns = t.unix_nanos();
  return static_cast<int32_t>(ns >= 0 ? ns / kNanosPerDay
                                      : -((-ns + kNanosPerDay - 1) / kNanosPerDay));
}

}  // namespace

Status LoadPortfolioIntoOrg(const Portfolio& portfolio, org::Org& org, const org::SfId& user) {
  const org::Schema& schema = org.schema();
  const org::ObjectDef* account = schema.FindObject("Collection_Account__c");
  if (account == nullptr || account->is_platform_event()) {
    return InvalidArgumentError("org schema: Collection_Account__c: missing");
  }
  const FieldDef* external_id = account->FindField("External_Id__c");
  if (external_id == nullptr || !external_id->external_id || !org::IsTextType(external_id->type)) {
    return InvalidArgumentError(
        "org schema: Collection_Account__c.External_Id__c: must be an external-Id text field");
  }
  const FieldDef* balance = account->FindField("Balance__c");
  if (balance == nullptr) {
    return InvalidArgumentError("org schema: Collection_Account__c.Balance__c: missing");
  }
  // The record's Name, when the org does not number it itself.
  const FieldDef* name = account->name_field();
  if (name != nullptr && !name->createable) name = nullptr;
  const FieldDef* original = account->FindField("Original_Balance__c");
  const FieldDef* dpd = account->FindField("Days_Past_Due__c");
  const FieldDef* due = account->FindField("Due_Date__c");
  const FieldDef* status = account->FindField("Status__c");
  const FieldDef* segment = account->FindField("Segment__c");
  const FieldDef* jurisdiction = account->FindField("Jurisdiction__c");
  const FieldDef* zone = account->FindField("Time_Zone__c");
  const FieldDef* dnc = account->FindField("Do_Not_Contact__c");

  const Timestamp now = portfolio.start;
  const int32_t start_day = EpochDay(now);
  org::Org::Session session = org.Lock();
  org::RecordStore& store = session.store();
  org::RecordInput input;
  input.reserve(12);
  auto add = [&input](const FieldDef* field, FieldValue value) {
    if (field == nullptr) return;
    org::FieldInput in;
    in.field = field;
    in.value = std::move(value);
    input.push_back(std::move(in));
  };
  domain::Debtor d;
  for (size_t i = 0; i < portfolio.size(); ++i) {
    const domain::Account& a = portfolio.accounts[i];
    portfolio.debtors.Read(i, &d);
    input.clear();
    add(external_id, FieldValue::String(a.external_id));
    add(name, FieldValue::String(a.external_id));
    add(balance, FieldValue::Double(Major(a.balance.Total())));
    add(original, FieldValue::Double(Major(a.original_balance)));
    add(dpd, FieldValue::Double(a.days_past_due));
    add(due, FieldValue::Date(start_day - a.days_past_due));
    add(status,
        FieldValue::String(a.dispute == domain::DisputeStatus::kOpen ? "Disputed" : "Active"));
    const std::string_view seg = SegmentOf(a.stage());
    if (!seg.empty()) add(segment, FieldValue::String(std::string(seg)));
    if (!d.address.country.empty()) {
      add(jurisdiction, FieldValue::String(d.address.region.empty()
                                               ? d.address.country
                                               : d.address.country + "-" + d.address.region));
    }
    if (!d.address.time_zone.empty()) add(zone, FieldValue::String(d.address.time_zone));
    add(dnc, FieldValue::Bool(d.deceased || d.bankruptcy || a.attorney_represented ||
                              a.CeaseInEffect(now)));
    org::SfOr<org::SfId> created = store.Create(*account, input, now, user);
    if (!created.ok()) {
      const org::SfError& e = created.error();
      return InvalidArgumentError("account " + a.external_id + " (id " + std::to_string(a.id) +
                                  "): Collection_Account__c: " + e.error_code + ": " + e.message);
    }
  }
  return OkStatus();
}

}  // namespace recoup::sim::world
