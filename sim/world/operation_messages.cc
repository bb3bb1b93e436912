// Sending messages and letters at each channel's rate (OperationImpl, operation_impl.h).
//
// A strategy's message steps come due at the start of their slot for every account of a time zone
// at once. A real platform sends them one after another at the channel's throughput (a 10DLC
// campaign's messages per second, an email provider's sending rate), so each channel here has a
// FIFO queue drained by one scheduled send at a time: contacts in flight stay bounded by
// rate x latency however large the portfolio, and the compliance check at the instant of sending
// (workflow::RunContact) sees the real send time.
#include <algorithm>

#include "sim/world/operation_impl.h"

namespace recoup::sim::world {
namespace {

double RatePerSecond(const ChannelSpec& ch, domain::Channel channel) {
  switch (channel) {
    case domain::Channel::kSms:
      return ch.sms_per_second;
    case domain::Channel::kWhatsApp:
      return ch.whatsapp_per_second;
    case domain::Channel::kEmail:
      return ch.emails_per_second;
    case domain::Channel::kLetter:
      return ch.letters_per_second;
    case domain::Channel::kCall:
      break;
  }
  return 0;  // calls go through the line and agent queues, never here
}

}  // namespace

void OperationImpl::SendMessage(const QueuedContact& c) {
  const int ch = static_cast<int>(c.request.channel);
  send_queue_[ch].push_back(c);
  if (send_scheduled_[ch]) return;
  send_scheduled_[ch] = true;
  const domain::Channel channel = c.request.channel;
  kernel_->CallAt(std::max(kernel_->Now(), next_send_[ch]), [this, channel] { PumpSends(channel); });
}

void OperationImpl::PumpSends(domain::Channel channel) {
  const int ch = static_cast<int>(channel);
  std::deque<QueuedContact>& queue = send_queue_[ch];
  send_scheduled_[ch] = false;
  const Timestamp now = kernel_->Now();
  // While the org refuses requests for its limits the messages wait (their Contact Attempt and
  // Compliance Record could not be written); the end of the pause pumps the queue again.
  if (OrgPaused()) return;
  while (!queue.empty()) {
    const QueuedContact c = queue.front();
    queue.pop_front();
    if (Withdrawn(c)) continue;
    AccountState& st = state_[c.account];
    if (st.plan_epoch != c.epoch || !IsOpen(st.status)) {  // resolved meanwhile
      st.queued = false;
      continue;
    }
    const double rate = RatePerSecond(world_.channels, channel);
    next_send_[ch] = now + Duration::FromSecondsDouble(1.0 / rate);
    StartContact(c, domain::IsRobocall(c.request.voice) || channel != domain::Channel::kLetter
                        ? recording::Agent::kAi
                        : recording::Agent::kNone);
    break;
  }
  // Withdrawn messages at the front go now, so that a queue holding only those does not keep the
  // pump scheduled.
  while (!queue.empty() && Withdrawn(queue.front())) queue.pop_front();
  if (queue.empty()) return;
  send_scheduled_[ch] = true;
  kernel_->CallAt(next_send_[ch], [this, channel] { PumpSends(channel); });
}

}  // namespace recoup::sim::world
