// ComplianceAudit: building the packed state (audit_records.h) from the portfolio as placed, and
// the report.
#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/compliance/regions.h"
#include "sim/recording/audit_location.h"
#include "sim/recording/audit_state.h"
#include "sim/recording/compliance_audit.h"

namespace recoup::sim::recording {
namespace {

using audit::AccountField;
using audit::AccountRecord;
using audit::Candidate;
using audit::EmailField;
using audit::kAlways;
using audit::kNever;
using audit::PersonField;
using audit::PersonRecord;
using audit::PhoneField;
using audit::PhoneRecord;
using compliance::Rule;

template <class Field>
uint8_t Bit(Field f, bool set) {
  return set ? static_cast<uint8_t>(1U << static_cast<int>(f)) : uint8_t{0};
}

// Gives each distinct value one index, in order of first appearance. `Key` is ordered; the map
// lives only while the state is built.
template <class Key>
class Interner {
 public:
  // The index of `key`, and whether it is new (the caller then appends its value).
  std::pair<uint32_t, bool> Intern(const Key& key) {
    const auto [it, added] = index_.try_emplace(key, static_cast<uint32_t>(index_.size()));
    return {it->second, added};
  }

 private:
  std::map<Key, uint32_t> index_;
};

// The zones of `d`'s address (its own, else its region's) and its known zones; a name that does not
// load marks the location unknown.
void Locate(const domain::Debtor& d, audit::ZoneTable& zones, audit::Location& out) {
  out.home.clear();
  out.known.clear();
  out.unknown_zone_name = false;
  const audit::WindowKind home_kind = audit::KindOfCountry(d.address.country);
  const auto add = [&zones, &out, home_kind](std::string_view name, std::vector<Candidate>& list) {
    const int zone = zones.Find(name);
    if (zone < 0)
      out.unknown_zone_name = true;
    else
      list.push_back({zone, home_kind});
  };
  if (!d.address.time_zone.empty()) {
    add(d.address.time_zone, out.home);
  } else if (!d.address.country.empty()) {
    for (const std::string_view name :
         compliance::ZonesOfRegion(d.address.country, d.address.region)) {
      add(name, out.home);
    }
  }
  for (const std::string& name : d.known_time_zones) add(name, out.known);
  out.inconvenient = d.inconvenient_times;
}

// A Location as an ordered key: the sizes, then every field of every element.
void KeyOf(const audit::Location& l, std::vector<int64_t>& key) {
  key.assign({static_cast<int64_t>(l.home.size()), static_cast<int64_t>(l.known.size()),
              static_cast<int64_t>(l.inconvenient.size()), l.unknown_zone_name ? 1 : 0});
  for (const std::vector<Candidate>* list : {&l.home, &l.known}) {
    for (const Candidate& k : *list) {
      key.push_back(k.zone);
      key.push_back(static_cast<int64_t>(k.kind));
    }
  }
  for (const domain::InconvenientTime& b : l.inconvenient) {
    key.push_back(b.weekdays);
    key.push_back(b.start_minute);
    key.push_back(b.end_minute);
  }
}

using ConsentKey = std::array<int64_t, 6>;

ConsentKey KeyOf(const audit::ConsentSet& c) {
  return {c.robocall.from.unix_nanos(), c.robocall.until.unix_nanos(),
          c.sms.from.unix_nanos(),      c.sms.until.unix_nanos(),
          c.whatsapp.from.unix_nanos(), c.whatsapp.until.unix_nanos()};
}

PhoneRecord PhoneOf(const domain::Phone& phone) {
  PhoneRecord r;
  // The area-code table holds 3-digit codes: a code that does not fit 16 bits is in no table, no
  // location, like 0.
  if (phone.area_code > 0 && phone.area_code <= 0xffff) {
    r.area_code = static_cast<uint16_t>(phone.area_code);
  }
  r.initially = Bit(PhoneField::kWrongNumber, phone.wrong_number) |
                Bit(PhoneField::kCallsOptedOut, phone.calls_opted_out) |
                Bit(PhoneField::kTextsOptedOut, phone.texts_opted_out) |
                Bit(PhoneField::kWhatsAppOptedOut, phone.whatsapp_opted_out);
  if (!phone.e164.empty()) r.flags |= audit::kHasNumber;
  if (phone.place == domain::Place::kWork) r.flags |= audit::kWorkPlace;
  return r;
}

}  // namespace

ComplianceAudit::ComplianceAudit(std::unique_ptr<State> state) : state_(std::move(state)) {}
ComplianceAudit::ComplianceAudit(ComplianceAudit&&) noexcept = default;
ComplianceAudit& ComplianceAudit::operator=(ComplianceAudit&&) noexcept = default;
ComplianceAudit::~ComplianceAudit() = default;

StatusOr<ComplianceAudit> ComplianceAudit::Create(std::span<const domain::Account> accounts,
                                                  std::span<const domain::Debtor> debtors,
                                                  const compliance::Profile& profile) {
  return Create(
      accounts, debtors.size(),
      [debtors](std::size_t k) -> const domain::Debtor& { return debtors[k]; }, profile);
}

StatusOr<ComplianceAudit> ComplianceAudit::Create(
    std::span<const domain::Account> accounts, std::size_t debtor_count,
    const std::function<const domain::Debtor&(std::size_t)>& debtor,
    const compliance::Profile& profile) {
  auto s = std::make_unique<State>();
  s->profile = profile;
  // Every pool is indexed by uint32_t, and sized exactly.
  std::size_t phone_count = 0;
  std::size_t email_count = 0;
  for (std::size_t k = 0; k < debtor_count; ++k) {
    const domain::Debtor& d = debtor(k);
    phone_count += d.phones.size();
    email_count += d.emails.size();
  }
  constexpr std::size_t kMaxRecords = std::numeric_limits<uint32_t>::max() - 1;
  if (debtor_count > kMaxRecords || accounts.size() > kMaxRecords || phone_count > kMaxRecords ||
      email_count > kMaxRecords) {
    return InvalidArgumentError("the compliance audit takes at most " +
                                std::to_string(kMaxRecords) +
                                " debtors, accounts, phones and e-mails each");
  }
  s->persons.reserve(debtor_count + 1);
  s->phones.reserve(phone_count);
  s->emails.reserve(email_count);
  Interner<std::vector<int64_t>> location_ids;
  Interner<ConsentKey> consent_ids;
  audit::Location location;
  std::vector<int64_t> location_key;
  std::vector<domain::PersonId> person_ids(debtor_count);
  for (std::size_t k = 0; k < debtor_count; ++k) {
    const domain::Debtor& d = debtor(k);
    person_ids[k] = d.id;
    PersonRecord p;
    p.phones = static_cast<uint32_t>(s->phones.size());
    p.emails = static_cast<uint32_t>(s->emails.size());
    for (const domain::Phone& phone : d.phones) {
      PhoneRecord r = PhoneOf(phone);
      const audit::ConsentSet consents{audit::Interval::Of(phone.robocall_consent),
                                       audit::Interval::Of(phone.sms_consent),
                                       audit::Interval::Of(phone.whatsapp_consent)};
      const auto [id, added] = consent_ids.Intern(KeyOf(consents));
      if (added) s->consent_sets.push_back(consents);
      r.consents = id;
      s->phones.push_back(r);
    }
    for (const domain::Email& email : d.emails) {
      audit::EmailRecord r;
      r.initially = Bit(EmailField::kOptedOut, email.opted_out);
      if (!email.address.empty()) r.flags |= audit::kHasAddress;
      if (email.employer_provided) r.flags |= audit::kEmployerProvided;
      s->emails.push_back(r);
    }
    Locate(d, s->zones, location);
    KeyOf(location, location_key);
    const auto [id, added] = location_ids.Intern(location_key);
    if (added) s->locations.push_back(location);
    p.location = id;
    p.initially = Bit(PersonField::kBankruptcy, d.bankruptcy) |
                  Bit(PersonField::kDeceased, d.deceased) |
                  Bit(PersonField::kCallsOptedOut, d.calls_opted_out) |
                  Bit(PersonField::kTextsOptedOut, d.texts_opted_out) |
                  Bit(PersonField::kWhatsAppOptedOut, d.whatsapp_opted_out) |
                  Bit(PersonField::kEmailsOptedOut, d.emails_opted_out);
    if (d.capacity_hold) p.flags |= audit::kCapacityHold;
    if (d.no_contact_at_work) p.flags |= audit::kNoContactAtWork;
    if (d.consented_to_inconvenient_hours) p.flags |= audit::kConsentedHours;
    if (d.breathing_space_until != kAlways) {
      p.flags |= audit::kOverlaid;
      s->person_times.Set(static_cast<uint32_t>(s->persons.size()),
                          static_cast<uint8_t>(PersonField::kBreathingSpaceUntil),
                          d.breathing_space_until);
    }
    s->persons.push_back(p);
  }
  s->locations.shrink_to_fit();
  s->consent_sets.shrink_to_fit();
  PersonRecord end;  // where the pools end
  end.phones = static_cast<uint32_t>(s->phones.size());
  end.emails = static_cast<uint32_t>(s->emails.size());
  s->persons.push_back(end);
  const int64_t repeated_person =
      s->person_ids.Build(debtor_count, [&](std::size_t k) { return person_ids[k]; });
  if (repeated_person >= 0) {
    return InvalidArgumentError(
        "debtors[" + std::to_string(repeated_person) + "]: person id " +
        std::to_string(person_ids[static_cast<std::size_t>(repeated_person)]) + " repeats");
  }
  person_ids = {};
  s->accounts.reserve(accounts.size());
  for (std::size_t i = 0; i < accounts.size(); ++i) {
    const domain::Account& a = accounts[i];
    const int64_t person = s->person_ids.Find(a.debtor);
    if (person < 0) {
      return InvalidArgumentError("accounts[" + std::to_string(i) + "] (id " +
                                  std::to_string(a.id) + "): debtor " + std::to_string(a.debtor) +
                                  " is not among the debtors");
    }
    AccountRecord r;
    r.person = static_cast<uint32_t>(person);
    // Account::CeaseInEffect is `written_cease <= now`; flags here are "strictly before".
    const Timestamp cease = a.written_cease == kAlways || a.written_cease == kNever
                                ? a.written_cease
                                : a.written_cease - Duration::Nanoseconds(1);
    r.initially = Bit(AccountField::kCease, cease == kAlways) |
                  Bit(AccountField::kAttorney, a.attorney_represented) |
                  Bit(AccountField::kDispute, a.dispute == domain::DisputeStatus::kOpen);
    if (cease != kAlways && cease != kNever) {
      r.flags |= audit::kOverlaid;
      s->account_times.Set(static_cast<uint32_t>(i), static_cast<uint8_t>(AccountField::kCease),
                           cease);
    }
    if (a.original_creditor_hold) r.flags |= audit::kOriginalCreditorHold;
    s->accounts.push_back(r);
  }
  const int64_t repeated_account =
      s->account_ids.Build(accounts, [](const domain::Account& a) { return a.id; });
  if (repeated_account >= 0) {
    return InvalidArgumentError(
        "accounts[" + std::to_string(repeated_account) + "]: account id " +
        std::to_string(accounts[static_cast<std::size_t>(repeated_account)].id) + " repeats");
  }
  return ComplianceAudit(std::move(s));
}

AuditReport ComplianceAudit::Report() const {
  AuditReport r;
  r.rows_seen = state_->rows_seen;
  r.rows_checked = state_->rows_checked;
  r.violations = state_->violations;
  const auto key = [](const AuditViolation& v) { return std::make_pair(v.row, v.rule); };
  std::sort(r.violations.begin(), r.violations.end(),
            [&key](const AuditViolation& a, const AuditViolation& b) { return key(a) < key(b); });
  r.violations.erase(std::unique(r.violations.begin(), r.violations.end(),
                                 [&key](const AuditViolation& a, const AuditViolation& b) {
                                   return key(a) == key(b);
                                 }),
                     r.violations.end());
  return r;
}

std::vector<uint64_t> AuditReport::ViolatingRows() const {
  std::vector<uint64_t> rows;
  for (const AuditViolation& v : violations) {
    if (rows.empty() || rows.back() != v.row) rows.push_back(v.row);
  }
  return rows;
}

int64_t AuditReport::Count(Rule rule) const {
  return std::count_if(violations.begin(), violations.end(),
                       [rule](const AuditViolation& v) { return v.rule == rule; });
}

std::vector<uint64_t> AuditReport::Rows(Rule rule) const {
  std::vector<uint64_t> rows;
  for (const AuditViolation& v : violations) {
    if (v.rule == rule) rows.push_back(v.row);
  }
  return rows;
}

std::vector<std::pair<Rule, int64_t>> AuditReport::ByRule() const {
  std::vector<std::pair<Rule, int64_t>> out;
  for (int i = 0; i < compliance::kRuleCount; ++i) {
    const int64_t n = Count(static_cast<Rule>(i));
    if (n > 0) out.emplace_back(static_cast<Rule>(i), n);
  }
  return out;
}

}  // namespace recoup::sim::recording
