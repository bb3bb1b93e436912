// DebtorModel (behaviour.h): the debtors' draws, each from its own keyed stream.
#include "sim/world/behaviour.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <utility>

#include "core/base/check.h"
#include "sim/random/distributions.h"

namespace recoup::sim::world {
namespace {

constexpr double kZ90 = 1.2815515655446004;  // the standard normal's 90th percentile
constexpr double kSecondsPerDay = 86400.0;

// The proposal mix of debtors who put forward their own terms (no source; docs/world.md).
constexpr double kLumpSumShare = 0.2;     // a lump sum of 60-95% of the balance
constexpr double kInstalmentShare = 0.5;  // 2..max_instalments_wanted instalments
// The rest (0.3): a monthly capacity of balance / U(1.5, 2 * max_instalments_wanted).

// Draw i of interaction n of `account` in `family` is draw (n << 32) + i of the account's stream.
RandomStream At(const StreamFamily& family, domain::AccountId account, uint64_t n) {
  RandomStream s = family.For(account);
  s.Seek(n << 32);
  return s;
}

}  // namespace

Duration SampleDuration(const DurationSpec& spec, RandomStream& stream) {
  if (spec.median_s <= 0) return Duration::Zero();
  const double sigma = spec.p90_s > spec.median_s ? std::log(spec.p90_s / spec.median_s) / kZ90 : 0;
  const double z = Normal(stream, 0.0, 1.0);
  return Duration::FromSecondsDouble(spec.median_s * std::exp(sigma * z));
}

DebtorModel::Families::Families(const RandomStreams& s)
    : answer(s.Family("debtor.call.answer")),
      callback(s.Family("debtor.call.callback")),
      party(s.Family("debtor.party")),
      identity(s.Family("debtor.identity")),
      request(s.Family("debtor.request")),
      stance(s.Family("debtor.stance")),
      proposal(s.Family("debtor.proposal")),
      offer_reply(s.Family("debtor.offer_reply")),
      payment_method(s.Family("debtor.payment_method")),
      capture(s.Family("debtor.capture")),
      sms(s.Family("debtor.sms")),
      whatsapp(s.Family("debtor.whatsapp")),
      email(s.Family("debtor.email")),
      letter(s.Family("debtor.letter")),
      promise(s.Family("debtor.promise")),
      payment(s.Family("debtor.payment")) {}

DebtorModel::DebtorModel(const BehaviourSpec& behaviour, const ChannelSpec& channels, uint64_t seed,
                         const Portfolio& portfolio)
    : behaviour_(behaviour),
      channels_(channels),
      portfolio_(&portfolio),
      families_(RandomStreams(seed)),
      zone_cache_(std::make_unique<compliance::ZoneCache>()) {}

StatusOr<DebtorModel> DebtorModel::Create(const BehaviourSpec& behaviour,
                                          const ChannelSpec& channels, uint64_t seed,
                                          const Portfolio& portfolio) {
  WorldSpec spec;
  spec.behaviour = behaviour;
  spec.channels = channels;
  RECOUP_RETURN_IF_ERROR(ValidateWorldSpec(spec));
  DebtorModel model(behaviour, channels, seed, portfolio);
  for (size_t i = 0; i < portfolio.region_time_zones.size(); ++i) {
    const std::string& name = portfolio.region_time_zones[i];
    const compliance::Zone* zone = compliance::FindZone(name, model.zone_cache_.get());
    if (zone == nullptr) {
      return InvalidArgumentError("portfolio.regions[" + std::to_string(i) +
                                  "].time_zone: unknown IANA time zone '" + name + "'");
    }
    model.zones_.push_back(zone);
  }
  for (const DebtorTraits& t : portfolio.traits) {
    if (t.region >= model.zones_.size()) {
      return InvalidArgumentError("portfolio: a debtor's region index " + std::to_string(t.region) +
                                  " has no time zone");
    }
  }
  return model;
}

size_t DebtorModel::Index(domain::AccountId account) const {
  const size_t i = portfolio_->IndexOf(account);
  RECOUP_CHECK_MSG(i < portfolio_->size(),
                   "DebtorModel: account " + std::to_string(account) + " is not in the portfolio");
  return i;
}

const DebtorTraits& DebtorModel::traits(domain::AccountId account) const {
  return portfolio_->traits[Index(account)];
}

LocalHour DebtorModel::LocalTimeOf(domain::AccountId account, Timestamp t) const {
  const compliance::LocalParts parts = compliance::Local(t, *zones_[traits(account).region]);
  return LocalHour{parts.minute / 60, parts.weekday};
}

double DebtorModel::AnswerProbability(domain::AccountId account, LocalHour local) const {
  const int hour = std::clamp(local.hour, 0, 23);
  const int weekday = std::clamp(local.weekday, 0, 6);
  const double p = behaviour_.answer * behaviour_.hour_multiplier[static_cast<size_t>(hour)] *
                   behaviour_.weekday_multiplier[static_cast<size_t>(weekday)] *
                   traits(account).answer_multiplier;
  return std::min(1.0, p);
}

DialResult DebtorModel::Dial(domain::AccountId account, int phone, uint32_t n,
                             LocalHour local) const {
  if (traits(account).PhoneNotInService(phone)) return DialResult::kNotInService;
  RandomStream s = At(families_.answer, account, n);
  const bool answered = Bernoulli(s, AnswerProbability(account, local));
  const bool voicemail = Bernoulli(s, behaviour_.voicemail);
  if (answered) return DialResult::kAnswered;
  return voicemail ? DialResult::kVoicemail : DialResult::kNoAnswer;
}

std::optional<Duration> DebtorModel::CallbackAfterVoicemail(domain::AccountId account,
                                                            uint32_t n) const {
  RandomStream s = At(families_.callback, account, n);
  const bool calls = Bernoulli(s, behaviour_.inbound_callback);
  const double after = Uniform(s, 600.0, kSecondsPerDay);
  if (!calls) return std::nullopt;
  return Duration::FromSecondsDouble(after);
}

double DebtorModel::Propensity(domain::AccountId account, Timestamp t) const {
  const size_t i = Index(account);
  const double days_since =
      std::max(0.0, (t - portfolio_->start).ToSecondsDouble() / kSecondsPerDay);
  const double age = portfolio_->accounts[i].days_past_due + days_since;
  return portfolio_->traits[i].propensity * std::exp2(-age / behaviour_.propensity_half_life_days);
}

double DebtorModel::AgreeProbability(domain::AccountId account, Timestamp t) const {
  const size_t i = Index(account);
  const domain::Account& a = portfolio_->accounts[i];
  const double days_since =
      std::max(0.0, (t - portfolio_->start).ToSecondsDouble() / kSecondsPerDay);
  const double dpd = a.days_past_due + std::floor(days_since);
  const bool late = a.charged_off || dpd > 60;
  const double ptp = late ? behaviour_.ptp_late : behaviour_.ptp_early;
  return std::min(1.0, ptp * Propensity(account, t) / behaviour_.propensity_mean);
}

ConversationScript DebtorModel::Conversation(domain::AccountId account, uint32_t n,
                                             domain::Channel channel, domain::VoiceMode voice,
                                             int contact_point, Timestamp t) const {
  const BehaviourSpec& b = behaviour_;
  const DebtorTraits& traits = this->traits(account);
  const bool call = channel == domain::Channel::kCall;
  ConversationScript s;

  // Who answers: a wrong number is always someone else; on a call the debtor with right_party,
  // else a third party; a thread's reply comes from the debtor. AI hang-up with its probability.
  RandomStream party = At(families_.party, account, n);
  const bool right = Bernoulli(party, b.right_party);
  const bool hangs_up = Bernoulli(party, b.hang_up_on_ai_disclosure);
  const bool phone_channel = domain::IsPhoneChannel(channel);
  if (phone_channel && traits.PhoneWrongNumber(contact_point)) {
    s.responder = Responder::kWrongNumber;
  } else if (call && !right) {
    s.responder = Responder::kThirdParty;
  }
  s.hangs_up_on_ai_disclosure = call && hangs_up;

  RandomStream identity = At(families_.identity, account, n);
  for (bool& pass : s.identity_passes) pass = Bernoulli(identity, b.identity_pass);

  // At most one request, from fixed intervals of one uniform (so the same draw gives the same
  // request whatever the voice); a human agent cannot be asked for a human.
  RandomStream request = At(families_.request, account, n);
  const double u = request.Uniform01();
  const std::pair<Request, double> requests[] = {{Request::kAsksForHuman, b.asks_for_human},
                                                 {Request::kDispute, b.dispute},
                                                 {Request::kHardship, b.hardship},
                                                 {Request::kStopCalling, b.stop_calling},
                                                 {Request::kAttorney, b.attorney}};
  double edge = 0;
  for (const auto& [kind, p] : requests) {
    edge += p;
    if (u < edge) {
      s.request = kind;
      break;
    }
  }
  if (s.request == Request::kAsksForHuman && voice == domain::VoiceMode::kHuman) {
    s.request = Request::kNone;
  }

  // Agreement: on a call the propensity-scaled PTP rate; in a thread the clicker pays with
  // pay_after_click. Of those who agree, counter_proposal put forward their own terms.
  RandomStream stance = At(families_.stance, account, n);
  const double agree_p = call ? AgreeProbability(account, t) : b.pay_after_click;
  const bool agrees = Bernoulli(stance, agree_p);
  const bool proposes = Bernoulli(stance, b.counter_proposal);
  s.stance = !agrees ? Stance::kRefuses : proposes ? Stance::kProposes : Stance::kAgrees;

  // The debtor's own terms, relative to the current balance.
  RandomStream proposal = At(families_.proposal, account, n);
  const double kind = proposal.Uniform01();
  const double x = proposal.Uniform01();
  const int wanted = std::max(1, b.max_instalments_wanted);
  const int instalments =
      wanted >= 2 ? 2 + static_cast<int>(proposal.Below(static_cast<uint64_t>(wanted - 1))) : 1;
  const int64_t balance = portfolio_->accounts[Index(account)].balance.Total().minor_units();
  negotiation::Proposal& p = s.proposal;
  p.frequency = negotiation::Frequency::kMonthly;
  if (kind < kLumpSumShare) {
    p.kind = negotiation::Proposal::Kind::kLumpSum;
    p.amount = Money::FromMinorUnits(std::llround(static_cast<double>(balance) * (0.6 + 0.35 * x)));
  } else if (kind < kLumpSumShare + kInstalmentShare) {
    p.kind = negotiation::Proposal::Kind::kInstalments;
    p.instalments = instalments;
  } else {
    p.kind = negotiation::Proposal::Kind::kCapacity;
    const double months = 1.5 + (2.0 * wanted - 1.5) * x;
    const int64_t per_month = std::llround(static_cast<double>(balance) / months / 100.0) * 100;
    p.amount = Money::FromMinorUnits(std::max<int64_t>(100, per_month));
  }

  RandomStream offer = At(families_.offer_reply, account, n);
  s.accepts_counter = Bernoulli(offer, b.accept_counter);
  s.accepts_fallback = Bernoulli(offer, b.accept_fallback_plan);

  // How they pay: card (keypad on a call) or bank transfer (through the link).
  RandomStream method = At(families_.payment_method, account, n);
  s.card = Bernoulli(method, b.card_share);
  s.method = call && s.card ? conversation::PaymentMethod::kKeypad
                            : conversation::PaymentMethod::kSecureLink;
  RandomStream capture = At(families_.capture, account, n);
  for (bool& fails : s.capture_fails) fails = Bernoulli(capture, b.card_decline) && s.card;
  return s;
}

MessageResponse DebtorModel::Message(domain::AccountId account, domain::Channel channel,
                                     uint32_t n) const {
  const BehaviourSpec& b = behaviour_;
  // The channel's stream and rates; each channel has its own stream, so its draws never move
  // another's.
  const StreamFamily* family = &families_.sms;
  double read = b.sms_read;
  double click = b.sms_click;
  switch (channel) {
    case domain::Channel::kEmail:
      family = &families_.email;
      read = b.email_open;
      click = b.email_click;
      break;
    case domain::Channel::kWhatsApp:
      family = &families_.whatsapp;
      read = b.whatsapp_read;
      click = b.whatsapp_click;
      break;
    case domain::Channel::kSms:
    case domain::Channel::kCall:    // not a message: answered as a text would be
    case domain::Channel::kLetter:  // (letters use LetterResponse)
      break;
  }
  RandomStream s = At(*family, account, n);
  MessageResponse r;
  r.read = Bernoulli(s, read);
  r.clicked = Bernoulli(s, click) && r.read;
  const double reply_s =
      b.message_reply_mean_s > 0 ? Exponential(s, 1.0 / b.message_reply_mean_s) : 0.0;
  r.reply_after = Duration::FromSecondsDouble(reply_s);
  const bool calls = Bernoulli(s, b.inbound_callback);
  const double after = Uniform(s, 600.0, kSecondsPerDay);
  if (calls && r.read && !r.clicked) r.callback_after = Duration::FromSecondsDouble(after);
  return r;
}

std::optional<Duration> DebtorModel::LetterResponse(domain::AccountId account, uint32_t n) const {
  RandomStream s = At(families_.letter, account, n);
  const bool responds = Bernoulli(s, behaviour_.letter_response);
  const double days = Uniform(s, 3.0, 10.0);
  if (!responds) return std::nullopt;
  return Duration::FromSecondsDouble(days * kSecondsPerDay);
}

PromiseDraw DebtorModel::Promise(domain::AccountId account, uint32_t k) const {
  RandomStream s = At(families_.promise, account, k);
  PromiseDraw d;
  const bool kept = Bernoulli(s, behaviour_.kept);
  const bool partial = Bernoulli(s, behaviour_.partial);
  const double fraction = Uniform(s, 0.2, 0.8);
  d.days_from_due = static_cast<int>(s.Below(4)) - 2;
  if (!kept) {
    d.fate = PromiseDraw::Fate::kBroken;
    d.paid_fraction = 0;
  } else if (partial) {
    d.fate = PromiseDraw::Fate::kPartial;
    d.paid_fraction = fraction;
  } else {
    d.fate = PromiseDraw::Fate::kKept;
    d.paid_fraction = 1;
  }
  return d;
}

PaymentDraw DebtorModel::Payment(domain::AccountId account, uint32_t k, uint32_t attempt) const {
  RandomStream s = At(families_.payment, account, k);
  PaymentDraw d;
  d.card = Bernoulli(s, behaviour_.card_share);
  s.Discard(attempt);
  const double p = attempt > 0 ? 1.0 - behaviour_.retry_success
                               : (d.card ? behaviour_.card_decline : behaviour_.ach_return);
  d.fails = Bernoulli(s, p);
  d.failure_after = d.fails && !d.card ? Duration::Days(2) : Duration::Zero();
  return d;
}

}  // namespace recoup::sim::world
