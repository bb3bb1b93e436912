// The compliance engine: may we contact this person, about this debt, on this channel, now?
//
//   ComplianceEngine engine(Profile{});            // once per thread (it caches time zones)
//   Verdict v = engine.Check(request, account, debtor, history, now);
//   if (v.kind == Verdict::Kind::kDefer) schedule for v.until;  // deny: never on this path
//
// Rules run in the order of collections-domain.md section 1.7: hard stops (bankruptcy, deceased,
// cease, attorney, holds), medium blocks, then the deferrable constraints (time window with the
// intersection of every candidate time zone, Reg F 7-in-7 and post-conversation, soft limits, state
// caps), then consent. The verdict names the first rule that blocks. A defer's `until` is the earliest
// instant at which every deferrable constraint is met (found by iterating to a fixed point), so a
// caller that comes back then is allowed unless something changed; a consent that lapses or a hold
// that starts before `until` turns the defer into a deny. Missing or unusable data denies
// (fails closed): an unknown contact point, no resolvable time zone, an invalid profile. Answering
// the consumer's own call (ContactRequest::inbound) is judged by the hard stops alone: it is allowed
// or denied, never deferred.
#ifndef RECOUP_CORE_COMPLIANCE_ENGINE_H_
#define RECOUP_CORE_COMPLIANCE_ENGINE_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>

#include "core/base/time.h"
#include "core/compliance/disclosures.h"
#include "core/compliance/profile.h"
#include "core/compliance/rules.h"
#include "core/domain/account.h"
#include "core/domain/calendar.h"
#include "core/domain/contact.h"
#include "core/domain/debtor.h"

namespace recoup::compliance {

class ZoneCache;  // jurisdiction.h

// Why we are reaching out; some purposes are allowed where collection is not.
enum class Purpose : uint8_t {
  kCollection,            // any communication in connection with collecting the debt
  kValidationNotice,      // the validation notice (1006.34): allowed during holds, not counted
  kDisputeVerification,   // sending verification after a dispute (1006.38(d))
  kCeaseAcknowledgement,  // the three messages allowed after a written cease (1006.6(c)(2))
  kOptOutConfirmation,    // one confirmation of a medium opt-out (1006.14(h)(2))
  kLegalReferral,         // referral for suit: needs SCRA check, never on time-barred debt
};

struct ContactRequest {
  domain::Channel channel = domain::Channel::kCall;
  domain::VoiceMode voice = domain::VoiceMode::kHuman;  // calls only
  int contact_point = 0;  // index into Debtor::phones (call, SMS, WhatsApp) or emails; not letters
  Purpose purpose = Purpose::kCollection;
  bool recorded = true;        // calls: the call will be recorded
  // Replying once, on the same medium, to a contact the consumer initiated (RF-RESPOND-ONCE): the
  // caller guarantees it is the first reply.
  bool reply_to_inbound = false;
  // Answering a contact the consumer initiated (an inbound call), as opposed to replying to one
  // later (reply_to_inbound). The consumer chose the moment, the place and the medium, and no call
  // is placed: no calling window or designated times (cmt 6(b)(1)-2), no Reg F call frequency or
  // post-conversation wait (1006.14(b)(2)-(3) count calls *placed*; the conversation itself still
  // starts the 7-day wait for our calls, see ContactEvent::initiated_by_consumer), no soft limits,
  // no state or city caps (they count what the collector initiates), no TCPA consent (we make no
  // call), no medium opt-out or workplace block (1006.14(h)(2)(ii): a response on the medium the
  // consumer used). Every hold still applies: bankruptcy, deceased, written cease, attorney
  // representation (the conversation is declined and the consumer referred to the attorney),
  // dispute and original-creditor holds, breathing space, capacity; so does a number known to be
  // someone else's.
  bool inbound = false;
  bool scra_status_checked = false;  // legal referral: military status verified (DMDC)
};

struct Verdict {
  enum class Kind : uint8_t { kAllow, kDeny, kDefer };
  Kind kind = Kind::kDeny;
  Rule rule = Rule::kNone;
  std::string_view reason;  // a static, human-readable sentence
  Timestamp until;          // kDefer: the earliest instant allowed

