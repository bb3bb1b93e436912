// ComplianceAudit: building the state from the portfolio as placed, and the report.
#include <algorithm>
#include <map>
#include <string>
#include <utility>

#include "core/compliance/regions.h"
#include "sim/recording/audit_location.h"
#include "sim/recording/audit_state.h"
#include "sim/recording/compliance_audit.h"

namespace recoup::sim::recording {
namespace {

using audit::AccountState;
using audit::Initially;
using audit::kAlways;
using audit::kNever;
using audit::PersonState;
using audit::PhoneState;
using compliance::Rule;

}  // namespace

ComplianceAudit::ComplianceAudit(std::unique_ptr<State> state) : state_(std::move(state)) {}
ComplianceAudit::ComplianceAudit(ComplianceAudit&&) noexcept = default;
ComplianceAudit& ComplianceAudit::operator=(ComplianceAudit&&) noexcept = default;
ComplianceAudit::~ComplianceAudit() = default;

StatusOr<ComplianceAudit> ComplianceAudit::Create(std::span<const domain::Account> accounts,
                                                  std::span<const domain::Debtor> debtors,
                                                  const compliance::Profile& profile) {
  auto s = std::make_unique<State>();
  s->profile = profile;
  s->persons.reserve(debtors.size());
  for (std::size_t i = 0; i < debtors.size(); ++i) {
    const domain::Debtor& d = debtors[i];
    s->person_index.emplace_back(d.id, static_cast<uint32_t>(i));
    PersonState p;
    for (const domain::Phone& phone : d.phones) {
      PhoneState ps;
      ps.has_number = !phone.e164.empty();
      ps.area_code = phone.area_code;
      ps.place = phone.place;
      ps.robocall = phone.robocall_consent;
      ps.sms = phone.sms_consent;
      ps.whatsapp = phone.whatsapp_consent;
      ps.wrong_number = Initially(phone.wrong_number);
      ps.calls_opted_out = Initially(phone.calls_opted_out);
      ps.texts_opted_out = Initially(phone.texts_opted_out);
      ps.whatsapp_opted_out = Initially(phone.whatsapp_opted_out);
      p.phones.push_back(ps);
    }
    for (const domain::Email& email : d.emails) {
      p.emails.push_back(
          {!email.address.empty(), email.employer_provided, Initially(email.opted_out)});
    }
    const audit::WindowKind home_kind = audit::KindOfCountry(d.address.country);
    if (!d.address.time_zone.empty()) {
      const int zone = s->zones.Find(d.address.time_zone);
      if (zone < 0)
        p.unknown_zone_name = true;
      else
        p.home.push_back({zone, home_kind});
    } else if (!d.address.country.empty()) {
      for (const std::string_view name :
           compliance::ZonesOfRegion(d.address.country, d.address.region)) {
        const int zone = s->zones.Find(name);
        if (zone < 0)
          p.unknown_zone_name = true;
        else
          p.home.push_back({zone, home_kind});
      }
    }
    for (const std::string& name : d.known_time_zones) {
      const int zone = s->zones.Find(name);
      if (zone < 0)
        p.unknown_zone_name = true;
      else
        p.known.push_back({zone, home_kind});
    }
    p.inconvenient = d.inconvenient_times;
    p.bankruptcy = Initially(d.bankruptcy);
    p.deceased = Initially(d.deceased);
    p.calls_opted_out = Initially(d.calls_opted_out);
    p.texts_opted_out = Initially(d.texts_opted_out);
    p.whatsapp_opted_out = Initially(d.whatsapp_opted_out);
    p.emails_opted_out = Initially(d.emails_opted_out);
    p.breathing_space_until = d.breathing_space_until;
    p.capacity_hold = d.capacity_hold;
    p.no_contact_at_work = d.no_contact_at_work;
    p.consented_hours = d.consented_to_inconvenient_hours;
    s->persons.push_back(std::move(p));
  }
  std::sort(s->person_index.begin(), s->person_index.end());
  for (std::size_t i = 1; i < s->person_index.size(); ++i) {
    if (s->person_index[i].first == s->person_index[i - 1].first) {
      return InvalidArgumentError("debtors[" + std::to_string(s->person_index[i].second) +
                                  "]: person id " + std::to_string(s->person_index[i].first) +
                                  " repeats");
    }
  }
  for (std::size_t i = 0; i < accounts.size(); ++i) {
    const domain::Account& a = accounts[i];
    if (State::Find(s->person_index, a.debtor) < 0) {
      return InvalidArgumentError("accounts[" + std::to_string(i) + "] (id " +
                                  std::to_string(a.id) + "): debtor " + std::to_string(a.debtor) +
                                  " is not among the debtors");
    }
    AccountState st;
    st.person = a.debtor;
    // Account::CeaseInEffect is `written_cease <= now`; flags here are "strictly before".
    st.cease = a.written_cease == kAlways || a.written_cease == kNever
                   ? a.written_cease
                   : a.written_cease - Duration::Nanoseconds(1);
    st.attorney = Initially(a.attorney_represented);
    st.dispute = Initially(a.dispute == domain::DisputeStatus::kOpen);
    st.original_creditor_hold = a.original_creditor_hold;
    s->account_index.emplace_back(a.id, static_cast<uint32_t>(i));
    s->accounts.push_back(st);
  }
  std::sort(s->account_index.begin(), s->account_index.end());
  for (std::size_t i = 1; i < s->account_index.size(); ++i) {
    if (s->account_index[i].first == s->account_index[i - 1].first) {
      return InvalidArgumentError("accounts[" + std::to_string(s->account_index[i].second) +
                                  "]: account id " + std::to_string(s->account_index[i].first) +
                                  " repeats");
    }
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
