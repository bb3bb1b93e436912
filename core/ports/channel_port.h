// ChannelPort: the port through which a workflow talks to a debtor on a call or a message thread.
//
// The conversation playbook (core/conversation/playbook.h) decides what to say as Steps; the
// channel performs them (speaks, sends, dials, hands the keypad to the processor) and reports what
// the person on the other side did as an IntentEvent. Performing takes time: the port resumes the
// caller once the steps are done and the reply is in (on the Executor the workflow runs on). In the
// simulation the debtor is the behaviour model (sim/adapters/sim_channel_port.h); live it is the
// voice / SMS platform, whose classifier posts intents to the decision API.
//
// An interaction is opened, driven with Perform any number of times, and closed. Coroutine rule
// (DESIGN.md section 2): parameters by value.
#ifndef RECOUP_CORE_PORTS_CHANNEL_PORT_H_
#define RECOUP_CORE_PORTS_CHANNEL_PORT_H_

#include <cstdint>
#include <vector>

#include "core/conversation/intent.h"
#include "core/conversation/step.h"
#include "core/domain/contact.h"
#include "core/runtime/task.h"

namespace recoup {

// Who is on our side of the interaction and where it goes.
struct ChannelSession {
  domain::AccountId account = 0;
  domain::PersonId person = 0;
  domain::Channel channel = domain::Channel::kCall;       // kCall, kSms, kEmail or kWhatsApp
  domain::VoiceMode voice = domain::VoiceMode::kAiVoice;  // kHuman: a human agent works it
  int8_t contact_point = 0;  // index into Debtor::phones (calls, texts, WhatsApp) or ::emails
  // Calls only: the person called us (on phone contact_point). The interaction opens connected:
  // the workflow never performs kDial on it.
  bool inbound = false;
};

class ChannelPort {
 public:
  virtual ~ChannelPort() = default;

  // Opens an interaction (no time passes) and returns its id, unique among open interactions. An
  // inbound session (ChannelSession::inbound) is a call the person made to us, already connected.
  virtual uint64_t Open(ChannelSession session) = 0;
  // Performs `steps` in order on interaction `id` and returns what the person did next (for a
  // kDial step: kAnswered, kNoAnswer, kVoicemail or kHangsUp). Time passes while it runs. A step
  // list ending the interaction (kEnd, kTransferToHuman, kLeaveLimitedContentMessage...) returns
  // kHangsUp once performed.
  virtual Task<conversation::IntentEvent> Perform(uint64_t id,
                                                  std::vector<conversation::Step> steps) = 0;
  // Closes interaction `id` (no time passes); its id may be reused.
  virtual void Close(uint64_t id) = 0;
};

}  // namespace recoup

#endif  // RECOUP_CORE_PORTS_CHANNEL_PORT_H_
