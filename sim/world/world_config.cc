// ValidateWorldSpec and the default handle-time tables (world_config.h).
#include "sim/world/world_config.h"

#include <cctz/time_zone.h>

#include <cctype>
#include <cmath>
#include <cstdio>
#include <set>
#include <string>
#include <string_view>

#include "sim/org/events/fault_model.h"
#include "sim/org/events/latency_model.h"

namespace recoup::sim::world {
namespace {

// A short, exact-enough rendering of a number for error messages ("-1", "0.25", "1e+30", "nan").
std::string Num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%g", v);
  return buf;
}

std::string Index(std::string_view base, size_t i) {
  return std::string(base) + "[" + std::to_string(i) + "]";
}

// Collects the first error; later checks are skipped once one failed.
class Checker {
 public:
  bool ok() const { return status_.ok(); }
  Status status() const { return status_; }

  void Fail(const std::string& path, const std::string& what) {
    if (status_.ok()) status_ = InvalidArgumentError(path + ": " + what);
  }
  void Probability(const std::string& path, double v) {
    if (!(v >= 0.0 && v <= 1.0)) Fail(path, "must be in [0, 1], got " + Num(v));
  }
  void NonNegative(const std::string& path, double v) {
    if (!(std::isfinite(v) && v >= 0.0)) Fail(path, "must be finite and >= 0, got " + Num(v));
  }
  void Positive(const std::string& path, double v) {
    if (!(std::isfinite(v) && v > 0.0)) Fail(path, "must be finite and > 0, got " + Num(v));
  }
  void AtLeast(const std::string& path, int64_t v, int64_t min) {
    if (v < min) Fail(path, "must be >= " + std::to_string(min) + ", got " + std::to_string(v));
  }
  void Between(const std::string& path, int64_t v, int64_t min, int64_t max) {
    if (v < min || v > max) {
      Fail(path, "must be in [" + std::to_string(min) + ", " + std::to_string(max) + "], got " +
                     std::to_string(v));
    }
  }
  void Zone(const std::string& path, const std::string& name) {
    cctz::time_zone tz;
    if (name.empty() || !cctz::load_time_zone(name, &tz)) {
      Fail(path, "unknown IANA time zone '" + name + "' (expected e.g. America/New_York)");
    }
  }
  void Span(const std::string& path, const DurationSpec& d) {
    if (d.median_s == 0.0 && d.p90_s == 0.0) return;  // no time at all
    Positive(path + ".median_s", d.median_s);
    if (ok() && !(std::isfinite(d.p90_s) && d.p90_s >= d.median_s)) {
      Fail(path + ".p90_s", "must be >= median_s (" + Num(d.median_s) + "), got " + Num(d.p90_s));
    }
  }
  void Lognormal(const std::string& path, const LognormalSpec& l) {
    Positive(path + ".median", l.median);
    NonNegative(path + ".sigma", l.sigma);
  }
  // Adopts an error from another validator, replacing its `from` prefix with `to`.
  void Adopt(const Status& s, std::string_view from, std::string_view to) {
    if (s.ok() || !ok()) return;
    std::string msg(s.message());
    if (msg.compare(0, from.size(), from) == 0) msg = std::string(to) + msg.substr(from.size());
    status_ = Status(s.code(), msg);
  }

