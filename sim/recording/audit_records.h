// Internal to the compliance audit (compliance_audit.h): the packed form of the portfolio as
// placed, small enough to keep for a million accounts (DESIGN.md section 6: 1 KB per account in
// all).
//
// What is fixed at placement lives in small fixed-size records held in flat vectors: one per person
// (its phones and e-mails are the ranges of the shared pools that start at its offsets and end at
// the next person's), one per phone, e-mail and account. What many persons share is stored once and
// referred to by index: the time-zone candidates, designated inconvenient times and unknown-zone
// mark of an address (Location), and the consent intervals of a phone (ConsentSet).
//
// The times that FlagRows set during the run (opt-outs, revocations, wrong numbers, bankruptcy,
// deceased, cease, attorney, dispute) are almost always "never". A record keeps one bit per such
// field for "in effect since placement" (kAlways) and one bit saying whether any of its fields has
// a time in the Overlay, a hash map keyed by (record, field) that holds only the times actually
// set.
#ifndef RECOUP_SIM_RECORDING_AUDIT_RECORDS_H_
#define RECOUP_SIM_RECORDING_AUDIT_RECORDS_H_

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>
#include <unordered_map>
#include <vector>

#include "core/base/time.h"
#include "core/domain/debtor.h"
#include "sim/recording/audit_location.h"

namespace recoup::sim::recording::audit {

inline constexpr Timestamp kNever = Timestamp::InfiniteFuture();
inline constexpr Timestamp kAlways = Timestamp::InfinitePast();

// A flag in effect for a contact starting at `start`: set strictly before it.
inline bool Before(Timestamp flag, Timestamp start) { return flag < start; }

// The time-varying fields of each kind of record: a bit position in the record's `initially`, and
// the field's key in the Overlay.
enum class PersonField : uint8_t {
  kBankruptcy,
  kDeceased,
  kCallsOptedOut,
  kTextsOptedOut,
  kWhatsAppOptedOut,
  kEmailsOptedOut,
  kBreathingSpaceUntil,  // not a flag: placed only, absent = kAlways (no breathing space)
};
enum class PhoneField : uint8_t {
  kWrongNumber,  // in effect from (kAlways when known at placement)
  kCallsOptedOut,
  kTextsOptedOut,
  kWhatsAppOptedOut,
  kRobocallRevoked,
  kSmsRevoked,
  kWhatsAppRevoked,
};
enum class EmailField : uint8_t { kOptedOut };
enum class AccountField : uint8_t { kCease, kAttorney, kDispute };

// Bits of a record's `flags`; kOverlaid is common to every kind of record.
inline constexpr uint8_t kOverlaid = 0x80;  // some field of the record has a time in the Overlay
inline constexpr uint8_t kCapacityHold = 0x01;          // PersonRecord
inline constexpr uint8_t kNoContactAtWork = 0x02;       // PersonRecord
inline constexpr uint8_t kConsentedHours = 0x04;        // PersonRecord
inline constexpr uint8_t kHasNumber = 0x01;             // PhoneRecord
inline constexpr uint8_t kWorkPlace = 0x02;             // PhoneRecord: domain::Place::kWork
inline constexpr uint8_t kHasAddress = 0x01;            // EmailRecord
inline constexpr uint8_t kEmployerProvided = 0x02;      // EmailRecord
inline constexpr uint8_t kOriginalCreditorHold = 0x01;  // AccountRecord

struct PersonRecord {
  uint32_t phones = 0;    // its first phone in the phone pool; its last is before the next person's
  uint32_t emails = 0;    // the same for the e-mail pool
  uint32_t location = 0;  // index of its Location
  uint8_t initially = 0;  // bit PersonField f: f in effect since placement
  uint8_t flags = 0;
  // Bit c (domain::Channel): the person contacted us on channel c and has not been replied to yet
  // (RF-RESPOND-ONCE: one reply on that medium is exempt from the window, opt-outs, attorney
  // representation and SMS / WhatsApp consent).
  uint8_t reply_tokens = 0;
};

struct PhoneRecord {
  uint32_t consents = 0;   // index of its ConsentSet
  uint16_t area_code = 0;  // NANP area code, 0 for none (a code beyond 16 bits is in no table)
  uint8_t initially = 0;   // bit PhoneField f: f in effect since placement
  uint8_t flags = 0;
};

struct EmailRecord {
  uint8_t initially = 0;  // bit EmailField f
  uint8_t flags = 0;
};

struct AccountRecord {
  uint32_t person = 0;    // the position of its debtor
  uint8_t initially = 0;  // bit AccountField f
  uint8_t flags = 0;
};

static_assert(sizeof(PersonRecord) <= 16 && sizeof(PhoneRecord) == 8 && sizeof(AccountRecord) == 8);

// [from, until): a consent's validity. domain::Consent::ActiveAt(t) is exactly Contains(t) of
// {given, revoked} when it has a source, and of {kNever, kNever} (never active) when it has none.
struct Interval {
  Timestamp from = kNever;
  Timestamp until = kNever;
  bool Contains(Timestamp t) const { return from <= t && t < until; }
  static Interval Of(const domain::Consent& c) {
    if (c.source == domain::ConsentSource::kNone) return {};
    return {c.given, c.revoked};
  }
};

// A phone's consents as placed (later revocations are PhoneFields).
struct ConsentSet {
  Interval robocall;
  Interval sms;
  Interval whatsapp;
};

// Where a person may be and when they said not to call, as placed.
struct Location {
  std::vector<Candidate> home;   // the address's zones (its own, else its region's)
  std::vector<Candidate> known;  // other known zones
  std::vector<domain::InconvenientTime> inconvenient;
  bool unknown_zone_name = false;  // a zone of the address or known zones failed to load
};

// The times of (record, field) pairs that are neither "never" nor "since placement". Only looked
// up, never iterated, so its order cannot reach the output.
class Overlay {
 public:
  // The time of `field` of record `index`, `absent` when none was stored.
  Timestamp Get(uint32_t index, uint8_t field, Timestamp absent = kNever) const {
    const auto it = times_.find(Key(index, field));
    return it == times_.end() ? absent : it->second;
  }
  void Set(uint32_t index, uint8_t field, Timestamp t) { times_[Key(index, field)] = t; }
  // The earliest of the stored time (kNever when none) and `t`.
  void Lower(uint32_t index, uint8_t field, Timestamp t) {
    const auto [it, added] = times_.try_emplace(Key(index, field), t);
    if (!added) it->second = std::min(it->second, t);
  }
  std::size_t size() const { return times_.size(); }

