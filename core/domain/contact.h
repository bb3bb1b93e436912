// Channels, contact points and the contact history that frequency and consent rules read.
//
// A ContactEvent records one attempt or exchange with a person, in UTC, with what Reg F needs to
// decide whether it "counts": whether the call connected to the dialed number, who was reached, and
// which debts it was attributed to or discussed (12 CFR 1006.14(b)(3)-(4)). The history of a person is
// kept once, across debts; each rule derives its own view (per person and debt for Reg F, per debt for
// Massachusetts, across media for New York City).
#ifndef RECOUP_CORE_DOMAIN_CONTACT_H_
#define RECOUP_CORE_DOMAIN_CONTACT_H_

#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

#include "core/base/time.h"

namespace recoup::domain {

using AccountId = uint64_t;  // one account = one debt
using PersonId = uint64_t;

// Values are stored in results files (docs/results.md): a new channel goes at the end. kWhatsApp is
// a WhatsApp Business message to the number of a Phone: an electronic message like a text, but its
// own medium (its own opt-in, opt-out and rates).
enum class Channel : uint8_t { kCall, kSms, kEmail, kLetter, kWhatsApp };
inline constexpr int kChannelCount = 5;
std::string_view ChannelName(Channel c);  // "call", "sms", "email", "letter", "whatsapp"
// Whether the channel reaches the person at one of their Phones (ContactEvent::contact_point and
// ContactRequest::contact_point then index Debtor::phones).
constexpr bool IsPhoneChannel(Channel c) {
  return c == Channel::kCall || c == Channel::kSms || c == Channel::kWhatsApp;
}

// How a call's voice is produced. Anything but kHuman is an "artificial or prerecorded voice" or an
// autodialer for the TCPA (FCC 24-17 treats AI-generated voices as artificial).
enum class VoiceMode : uint8_t { kHuman, kAiVoice, kPrerecorded, kAutodialedHuman };
constexpr bool IsRobocall(VoiceMode m) { return m != VoiceMode::kHuman; }

// What happened on an attempt.
enum class Outcome : uint8_t {
  // Calls.
  kBusy,                  // never connected: not a "call placed" (1006.14(b)(3)(ii))
  kNotInService,          // never connected: not counted
  kNoAnswer,              // rang unanswered: counted
  kVoicemailLimited,      // limited-content message left (1006.2(j)): counted, not a communication
  kVoicemailFull,         // a message that says more than an LCM: counted, and a communication
  kRinglessVoicemail,     // counted
  kAnsweredNoConversation,  // answered, no conversation about the debt (hung up, call back later)
  kWrongParty,            // answered by someone else / wrong number
  kConversation,          // a telephone conversation with the person about the debt
  // Messages and letters.
  kSent,                  // text, WhatsApp message, email or letter sent
  kUndeliverable,         // bounced / returned
  kInboundFromConsumer,   // the consumer contacted us (text, call, email)
};

// Who the attempt reached. Calls to the consumer's attorney, a consumer reporting agency, the creditor
// or its or the collector's attorney are not calls to the consumer (1006.14(b)(3)(iii)).
enum class Recipient : uint8_t { kConsumer, kConsumerAttorney, kCreditReportingAgency, kCreditor,
                                 kCreditorAttorney, kCollectorAttorney };

// Up to four debts an event is attributed to (an unanswered call) or that were discussed (a
// conversation or voicemail about several debts counts for each, 1006.14(b)(4)).
//
// Nine bytes with byte alignment, so that a ContactEvent is 24 bytes: every person's history holds
// one per attempt for the whole run. One debt (the usual case) is kept inline; two or more move to
// a heap array of kMax ids owned by the set (copies are deep).
class DebtSet {
 public:
  static constexpr int kMax = 4;
  DebtSet() = default;
  DebtSet(const DebtSet& other);
  DebtSet(DebtSet&& other) noexcept;
  DebtSet& operator=(const DebtSet& other);
  DebtSet& operator=(DebtSet&& other) noexcept;
  ~DebtSet();

  int size() const { return size_; }
  bool empty() const { return size_ == 0; }
  // The i-th debt added, 0 <= i < size().
  AccountId operator[](int i) const { return size_ <= 1 ? Inline() : Heap()[i]; }
  bool Contains(AccountId id) const {
    if (size_ <= 1) return size_ == 1 && Inline() == id;
    const AccountId* ids = Heap();
    for (int i = 0; i < size_; ++i) {
      if (ids[i] == id) return true;
    }
    return false;
  }
  // False (and unchanged) when full; a conversation about more debts is split into several events.
  bool Add(AccountId id);

 private:
  AccountId Inline() const {
    AccountId id;
    std::memcpy(&id, slot_, sizeof id);
    return id;
  }
  AccountId* Heap() const {
    AccountId* ids;
    std::memcpy(&ids, slot_, sizeof ids);
    return ids;
  }
  void SetSlot(const void* value) { std::memcpy(slot_, value, sizeof slot_); }
  void Release();

  uint8_t size_ = 0;
  // size_ <= 1: the debt's id; otherwise a pointer to new AccountId[kMax]. Bytes, not a union of
  // a pointer and an id, so that the set packs into the event's padding (byte alignment).
  unsigned char slot_[8] = {};
};
static_assert(sizeof(AccountId) == 8 && sizeof(AccountId*) == 8);

struct ContactEvent {
  Timestamp time;
  Channel channel = Channel::kCall;
  Outcome outcome = Outcome::kNoAnswer;
  Recipient recipient = Recipient::kConsumer;
  VoiceMode voice = VoiceMode::kHuman;
  int8_t contact_point = -1;  // index into Debtor::phones (IsPhoneChannel) / emails; -1 for letters
  bool initiated_by_consumer = false;
  // The number turned out not to be the person's: the call is not counted (cmt 14(b)(2)(i)-3).
  bool misdirected = false;
  DebtSet debts;
};
static_assert(sizeof(ContactEvent) == 24, "ContactEvent is kept per attempt for the whole run");

// Reg F 1006.14(b)(3)(i): the person's prior consent, given directly to the collector, to calls about
// one debt. Calls within [start, end] do not count toward 7-in-7; the window ends early at `revoked`
// or at the first conversation about that debt after `start`. `end` is at most start + 7 days - 1 ns
// of the consent's day count (the engine clamps it).
struct CallConsent {
  AccountId debt = 0;
  Timestamp start;
  Timestamp end;
  Timestamp revoked = Timestamp::InfiniteFuture();
};

// One person's contact history across debts, events in ascending time.
struct ContactHistory {
  PersonId person = 0;
  std::vector<ContactEvent> events;
  std::vector<CallConsent> call_consents;
  // Adds `e`, keeping `events` sorted by time (equal times keep insertion order).
  void Record(const ContactEvent& e);
};

// Whether a call outcome means the call connected to the dialed number (it "counts" as a call placed
// when the recipient is the consumer and the number was theirs).
constexpr bool CallConnected(Outcome o) {
  return o != Outcome::kBusy && o != Outcome::kNotInService && o != Outcome::kSent &&
         o != Outcome::kUndeliverable && o != Outcome::kInboundFromConsumer;
}

}  // namespace recoup::domain

#endif  // RECOUP_CORE_DOMAIN_CONTACT_H_
