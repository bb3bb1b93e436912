// The simulated debtors' behaviour: whether they answer, who picks up, what they say in a
// conversation, whether they keep promises, and how their payments go (collections-domain.md
// section 3; parameters in BehaviourSpec, world_config.h).
//
// Every answer is a pure function of (seed, stream name, account id, a number the caller gives):
// the interaction number n for calls and messages (the n-th call to this debtor, counted by the
// caller), the promise or payment number for promises and payments. Nothing depends on the order in
// which events run or on other accounts, so a champion and a challenger see the same debtor with
// the same luck on their n-th call (common random numbers). Draw i of interaction n of account a in
// family F is draw (n << 32) + i of F's stream for entity a. docs/world.md lists every stream.
//
// Thread safety: const methods only read; one model may serve several threads as long as nobody
// changes the Portfolio it reads (current balances are read from portfolio.accounts).
#ifndef RECOUP_SIM_WORLD_BEHAVIOUR_H_
#define RECOUP_SIM_WORLD_BEHAVIOUR_H_

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "core/base/money.h"
#include "core/base/statusor.h"
#include "core/base/time.h"
#include "core/compliance/jurisdiction.h"
#include "core/conversation/intent.h"
#include "core/domain/contact.h"
#include "core/negotiation/negotiation.h"
#include "sim/random/random_streams.h"
#include "sim/world/portfolio.h"
#include "sim/world/world_config.h"

namespace recoup::sim::world {

// How a dial ends before anyone speaks.
enum class DialResult : uint8_t { kNotInService, kNoAnswer, kVoicemail, kAnswered };
// Who picks up an answered call (or replies in a thread).
enum class Responder : uint8_t { kRightParty, kThirdParty, kWrongNumber };
// What the debtor raises when asked to pay (at most one per conversation).
enum class Request : uint8_t { kNone, kAsksForHuman, kDispute, kHardship, kStopCalling, kAttorney };
// How the debtor answers the payment request when raising nothing.
enum class Stance : uint8_t { kAgrees, kProposes, kRefuses };

// Everything the debtor will do in one conversation, drawn at once.
struct ConversationScript {
  Responder responder = Responder::kRightParty;
  bool hangs_up_on_ai_disclosure = false;  // only matters when the AI disclosure is made
  std::array<bool, 4> identity_passes{};   // identity check attempt i passes
  Request request = Request::kNone;
  Stance stance = Stance::kRefuses;
  negotiation::Proposal proposal;  // kProposes: the debtor's own terms (first due: today)
  bool accepts_counter = false;    // agrees to our counter-offer (accept_counter)
  bool accepts_fallback = false;   // a refuser agrees to the longest plan
  bool card = false;               // pays by card, else by bank transfer (ACH)
  conversation::PaymentMethod method = conversation::PaymentMethod::kSecureLink;
  std::array<bool, 4> capture_fails{};  // payment attempt i in the conversation is declined
};

// What a sent text or email does.
struct MessageResponse {
  bool read = false;     // read / opened
  bool clicked = false;  // clicked through (given read): the thread gets a reply
  Duration reply_after;  // when a clicker replies (exponential, message_reply_mean_s)
  // A reader who did not click calls in this long after the message; nullopt: no callback.
  std::optional<Duration> callback_after;
};

// How a promise to pay ends (P11).
struct PromiseDraw {
  enum class Fate : uint8_t { kKept, kPartial, kBroken } fate = Fate::kBroken;
  double paid_fraction = 0;  // of the promised amount: 1 kept, (0.2, 0.8) partial, 0 broken
  int days_from_due = 0;     // when the payment comes, relative to the due date: -2..+1
};

// One attempt of one payment (P22-P24).
struct PaymentDraw {
  bool card = false;   // the instrument, the same for every attempt of a payment
  bool fails = false;  // attempt 0: declined (card) / returned (ACH); retries: not recovered
  // When the failure is known after the attempt: 0 for a card decline, 2 days for an ACH return.
  Duration failure_after;
};

// The local wall-clock hour (0-23) and weekday (0 = Monday) of a debtor.
struct LocalHour {
  int hour = 0;
  int weekday = 0;
};

// A lognormal duration with the spec's median and p90 (sigma = ln(p90 / median) / 1.2816); zero
// for a {0, 0} spec. Consumes draws from `stream` (a normal variate).
Duration SampleDuration(const DurationSpec& spec, RandomStream& stream);

class DebtorModel {
 public:
  // The model of `portfolio`'s debtors, which must outlive it. `behaviour` and `channels` are
  // copied. InvalidArgument if `behaviour` fails validation or a region's time zone cannot be
  // loaded.
  static StatusOr<DebtorModel> Create(const BehaviourSpec& behaviour, const ChannelSpec& channels,
                                      uint64_t seed, const Portfolio& portfolio);

