// SimChannelPort: a real conversation::Conversation driven against the behaviour model on the
// simulation kernel. Checks the replies, the simulated time each exchange takes (constant handle
// times, so the figures are exact), human vs AI timing, message threads, order independence, and
// that the playbook accepts every intent the model produces over thousands of conversations.
#include "sim/adapters/sim_channel_port.h"

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/conversation/playbook.h"
#include "core/conversation/records.h"
#include "core/runtime/task.h"
#include "sim/kernel/kernel.h"
#include "sim/world/behaviour.h"
#include "sim/world/portfolio.h"

namespace recoup::sim::adapters {
namespace {

using conversation::Disposition;
using conversation::Intent;
using conversation::Step;
using world::BehaviourSpec;
using world::ChannelSpec;

const Timestamp kStart = Timestamp::FromCivilUtc(2026, 1, 6, 15, 0, 0);  // Tuesday 10:00 in NY

// What one driven conversation did.
struct Driven {
  Status status;                 // a rejected intent or start failure
  std::vector<Intent> replies;   // every reply, the closing one included
  std::vector<Timestamp> times;  // when each reply came
  Timestamp started;
  Timestamp ended;
  std::optional<Disposition> disposition;
  std::optional<SimInteraction> interaction;  // as it was before Close
};

// Runs the playbook for `account` against `port` from Now(). Not a template (clang-14 UBSan).
Task<void> Drive(SimChannelPort* port, Kernel* kernel, const domain::Account* account,
                 conversation::ConversationSetup setup, ChannelSession session, Driven* out) {
  setup.start = kernel->Now();
  out->started = kernel->Now();
  StatusOr<conversation::Conversation> started = conversation::Conversation::Start(setup, *account);
  if (!started.ok()) {
    out->status = started.status();
    co_return;
  }
  conversation::Conversation conv = std::move(started).value();
  const uint64_t id = port->Open(session);
  std::vector<Step> steps = conv.steps();
  while (!conv.finished()) {
    conversation::IntentEvent reply = co_await port->Perform(id, steps);
    out->replies.push_back(reply.intent);
    out->times.push_back(kernel->Now());
    StatusOr<std::vector<Step>> next = conv.On(reply, kernel->Now());
    if (!next.ok()) {
      out->status = next.status();
      break;
    }
    steps = std::move(next).value();
  }
  if (out->status.ok() && !steps.empty()) {
    conversation::IntentEvent closing = co_await port->Perform(id, steps);
    out->replies.push_back(closing.intent);
    out->times.push_back(kernel->Now());
  }
  out->interaction = *port->Find(id);
  port->Close(id);
  out->ended = kernel->Now();
  StatusOr<conversation::ConversationResult> result = conv.Finish(kernel->Now());
  if (result.ok()) out->disposition = result->contact_attempt.disposition;
}

// Behaviour where everything goes one way unless a test changes it: everyone answers, is the
// debtor, passes identity, raises nothing, agrees, pays by card without declines.
BehaviourSpec Certain() {
  BehaviourSpec b;
  b.answer = 1;
  b.hour_multiplier.fill(1.0);
  b.weekday_multiplier.fill(1.0);
  b.answer_sigma = 0;
  b.right_party = 1;
  b.identity_pass = 1;
  b.hang_up_on_ai_disclosure = 0;
  b.asks_for_human = b.dispute = b.hardship = b.stop_calling = b.attorney = 0;
  b.ptp_early = 1;
  b.propensity_concentration = 1e6;
  b.propensity_half_life_days = 1e9;
  b.counter_proposal = 0;
  b.card_share = 1;
  b.card_decline = 0;
  return b;
}

world::DurationSpec Fixed(double s) { return {s, s}; }

// Constant handle times, so that step times are exact.
ChannelSpec FixedTimes() {
  ChannelSpec c;
  c.ai.identity = Fixed(20);
  c.ai.disclosures = Fixed(15);
  c.ai.balance = Fixed(13);
  c.ai.reminder = Fixed(80);
  c.ai.arrangement = Fixed(140);
  c.ai.payment = Fixed(40);
  c.human.identity = Fixed(60);
  c.human.disclosures = Fixed(15);
  c.human.balance = Fixed(40);
  c.human.reminder = Fixed(160);
  c.human.arrangement = Fixed(240);
  c.human.payment = Fixed(80);
  return c;
}

// A portfolio, its model, a kernel and the port. Not movable.
class Env {
 public:
  Env(const BehaviourSpec& b, const ChannelSpec& c, int64_t accounts = 20,
      const world::ContactDataSpec* contact = nullptr)
      : kernel_(kStart) {
    world::PortfolioSpec spec;
    spec.accounts = accounts;
    spec.products[0].balance = {1000, 0};  // below the policy's approval amount
    spec.flags = world::FlagRatesSpec{};
    spec.flags.attorney_represented = spec.flags.dispute_open = spec.flags.written_cease = 0;
    if (contact != nullptr) {
      spec.contact = *contact;
    } else {
      spec.contact.phone_on_file = 1;
      spec.contact.not_in_service = 0;
      spec.contact.wrong_number = 0;
    }
    StatusOr<world::Portfolio> p = world::GeneratePortfolio(spec, b, 17, kStart, 30);
    RECOUP_CHECK_MSG(p.ok(), p.status().ToString());
    portfolio_ = std::move(p).value();
    StatusOr<world::DebtorModel> m = world::DebtorModel::Create(b, c, 17, portfolio_);
    RECOUP_CHECK_MSG(m.ok(), m.status().ToString());
    model_.emplace(std::move(m).value());
    port_ = std::make_unique<SimChannelPort>(*model_, kernel_, 17);
  }