 private:
  Status status_;
};

void CheckPortfolio(const PortfolioSpec& p, Checker& c) {
  c.AtLeast("portfolio.accounts", p.accounts, 1);
  if (p.products.empty()) c.Fail("portfolio.products", "must list at least one product");
  double product_weight = 0;
  for (size_t i = 0; i < p.products.size(); ++i) {
    const ProductSpec& s = p.products[i];
    const std::string at = Index("portfolio.products", i);
    c.NonNegative(at + ".weight", s.weight);
    product_weight += s.weight;
    if (s.creditor.empty()) c.Fail(at + ".creditor", "must not be empty");
    c.Lognormal(at + ".balance", s.balance);
    if (!(s.fees_share >= 0 && s.fees_share < 1)) {
      c.Fail(at + ".fees_share", "must be in [0, 1), got " + Num(s.fees_share));
    }
    if (!(s.interest_share >= 0 && s.interest_share < 1)) {
      c.Fail(at + ".interest_share", "must be in [0, 1), got " + Num(s.interest_share));
    }
    if (c.ok() && s.fees_share + s.interest_share >= 1) {
      c.Fail(at + ".interest_share", "fees_share + interest_share must be < 1, got " +
                                         Num(s.fees_share + s.interest_share));
    }
    c.AtLeast(at + ".min_days_past_due", s.min_days_past_due, 0);
    c.AtLeast(at + ".max_days_past_due", s.max_days_past_due, s.min_days_past_due);
  }
  if (c.ok() && !p.products.empty() && !(product_weight > 0)) {
    c.Fail("portfolio.products",
           "the weights must have a positive sum, got " + Num(product_weight));
  }
  if (p.regions.empty()) c.Fail("portfolio.regions", "must list at least one region");
  double region_weight = 0;
  for (size_t i = 0; i < p.regions.size(); ++i) {
    const RegionSpec& r = p.regions[i];
    const std::string at = Index("portfolio.regions", i);
    if (r.country.size() != 2 || !std::isupper(static_cast<unsigned char>(r.country[0])) ||
        !std::isupper(static_cast<unsigned char>(r.country[1]))) {
      c.Fail(at + ".country",
             "must be an ISO 3166-1 alpha-2 code like US, got '" + r.country + "'");
    }
    c.Zone(at + ".time_zone", r.time_zone);
    for (size_t j = 0; j < r.area_codes.size(); ++j) {
      const int code = r.area_codes[j];
      if (code < 200 || code > 999) {
        c.Fail(Index(at + ".area_codes", j),
               "must be a NANP area code in [200, 999], got " + std::to_string(code));
      }
    }
    for (size_t j = 0; j < r.postal_codes.size(); ++j) {
      const std::string& code = r.postal_codes[j];
      if (code.empty() || code.size() > 10) {
        c.Fail(Index(at + ".postal_codes", j), "must be 1 to 10 characters, got '" + code + "'");
      }
    }
    c.NonNegative(at + ".weight", r.weight);
    region_weight += r.weight;
  }
  if (c.ok() && !p.regions.empty() && !(region_weight > 0)) {
    c.Fail("portfolio.regions", "the weights must have a positive sum, got " + Num(region_weight));
  }
  const ContactDataSpec& d = p.contact;
  const std::string cd = "portfolio.contact.";
  c.Probability(cd + "phone_on_file", d.phone_on_file);
  c.Probability(cd + "second_phone", d.second_phone);
  c.Probability(cd + "mobile_share", d.mobile_share);
  c.Probability(cd + "not_in_service", d.not_in_service);
  c.Probability(cd + "wrong_number", d.wrong_number);
  c.Probability(cd + "area_code_elsewhere", d.area_code_elsewhere);
  c.Probability(cd + "address_zone_known", d.address_zone_known);
  c.Probability(cd + "robocall_consent", d.robocall_consent);
  c.Probability(cd + "sms_consent", d.sms_consent);
  c.Probability(cd + "whatsapp_consent", d.whatsapp_consent);
  c.Probability(cd + "email_on_file", d.email_on_file);
  c.Probability(cd + "email_consumer_used", d.email_consumer_used);
  if (c.ok() && d.not_in_service + d.wrong_number > 1) {
    c.Fail(cd + "wrong_number", "not_in_service + wrong_number must be <= 1, got " +
                                    Num(d.not_in_service + d.wrong_number));
  }
  const FlagRatesSpec& f = p.flags;
  const std::string fl = "portfolio.flags.";
  c.Probability(fl + "attorney_represented", f.attorney_represented);
  c.Probability(fl + "bankruptcy", f.bankruptcy);
  c.Probability(fl + "deceased", f.deceased);
  c.Probability(fl + "dispute_open", f.dispute_open);
  c.Probability(fl + "written_cease", f.written_cease);
  c.Probability(fl + "scra_active_duty", f.scra_active_duty);
  c.Probability(fl + "calls_opted_out", f.calls_opted_out);
  c.Probability(fl + "no_contact_at_work", f.no_contact_at_work);
  c.Probability(fl + "inconvenient_evenings", f.inconvenient_evenings);
  c.Probability(fl + "breathing_space", f.breathing_space);
  c.Probability(fl + "capacity_hold", f.capacity_hold);
}

void CheckBehaviour(const BehaviourSpec& b, Checker& c) {
  const std::string at = "behaviour.";
  c.Probability(at + "answer", b.answer);
  for (size_t h = 0; h < b.hour_multiplier.size(); ++h) {
    c.NonNegative(Index(at + "hour_multiplier", h), b.hour_multiplier[h]);
  }
  for (size_t d = 0; d < b.weekday_multiplier.size(); ++d) {
    c.NonNegative(Index(at + "weekday_multiplier", d), b.weekday_multiplier[d]);
  }
  const std::pair<const char*, double> probabilities[] = {
      {"voicemail", b.voicemail},
      {"right_party", b.right_party},
      {"identity_pass", b.identity_pass},
      {"hang_up_on_ai_disclosure", b.hang_up_on_ai_disclosure},
      {"accept_counter", b.accept_counter},
      {"accept_fallback_plan", b.accept_fallback_plan},
      {"ptp_early", b.ptp_early},
      {"ptp_late", b.ptp_late},
      {"asks_for_human", b.asks_for_human},
      {"dispute", b.dispute},
      {"hardship", b.hardship},
      {"stop_calling", b.stop_calling},
      {"attorney", b.attorney},
      {"counter_proposal", b.counter_proposal},
      {"self_cure_daily", b.self_cure_daily},
      {"written_dispute", b.written_dispute},
      {"written_cease", b.written_cease},
      {"bankruptcy_per_year", b.bankruptcy_per_year},
      {"kept", b.kept},
      {"partial", b.partial},
      {"card_share", b.card_share},
      {"card_decline", b.card_decline},
      {"ach_return", b.ach_return},
      {"retry_success", b.retry_success},
      {"sms_read", b.sms_read},
      {"sms_click", b.sms_click},
      {"whatsapp_read", b.whatsapp_read},
      {"whatsapp_click", b.whatsapp_click},
      {"email_open", b.email_open},
      {"email_click", b.email_click},
      {"letter_response", b.letter_response},
      {"pay_after_click", b.pay_after_click},
      {"inbound_callback", b.inbound_callback},
  };
  for (const auto& [name, value] : probabilities) c.Probability(at + name, value);
  const double requests = b.asks_for_human + b.dispute + b.hardship + b.stop_calling + b.attorney;
  if (c.ok() && requests > 1) {
    c.Fail(at + "attorney",
           "asks_for_human + dispute + hardship + stop_calling + attorney must be <= 1, got " +
               Num(requests));
  }
  c.AtLeast(at + "max_instalments_wanted", b.max_instalments_wanted, 1);
  c.NonNegative(at + "answer_sigma", b.answer_sigma);
  c.NonNegative(at + "message_reply_mean_s", b.message_reply_mean_s);
  if (!(b.propensity_mean > 0 && b.propensity_mean < 1)) {
    c.Fail(at + "propensity_mean", "must be in (0, 1), got " + Num(b.propensity_mean));
  }
  c.Positive(at + "propensity_concentration", b.propensity_concentration);
  c.Positive(at + "propensity_half_life_days", b.propensity_half_life_days);
  c.AtLeast(at + "retry_after_days", b.retry_after_days, 0);
  if (!(std::isfinite(b.roll_to_charge_off_dpd) && b.roll_to_charge_off_dpd >= 1)) {
    c.Fail(at + "roll_to_charge_off_dpd", "must be >= 1, got " + Num(b.roll_to_charge_off_dpd));
  }
}

void CheckHandleTimes(const std::string& at, const HandleTimes& h, Checker& c) {
  c.Span(at + ".identity", h.identity);
  c.Span(at + ".disclosures", h.disclosures);
  c.Span(at + ".balance", h.balance);
  c.Span(at + ".reminder", h.reminder);
  c.Span(at + ".arrangement", h.arrangement);
  c.Span(at + ".payment", h.payment);
  c.Span(at + ".hardship", h.hardship);
  c.Span(at + ".dispute", h.dispute);
  c.Span(at + ".after_call_work", h.after_call_work);
}

void CheckChannels(const ChannelSpec& ch, Checker& c) {
  const std::string at = "channels.";
  c.AtLeast(at + "sms_per_day", ch.sms_per_day, 0);
  c.AtLeast(at + "whatsapp_per_day", ch.whatsapp_per_day, 0);
  c.AtLeast(at + "emails_per_day", ch.emails_per_day, 0);
  c.AtLeast(at + "letters_per_day", ch.letters_per_day, 0);
  c.Positive(at + "sms_per_second", ch.sms_per_second);
  c.Positive(at + "whatsapp_per_second", ch.whatsapp_per_second);
  c.Positive(at + "emails_per_second", ch.emails_per_second);
  c.Positive(at + "letters_per_second", ch.letters_per_second);
  c.NonNegative(at + "ring_no_answer_s", ch.ring_no_answer_s);
  c.NonNegative(at + "voicemail_s", ch.voicemail_s);
  c.NonNegative(at + "not_in_service_s", ch.not_in_service_s);
  CheckHandleTimes(at + "human", ch.human, c);
  CheckHandleTimes(at + "ai", ch.ai, c);
  const CostSpec& k = ch.cost;
  const std::string co = at + "cost.";
  c.NonNegative(co + "ai_voice_per_minute", k.ai_voice_per_minute);
  c.NonNegative(co + "ai_dial", k.ai_dial);
  c.NonNegative(co + "human_per_hour", k.human_per_hour);
  c.NonNegative(co + "sms", k.sms);
  c.NonNegative(co + "whatsapp", k.whatsapp);
  c.NonNegative(co + "email", k.email);
  c.NonNegative(co + "letter", k.letter);
  c.Probability(co + "card_fee_rate", k.card_fee_rate);
  c.NonNegative(co + "ach_fee", k.ach_fee);
}

void CheckStaffing(const StaffingSpec& s, Checker& c) {
  c.AtLeast("staffing.ai_lines", s.ai_lines, 0);
  std::set<std::string> names;
  for (size_t i = 0; i < s.agents.size(); ++i) {
    const AgentGroupSpec& g = s.agents[i];
    const std::string at = Index("staffing.agents", i);
    if (g.name.empty()) c.Fail(at + ".name", "must not be empty");
    if (!names.insert(g.name).second) c.Fail(at + ".name", "duplicate group name '" + g.name + "'");
    c.AtLeast(at + ".count", g.count, 0);
    if (g.shift_start_minute < 0 || g.shift_start_minute >= 24 * 60) {
      c.Fail(at + ".shift_start_minute",
             "must be in [0, 1440), got " + std::to_string(g.shift_start_minute));
    }
    if (g.shift_end_minute <= g.shift_start_minute || g.shift_end_minute > 24 * 60) {
      c.Fail(at + ".shift_end_minute",
             "must be in (shift_start_minute, 1440], got " + std::to_string(g.shift_end_minute));
    }
    if (g.weekdays == 0 || (g.weekdays & 0x80) != 0) {
      c.Fail(at + ".weekdays", "must name at least one day Monday..Sunday (bits 0..6), got " +
                                   std::to_string(g.weekdays));
    }
  }
  c.Zone("staffing.operation_time_zone", s.operation_time_zone);
  c.Positive("staffing.patience_mean_s", s.patience_mean_s);
  c.Between("staffing.callback_expiry_days", s.callback_expiry_days, 0, kMaxCallbackExpiryDays);
}

void CheckOrg(const OrgSpec& o, Checker& c) {
  if (!c.ok()) return;
  {
    StatusOr<org::events::LatencyModel> latency = org::events::LatencyModel::Create(o.latency, 0);
    c.Adopt(latency.status(), "latency.", "org.latency.");
  }
  {
    StatusOr<org::events::FaultModel> faults = org::events::FaultModel::Create(o.faults, 0);
    c.Adopt(faults.status(), "faults.", "org.faults.");
  }
  c.Adopt(org::events::ValidateApiLimitsConfig(o.limits), "api_limits.", "org.limits.");
  if (c.ok() && o.lookup_budget <= Duration::Zero()) {
    c.Fail("org.lookup_budget", "must be > 0, got " + o.lookup_budget.ToString());
  }
}

}  // namespace

