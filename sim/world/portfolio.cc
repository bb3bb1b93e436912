// GeneratePortfolio (portfolio.h): every value of account k drawn from keyed streams with entity k.
#include "sim/world/portfolio.h"

#include <cctz/civil_time.h>
#include <cctz/time_zone.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string_view>
#include <utility>

#include "core/base/money.h"
#include "sim/random/distributions.h"
#include "sim/random/random_streams.h"

namespace recoup::sim::world {
namespace {

constexpr Duration kDay = Duration::Days(1);

// The stream families of the generator, hashed once. Names say what is drawn (docs/world.md).
struct Families {
  explicit Families(const RandomStreams& s)
      : product(s.Family("portfolio.product")),
        balance(s.Family("portfolio.balance")),
        days_past_due(s.Family("portfolio.days_past_due")),
        region(s.Family("portfolio.region")),
        phones(s.Family("portfolio.phones")),
        whatsapp(s.Family("portfolio.whatsapp")),
        email(s.Family("portfolio.email")),
        flags(s.Family("portfolio.flags")),
        propensity(s.Family("debtor.propensity")),
        answer(s.Family("debtor.answer_multiplier")),
        written(s.Family("debtor.written_requests")),
        self_cure(s.Family("debtor.self_cure")) {}
  StreamFamily product, balance, days_past_due, region, phones, whatsapp, email, flags, propensity,
      answer, written, self_cure;
};

// Country calling code and a fictional subscriber prefix for non-NANP regions (drama / test
// ranges where the country has one), so numbers look like the country's and stay short.
std::string_view InternationalPrefix(std::string_view country) {
  if (country == "GB") return "+447700900";  // Ofcom drama range 07700 900000-900999
  if (country == "IE") return "+353200";
  if (country == "MX") return "+52555";
  if (country == "CO") return "+57300";
  if (country == "BR") return "+55115";
  if (country == "ES") return "+34600";
  if (country == "FR") return "+33600";
  if (country == "DE") return "+49151";
  return "+99900";
}

// Everything GeneratePortfolio needs, precomputed once.
struct Generator {
  const PortfolioSpec& spec;
  const BehaviourSpec& behaviour;
  Timestamp start;
  int horizon_days;
  Families f;
  DiscreteDistribution products;
  DiscreteDistribution regions;
  // For each region, the other regions that have area codes (area_code_elsewhere).
  std::vector<std::vector<uint8_t>> elsewhere;
  double propensity_a;
  double propensity_b;
  double answer_mu;
  double bankruptcy_rate_per_day;