  static Verdict Allow() { return {Kind::kAllow, Rule::kNone, "allowed", Timestamp()}; }
  static Verdict Deny(Rule r, std::string_view why) { return {Kind::kDeny, r, why, Timestamp()}; }
  static Verdict Defer(Rule r, std::string_view why, Timestamp t) { return {Kind::kDefer, r, why, t}; }
  bool allowed() const { return kind == Kind::kAllow; }
};

// Reg F 1006.34: the validation period of a notice sent at `sent` (local date `sent_day` in the
// collector's calendar) ends 30 days after its presumed receipt, 5 days after sending excluding
// Saturdays, Sundays and US federal holidays (1006.34(b)(5)). Returns the last local day of the
// period; collection that could overshadow the dispute rights (RF-OVERSHADOW) must wait until after
// it, and a written dispute received on or before it triggers RF-DISPUTE.
domain::LocalDate ValidationPeriodLastDay(domain::LocalDate sent_day);

// Whether `today` (local) is inside the validation period of a notice sent on `sent_day`.
inline bool InValidationPeriod(domain::LocalDate sent_day, domain::LocalDate today) {
  return sent_day <= today && today <= ValidationPeriodLastDay(sent_day);
}

class ComplianceEngine {
 public:
  // An invalid profile makes every Check deny with kDataProfile (profile_status() says why).
  explicit ComplianceEngine(Profile profile = Profile());
  ~ComplianceEngine();
  ComplianceEngine(ComplianceEngine&&) noexcept;
  ComplianceEngine& operator=(ComplianceEngine&&) noexcept;
  // Check and RequiredDisclosures are const but not thread-safe: they remember the time zones named
  // in debtor data. Use one engine per thread.

  const Profile& profile() const { return profile_; }
  const Status& profile_status() const { return profile_status_; }

  // The verdict on `request` at `now`. `history` is the person's contact history (all debts).
  Verdict Check(const ContactRequest& request, const domain::Account& account,
                const domain::Debtor& debtor, const domain::ContactHistory& history,
                Timestamp now) const;

  // What the communication must disclose: caller identification, AI voice and in-call opt-out for
  // artificial voices; a recording notice when the call is recorded and any plausible location needs
  // all-party consent, or the voice is artificial; mini-Miranda (initial or subsequent); validation
  // information in an initial communication without a notice sent; time-barred notice; opt-out
  // instructions on texts, WhatsApp messages and emails. Letters carry their own templates: only
  // the debt-collector, validation and time-barred items apply to them.
  DisclosureSet RequiredDisclosures(const ContactRequest& request, const domain::Account& account,
                                    const domain::Debtor& debtor,
                                    const domain::ContactHistory& history) const;

  // The most promises to pay an account may hold (open or broken) before new ones need a human.
  int MaxPromisesToPay() const { return profile_.max_promises_to_pay; }

 private:
  // Check without the look-ahead: hard rules and consents judged at `now` only. Sets
  // `*new_york_city` once the consumer's location is resolved (false if it never was).
  Verdict Evaluate(const ContactRequest& request, const domain::Account& account,
                   const domain::Debtor& debtor, const domain::ContactHistory& history,
                   Timestamp now, bool* new_york_city) const;

  // The rules that depend on time but cannot be waited out: holds, and the consents of the contact
  // point (phone for calls, texts and WhatsApp, email for emails; null otherwise).
  std::optional<Verdict> HardStopAt(const ContactRequest& request, const domain::Account& account,
                                    const domain::Debtor& debtor, Timestamp now) const;
  std::optional<Verdict> ConsentAt(const ContactRequest& request, const domain::Phone* phone,
                                   const domain::Email* email, bool new_york_city,
                                   Timestamp now) const;

  Profile profile_;
  Status profile_status_;
  std::unique_ptr<ZoneCache> zones_;  // zones named in debtor data
};

}  // namespace recoup::compliance

#endif  // RECOUP_CORE_COMPLIANCE_ENGINE_H_