  // Runs one conversation with account `id` now and returns what happened.
  Driven Run(domain::AccountId id, domain::Channel channel = domain::Channel::kCall,
             domain::VoiceMode voice = domain::VoiceMode::kAiVoice) {
    Driven out;
    Spawn(id, channel, voice, &out);
    kernel_.Run();
    return out;
  }
  void Spawn(domain::AccountId id, domain::Channel channel, domain::VoiceMode voice, Driven* out) {
    conversation::ConversationSetup setup;
    setup.channel = channel;
    setup.voice = voice;
    setup.contact_point = 0;
    using compliance::Disclosure;
    setup.disclosures.Add(Disclosure::kCallerIdentification);
    if (domain::IsRobocall(voice)) {
      setup.disclosures.Add(Disclosure::kAiVoice);
      setup.disclosures.Add(Disclosure::kInCallOptOut);
    }
    setup.disclosures.Add(Disclosure::kRecordingNotice);
    setup.disclosures.Add(Disclosure::kDebtCollectorInitial);
    if (channel != domain::Channel::kCall) setup.disclosures.Add(Disclosure::kOptOutInstructions);
    setup.today = domain::LocalDate(2026, 1, 6);
    ChannelSession session;
    session.account = id;
    session.person = id;
    session.channel = channel;
    session.voice = voice;
    session.contact_point = 0;
    kernel_.Spawn(Drive(port_.get(), &kernel_, &portfolio_.accounts[id - 1], setup, session, out),
                  "conversation");
  }

  Kernel& kernel() { return kernel_; }
  SimChannelPort& port() { return *port_; }
  const world::Portfolio& portfolio() const { return portfolio_; }