  const BehaviourSpec& behaviour() const { return behaviour_; }
  const ChannelSpec& channels() const { return channels_; }
  const Portfolio& portfolio() const { return *portfolio_; }
  // The traits of account `account` (an id of the portfolio; checked).
  const DebtorTraits& traits(domain::AccountId account) const;

  // The debtor's local hour and weekday at `t`, in the zone of the region they really live in.
  LocalHour LocalTimeOf(domain::AccountId account, Timestamp t) const;

  // --- Calls. n: the caller's count of calls to this debtor so far (0 for the first).
  // P(answer | connected) = min(1, answer * hour_multiplier[hour] * weekday_multiplier[weekday] *
  // the debtor's answer multiplier).
  double AnswerProbability(domain::AccountId account, LocalHour local) const;
  // A phone marked not in service never connects; else answered with AnswerProbability, else a
  // voicemail box with `voicemail`, else no answer. Stream "debtor.call.answer".
  DialResult Dial(domain::AccountId account, int phone, uint32_t n, LocalHour local) const;
  // Inbound callback after a voicemail left on call n (inbound_callback): the delay, uniform in
  // 10 min .. 24 h. Stream "debtor.call.callback".
  std::optional<Duration> CallbackAfterVoicemail(domain::AccountId account, uint32_t n) const;

  // The propensity to pay at `t`: traits.propensity * 2^(-age / half_life), age = the days past
  // due at placement plus the days since.
  double Propensity(domain::AccountId account, Timestamp t) const;
  // P(agrees to pay | verified right party, no request) at `t`: min(1, ptp * propensity /
  // propensity_mean), ptp = ptp_early up to 60 days past due, ptp_late after or charged off.
  double AgreeProbability(domain::AccountId account, Timestamp t) const;

  // --- Conversations (calls, and the replies of a message thread). n is the interaction number of
  // that channel (calls and threads count separately). See docs/world.md for each draw.
  ConversationScript Conversation(domain::AccountId account, uint32_t n, domain::Channel channel,
                                  domain::VoiceMode voice, int contact_point, Timestamp t) const;

  // --- Messages. n: the caller's count of messages of that channel to this debtor so far. Read
  // and click with the channel's rates (sms_*, whatsapp_*, email_*). Streams "debtor.sms",
  // "debtor.whatsapp" and "debtor.email".
  MessageResponse Message(domain::AccountId account, domain::Channel channel, uint32_t n) const;
  // A letter prompts an inbound call (letter_response) 3 to 10 days later. Stream "debtor.letter".
  std::optional<Duration> LetterResponse(domain::AccountId account, uint32_t n) const;

  // --- Promises and payments. Streams "debtor.promise" and "debtor.payment".
  // Promise number k (0-based, per account): kept with `kept`, of which partial with `partial`.
  PromiseDraw Promise(domain::AccountId account, uint32_t k) const;
  // Attempt `attempt` (0 first, then retries after retry_after_days) of payment number k: the
  // instrument is card with card_share; attempt 0 fails with card_decline / ach_return; a retry
  // fails with 1 - retry_success.
  PaymentDraw Payment(domain::AccountId account, uint32_t k, uint32_t attempt) const;

 private:
  struct Families {
    explicit Families(const RandomStreams& s);
    StreamFamily answer, callback, party, identity, request, stance, proposal, offer_reply,
        payment_method, capture, sms, whatsapp, email, letter, promise, payment;
  };

  DebtorModel(const BehaviourSpec& behaviour, const ChannelSpec& channels, uint64_t seed,
              const Portfolio& portfolio);
  size_t Index(domain::AccountId account) const;

  BehaviourSpec behaviour_;
  ChannelSpec channels_;
  const Portfolio* portfolio_;
  Families families_;
  // Zones of the portfolio's regions (table zones are static; others live in the cache).
  std::unique_ptr<compliance::ZoneCache> zone_cache_;
  std::vector<const compliance::Zone*> zones_;
};

}  // namespace recoup::sim::world

#endif  // RECOUP_SIM_WORLD_BEHAVIOUR_H_
