// SimChannelPort: the simulation's ChannelPort (core/ports/channel_port.h). The person on the other
// side is the behaviour model (sim/world/behaviour.h); performing steps takes the simulated time a
// human agent or the AI would take (ChannelSpec handle times), slept on the Executor the workflow
// runs on (the discrete-event kernel).
//
// Per interaction: Open counts it as interaction n of its channel for the account (0 for the first
// call, text, WhatsApp message or email to that debtor; each channel is counted separately) and
// draws the debtor's ConversationScript (and, for messages, the MessageResponse) for (account,
// n). So the n-th call to a debtor goes the same way in every run with the seed, whatever happens
// to other accounts. Inbound calls (ChannelSession::inbound, or OpenInbound) are counted apart:
// the k-th call the debtor makes to us is number kInboundNumberBase + k, so calls the debtor makes
// never shift the luck of the calls we make (and the k-th inbound call has the same luck in every
// arm).
// Perform then answers the LAST step of the list from that script:
//   kDial                       kAnswered / kNoAnswer (also for a number not in service) /
//                               kVoicemail (DebtorModel::Dial at the debtor's local hour)
//   kDiscloseAi (AI voice)      kHangsUp if the debtor hangs up on the disclosure (the steps after
//                               it are not performed)
//   kAskForPerson               call: kRightParty / kThirdParty / kWrongParty; thread: kNoAnswer
//                               unless the message was clicked, else kRightParty (kWrongParty for
//                               a text or WhatsApp message to a wrong number)
//   kVerifyIdentity             kConfirmsIdentity / kFailsIdentity (attempt i of the script)
//   kRequestPayment             the request (kAsksForHuman, kDisputes, kReportsHardship, kOptsOut,
//                               kHasAttorney), else kAgrees / kProposesTerms / kRefuses
//   kPresentOffer               kAgrees or kRefuses (accept_counter, or accept_fallback_plan after
//                               a refusal; a second offer is refused)
//   kSendPaymentLink,
//   kCaptureKeypadPayment       kPaymentCompleted / kPaymentFailed (card declines)
//   any ending step (kEnd, kTransferToHuman, kLeaveLimitedContentMessage, kConfirmOptOut,
//   kConfirmCease)              kHangsUp
//   anything else               kHangsUp (the debtor has nothing to say to it)
// Agreements and proposals carry the script's payment method (keypad for a card on a call, else a
// secure link).
//
// Time (calls): each step takes its share of a handle-time component of the side working the call
// (ChannelSession::voice: kHuman -> ChannelSpec::human, else ::ai), drawn per step from stream
// "channel.call_time" (docs/world.md has the table): a dial rings ring_no_answer_s (answered: a
// uniform 10-50% of it; not in service: not_in_service_s); the voicemail message takes
// voicemail_s. Threads (texts, WhatsApp, emails): steps take no time; each reply comes after an
// exponential delay with mean message_reply_mean_s (the first one MessageResponse::reply_after);
// no reply (kNoAnswer) comes at once.
//
// The Executor and the DebtorModel (and its Portfolio) must outlive the port and every Task it
// returns. Single-threaded, like the kernel.
#ifndef RECOUP_SIM_ADAPTERS_SIM_CHANNEL_PORT_H_
#define RECOUP_SIM_ADAPTERS_SIM_CHANNEL_PORT_H_

#include <array>
#include <cstdint>
#include <map>
#include <vector>

#include "core/base/time.h"
#include "core/conversation/intent.h"
#include "core/conversation/step.h"
#include "core/ports/channel_port.h"
#include "core/ports/executor.h"
#include "core/runtime/task.h"
#include "sim/random/random_stream.h"
#include "sim/random/random_streams.h"
#include "sim/world/behaviour.h"

namespace recoup::sim::adapters {

// What the port knows about one open interaction (for the operation's records and costs).
struct SimInteraction {
  ChannelSession session;
  uint32_t number = 0;   // n: the interaction number of its channel for this account
  bool inbound = false;  // opened with OpenInbound: the debtor called us
  // Calls: how the dial went (kAnswered until kDial is performed, and for inbound calls).
  world::DialResult dial = world::DialResult::kAnswered;
  world::ConversationScript script;
  world::MessageResponse message;  // texts, WhatsApp messages and emails
  Duration busy;                   // simulated time spent in Perform so far
  int identity_attempts = 0;
  int payment_attempts = 0;
  int offers = 0;
  bool refused = false;  // the debtor has refused the payment request
};

class SimChannelPort final : public ChannelPort {
 public:
  // `seed` keys the handle-time streams (use the run's seed, as for the model).
  SimChannelPort(const world::DebtorModel& model, Executor& executor, uint64_t seed);

  // The interaction number of the first inbound call of an account (see above).
  static constexpr uint32_t kInboundNumberBase = 1u << 31;

  // Opens an interaction; an inbound session (session.inbound) as OpenInbound does.
  uint64_t Open(ChannelSession session) override;
  // Opens an inbound call from the debtor (a callback; session.inbound is set): the call is
  // connected (a kDial step, if performed, answers kAnswered at once), the caller is the debtor (as
  // right party; a wrong-number phone still answers kWrongParty), with no AI hang-up.
  uint64_t OpenInbound(ChannelSession session);
  Task<conversation::IntentEvent> Perform(uint64_t id,
                                          std::vector<conversation::Step> steps) override;
  void Close(uint64_t id) override;

  // The open interaction `id`, or nullptr.
  const SimInteraction* Find(uint64_t id) const;
  size_t open_interactions() const { return open_.size(); }
  // How many interactions of `channel` were opened for `account` so far (the next one's n);
  // inbound calls are not among them.
  uint32_t Opened(domain::AccountId account, domain::Channel channel) const;
  // How many inbound calls were opened for `account` so far.
  uint32_t InboundOpened(domain::AccountId account) const;

 private:
  struct Reply {
    conversation::IntentEvent event;
    Duration took;
  };
  uint64_t OpenImpl(ChannelSession session, bool inbound);
  // Performs `steps` on `it` without waiting: the reply and the time it took.
  Reply Respond(SimInteraction& it, RandomStream& time,
                const std::vector<conversation::Step>& steps);
  conversation::IntentEvent ReplyTo(SimInteraction& it, conversation::Step step);
  Duration StepTime(const SimInteraction& it, RandomStream& time, conversation::Step step) const;
  static int ChannelIndex(domain::Channel channel);

  const world::DebtorModel* model_;
  Executor* executor_;
  std::array<StreamFamily, 4> time_families_;  // calls, texts, emails, WhatsApp
  // An open interaction and its handle-time stream (which continues across Perform calls).
  struct Slot {
    SimInteraction it;
    RandomStream time;
  };
  uint64_t next_id_ = 1;
  std::map<uint64_t, Slot> open_;
  // Interactions opened per account (index id - 1) and channel (calls, texts, emails, WhatsApp,
  // inbound calls); saturates.
  std::vector<std::array<uint16_t, 5>> opened_;
};

}  // namespace recoup::sim::adapters

#endif  // RECOUP_SIM_ADAPTERS_SIM_CHANNEL_PORT_H_