  void Account(domain::AccountId id, domain::Account& a, domain::Debtor& d, DebtorTraits& t) const;
  void Phone(domain::AccountId id, int index, uint8_t region, Timestamp opened, RandomStream& s,
             domain::Phone& phone, DebtorTraits& t) const;
};

int64_t ToCents(double major) { return std::max<int64_t>(100, std::llround(major * 100.0)); }

void Generator::Phone(domain::AccountId id, int index, uint8_t region, Timestamp opened,
                      RandomStream& s, domain::Phone& phone, DebtorTraits& t) const {
  const ContactDataSpec& c = spec.contact;
  const bool mobile = Bernoulli(s, c.mobile_share);
  phone.type = mobile ? domain::PhoneType::kMobile : domain::PhoneType::kLandline;
  phone.place = mobile ? domain::Place::kUnknown : domain::Place::kHome;
  // Area code: from the debtor's region, or from another region (the person moved).
  const bool moved = Bernoulli(s, c.area_code_elsewhere);
  const size_t pick_region = s.Below(1u << 16);
  const size_t pick_code = s.Below(1u << 16);
  const int subscriber = static_cast<int>(s.Below(10000));
  uint8_t from = region;
  // Only within the numbering plan: a NANP debtor may have another NANP region's area code.
  if (moved && !spec.regions[region].area_codes.empty() && !elsewhere[region].empty()) {
    from = elsewhere[region][pick_region % elsewhere[region].size()];
  }
  const RegionSpec& r = spec.regions[from];
  char buf[32];
  if (!r.area_codes.empty()) {
    phone.area_code = r.area_codes[pick_code % r.area_codes.size()];
    std::snprintf(buf, sizeof(buf), "+1%03d555%04d", phone.area_code, subscriber);
  } else {
    phone.area_code = 0;
    const std::string_view prefix = InternationalPrefix(spec.regions[region].country);
    std::snprintf(buf, sizeof(buf), "%.*s%03d", static_cast<int>(prefix.size()), prefix.data(),
                  static_cast<int>((id * 7 + static_cast<uint64_t>(index)) % 1000));
  }
  phone.e164 = buf;
  // The truth about the number: one uniform splits not in service / wrong number / fine.
  const double u = s.Uniform01();
  if (u < c.not_in_service) {
    t.phones_not_in_service |= static_cast<uint8_t>(1u << index);
  } else if (u < c.not_in_service + c.wrong_number) {
    t.phones_wrong_number |= static_cast<uint8_t>(1u << index);
  }
  const bool robocall = Bernoulli(s, c.robocall_consent);
  const bool sms = Bernoulli(s, c.sms_consent);
  if (mobile && robocall) {
    phone.robocall_consent.source = domain::ConsentSource::kCreditTransaction;
    phone.robocall_consent.given = opened;
  }
  if (mobile && sms) {
    phone.sms_consent.source = domain::ConsentSource::kCreditTransaction;
    phone.sms_consent.given = opened;
  }
  // Numbers are scrubbed against the reassigned-numbers database at placement.
  phone.reassigned_check_clean = start;
}

void Generator::Account(domain::AccountId id, domain::Account& a, domain::Debtor& d,
                        DebtorTraits& t) const {
  // Product, balance and delinquency.
  RandomStream product_stream = f.product.For(id);
  t.product = static_cast<uint8_t>(products.Sample(product_stream));
  const ProductSpec& p = spec.products[t.product];
  RandomStream balance_stream = f.balance.For(id);
  const int64_t total =
      ToCents(Lognormal(balance_stream, std::log(p.balance.median), p.balance.sigma));
  const int64_t fees = std::llround(static_cast<double>(total) * p.fees_share);
  const int64_t interest = std::llround(static_cast<double>(total) * p.interest_share);
  RandomStream dpd_stream = f.days_past_due.For(id);
  const int dpd = p.min_days_past_due +
                  static_cast<int>(dpd_stream.Below(
                      static_cast<uint64_t>(p.max_days_past_due - p.min_days_past_due) + 1));

  a.id = id;
  a.debtor = id;
  a.external_id = AccountExternalId(id);
  a.creditor = p.creditor;
  a.product = p.product;
  a.collector = p.collector;
  a.balance.principal = Money::FromMinorUnits(total - fees - interest);
  a.balance.fees = Money::FromMinorUnits(fees);
  a.balance.interest = Money::FromMinorUnits(interest);
  a.original_balance = Money::FromMinorUnits(total);
  a.days_past_due = dpd;
  a.charged_off = dpd >= behaviour.roll_to_charge_off_dpd;
  if (spec.validation_notice_at_placement) a.validation_notice_sent = start;

  // Where the debtor lives.
  d.id = id;
  RandomStream region_stream = f.region.For(id);
  t.region = static_cast<uint8_t>(regions.Sample(region_stream));
  const RegionSpec& r = spec.regions[t.region];
  const size_t postal = region_stream.Below(1u << 16);
  const bool zone_known = Bernoulli(region_stream, spec.contact.address_zone_known);
  d.address.country = r.country;
  d.address.region = r.region;
  if (!r.postal_codes.empty())
    d.address.postal_code = r.postal_codes[postal % r.postal_codes.size()];
  if (zone_known) d.address.time_zone = r.time_zone;

  // Phones: the credit (and its consents) was opened 1 month to 5 years before it went delinquent.
  RandomStream phone_stream = f.phones.For(id);
  const bool first = Bernoulli(phone_stream, spec.contact.phone_on_file);
  const bool second = Bernoulli(phone_stream, spec.contact.second_phone);
  const int64_t age_days = dpd + 30 + static_cast<int64_t>(phone_stream.Below(5 * 365));
  const Timestamp opened = start - kDay * age_days;
  const int phone_count = first ? (second ? 2 : 1) : 0;
  d.phones.resize(static_cast<size_t>(phone_count));
  for (int i = 0; i < phone_count; ++i) {
    Phone(id, i, t.region, opened, phone_stream, d.phones[static_cast<size_t>(i)], t);
  }
  // WhatsApp opt-ins from a stream of their own, one draw per phone slot whether or not the phone
  // exists: adding the channel moved no other draw, so portfolios without WhatsApp are unchanged.
  RandomStream whatsapp_stream = f.whatsapp.For(id);
  for (int i = 0; i < 2; ++i) {
    const bool opted_in = Bernoulli(whatsapp_stream, spec.contact.whatsapp_consent);
    if (i >= phone_count) continue;
    domain::Phone& phone = d.phones[static_cast<size_t>(i)];
    if (opted_in && phone.type == domain::PhoneType::kMobile) {
      phone.whatsapp_consent.source = domain::ConsentSource::kCreditTransaction;
      phone.whatsapp_consent.given = opened;
    }
  }

  // Email.
  RandomStream email_stream = f.email.For(id);
  const bool has_email = Bernoulli(email_stream, spec.contact.email_on_file);
  const bool consumer_used = Bernoulli(email_stream, spec.contact.email_consumer_used);
  if (has_email) {
    domain::Email& e = d.emails.emplace_back();
    char buf[32];
    std::snprintf(buf, sizeof(buf), "d%llu@ex.io", static_cast<unsigned long long>(id));
    e.address = buf;
    if (consumer_used) {
      e.provenance = domain::EmailProvenance::kConsumerUsed;
    } else {
      e.provenance = domain::EmailProvenance::kCreditorNotice;
      e.notice_sent = start - kDay * 60;
      e.notice_optout_deadline = e.notice_sent + kDay * 35;
    }
  }

  // Flags at placement: a fixed number of draws, in this order, whatever applies.
  RandomStream flag_stream = f.flags.For(id);
  const FlagRatesSpec& fl = spec.flags;
  a.attorney_represented = Bernoulli(flag_stream, fl.attorney_represented);
  d.bankruptcy = Bernoulli(flag_stream, fl.bankruptcy);
  d.deceased = Bernoulli(flag_stream, fl.deceased);
  if (Bernoulli(flag_stream, fl.dispute_open)) a.dispute = domain::DisputeStatus::kOpen;
  if (Bernoulli(flag_stream, fl.written_cease)) a.written_cease = start - kDay;
  d.scra_active_duty = Bernoulli(flag_stream, fl.scra_active_duty);
  d.calls_opted_out = Bernoulli(flag_stream, fl.calls_opted_out);
  d.no_contact_at_work = Bernoulli(flag_stream, fl.no_contact_at_work);
  if (Bernoulli(flag_stream, fl.inconvenient_evenings)) {
    domain::InconvenientTime evenings;
    evenings.weekdays = 0x1f;  // Monday to Friday
    evenings.start_minute = 18 * 60;
    evenings.end_minute = 24 * 60;
    d.inconvenient_times.push_back(evenings);
  }
  const bool breathing = Bernoulli(flag_stream, fl.breathing_space);
  const int breathing_days = 1 + static_cast<int>(flag_stream.Below(60));
  const bool capacity = Bernoulli(flag_stream, fl.capacity_hold);
  if (r.country == "GB") {
    if (breathing) d.breathing_space_until = start + kDay * breathing_days;
    d.capacity_hold = capacity;
  }

  // Hidden traits.
  RandomStream propensity_stream = f.propensity.For(id);
  const double propensity = Beta(propensity_stream, propensity_a, propensity_b);
  t.propensity = static_cast<float>(std::clamp(propensity, 1e-4, 1.0 - 1e-4));
  RandomStream answer_stream = f.answer.For(id);
  t.answer_multiplier =
      behaviour.answer_sigma > 0
          ? static_cast<float>(Lognormal(answer_stream, answer_mu, behaviour.answer_sigma))
          : 1.0f;

  const double horizon_s = static_cast<double>(horizon_days) * 86400.0;
  RandomStream written_stream = f.written.For(id);
  const bool dispute = Bernoulli(written_stream, behaviour.written_dispute);
  const double dispute_at = Uniform(written_stream, 0.0, horizon_s);
  const bool cease = Bernoulli(written_stream, behaviour.written_cease);
  const double cease_at = Uniform(written_stream, 0.0, horizon_s);
  if (dispute) t.written_dispute = start + Duration::FromSecondsDouble(dispute_at);
  if (cease) t.written_cease = start + Duration::FromSecondsDouble(cease_at);
  if (bankruptcy_rate_per_day > 0) {
    const double days = Exponential(written_stream, bankruptcy_rate_per_day);
    if (days < horizon_days) t.bankruptcy = start + Duration::FromSecondsDouble(days * 86400.0);
  }

  // Self-cure (P13): a daily hazard scaled by propensity, while the account is early stage.
  const int early_days_left = a.charged_off ? 0 : std::min(horizon_days, std::max(0, 31 - dpd));
  const double hazard =
      std::min(0.999999, behaviour.self_cure_daily * t.propensity / behaviour.propensity_mean);
  RandomStream cure_stream = f.self_cure.For(id);
  if (hazard > 0 && early_days_left > 0) {
    const double days = Exponential(cure_stream, -std::log1p(-hazard));
    if (days < early_days_left) t.self_cure = start + Duration::FromSecondsDouble(days * 86400.0);
  }
}

// The portfolio and behaviour sections of a WorldSpec, validated as ValidateWorldSpec does.
Status Validate(const PortfolioSpec& portfolio, const BehaviourSpec& behaviour) {
  WorldSpec spec;
  spec.portfolio = portfolio;
  spec.behaviour = behaviour;
  spec.channels.human = DefaultHumanHandleTimes();
  spec.channels.ai = DefaultAiHandleTimes();
  return ValidateWorldSpec(spec);
}

}  // namespace

std::string AccountExternalId(domain::AccountId id) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "ACC-%07llu", static_cast<unsigned long long>(id));
  return buf;
}

