// DebtorModel: the rates over many draws match the configured probabilities (tolerance 4.5
// standard errors), draws are pure functions of (account, n), and the time-dependent parts
// (local hour, propensity decay, stage) follow their formulas.
#include "sim/world/behaviour.h"

#include <gtest/gtest.h>

#include <cmath>
#include <memory>
#include <optional>
#include <string>
#include <utility>

namespace recoup::sim::world {
namespace {

const Timestamp kStart = Timestamp::FromCivilUtc(2026, 1, 5, 12, 0, 0);  // Monday, 07:00 in NY
constexpr domain::Channel kCall = domain::Channel::kCall;
constexpr domain::VoiceMode kAi = domain::VoiceMode::kAiVoice;

void ExpectShare(int64_t hits, int64_t n, double p, const std::string& what) {
  const double share = static_cast<double>(hits) / static_cast<double>(n);
  const double se = std::sqrt(p * (1 - p) / static_cast<double>(n));
  EXPECT_NEAR(share, p, 4.5 * se + 1e-9) << what << ": " << hits << " of " << n;
}

// A portfolio of `n` accounts, 10 days past due, whose phones all work, and its model. Not
// movable: the model points at the portfolio.
class World {
 public:
  World(int64_t n, const BehaviourSpec& behaviour, uint64_t seed = 21,
        const ContactDataSpec* contact = nullptr) {
    PortfolioSpec spec;
    spec.accounts = n;
    if (contact != nullptr) {
      spec.contact = *contact;
    } else {
      spec.contact.phone_on_file = 1;
      spec.contact.not_in_service = 0;
      spec.contact.wrong_number = 0;
    }
    spec.products[0].min_days_past_due = 10;
    spec.products[0].max_days_past_due = 10;
    StatusOr<Portfolio> p = GeneratePortfolio(spec, behaviour, seed, kStart, 90);
    EXPECT_TRUE(p.ok()) << p.status();
    portfolio_ = std::move(p).value();
    StatusOr<DebtorModel> m = DebtorModel::Create(behaviour, ChannelSpec{}, seed, portfolio_);
    EXPECT_TRUE(m.ok()) << m.status();
    model_.emplace(std::move(m).value());
  }
  World(const World&) = delete;
  World& operator=(const World&) = delete;

  const DebtorModel& model() const { return *model_; }
  const Portfolio& portfolio() const { return portfolio_; }
  int64_t size() const { return static_cast<int64_t>(portfolio_.size()); }