// The product brief gives each task as a range "lo-hi". We read the range as the bulk of a right-
// skewed lognormal: median = lo + (hi - lo) / 3, p90 = hi (identity 45-90 s -> median 60, p90 90).
// Tasks the brief does not list take collections-domain.md 3.5's engineering estimates.
HandleTimes DefaultHumanHandleTimes() {
  HandleTimes h;
  h.identity = {60, 90};          // brief: 45-90 s
  h.disclosures = {15, 25};       // 3.5: Mini-Miranda / recording disclosure
  h.balance = {40, 60};           // brief: 30-60 s
  h.reminder = {160, 240};        // brief: 2-4 min
  h.arrangement = {240, 300};     // brief: 3-5 min
  h.payment = {80, 120};          // brief: 1-2 min
  h.hardship = {620, 900};        // brief: 8-15 min
  h.dispute = {800, 1200};        // brief: 10-20 min
  h.after_call_work = {60, 150};  // 3.5
  return h;
}

HandleTimes DefaultAiHandleTimes() {
  HandleTimes h;
  h.identity = {20, 30};       // brief: 15-30 s
  h.disclosures = {15, 25};    // 3.5 (the AI disclosure is one more sentence in the same time)
  h.balance = {13, 20};        // brief: 10-20 s
  h.reminder = {80, 120};      // brief: 1-2 min
  h.arrangement = {140, 180};  // brief: 2-3 min
  h.payment = {40, 60};        // brief: 30-60 s
  // Human only in the brief: the AI hands these off; the figures are what a human takes, used if
  // a configuration lets the AI run them anyway.
  h.hardship = {620, 900};
  h.dispute = {800, 1200};
  h.after_call_work = {0, 0};  // none
  return h;
}

Status ValidateWorldSpec(const WorldSpec& spec) {
  Checker c;
  CheckPortfolio(spec.portfolio, c);
  CheckBehaviour(spec.behaviour, c);
  CheckChannels(spec.channels, c);
  CheckStaffing(spec.staffing, c);
  CheckOrg(spec.org, c);
  return c.status();
}

}  // namespace recoup::sim::world