StatusOr<Portfolio> GeneratePortfolio(const PortfolioSpec& portfolio,
                                      const BehaviourSpec& behaviour, uint64_t seed,
                                      Timestamp start, int horizon_days) {
  RECOUP_RETURN_IF_ERROR(Validate(portfolio, behaviour));
  if (horizon_days < 1) {
    return InvalidArgumentError("horizon_days: must be >= 1, got " + std::to_string(horizon_days));
  }
  if (portfolio.products.size() > 255) {
    return InvalidArgumentError("portfolio.products: at most 255 products, got " +
                                std::to_string(portfolio.products.size()));
  }
  if (portfolio.regions.size() > 255) {
    return InvalidArgumentError("portfolio.regions: at most 255 regions, got " +
                                std::to_string(portfolio.regions.size()));
  }
  std::vector<double> product_weights;
  for (const ProductSpec& p : portfolio.products) product_weights.push_back(p.weight);
  std::vector<double> region_weights;
  for (const RegionSpec& r : portfolio.regions) region_weights.push_back(r.weight);
  RECOUP_ASSIGN_OR_RETURN(DiscreteDistribution products,
                          DiscreteDistribution::Create(product_weights));
  RECOUP_ASSIGN_OR_RETURN(DiscreteDistribution regions,
                          DiscreteDistribution::Create(region_weights));

  const RandomStreams streams(seed);
  Generator g{portfolio,
              behaviour,
              start,
              horizon_days,
              Families(streams),
              std::move(products),
              std::move(regions),
              {},
              0,
              0,
              0,
              0};
  g.elsewhere.resize(portfolio.regions.size());
  for (size_t i = 0; i < portfolio.regions.size(); ++i) {
    for (size_t j = 0; j < portfolio.regions.size(); ++j) {
      if (j != i && !portfolio.regions[j].area_codes.empty()) {
        g.elsewhere[i].push_back(static_cast<uint8_t>(j));
      }
    }
  }
  const double c = behaviour.propensity_concentration;
  g.propensity_a = behaviour.propensity_mean * c;
  g.propensity_b = (1 - behaviour.propensity_mean) * c;
  g.answer_mu = -0.5 * behaviour.answer_sigma * behaviour.answer_sigma;  // mean 1
  const double p_year = std::min(behaviour.bankruptcy_per_year, 0.999999);
  g.bankruptcy_rate_per_day = -std::log1p(-p_year) / 365.0;

  Portfolio out;
  out.start = start;
  out.horizon_days = horizon_days;
  for (const RegionSpec& r : portfolio.regions) out.region_time_zones.push_back(r.time_zone);
  const size_t n = static_cast<size_t>(portfolio.accounts);
  out.accounts.resize(n);
  out.debtors.reserve(n);
  out.traits.resize(n);
  for (size_t i = 0; i < n; ++i) {
    domain::Debtor debtor;
    g.Account(static_cast<domain::AccountId>(i + 1), out.accounts[i], debtor, out.traits[i]);
    out.debtors.Append(debtor);
  }
  return out;
}