 private:
  Portfolio portfolio_;
  std::optional<DebtorModel> model_;
};

TEST(BehaviourTest, AnswerRateFollowsHourWeekdayAndTheDebtorsMultiplier) {
  BehaviourSpec b;
  b.answer_sigma = 0;  // every debtor alike
  World w(4000, b);
  const LocalHour evening{19, 3};  // Thursday 19:xx: 0.15 * 1.4 * 1.0
  const LocalHour sunday{10, 6};   // Sunday 10:xx: 0.15 * 0.8 * 0.6
  EXPECT_DOUBLE_EQ(w.model().AnswerProbability(1, evening), 0.15 * 1.4);
  EXPECT_DOUBLE_EQ(w.model().AnswerProbability(1, sunday), 0.15 * 0.8 * 0.6);
  int64_t n = 0, answered = 0, voicemail = 0, not_answered = 0, sunday_answered = 0;
  for (domain::AccountId a = 1; a <= 4000; ++a) {
    for (uint32_t k = 0; k < 5; ++k) {
      ++n;
      const DialResult r = w.model().Dial(a, 0, k, evening);
      answered += r == DialResult::kAnswered;
      if (r != DialResult::kAnswered) {
        ++not_answered;
        voicemail += r == DialResult::kVoicemail;
      }
      sunday_answered += w.model().Dial(a, 0, k, sunday) == DialResult::kAnswered;
    }
  }
  ExpectShare(answered, n, 0.21, "answered Thursday evening");
  ExpectShare(voicemail, not_answered, 0.5, "voicemail when not answered");
  ExpectShare(sunday_answered, n, 0.072, "answered Sunday morning");
}

TEST(BehaviourTest, HeterogeneousDebtorsKeepTheMeanAnswerRate) {
  BehaviourSpec b;  // answer_sigma 0.5
  World w(20000, b);
  int64_t answered = 0;
  for (domain::AccountId a = 1; a <= 20000; ++a) {
    answered += w.model().Dial(a, 0, 0, LocalHour{16, 1}) == DialResult::kAnswered;
  }
  ExpectShare(answered, 20000, 0.15, "answered at 16:xx on Tuesday");
}

TEST(BehaviourTest, APhoneNotInServiceNeverConnects) {
  BehaviourSpec b;
  b.answer = 1;
  ContactDataSpec contact;
  contact.phone_on_file = 1;
  contact.second_phone = 1;
  contact.not_in_service = 0.5;
  World w(500, b, 3, &contact);
  int dead = 0;
  for (domain::AccountId a = 1; a <= 500; ++a) {
    for (int phone = 0; phone < 2; ++phone) {
      const bool not_in_service = w.model().traits(a).PhoneNotInService(phone);
      dead += not_in_service;
      for (uint32_t k = 0; k < 3; ++k) {
        const DialResult r = w.model().Dial(a, phone, k, LocalHour{12, 2});
        EXPECT_EQ(r == DialResult::kNotInService, not_in_service);
      }
    }
  }
  EXPECT_GT(dead, 400);
  EXPECT_LT(dead, 600);
}

TEST(BehaviourTest, DrawsArePureFunctionsOfAccountAndNumber) {
  BehaviourSpec b;
  World w(100, b);
  World other_seed(100, b, 22);
  const Timestamp t = kStart + Duration::Hours(30);
  // Backwards and twice: same answers.
  int differ = 0;
  for (domain::AccountId a = 100; a >= 1; --a) {
    for (uint32_t k = 0; k < 3; ++k) {
      const ConversationScript x = w.model().Conversation(a, k, kCall, kAi, 0, t);
      const ConversationScript y = w.model().Conversation(a, k, kCall, kAi, 0, t);
      EXPECT_EQ(x.stance, y.stance);
      EXPECT_EQ(x.request, y.request);
      EXPECT_EQ(x.identity_passes, y.identity_passes);
      EXPECT_EQ(x.proposal.amount, y.proposal.amount);
      EXPECT_EQ(w.model().Dial(a, 0, k, LocalHour{9, 0}), w.model().Dial(a, 0, k, LocalHour{9, 0}));
      const PaymentDraw p = w.model().Payment(a, k, 0);
      EXPECT_EQ(p.fails, w.model().Payment(a, k, 0).fails);
      const ConversationScript z = other_seed.model().Conversation(a, k, kCall, kAi, 0, t);
      differ += z.proposal.amount != x.proposal.amount || z.proposal.kind != x.proposal.kind ||
                z.proposal.instalments != x.proposal.instalments || z.card != x.card ||
                z.stance != x.stance || z.identity_passes != x.identity_passes;
    }
  }
  EXPECT_GT(differ, 250);
}

TEST(BehaviourTest, ConversationRatesMatchTheSpec) {
  BehaviourSpec b;
  b.propensity_concentration = 1e6;   // every debtor at propensity_mean
  b.propensity_half_life_days = 1e9;  // no decay
  World w(20000, b);
  const int64_t n = 20000;
  int64_t right = 0, hangs = 0, identity = 0, human = 0, dispute = 0, hardship = 0, stop = 0,
          none = 0, agree = 0, propose = 0, card = 0, keypad = 0, declined = 0, lump = 0,
          instalments = 0, capacity = 0;
  for (domain::AccountId a = 1; a <= n; ++a) {
    const ConversationScript s = w.model().Conversation(a, 0, kCall, kAi, 0, kStart);
    right += s.responder == Responder::kRightParty;
    EXPECT_NE(s.responder, Responder::kWrongNumber);
    hangs += s.hangs_up_on_ai_disclosure;
    identity += s.identity_passes[0];
    human += s.request == Request::kAsksForHuman;
    dispute += s.request == Request::kDispute;
    hardship += s.request == Request::kHardship;
    stop += s.request == Request::kStopCalling;
    none += s.request == Request::kNone;
    agree += s.stance != Stance::kRefuses;
    propose += s.stance == Stance::kProposes;
    card += s.card;
    keypad += s.method == conversation::PaymentMethod::kKeypad;
    EXPECT_EQ(s.method == conversation::PaymentMethod::kKeypad, s.card);
    declined += s.capture_fails[0];
    if (s.stance == Stance::kProposes) {
      const int64_t balance = w.portfolio().accounts[a - 1].balance.Total().minor_units();
      switch (s.proposal.kind) {
        case negotiation::Proposal::Kind::kLumpSum:
          ++lump;
          EXPECT_GE(s.proposal.amount.minor_units(), balance * 0.6 - 1);
          EXPECT_LE(s.proposal.amount.minor_units(), balance * 0.95 + 1);
          break;
        case negotiation::Proposal::Kind::kInstalments:
          ++instalments;
          EXPECT_GE(s.proposal.instalments, 2);
          EXPECT_LE(s.proposal.instalments, 6);
          break;
        case negotiation::Proposal::Kind::kCapacity:
          ++capacity;
          EXPECT_GE(s.proposal.amount.minor_units(), 100);
          break;
        default:
          ADD_FAILURE() << "unexpected proposal kind";
      }
    }
  }
  ExpectShare(right, n, 0.5, "right party");
  ExpectShare(hangs, n, 0.10, "hang up on AI disclosure");
  ExpectShare(identity, n, 0.90, "identity pass");
  ExpectShare(human, n, 0.05, "asks for human");
  ExpectShare(dispute, n, 0.03, "dispute");
  ExpectShare(hardship, n, 0.10, "hardship");
  ExpectShare(stop, n, 0.05, "stop calling");
  ExpectShare(none, n, 1 - 0.05 - 0.03 - 0.10 - 0.05 - 0.003, "no request");
  // 10 days past due, early: ptp_early at the mean propensity.
  EXPECT_NEAR(w.model().AgreeProbability(1, kStart), 0.35, 2e-3);
  ExpectShare(agree, n, 0.35, "agrees");
  ExpectShare(propose, agree, 0.40, "proposes own terms");
  ExpectShare(card, n, 0.60, "card");
  ExpectShare(keypad, n, 0.60, "keypad on a call");
  ExpectShare(declined, card, 0.15, "card declined");
  ExpectShare(lump, propose, 0.2, "lump sums");
  ExpectShare(instalments, propose, 0.5, "instalment plans");
  ExpectShare(capacity, propose, 0.3, "capacities");
}

TEST(BehaviourTest, AHumanAgentIsNeverAskedForAHuman) {
  BehaviourSpec b;
  b.asks_for_human = 1;
  b.dispute = b.hardship = b.stop_calling = b.attorney = 0;
  World w(200, b);
  for (domain::AccountId a = 1; a <= 200; ++a) {
    EXPECT_EQ(w.model().Conversation(a, 0, kCall, kAi, 0, kStart).request, Request::kAsksForHuman);
    EXPECT_EQ(w.model().Conversation(a, 0, kCall, domain::VoiceMode::kHuman, 0, kStart).request,
              Request::kNone);
  }
}

TEST(BehaviourTest, PropensityDecaysWithTheDebtsAge) {
  BehaviourSpec b;
  World w(10, b);
  const double p0 = w.model().Propensity(3, kStart);
  // 10 days past due at placement.
  EXPECT_NEAR(p0, w.model().traits(3).propensity * std::exp2(-10.0 / 150.0), 1e-6);
  EXPECT_NEAR(w.model().Propensity(3, kStart + Duration::Days(150)), p0 / 2, 1e-6);
  // Late stage after 60 days past due: ptp_late instead of ptp_early.
  const double early = w.model().AgreeProbability(3, kStart + Duration::Days(50));
  const double late = w.model().AgreeProbability(3, kStart + Duration::Days(51));
  const double ratio = std::exp2(-1.0 / 150.0);
  EXPECT_NEAR(late / early, 0.20 / 0.35 * ratio, 1e-6);
}

TEST(BehaviourTest, LocalTimeIsTheDebtorsZone) {
  BehaviourSpec b;
  World w(5, b);
  const LocalHour local = w.model().LocalTimeOf(1, kStart);  // 12:00Z = 07:00 EST, Monday
  EXPECT_EQ(local.hour, 7);
  EXPECT_EQ(local.weekday, 0);
}

TEST(BehaviourTest, MessagesPromisesAndPayments) {
  BehaviourSpec b;
  World w(20000, b);
  const int64_t n = 20000;
  int64_t read = 0, clicked = 0, opened = 0, email_clicked = 0, callbacks = 0, letters = 0,
          kept = 0, partial = 0, card = 0, declined = 0, returned = 0, retried = 0, retry_ok = 0;
  double reply_s = 0;
  for (domain::AccountId a = 1; a <= n; ++a) {
    const MessageResponse sms = w.model().Message(a, domain::Channel::kSms, 0);
    read += sms.read;
    clicked += sms.clicked;
    EXPECT_TRUE(!sms.clicked || sms.read);
    reply_s += sms.reply_after.ToSecondsDouble();
    if (sms.callback_after) {
      ++callbacks;
      EXPECT_TRUE(sms.read && !sms.clicked);
    }
    const MessageResponse email = w.model().Message(a, domain::Channel::kEmail, 0);
    opened += email.read;
    email_clicked += email.clicked;
    letters += w.model().LetterResponse(a, 0).has_value();
    const PromiseDraw promise = w.model().Promise(a, 0);
    kept += promise.fate != PromiseDraw::Fate::kBroken;
    partial += promise.fate == PromiseDraw::Fate::kPartial;
    EXPECT_GE(promise.days_from_due, -2);
    EXPECT_LE(promise.days_from_due, 1);
    const PaymentDraw first = w.model().Payment(a, 0, 0);
    const PaymentDraw retry = w.model().Payment(a, 0, 1);
    EXPECT_EQ(first.card, retry.card);
    if (first.card) {
      ++card;
      declined += first.fails;
      EXPECT_EQ(first.failure_after, Duration::Zero());
    } else {
      returned += first.fails;
      if (first.fails) {
        EXPECT_EQ(first.failure_after, Duration::Days(2));
      }
    }
    if (first.fails) {
      ++retried;
      retry_ok += !retry.fails;
    }
  }
  ExpectShare(read, n, 0.90, "sms read");
  ExpectShare(clicked, n, 0.09, "sms clicked");
  ExpectShare(opened, n, 0.30, "email opened");
  ExpectShare(email_clicked, n, 0.015, "email clicked");
  ExpectShare(callbacks, n, 0.05 * 0.81, "callbacks after an unclicked read");
  ExpectShare(letters, n, 0.02, "letter responses");
  EXPECT_NEAR(reply_s / n, 900, 5 * 900 / std::sqrt(n));
  ExpectShare(kept, n, 0.60, "kept");
  ExpectShare(partial, kept, 0.15, "partial of kept");
  ExpectShare(card, n, 0.60, "card payments");
  ExpectShare(declined, card, 0.15, "card declines");
  ExpectShare(returned, n - card, 0.05, "ACH returns");
  ExpectShare(retry_ok, retried, 0.40, "retry success");
}

// WhatsApp messages read and click with their own rates, from their own stream: changing them
// moves no text's draw, and the n-th WhatsApp message is not the n-th text.
TEST(BehaviourTest, WhatsAppHasItsOwnRatesAndStream) {
  BehaviourSpec b;
  b.whatsapp_read = 0.95;
  b.whatsapp_click = 0.20;
  World w(20000, b);
  BehaviourSpec other = b;
  other.whatsapp_read = 0.5;
  other.whatsapp_click = 0.5;
  World v(20000, other);
  const int64_t n = 20000;
  int64_t read = 0, clicked = 0, callbacks = 0, same_as_text = 0;
  for (domain::AccountId a = 1; a <= n; ++a) {
    const MessageResponse wa = w.model().Message(a, domain::Channel::kWhatsApp, 0);
    read += wa.read;
    clicked += wa.clicked;
    EXPECT_TRUE(!wa.clicked || wa.read);
    if (wa.callback_after) {
      ++callbacks;
      EXPECT_TRUE(wa.read && !wa.clicked);
    }
    const MessageResponse sms = w.model().Message(a, domain::Channel::kSms, 0);
    same_as_text += sms.reply_after == wa.reply_after;
    const MessageResponse sms_v = v.model().Message(a, domain::Channel::kSms, 0);
    EXPECT_EQ(sms.read, sms_v.read);
    EXPECT_EQ(sms.clicked, sms_v.clicked);
    EXPECT_EQ(sms.reply_after, sms_v.reply_after);
  }
  ExpectShare(read, n, 0.95, "whatsapp read");
  ExpectShare(clicked, n, 0.95 * 0.20, "whatsapp clicked");
  ExpectShare(callbacks, n, 0.05 * 0.95 * 0.80, "callbacks after an unclicked WhatsApp read");
  EXPECT_LT(same_as_text, n / 100);  // another stream: the delays differ
  // A WhatsApp reply to a wrong number's owner is a wrong party, as for texts.
  ContactDataSpec contact;
  contact.phone_on_file = 1;
  contact.second_phone = 0;
  contact.not_in_service = 0;
  contact.wrong_number = 1;
  World wrong(50, b, 21, &contact);
  for (domain::AccountId a = 1; a <= 50; ++a) {
    EXPECT_EQ(wrong.model()
                  .Conversation(a, 0, domain::Channel::kWhatsApp, kAi, 0, kStart)
                  .responder,
              Responder::kWrongNumber);
  }
}

TEST(BehaviourTest, SampledDurationsHaveTheSpecsMedianAndP90) {
  RandomStream s = RandomStreams(5).Stream("test.duration", 1);
  const DurationSpec spec{60, 90};
  int below_median = 0, below_p90 = 0;
  const int n = 20000;
  for (int i = 0; i < n; ++i) {
    const double d = SampleDuration(spec, s).ToSecondsDouble();
    below_median += d < 60;
    below_p90 += d < 90;
  }
  ExpectShare(below_median, n, 0.5, "below the median");
  ExpectShare(below_p90, n, 0.9, "below p90");
  EXPECT_EQ(SampleDuration(DurationSpec{0, 0}, s), Duration::Zero());
  EXPECT_EQ(SampleDuration(DurationSpec{30, 30}, s), Duration::Seconds(30));
}

}  // namespace
}  // namespace recoup::sim::world