 private:
  Kernel kernel_;
  world::Portfolio portfolio_;
  std::optional<world::DebtorModel> model_;
  std::unique_ptr<SimChannelPort> port_;
};

double Seconds(Timestamp a, Timestamp b) { return (b - a).ToSecondsDouble(); }

TEST(SimChannelPortTest, AnAgreeingDebtorPaysOnTheKeypadInTheHandleTimes) {
  Env ai_env(Certain(), FixedTimes());
  const Driven ai = ai_env.Run(1);
  ASSERT_TRUE(ai.status.ok()) << ai.status;
  EXPECT_EQ(ai.replies,
            (std::vector<Intent>{Intent::kAnswered, Intent::kRightParty, Intent::kConfirmsIdentity,
                                 Intent::kAgrees, Intent::kPaymentCompleted, Intent::kHangsUp}));
  EXPECT_EQ(ai.disposition, Disposition::kPaid);
  // Ring (3-15 s), then: 4 opening disclosures x 5 s, ask 5, verify 15, mini-Miranda 15,
  // balance 13, request 80, confirm arrangement 70, keypad 40, confirm payment 4, end 0.
  const double ring = Seconds(ai.started, ai.times[0]);
  EXPECT_GE(ring, 3.0);
  EXPECT_LE(ring, 15.0);
  EXPECT_DOUBLE_EQ(Seconds(ai.times[0], ai.times[1]), 25.0);
  EXPECT_DOUBLE_EQ(Seconds(ai.times[1], ai.times[2]), 15.0);
  EXPECT_DOUBLE_EQ(Seconds(ai.times[2], ai.times[3]), 15.0 + 13.0 + 80.0);
  EXPECT_DOUBLE_EQ(Seconds(ai.times[3], ai.times[4]), 70.0 + 40.0);
  EXPECT_DOUBLE_EQ(Seconds(ai.times[4], ai.times[5]), 4.0);
  EXPECT_DOUBLE_EQ(Seconds(ai.started, ai.ended), ring + 262.0);
  EXPECT_DOUBLE_EQ(ai.interaction->busy.ToSecondsDouble(), ring + 262.0);
  EXPECT_TRUE(ai.interaction->script.card);

  // The same debtor with a human: no AI disclosure or automated opt-out, human task times, the
  // same ring (the same draw of the same interaction).
  Env human_env(Certain(), FixedTimes());
  const Driven human = human_env.Run(1, domain::Channel::kCall, domain::VoiceMode::kHuman);
  ASSERT_TRUE(human.status.ok()) << human.status;
  EXPECT_EQ(human.disposition, Disposition::kPaid);
  // 2 opening disclosures x 5, ask 15, verify 45, 15, 40, 160, 120, 80, 8.
  EXPECT_DOUBLE_EQ(Seconds(human.started, human.ended), ring + 493.0);
}

TEST(SimChannelPortTest, NoAnswerVoicemailAndNotInService) {
  BehaviourSpec b = Certain();
  b.answer = 0;
  b.voicemail = 0;
  Env no_answer(b, FixedTimes());
  const Driven d = no_answer.Run(2);
  EXPECT_EQ(d.replies, (std::vector<Intent>{Intent::kNoAnswer, Intent::kHangsUp}));
  EXPECT_EQ(d.disposition, Disposition::kNoAnswer);
  EXPECT_DOUBLE_EQ(Seconds(d.started, d.ended), 30.0);  // ring_no_answer_s; kEnd takes nothing
  EXPECT_EQ(d.interaction->dial, world::DialResult::kNoAnswer);

  b.voicemail = 1;
  Env voicemail(b, FixedTimes());
  const Driven v = voicemail.Run(2);
  EXPECT_EQ(v.replies, (std::vector<Intent>{Intent::kVoicemail, Intent::kHangsUp}));
  EXPECT_EQ(v.disposition, Disposition::kVoicemailLeft);
  EXPECT_DOUBLE_EQ(Seconds(v.started, v.times[0]), 30.0);
  EXPECT_DOUBLE_EQ(Seconds(v.started, v.ended), 70.0);  // + voicemail_s

  world::ContactDataSpec dead;
  dead.phone_on_file = 1;
  dead.not_in_service = 1;
  dead.wrong_number = 0;
  Env not_in_service(Certain(), FixedTimes(), 20, &dead);
  const Driven n = not_in_service.Run(3);
  EXPECT_EQ(n.replies.front(), Intent::kNoAnswer);
  EXPECT_DOUBLE_EQ(Seconds(n.started, n.ended), 5.0);  // not_in_service_s
  EXPECT_EQ(n.interaction->dial, world::DialResult::kNotInService);
}

TEST(SimChannelPortTest, HangsUpOnTheAiDisclosure) {
  BehaviourSpec b = Certain();
  b.hang_up_on_ai_disclosure = 1;
  Env env(b, FixedTimes());
  const Driven d = env.Run(4);
  ASSERT_GE(d.replies.size(), 2u);
  EXPECT_EQ(d.replies[1], Intent::kHangsUp);
  EXPECT_EQ(d.disposition, Disposition::kHungUpUnverified);
  EXPECT_DOUBLE_EQ(Seconds(d.times[0], d.times[1]), 10.0);  // caller id + AI disclosure only
  // A human call makes no AI disclosure: the same debtor stays on the line.
  Env human(b, FixedTimes());
  EXPECT_EQ(human.Run(4, domain::Channel::kCall, domain::VoiceMode::kHuman).disposition,
            Disposition::kPaid);
}

TEST(SimChannelPortTest, ARefuserIsOfferedThePlanAndMayTakeIt) {
  BehaviourSpec b = Certain();
  b.ptp_early = 0;
  b.accept_fallback_plan = 1;
  Env takes(b, FixedTimes());
  const Driven d = takes.Run(5);
  ASSERT_TRUE(d.status.ok()) << d.status;
  EXPECT_EQ(d.replies[3], Intent::kRefuses);
  EXPECT_EQ(d.replies[4], Intent::kAgrees);
  EXPECT_EQ(d.disposition, Disposition::kPaid);
  b.accept_fallback_plan = 0;
  Env refuses(b, FixedTimes());
  EXPECT_EQ(refuses.Run(5).disposition, Disposition::kRefused);
}

TEST(SimChannelPortTest, AClickedTextGetsRepliesAfterTheReplyDelay) {
  BehaviourSpec b = Certain();
  b.sms_read = 1;
  b.sms_click = 1;
  b.pay_after_click = 1;
  Env env(b, FixedTimes());
  const Driven d = env.Run(6, domain::Channel::kSms);
  ASSERT_TRUE(d.status.ok()) << d.status;
  EXPECT_EQ(d.disposition, Disposition::kPaid);
  EXPECT_EQ(d.replies[0], Intent::kRightParty);
  EXPECT_EQ(d.interaction->script.method, conversation::PaymentMethod::kSecureLink);
  EXPECT_EQ(d.times[0] - d.started, d.interaction->message.reply_after);
  b.sms_click = 0;
  Env unclicked(b, FixedTimes());
  const Driven u = unclicked.Run(6, domain::Channel::kSms);
  EXPECT_EQ(u.disposition, Disposition::kNoAnswer);
  EXPECT_EQ(u.ended, u.started);
}

// A WhatsApp thread plays like a text thread with WhatsApp's rates, and is numbered on its own:
// the first WhatsApp message after two texts is WhatsApp message 0, drawn from its own streams.
TEST(SimChannelPortTest, WhatsAppThreadsPlayLikeTextsAndAreNumberedApart) {
  BehaviourSpec b = Certain();
  b.sms_click = 0;  // texts go unclicked: a reply proves the WhatsApp rates were used
  b.whatsapp_read = 1;
  b.whatsapp_click = 1;
  b.pay_after_click = 1;
  Env env(b, FixedTimes());
  const Driven text = env.Run(6, domain::Channel::kSms);
  EXPECT_EQ(text.disposition, Disposition::kNoAnswer);
  env.Run(6, domain::Channel::kSms);
  const Driven d = env.Run(6, domain::Channel::kWhatsApp);
  ASSERT_TRUE(d.status.ok()) << d.status;
  EXPECT_EQ(d.disposition, Disposition::kPaid);
  EXPECT_EQ(d.replies[0], Intent::kRightParty);
  EXPECT_EQ(d.interaction->number, 0u);
  EXPECT_EQ(d.interaction->session.channel, domain::Channel::kWhatsApp);
  EXPECT_EQ(d.interaction->script.method, conversation::PaymentMethod::kSecureLink);
  EXPECT_EQ(d.times[0] - d.started, d.interaction->message.reply_after);
  EXPECT_EQ(env.port().Opened(6, domain::Channel::kWhatsApp), 1u);
  EXPECT_EQ(env.port().Opened(6, domain::Channel::kSms), 2u);
  EXPECT_EQ(env.port().Opened(6, domain::Channel::kEmail), 0u);
  EXPECT_EQ(env.port().InboundOpened(6), 0u);
  // The same message with WhatsApp unclicked: no reply, the thread ends at once.
  b.whatsapp_click = 0;
  Env unclicked(b, FixedTimes());
  const Driven u = unclicked.Run(6, domain::Channel::kWhatsApp);
  EXPECT_EQ(u.disposition, Disposition::kNoAnswer);
  EXPECT_EQ(u.ended, u.started);
}

TEST(SimChannelPortTest, InteractionsAreNumberedPerAccountWhateverTheOrder) {
  Env forward(BehaviourSpec{}, FixedTimes());
  Env backward(BehaviourSpec{}, FixedTimes());
  std::map<std::pair<domain::AccountId, uint32_t>, std::string> seen;
  auto describe = [](const SimInteraction& it) {
    return std::to_string(static_cast<int>(it.script.stance)) +
           std::to_string(static_cast<int>(it.script.request)) +
           std::to_string(it.script.proposal.amount.minor_units()) + std::to_string(it.script.card);
  };
  for (int round = 0; round < 3; ++round) {
    for (domain::AccountId a = 1; a <= 10; ++a) {
      ChannelSession s;
      s.account = a;
      const uint64_t id = forward.port().Open(s);
      seen[{a, forward.port().Find(id)->number}] = describe(*forward.port().Find(id));
      forward.port().Close(id);
    }
  }
  for (int round = 0; round < 3; ++round) {
    for (domain::AccountId a = 10; a >= 1; --a) {
      ChannelSession s;
      s.account = a;
      const uint64_t id = backward.port().Open(s);
      const SimInteraction* it = backward.port().Find(id);
      EXPECT_EQ(it->number, static_cast<uint32_t>(round));
      const std::pair<domain::AccountId, uint32_t> key(a, it->number);
      EXPECT_EQ(seen[key], describe(*it));
      backward.port().Close(id);
    }
  }
  EXPECT_EQ(backward.port().Opened(3, domain::Channel::kCall), 3u);
  EXPECT_EQ(backward.port().Opened(3, domain::Channel::kSms), 0u);
  EXPECT_EQ(backward.port().open_interactions(), 0u);
}

// A call the debtor makes to us: connected whatever the answer draw, the caller is the debtor (not
// a third party) and does not hang up on the AI disclosure; inbound calls are numbered apart, so
// they never shift the luck of the calls we make.
TEST(SimChannelPortTest, InboundCallsAreConnectedAndNumberedApart) {
  BehaviourSpec b = Certain();
  b.answer = 0;                    // nobody would answer our call...
  b.right_party = 0;               // ...a third party would if they did...
  b.hang_up_on_ai_disclosure = 1;  // ...and hang up on the AI
  Env env(b, FixedTimes());
  ChannelSession session;
  session.account = 7;
  session.person = 7;
  session.voice = domain::VoiceMode::kAiVoice;
  session.inbound = true;
  const uint64_t id = env.port().Open(session);
  const SimInteraction* it = env.port().Find(id);
  ASSERT_NE(it, nullptr);
  EXPECT_TRUE(it->inbound);
  EXPECT_EQ(it->number, SimChannelPort::kInboundNumberBase);
  EXPECT_EQ(it->script.responder, world::Responder::kRightParty);
  EXPECT_FALSE(it->script.hangs_up_on_ai_disclosure);
  env.port().Close(id);
  EXPECT_EQ(env.port().Opened(7, domain::Channel::kCall), 0u);
  EXPECT_EQ(env.port().InboundOpened(7), 1u);

  // Driven through the playbook (which dials: the inbound line answers at once) it pays.
  conversation::ConversationSetup setup;
  setup.channel = domain::Channel::kCall;
  setup.voice = domain::VoiceMode::kAiVoice;
  setup.disclosures.Add(compliance::Disclosure::kCallerIdentification);
  setup.disclosures.Add(compliance::Disclosure::kAiVoice);
  setup.disclosures.Add(compliance::Disclosure::kDebtCollectorInitial);
  setup.today = domain::LocalDate(2026, 1, 6);
  Driven d;
  env.kernel().Spawn(
      Drive(&env.port(), &env.kernel(), &env.portfolio().accounts[6], setup, session, &d),
      "inbound");
  env.kernel().Run();
  ASSERT_TRUE(d.status.ok()) << d.status;
  EXPECT_EQ(d.replies.front(), Intent::kAnswered);
  EXPECT_EQ(d.disposition, Disposition::kPaid);
  EXPECT_EQ(d.interaction->number, SimChannelPort::kInboundNumberBase + 1);

  // The first call we make to that debtor is still call 0, with call 0's luck (no answer).
  ChannelSession ours = session;
  ours.inbound = false;
  const uint64_t out = env.port().Open(ours);
  EXPECT_EQ(env.port().Find(out)->number, 0u);
  EXPECT_EQ(env.port().Find(out)->script.responder, world::Responder::kThirdParty);
  env.port().Close(out);
}

// Property: whatever the model draws, the playbook accepts it (no rejected intent), over many
// conversations of every channel and voice, and the dispositions are varied.
TEST(SimChannelPortTest, ThePlaybookAcceptsEveryReplyTheModelGives) {
  BehaviourSpec b;
  b.answer = 0.6;
  b.sms_click = 0.5;
  b.email_open = 0.8;
  b.email_click = 0.5;
  world::ContactDataSpec contact;
  contact.phone_on_file = 1;
  contact.email_on_file = 1;
  Env env(b, world::ChannelSpec{}, 600, &contact);
  std::vector<Driven> runs(3 * 600 * 2);
  size_t k = 0;
  for (int round = 0; round < 2; ++round) {
    for (domain::AccountId a = 1; a <= 600; ++a) {
      env.Spawn(a, domain::Channel::kCall, domain::VoiceMode::kAiVoice, &runs[k++]);
      env.Spawn(a, domain::Channel::kCall, domain::VoiceMode::kHuman, &runs[k++]);
      env.Spawn(a, a % 2 ? domain::Channel::kSms : domain::Channel::kEmail,
                domain::VoiceMode::kAiVoice, &runs[k++]);
    }
    env.kernel().Run();
  }
  std::map<Disposition, int> dispositions;
  for (const Driven& d : runs) {
    ASSERT_TRUE(d.status.ok()) << d.status;
    ASSERT_TRUE(d.disposition.has_value());
    ++dispositions[*d.disposition];
  }
  for (Disposition expected :
       {Disposition::kNoAnswer, Disposition::kVoicemailLeft, Disposition::kThirdParty,
        Disposition::kPaid, Disposition::kRefused, Disposition::kHardship,
        Disposition::kTransferredToHuman, Disposition::kOptedOut, Disposition::kDisputed}) {
    EXPECT_GT(dispositions[expected], 0) << conversation::DispositionName(expected);
  }
  EXPECT_EQ(env.port().open_interactions(), 0u);
}

}  // namespace
}  // namespace recoup::sim::adapters