namespace {

size_t HeapBytes(const std::string& s) {
  // libstdc++ keeps up to 15 characters inside the object.
  return s.capacity() > 15 ? s.capacity() + 1 : 0;
}

template <typename T>
size_t VectorBytes(const std::vector<T>& v) {
  return v.capacity() * sizeof(T);
}

}  // namespace

size_t ApproximateBytes(const Portfolio& p) {
  size_t bytes = VectorBytes(p.accounts) + p.debtors.ApproximateBytes() + VectorBytes(p.traits);
  for (const domain::Account& a : p.accounts) {
    bytes += HeapBytes(a.external_id) + HeapBytes(a.creditor) + VectorBytes(a.promises) +
             VectorBytes(a.arrangement.instalments) + VectorBytes(a.payments);
  }
  return bytes;
}

StatusOr<Portfolio> GenerateRunPortfolio(const WorldSpec& world, domain::LocalDate start_date,
                                         int horizon_days, int64_t accounts, uint64_t seed) {
  const std::string& zone_name = world.staffing.operation_time_zone;
  cctz::time_zone zone;
  if (!cctz::load_time_zone(zone_name, &zone)) {
    return InvalidArgumentError("staffing.operation_time_zone: unknown IANA zone '" + zone_name +
                                "'");
  }
  const cctz::civil_second midnight(start_date.year(), start_date.month(), start_date.day());
  const Timestamp start =
      Timestamp::FromUnixSeconds(cctz::convert(midnight, zone).time_since_epoch().count());
  PortfolioSpec spec = world.portfolio;
  if (accounts > 0) spec.accounts = accounts;
  return GeneratePortfolio(spec, world.behaviour, seed, start, horizon_days);
}

}  // namespace recoup::sim::world
