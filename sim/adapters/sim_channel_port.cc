// SimChannelPort (sim_channel_port.h).
#include "sim/adapters/sim_channel_port.h"

#include <string>
#include <utility>

#include "core/base/check.h"
#include "core/runtime/sleep.h"
#include "sim/random/distributions.h"

namespace recoup::sim::adapters {
namespace {

using conversation::Intent;
using conversation::IntentEvent;
using conversation::MakeIntent;
using conversation::Step;

bool Ends(Step s) {
  switch (s) {
    case Step::kEnd:
    case Step::kTransferToHuman:
    case Step::kLeaveLimitedContentMessage:
    case Step::kConfirmOptOut:
    case Step::kConfirmCease:
      return true;
    default:
      return false;
  }
}

// opened_'s slot for inbound calls (after calls, texts, emails and WhatsApp messages).
constexpr size_t kInboundIndex = 4;

Duration Scaled(Duration d, double share) {
  return Duration::FromSecondsDouble(d.ToSecondsDouble() * share);
}

}  // namespace

SimChannelPort::SimChannelPort(const world::DebtorModel& model, Executor& executor, uint64_t seed)
    : model_(&model),
      executor_(&executor),
      time_families_{RandomStreams(seed).Family("channel.call_time"),
                     RandomStreams(seed).Family("channel.sms_time"),
                     RandomStreams(seed).Family("channel.email_time"),
                     RandomStreams(seed).Family("channel.whatsapp_time")},
      opened_(model.portfolio().size()) {}

int SimChannelPort::ChannelIndex(domain::Channel channel) {
  switch (channel) {
    case domain::Channel::kCall:
      return 0;
    case domain::Channel::kSms:
      return 1;
    case domain::Channel::kWhatsApp:
      return 3;  // numbered on its own: its n keys the debtor's WhatsApp draws
    case domain::Channel::kEmail:
    case domain::Channel::kLetter:  // refused by OpenImpl
      break;
  }
  return 2;
}

uint32_t SimChannelPort::Opened(domain::AccountId account, domain::Channel channel) const {
  const size_t i = model_->portfolio().IndexOf(account);
  if (i >= opened_.size()) return 0;
  return opened_[i][static_cast<size_t>(ChannelIndex(channel))];
}

uint32_t SimChannelPort::InboundOpened(domain::AccountId account) const {
  const size_t i = model_->portfolio().IndexOf(account);
  if (i >= opened_.size()) return 0;
  return opened_[i][kInboundIndex];
}

uint64_t SimChannelPort::Open(ChannelSession session) { return OpenImpl(session, session.inbound); }

uint64_t SimChannelPort::OpenInbound(ChannelSession session) {
  session.inbound = true;
  return OpenImpl(session, true);
}

uint64_t SimChannelPort::OpenImpl(ChannelSession session, bool inbound) {
  RECOUP_CHECK_MSG(session.channel != domain::Channel::kLetter,
                   "SimChannelPort::Open: a letter is not an interaction");
  RECOUP_CHECK_MSG(!inbound || session.channel == domain::Channel::kCall,
                   "SimChannelPort::Open: only calls can be inbound");
  const size_t index = model_->portfolio().IndexOf(session.account);
  RECOUP_CHECK_MSG(index < opened_.size(), "SimChannelPort::Open: account " +
                                               std::to_string(session.account) +
                                               " is not in the portfolio");
  const int channel = ChannelIndex(session.channel);
  uint16_t& count = opened_[index][inbound ? kInboundIndex : static_cast<size_t>(channel)];
  SimInteraction it;
  it.session = session;
  it.number = inbound ? kInboundNumberBase + count : count;
  it.inbound = inbound;
  if (count < UINT16_MAX) ++count;
  const Timestamp now = executor_->Now();
  it.script = model_->Conversation(session.account, it.number, session.channel, session.voice,
                                   session.contact_point, now);
  if (inbound) {
    if (it.script.responder == world::Responder::kThirdParty) {
      it.script.responder = world::Responder::kRightParty;
    }
    it.script.hangs_up_on_ai_disclosure = false;
  }
  if (session.channel != domain::Channel::kCall) {
    it.message = model_->Message(session.account, session.channel, it.number);
  }
  RandomStream time = time_families_[static_cast<size_t>(channel)].For(session.account);
  time.Seek(uint64_t{it.number} << 32);
  const uint64_t id = next_id_++;
  open_.emplace(id, Slot{std::move(it), time});
  return id;
}

void SimChannelPort::Close(uint64_t id) { open_.erase(id); }

const SimInteraction* SimChannelPort::Find(uint64_t id) const {
  auto found = open_.find(id);
  return found == open_.end() ? nullptr : &found->second.it;
}

Task<IntentEvent> SimChannelPort::Perform(uint64_t id, std::vector<Step> steps) {
  auto found = open_.find(id);
  RECOUP_CHECK_MSG(found != open_.end(),
                   "SimChannelPort::Perform: no open interaction " + std::to_string(id));
  const Reply reply = Respond(found->second.it, found->second.time, steps);
  if (reply.took > Duration::Zero()) co_await SleepFor(*executor_, reply.took);
  co_return reply.event;
}

Duration SimChannelPort::StepTime(const SimInteraction& it, RandomStream& time, Step step) const {
  const world::ChannelSpec& ch = model_->channels();
  const world::HandleTimes& h = it.session.voice == domain::VoiceMode::kHuman ? ch.human : ch.ai;
  auto draw = [&time](const world::DurationSpec& spec, double share) {
    return Scaled(world::SampleDuration(spec, time), share);
  };
  switch (step) {
    case Step::kDial: {
      const double u = time.Uniform01();
      switch (it.dial) {
        case world::DialResult::kNotInService:
          return Duration::FromSecondsDouble(ch.not_in_service_s);
        case world::DialResult::kNoAnswer:
        case world::DialResult::kVoicemail:
          return Duration::FromSecondsDouble(ch.ring_no_answer_s);
        case world::DialResult::kAnswered:
          return Duration::FromSecondsDouble(ch.ring_no_answer_s * (0.1 + 0.4 * u));
      }
      return Duration::Zero();
    }
    case Step::kIdentifyCaller:
    case Step::kDiscloseAi:
    case Step::kRecordingNotice:
    case Step::kInCallOptOutNotice:
    case Step::kOptOutInstructions:
    case Step::kDebtCollectorReminder:
    case Step::kTransferToHuman:
    case Step::kConfirmOptOut:
    case Step::kConfirmCease:
      return draw(h.disclosures, 1.0 / 3.0);
    case Step::kAskForPerson:
      return draw(h.identity, 0.25);
    case Step::kVerifyIdentity:
      return draw(h.identity, 0.75);
    case Step::kDebtCollectorDisclosure:
    case Step::kTimeBarredNotice:
      return draw(h.disclosures, 1.0);
    case Step::kValidationInformation:
      return draw(h.disclosures, 2.0);
    case Step::kStateBalance:
      return draw(h.balance, 1.0);
    case Step::kRequestPayment:
      return draw(h.reminder, 1.0);
    case Step::kPresentOffer:
    case Step::kConfirmArrangement:
      return draw(h.arrangement, 0.5);
    case Step::kSendPaymentLink:
    case Step::kCaptureKeypadPayment:
      return draw(h.payment, 1.0);
    case Step::kConfirmPayment:
      return draw(h.payment, 0.1);
    case Step::kLeaveLimitedContentMessage:
      return Duration::FromSecondsDouble(ch.voicemail_s);
    case Step::kEnd:
      return Duration::Zero();
  }
  return Duration::Zero();
}

SimChannelPort::Reply SimChannelPort::Respond(SimInteraction& it, RandomStream& time,
                                              const std::vector<Step>& steps) {
  const bool call = it.session.channel == domain::Channel::kCall;
  Reply r;
  r.event = MakeIntent(Intent::kHangsUp);
  bool ends = false;
  for (const Step step : steps) {
    if (step == Step::kDial && call && !it.inbound) {
      const world::LocalHour local = model_->LocalTimeOf(it.session.account, executor_->Now());
      it.dial = model_->Dial(it.session.account, it.session.contact_point, it.number, local);
    }
    if (call) r.took += StepTime(it, time, step);
    if (call && step == Step::kDiscloseAi && domain::IsRobocall(it.session.voice) &&
        it.script.hangs_up_on_ai_disclosure) {
      it.busy += r.took;
      return r;  // hangs up; the rest is not performed
    }
    ends = ends || Ends(step);
  }
  if (!ends && !steps.empty()) r.event = ReplyTo(it, steps.back());
  if (!call && r.event.intent != Intent::kNoAnswer && r.event.intent != Intent::kHangsUp) {
    // A reply in a thread: the first after MessageResponse::reply_after, later ones after a fresh
    // exponential delay.
    const double mean = model_->behaviour().message_reply_mean_s;
    const bool first = steps.back() == Step::kAskForPerson;
    r.took += first ? it.message.reply_after
                    : Duration::FromSecondsDouble(mean > 0 ? Exponential(time, 1.0 / mean) : 0.0);
  }
  it.busy += r.took;
  return r;
}

IntentEvent SimChannelPort::ReplyTo(SimInteraction& it, Step step) {
  const world::ConversationScript& s = it.script;
  const bool call = it.session.channel == domain::Channel::kCall;
  switch (step) {
    case Step::kDial:
      switch (it.dial) {
        case world::DialResult::kAnswered:
          return MakeIntent(Intent::kAnswered);
        case world::DialResult::kVoicemail:
          return MakeIntent(Intent::kVoicemail);
        case world::DialResult::kNoAnswer:
        case world::DialResult::kNotInService:
          return MakeIntent(Intent::kNoAnswer);
      }
      break;
    case Step::kAskForPerson:
      if (!call && !it.message.clicked) return MakeIntent(Intent::kNoAnswer);
      switch (s.responder) {
        case world::Responder::kRightParty:
          return MakeIntent(Intent::kRightParty);
        case world::Responder::kThirdParty:
          return MakeIntent(Intent::kThirdParty);
        case world::Responder::kWrongNumber:
          return MakeIntent(Intent::kWrongParty);
      }
      break;
    case Step::kVerifyIdentity: {
      const size_t attempt = static_cast<size_t>(it.identity_attempts++);
      const bool pass = attempt < s.identity_passes.size() && s.identity_passes[attempt];
      return MakeIntent(pass ? Intent::kConfirmsIdentity : Intent::kFailsIdentity);
    }
    case Step::kRequestPayment:
      switch (s.request) {
        case world::Request::kAsksForHuman:
          return MakeIntent(Intent::kAsksForHuman);
        case world::Request::kDispute:
          return MakeIntent(Intent::kDisputes);
        case world::Request::kHardship:
          return MakeIntent(Intent::kReportsHardship);
        case world::Request::kStopCalling:
          return MakeIntent(Intent::kOptsOut);
        case world::Request::kAttorney:
          return MakeIntent(Intent::kHasAttorney);
        case world::Request::kNone:
          break;
      }
      switch (s.stance) {
        case world::Stance::kAgrees:
          return conversation::MakeAgreement(s.method);
        case world::Stance::kProposes:
          return conversation::MakeProposal(s.proposal, s.method);
        case world::Stance::kRefuses:
          it.refused = true;
          return MakeIntent(Intent::kRefuses);
      }
      break;
    case Step::kPresentOffer: {
      const bool first = it.offers++ == 0;
      const bool accepts = first && (it.refused ? s.accepts_fallback : s.accepts_counter);
      if (accepts) return conversation::MakeAgreement(s.method);
      it.refused = true;
      return MakeIntent(Intent::kRefuses);
    }
    case Step::kSendPaymentLink:
    case Step::kCaptureKeypadPayment: {
      const size_t attempt = static_cast<size_t>(it.payment_attempts++);
      const bool fails = attempt < s.capture_fails.size() && s.capture_fails[attempt];
      return MakeIntent(fails ? Intent::kPaymentFailed : Intent::kPaymentCompleted);
    }
    default:
      break;
  }
  return MakeIntent(Intent::kHangsUp);
}

}  // namespace recoup::sim::adapters