 private:
  static uint64_t Key(uint32_t index, uint8_t field) { return uint64_t{index} << 8 | field; }
  using Times = std::unordered_map<uint64_t, Timestamp>;  // determinism: allow(never iterated)
  Times times_;
};

// The time of a record's `field`: kAlways when set at placement, else its Overlay time (kNever when
// none). Record is any of the records above, Field its field enum.
template <class Record, class Field>
Timestamp TimeOf(const Record& r, const Overlay& overlay, uint32_t index, Field field) {
  const auto f = static_cast<uint8_t>(field);
  if ((r.initially >> f & 1) != 0) return kAlways;
  return (r.flags & kOverlaid) != 0 ? overlay.Get(index, f) : kNever;
}

// A FlagRow sets `field` of record `index` at `t`: the field takes the earliest of its time and
// `t`.
template <class Record, class Field>
void LowerTime(Record& r, Overlay& overlay, uint32_t index, Field field, Timestamp t) {
  const auto f = static_cast<uint8_t>(field);
  if ((r.initially >> f & 1) != 0) return;  // kAlways already, the earliest there is
  r.flags |= kOverlaid;
  overlay.Lower(index, f, t);
}

// Ids to positions (the order the portfolio lists them in). Ids that run consecutively in that
// order (the generator's 1..n) need no table; any other ids keep their list and the positions
// sorted by id.
class IdIndex {
 public:
  // Indexes the ids of `items` (`id_of(item)`), which replace any indexed before. Returns -1, or
  // when an id repeats the position of the second occurrence of the smallest repeated id.
  template <class T, class IdOf>
  int64_t Build(std::span<const T> items, IdOf id_of) {
    return Build(items.size(), [&](std::size_t i) { return id_of(items[i]); });
  }
  // The same for `n` ids, the i-th being `id_at(i)`.
  template <class IdAt>
  int64_t Build(std::size_t n, IdAt id_at) {
    size_ = n;
    first_ = n == 0 ? 0 : id_at(0);
    ids_.clear();
    by_id_.clear();
    bool dense = true;
    for (std::size_t i = 0; i < n && dense; ++i) dense = id_at(i) - first_ == i;
    if (dense) return -1;  // distinct: consecutive (modulo 2^64, and size_ < 2^64)
    ids_.reserve(n);
    for (std::size_t i = 0; i < n; ++i) ids_.push_back(id_at(i));
    by_id_.resize(n);
    for (std::size_t i = 0; i < by_id_.size(); ++i) by_id_[i] = static_cast<uint32_t>(i);
    std::sort(by_id_.begin(), by_id_.end(), [this](uint32_t a, uint32_t b) {
      return ids_[a] != ids_[b] ? ids_[a] < ids_[b] : a < b;
    });
    for (std::size_t i = 1; i < by_id_.size(); ++i) {
      if (ids_[by_id_[i]] == ids_[by_id_[i - 1]]) return by_id_[i];
    }
    return -1;
  }
  // The position of `id`, or -1.
  int64_t Find(uint64_t id) const {
    if (ids_.empty()) return id - first_ < size_ ? static_cast<int64_t>(id - first_) : -1;
    const auto it = std::lower_bound(by_id_.begin(), by_id_.end(), id,
                                     [this](uint32_t p, uint64_t x) { return ids_[p] < x; });
    return it != by_id_.end() && ids_[*it] == id ? static_cast<int64_t>(*it) : -1;
  }
  // The id at `position` (< size()).
  uint64_t Id(uint32_t position) const { return ids_.empty() ? first_ + position : ids_[position]; }
  std::size_t size() const { return size_; }

 private:
  uint64_t first_ = 0;
  std::size_t size_ = 0;
  std::vector<uint64_t> ids_;    // by position; empty when the ids are consecutive
  std::vector<uint32_t> by_id_;  // positions sorted by (id, position); empty likewise
};

}  // namespace recoup::sim::recording::audit

#endif  // RECOUP_SIM_RECORDING_AUDIT_RECORDS_H_
