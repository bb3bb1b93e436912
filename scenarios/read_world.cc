// The world sections of a scenario file that describe the debtors: run, portfolio, behaviour
// (read_operation.cc has the operation's: channels, staffing, org). Key names are the struct fields
// of sim/world/world_config.h.
#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "core/compliance/area_codes.h"
#include "core/compliance/regions.h"
#include "scenarios/enum_names.h"
#include "scenarios/sections.h"

namespace recoup::scenarios::internal {
namespace {

using sim::world::LognormalSpec;

void ReadLognormal(Context& c, const YAML::Node& node, const std::string& path,
                   LognormalSpec& out) {
  MapReader m(c, node, path);
  m.Field("median", out.median, Positive);
  m.Field("sigma", out.sigma, NonNegative);
  m.Finish();
}

bool ReadProduct(Context& c, const YAML::Node& node, const std::string& path,
                 sim::world::ProductSpec& p) {
  MapReader m(c, node, path);
  if (const YAML::Node* n = m.Get("product")) {
    ReadEnum(c, *n, m.PathOf("product"), ProductNames(), p.product);
  }
  m.Field("weight", p.weight, NonNegative);
  m.Field("creditor", p.creditor);
  if (const YAML::Node* n = m.Get("collector")) {
    ReadEnum(c, *n, m.PathOf("collector"), CollectorNames(), p.collector);
  }
  m.Section("balance", p.balance, ReadLognormal);
  m.Field("fees_share", p.fees_share, NonNegative);
  m.Field("interest_share", p.interest_share, NonNegative);
  m.Field("min_days_past_due", p.min_days_past_due, AtLeast(0));
  m.Field("max_days_past_due", p.max_days_past_due, AtLeast(0));
  m.Finish();
  return c.ok();
}

// The NANP area codes of `region` in `country` (all of the country's when region is empty).
std::vector<int> AreaCodesOf(std::string_view country, std::string_view region) {
  std::vector<int> codes;
  for (const compliance::AreaCodeEntry& e : compliance::AllAreaCodes()) {
    if (e.info.country == country && (region.empty() || e.info.region == region)) {
      codes.push_back(e.area_code);
    }
  }
  return codes;
}

// Whether area code `code` serves `region` of `country` (any region when empty).
bool ServesRegion(const compliance::AreaCodeInfo& info, std::string_view country,
                  std::string_view region) {
  if (info.country != country) return false;
  if (region.empty() || info.region == region) return true;
  return std::find(info.other_regions.begin(), info.other_regions.end(), region) !=
         info.other_regions.end();
}

// A region element that names its country or region gets its time zone (the first zone of the
// compliance engine's region table) and its area codes (every NANP code of the region; none
// outside the US and Canada) from the tables unless it gives them; a country without a region
// means the whole country (region ""). Given values are checked
// against the same tables, so a copy-pasted New York zone or area code cannot land in Washington.
bool ReadRegion(Context& c, const YAML::Node& node, const std::string& path,
                sim::world::RegionSpec& r) {
  MapReader m(c, node, path);
  const bool located = m.Get("country") != nullptr || m.Get("region") != nullptr;
  m.Field("country", r.country);
  if (m.Get("country") != nullptr && m.Get("region") == nullptr) r.region.clear();  // all of it
  m.Field("region", r.region);
  const YAML::Node* zone_node = m.Get("time_zone");
  m.Field("time_zone", r.time_zone);
  const YAML::Node* codes_node = m.Get("area_codes");
  m.Field("area_codes", r.area_codes);
  m.Field("postal_codes", r.postal_codes);
  m.Field("weight", r.weight, NonNegative);
  m.Finish();
  if (!c.ok()) return false;
  const std::span<const std::string_view> zones = compliance::ZonesOfRegion(r.country, r.region);
  const std::string where = r.country + (r.region.empty() ? "" : "/" + r.region);
  if (located && zone_node == nullptr && !zones.empty()) r.time_zone = std::string(zones.front());
  if (located && codes_node == nullptr) r.area_codes = AreaCodesOf(r.country, r.region);
  if (zone_node != nullptr && !zones.empty() &&
      std::find(zones.begin(), zones.end(), r.time_zone) == zones.end()) {
    std::string list;
    for (std::string_view z : zones) list += (list.empty() ? "" : ", ") + std::string(z);
    return c.Fail(*zone_node, m.PathOf("time_zone"),
                  "'" + r.time_zone + "' is not a zone of " + where + "; expected one of: " + list);
  }
  if (codes_node == nullptr) return true;
  for (std::size_t i = 0; i < r.area_codes.size(); ++i) {
    const int code = r.area_codes[i];
    const compliance::AreaCodeInfo* info = compliance::LookupAreaCode(code);
    const YAML::Node item = (*codes_node)[i];
    if (r.country != "US" && r.country != "CA") {
      return c.Fail(
          item, Index(m.PathOf("area_codes"), i),
          "NANP area codes only apply to US and CA regions; write area_codes: [] for " + where);
    }
    if (info == nullptr) {
      return c.Fail(item, Index(m.PathOf("area_codes"), i),
                    std::to_string(code) + " is not a geographic NANP area code");
    }
    if (!ServesRegion(*info, r.country, r.region)) {
      return c.Fail(item, Index(m.PathOf("area_codes"), i),
                    std::to_string(code) + " is an area code of " + std::string(info->country) +
                        "/" + std::string(info->region) + ", not of " + where);
    }
  }
  return true;
}

void ReadContact(Context& c, const YAML::Node& node, const std::string& path,
                 sim::world::ContactDataSpec& d) {
  MapReader m(c, node, path);
  m.Field("phone_on_file", d.phone_on_file, Probability);
  m.Field("second_phone", d.second_phone, Probability);
  m.Field("mobile_share", d.mobile_share, Probability);
  m.Field("not_in_service", d.not_in_service, Probability);
  m.Field("wrong_number", d.wrong_number, Probability);
  m.Field("area_code_elsewhere", d.area_code_elsewhere, Probability);
  m.Field("address_zone_known", d.address_zone_known, Probability);
  m.Field("robocall_consent", d.robocall_consent, Probability);
  m.Field("sms_consent", d.sms_consent, Probability);
  m.Field("whatsapp_consent", d.whatsapp_consent, Probability);
  m.Field("email_on_file", d.email_on_file, Probability);
  m.Field("email_consumer_used", d.email_consumer_used, Probability);
  m.Finish();
}

void ReadFlags(Context& c, const YAML::Node& node, const std::string& path,
               sim::world::FlagRatesSpec& f) {
  MapReader m(c, node, path);
  m.Field("attorney_represented", f.attorney_represented, Probability);
  m.Field("bankruptcy", f.bankruptcy, Probability);
  m.Field("deceased", f.deceased, Probability);
  m.Field("dispute_open", f.dispute_open, Probability);
  m.Field("written_cease", f.written_cease, Probability);
  m.Field("scra_active_duty", f.scra_active_duty, Probability);
  m.Field("calls_opted_out", f.calls_opted_out, Probability);
  m.Field("no_contact_at_work", f.no_contact_at_work, Probability);
  m.Field("inconvenient_evenings", f.inconvenient_evenings, Probability);
  m.Field("breathing_space", f.breathing_space, Probability);
  m.Field("capacity_hold", f.capacity_hold, Probability);
  m.Finish();
}

}  // namespace

void ReadRun(Context& c, const YAML::Node& node, const std::string& path,
             sim::world::RunSpec& out) {
  MapReader m(c, node, path);
  m.Field("start_date", out.start_date);
  m.Field("horizon_days", out.horizon_days, AtLeast(1));
  m.Field("seed", out.seed);
  m.Field("replications", out.replications, AtLeast(1));
  m.Finish();
}

void ReadPortfolio(Context& c, const YAML::Node& node, const std::string& path,
                   sim::world::PortfolioSpec& out) {
  MapReader m(c, node, path);
  m.Field("accounts", out.accounts, AtLeast(1));
  if (const YAML::Node* n = m.Get("products")) {
    ReadList(c, *n, m.PathOf("products"), out.products, ReadProduct);
  }
  if (const YAML::Node* n = m.Get("regions")) {
    ReadList(c, *n, m.PathOf("regions"), out.regions, ReadRegion);
  }
  m.Section("contact", out.contact, ReadContact);
  m.Section("flags", out.flags, ReadFlags);
  m.Field("validation_notice_at_placement", out.validation_notice_at_placement);
  m.Finish();
}

void ReadBehaviour(Context& c, const YAML::Node& node, const std::string& path,
                   sim::world::BehaviourSpec& b) {
  MapReader m(c, node, path);
  m.Field("answer", b.answer, Probability);
  m.Field("answer_sigma", b.answer_sigma, NonNegative);
  m.Field("hour_multiplier", b.hour_multiplier);
  m.Field("weekday_multiplier", b.weekday_multiplier);
  m.Field("voicemail", b.voicemail, Probability);
  m.Field("right_party", b.right_party, Probability);
  m.Field("identity_pass", b.identity_pass, Probability);
  m.Field("hang_up_on_ai_disclosure", b.hang_up_on_ai_disclosure, Probability);
  m.Field("ptp_early", b.ptp_early, Probability);
  m.Field("ptp_late", b.ptp_late, Probability);
  m.Field("asks_for_human", b.asks_for_human, Probability);
  m.Field("dispute", b.dispute, Probability);
  m.Field("hardship", b.hardship, Probability);
  m.Field("stop_calling", b.stop_calling, Probability);
  m.Field("attorney", b.attorney, Probability);
  m.Field("counter_proposal", b.counter_proposal, Probability);
  m.Field("accept_counter", b.accept_counter, Probability);
  m.Field("accept_fallback_plan", b.accept_fallback_plan, Probability);
  m.Field("max_instalments_wanted", b.max_instalments_wanted, AtLeast(1));
  m.Field("propensity_mean", b.propensity_mean, Probability);
  m.Field("propensity_concentration", b.propensity_concentration, Positive);
  m.Field("propensity_half_life_days", b.propensity_half_life_days, Positive);
  m.Field("self_cure_daily", b.self_cure_daily, Probability);
  m.Field("written_dispute", b.written_dispute, Probability);
  m.Field("written_cease", b.written_cease, Probability);
  m.Field("bankruptcy_per_year", b.bankruptcy_per_year, Probability);
  m.Field("kept", b.kept, Probability);
  m.Field("partial", b.partial, Probability);
  m.Field("card_share", b.card_share, Probability);
  m.Field("card_decline", b.card_decline, Probability);
  m.Field("ach_return", b.ach_return, Probability);
  m.Field("retry_success", b.retry_success, Probability);
  m.Field("retry_after_days", b.retry_after_days, AtLeast(0));
  m.Field("sms_read", b.sms_read, Probability);
  m.Field("sms_click", b.sms_click, Probability);
  m.Field("whatsapp_read", b.whatsapp_read, Probability);
  m.Field("whatsapp_click", b.whatsapp_click, Probability);
  m.Field("email_open", b.email_open, Probability);
  m.Field("email_click", b.email_click, Probability);
  m.Field("letter_response", b.letter_response, Probability);
  m.Field("pay_after_click", b.pay_after_click, Probability);
  m.Field("inbound_callback", b.inbound_callback, Probability);
  m.Field("message_reply_mean_s", b.message_reply_mean_s, NonNegative);
  m.Field("roll_to_charge_off_dpd", b.roll_to_charge_off_dpd, Positive);
  m.Finish();
}

}  // namespace recoup::scenarios::internal
