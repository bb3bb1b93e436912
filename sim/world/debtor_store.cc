#include "sim/world/debtor_store.h"

#include <charconv>
#include <cstring>
#include <functional>
#include <limits>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "core/base/time.h"
#include "sim/random/random_streams.h"

namespace recoup::sim::world {
namespace {

using domain::Consent;

uint64_t Combine(uint64_t h, uint64_t v) { return Mix64(h ^ (v + 0x9E3779B97F4A7C15ull)); }
uint64_t Combine(uint64_t h, Timestamp t) {
  return Combine(h, static_cast<uint64_t>(t.unix_nanos()));
}
uint64_t Combine(uint64_t h, std::string_view s) {
  return Combine(h, static_cast<uint64_t>(std::hash<std::string_view>{}(s)));
}
uint64_t Combine(uint64_t h, const Consent& c) {
  return Combine(Combine(Combine(h, static_cast<uint64_t>(c.source)), c.given), c.revoked);
}
bool Same(const Consent& a, const Consent& b) {
  return a.source == b.source && a.given == b.given && a.revoked == b.revoked;
}

// What a phone holds besides its number, type and opt-out bits: shared by phones with equal values.
struct PhoneTimes {
  Consent robocall;
  Consent sms;
  Consent whatsapp;
  Timestamp last_text_consent_or_inbound = Timestamp::InfinitePast();
  Timestamp reassigned_check_clean = Timestamp::InfinitePast();
};
uint64_t HashOf(const PhoneTimes& t) {
  uint64_t h = Combine(Combine(Combine(0, t.robocall), t.sms), t.whatsapp);
  return Combine(Combine(h, t.last_text_consent_or_inbound), t.reassigned_check_clean);
}
bool Same(const PhoneTimes& a, const PhoneTimes& b) {
  return Same(a.robocall, b.robocall) && Same(a.sms, b.sms) && Same(a.whatsapp, b.whatsapp) &&
         a.last_text_consent_or_inbound == b.last_text_consent_or_inbound &&
         a.reassigned_check_clean == b.reassigned_check_clean;
}

struct EmailTimes {
  domain::EmailProvenance provenance = domain::EmailProvenance::kUnknown;
  Timestamp notice_sent = Timestamp::InfinitePast();
  Timestamp notice_optout_deadline = Timestamp::InfiniteFuture();
  Consent written_consent;
};
uint64_t HashOf(const EmailTimes& t) {
  const uint64_t h = Combine(0, static_cast<uint64_t>(t.provenance));
  return Combine(Combine(Combine(h, t.notice_sent), t.notice_optout_deadline), t.written_consent);
}
bool Same(const EmailTimes& a, const EmailTimes& b) {
  return a.provenance == b.provenance && a.notice_sent == b.notice_sent &&
         a.notice_optout_deadline == b.notice_optout_deadline &&
         Same(a.written_consent, b.written_consent);
}

uint64_t HashOf(const domain::Address& a) {
  return Combine(Combine(Combine(Combine(0, a.country), a.region), a.postal_code), a.time_zone);
}
bool Same(const domain::Address& a, const domain::Address& b) {
  return a.country == b.country && a.region == b.region && a.postal_code == b.postal_code &&
         a.time_zone == b.time_zone;
}

// The rarely set person-level values.
struct Extra {
  std::string name;
  std::vector<std::string> known_time_zones;
  std::vector<domain::InconvenientTime> inconvenient_times;
  Timestamp breathing_space_until = Timestamp::InfinitePast();
};
uint64_t HashOf(const Extra& x) {
  uint64_t h = Combine(Combine(0, x.name), x.breathing_space_until);
  for (const std::string& z : x.known_time_zones) h = Combine(h, z);
  for (const domain::InconvenientTime& t : x.inconvenient_times) {
    h = Combine(h, (uint64_t{t.weekdays} << 48) ^ (static_cast<uint64_t>(t.start_minute) << 24) ^
                       static_cast<uint64_t>(static_cast<uint32_t>(t.end_minute)));
  }
  return h;
}
bool Same(const Extra& a, const Extra& b) {
  if (a.name != b.name || a.breathing_space_until != b.breathing_space_until ||
      a.known_time_zones != b.known_time_zones ||
      a.inconvenient_times.size() != b.inconvenient_times.size()) {
    return false;
  }
  for (std::size_t k = 0; k < a.inconvenient_times.size(); ++k) {
    const domain::InconvenientTime& x = a.inconvenient_times[k];
    const domain::InconvenientTime& y = b.inconvenient_times[k];
    if (x.weekdays != y.weekdays || x.start_minute != y.start_minute ||
        x.end_minute != y.end_minute) {
      return false;
    }
  }
  return true;
}

std::size_t HeapBytes(const std::string& s) {
  return s.capacity() > std::string().capacity() ? s.capacity() + 1 : 0;
}
std::size_t HeapBytes(const domain::Address& a) {
  return HeapBytes(a.country) + HeapBytes(a.region) + HeapBytes(a.postal_code) +
         HeapBytes(a.time_zone);
}
std::size_t HeapBytes(const Extra& x) {
  std::size_t bytes = HeapBytes(x.name) + x.known_time_zones.capacity() * sizeof(std::string) +
                      x.inconvenient_times.capacity() * sizeof(domain::InconvenientTime);
  for (const std::string& z : x.known_time_zones) bytes += HeapBytes(z);
  return bytes;
}
std::size_t HeapBytes(const PhoneTimes&) { return 0; }
std::size_t HeapBytes(const EmailTimes&) { return 0; }

// Values kept once each and named by their index (0, 1, ... in order of first appearance).
template <class T>
class Interner {
 public:
  Interner() = default;
  Interner(const Interner& other) : values_(other.values_) { Reindex(); }
  Interner& operator=(const Interner&) = delete;

  uint32_t Intern(const T& v) {
    const auto found = index_.find(v);
    if (found != index_.end()) return *found;
    values_.push_back(v);
    const auto k = static_cast<uint32_t>(values_.size() - 1);
    index_.insert(k);
    return k;
  }
  const T& operator[](uint32_t k) const { return values_[k]; }
  std::size_t size() const { return values_.size(); }
  // Values, their heap blocks and the hash index (a node of a value and a next pointer, plus the
  // cached hash, per value; a pointer per bucket).
  std::size_t Bytes() const {
    std::size_t bytes = values_.capacity() * sizeof(T) + index_.bucket_count() * sizeof(void*) +
                        index_.size() * 3 * sizeof(void*);
    for (const T& v : values_) bytes += HeapBytes(v);
    return bytes;
  }

 private:
  // Heterogeneous: an index hashes and compares as the value it names.
  struct Hash {
    using is_transparent = void;
    const std::vector<T>* values;
    std::size_t operator()(uint32_t k) const { return HashOf((*values)[k]); }
    std::size_t operator()(const T& v) const { return HashOf(v); }
  };
  struct Eq {
    using is_transparent = void;
    const std::vector<T>* values;
    bool operator()(uint32_t a, uint32_t b) const { return a == b; }  // values are distinct
    bool operator()(const T& v, uint32_t k) const { return Same(v, (*values)[k]); }
    bool operator()(uint32_t k, const T& v) const { return Same(v, (*values)[k]); }
  };
  void Reindex() {
    for (uint32_t k = 0; k < values_.size(); ++k) index_.insert(k);
  }

  std::vector<T> values_;
  std::unordered_set<uint32_t, Hash, Eq> index_{  // determinism: allow(lookup only, never iterated)
      16, Hash{&values_}, Eq{&values_}};
};

enum : uint16_t {
  kNoContactAtWork = 1u << 0,
  kCallsOptedOut = 1u << 1,
  kTextsOptedOut = 1u << 2,
  kWhatsAppOptedOut = 1u << 3,
  kEmailsOptedOut = 1u << 4,
  kDeceased = 1u << 5,
  kBankruptcy = 1u << 6,
  kScraActiveDuty = 1u << 7,
  kCapacityHold = 1u << 8,
  kVulnerable = 1u << 9,
  kConsentedToInconvenientHours = 1u << 10,
  kUnpacked = 1u << 15,
};
enum : uint8_t {
  kPhoneWrongNumber = 1u << 0,
  kPhoneCallsOptedOut = 1u << 1,
  kPhoneTextsOptedOut = 1u << 2,
  kPhoneWhatsAppOptedOut = 1u << 3,
};
enum : uint8_t { kEmailEmployerProvided = 1u << 0, kEmailOptedOut = 1u << 1 };

constexpr uint16_t Bit(bool on, uint16_t bit) { return on ? bit : 0; }

// "+" and 1 to 18 digits, the first not 0, as the number they spell; "" as 0. False otherwise.
bool NumberOf(const std::string& e164, uint64_t* number) {
  if (e164.empty()) {
    *number = 0;
    return true;
  }
  if (e164.size() < 2 || e164.size() > 19 || e164[0] != '+' || e164[1] == '0') return false;
  uint64_t n = 0;
  for (std::size_t k = 1; k < e164.size(); ++k) {
    const char c = e164[k];
    if (c < '0' || c > '9') return false;
    n = n * 10 + static_cast<uint64_t>(c - '0');
  }
  *number = n;
  return true;
}

constexpr std::size_t kMaxIndex = std::numeric_limits<uint32_t>::max();

// Slots beyond the record's own.
constexpr std::size_t Overflow(std::size_t count, std::size_t inline_slots) {
  return count > inline_slots ? count - inline_slots : 0;
}

}  // namespace

struct DebtorStore::Tables {
  Tables() { extras.Intern(Extra{}); }  // index 0: none

  Interner<domain::Address> addresses;
  Interner<Extra> extras;
  Interner<PhoneTimes> phone_times;
  Interner<EmailTimes> email_times;
  // Only looked up, and summed over in ApproximateBytes (order does not matter).
  std::unordered_map<std::size_t, domain::Debtor> unpacked;  // determinism: allow(order-free sum)
};

DebtorStore::DebtorStore() : tables_(std::make_unique<Tables>()) {}
DebtorStore::DebtorStore(DebtorStore&&) noexcept = default;
DebtorStore& DebtorStore::operator=(DebtorStore&&) noexcept = default;
DebtorStore::DebtorStore(const DebtorStore& other)
    : records_(other.records_),
      phones_(other.phones_),
      emails_(other.emails_),
      chars_(other.chars_),
      tables_(std::make_unique<Tables>(*other.tables_)) {}
DebtorStore& DebtorStore::operator=(const DebtorStore& other) {
  if (this != &other) *this = DebtorStore(other);
  return *this;
}
DebtorStore::~DebtorStore() = default;

void DebtorStore::reserve(std::size_t n) { records_.reserve(n); }

void DebtorStore::Append(const domain::Debtor& d) {
  records_.emplace_back();
  Write(records_.size() - 1, d);
}

void DebtorStore::Write(std::size_t i, const domain::Debtor& d) {
  Record& r = records_[i];
  if (Pack(i, d, &r)) {
    tables_->unpacked.erase(i);
    return;
  }
  r = Record{};
  r.flags = kUnpacked;
  tables_->unpacked[i] = d;
}

// Fills *r for `d`, reusing r's phone and e-mail slots when there are enough; false (r unchanged)
// when the layout cannot hold `d`.
bool DebtorStore::Pack(std::size_t i, const domain::Debtor& d, Record* r) {
  if (d.id != static_cast<domain::PersonId>(i) + 1 || d.phones.size() > 255 ||
      d.emails.size() > 255) {
    return false;
  }
  for (const domain::Phone& p : d.phones) {
    uint64_t number = 0;
    if (!NumberOf(p.e164, &number) || p.area_code < 0 || p.area_code > 65535 ||
        static_cast<unsigned>(p.type) > 15 || static_cast<unsigned>(p.place) > 15) {
      return false;
    }
  }
  std::size_t new_chars = 0;
  for (const domain::Email& e : d.emails) {
    if (e.address.size() > std::numeric_limits<uint16_t>::max()) return false;
    new_chars += e.address.size();
  }
  const bool reuse_phones = !(r->flags & kUnpacked) && r->phone_count >= d.phones.size();
  const bool reuse_emails = !(r->flags & kUnpacked) && r->email_count >= d.emails.size();
  if ((!reuse_phones && phones_.size() + d.phones.size() > kMaxIndex) ||
      (!reuse_emails && emails_.size() + d.emails.size() > kMaxIndex) ||
      chars_.size() + new_chars > kMaxIndex) {
    return false;
  }

  Tables& t = *tables_;
  // Start from the record's slots when it is packed: a rewritten e-mail compares against them.
  Record out = (r->flags & kUnpacked) ? Record{} : *r;
  out.address = t.addresses.Intern(d.address);
  const bool plain = d.name.empty() && d.known_time_zones.empty() &&
                     d.inconvenient_times.empty() &&
                     d.breathing_space_until == Timestamp::InfinitePast();
  out.extra = 0;
  if (!plain) {
    Extra x;
    x.name = d.name;
    x.known_time_zones = d.known_time_zones;
    x.inconvenient_times = d.inconvenient_times;
    x.breathing_space_until = d.breathing_space_until;
    out.extra = t.extras.Intern(x);
  }
  out.flags = Bit(d.no_contact_at_work, kNoContactAtWork) | Bit(d.calls_opted_out, kCallsOptedOut) |
              Bit(d.texts_opted_out, kTextsOptedOut) |
              Bit(d.whatsapp_opted_out, kWhatsAppOptedOut) |
              Bit(d.emails_opted_out, kEmailsOptedOut) | Bit(d.deceased, kDeceased) |
              Bit(d.bankruptcy, kBankruptcy) | Bit(d.scra_active_duty, kScraActiveDuty) |
              Bit(d.capacity_hold, kCapacityHold) | Bit(d.vulnerable, kVulnerable) |
              Bit(d.consented_to_inconvenient_hours, kConsentedToInconvenientHours);

  out.phone_count = static_cast<uint8_t>(d.phones.size());
  if (!reuse_phones) {
    out.first_phone = static_cast<uint32_t>(phones_.size());
    phones_.resize(phones_.size() + Overflow(d.phones.size(), kInlinePhones));
  }
  for (std::size_t k = 0; k < d.phones.size(); ++k) {
    const domain::Phone& p = d.phones[k];
    PackedPhone& pp =
        k < kInlinePhones ? out.phone[k] : phones_[out.first_phone + k - kInlinePhones];
    NumberOf(p.e164, &pp.number);
    pp.area_code = static_cast<uint16_t>(p.area_code);
    pp.kinds = static_cast<uint8_t>(static_cast<unsigned>(p.type) |
                                    (static_cast<unsigned>(p.place) << 4));
    pp.flags = static_cast<uint8_t>(
        Bit(p.wrong_number, kPhoneWrongNumber) | Bit(p.calls_opted_out, kPhoneCallsOptedOut) |
        Bit(p.texts_opted_out, kPhoneTextsOptedOut) |
        Bit(p.whatsapp_opted_out, kPhoneWhatsAppOptedOut));
    PhoneTimes times;
    times.robocall = p.robocall_consent;
    times.sms = p.sms_consent;
    times.whatsapp = p.whatsapp_consent;
    times.last_text_consent_or_inbound = p.last_text_consent_or_inbound;
    times.reassigned_check_clean = p.reassigned_check_clean;
    pp.times = t.phone_times.Intern(times);
  }

  out.email_count = static_cast<uint8_t>(d.emails.size());
  if (!reuse_emails) {
    out.first_email = static_cast<uint32_t>(emails_.size());
    emails_.resize(emails_.size() + Overflow(d.emails.size(), kInlineEmails));
  }
  for (std::size_t k = 0; k < d.emails.size(); ++k) {
    const domain::Email& e = d.emails[k];
    PackedEmail& pe =
        k < kInlineEmails ? out.email[k] : emails_[out.first_email + k - kInlineEmails];
    const std::string_view held =
        reuse_emails ? std::string_view(chars_.data() + pe.chars, pe.length) : std::string_view();
    if (!reuse_emails || held != e.address) {
      pe.chars = static_cast<uint32_t>(chars_.size());
      pe.length = static_cast<uint16_t>(e.address.size());
      chars_.insert(chars_.end(), e.address.begin(), e.address.end());
    }
    pe.flags = static_cast<uint8_t>(Bit(e.employer_provided, kEmailEmployerProvided) |
                                    Bit(e.opted_out, kEmailOptedOut));
    EmailTimes times;
    times.provenance = e.provenance;
    times.notice_sent = e.notice_sent;
    times.notice_optout_deadline = e.notice_optout_deadline;
    times.written_consent = e.written_consent;
    pe.times = t.email_times.Intern(times);
  }
  *r = out;
  return true;
}

void DebtorStore::Read(std::size_t i, domain::Debtor* out) const {
  uint32_t address = kNone;
  uint32_t extra = kNone;
  Expand(i, out, &address, &extra);
}

void DebtorStore::Read(std::size_t i, Expanded* out) const {
  Expand(i, &out->debtor, &out->address, &out->extra);
}

// `*address` and `*extra` name the shared values *out holds (kNone: unknown); they are copied only
// when debtor i's differ, and updated.
void DebtorStore::Expand(std::size_t i, domain::Debtor* out, uint32_t* address,
                         uint32_t* extra) const {
  const Record& r = records_[i];
  const Tables& t = *tables_;
  if (r.flags & kUnpacked) {
    *out = t.unpacked.at(i);
    *address = kNone;
    *extra = kNone;
    return;
  }
  out->id = static_cast<domain::PersonId>(i) + 1;
  if (*extra != r.extra) {
    const Extra& x = t.extras[r.extra];
    out->name = x.name;
    out->known_time_zones = x.known_time_zones;
    out->inconvenient_times = x.inconvenient_times;
    out->breathing_space_until = x.breathing_space_until;
    *extra = r.extra;
  }
  if (*address != r.address) {
    out->address = t.addresses[r.address];
    *address = r.address;
  }
  out->no_contact_at_work = r.flags & kNoContactAtWork;
  out->calls_opted_out = r.flags & kCallsOptedOut;
  out->texts_opted_out = r.flags & kTextsOptedOut;
  out->whatsapp_opted_out = r.flags & kWhatsAppOptedOut;
  out->emails_opted_out = r.flags & kEmailsOptedOut;
  out->deceased = r.flags & kDeceased;
  out->bankruptcy = r.flags & kBankruptcy;
  out->scra_active_duty = r.flags & kScraActiveDuty;
  out->capacity_hold = r.flags & kCapacityHold;
  out->vulnerable = r.flags & kVulnerable;
  out->consented_to_inconvenient_hours = r.flags & kConsentedToInconvenientHours;

  out->phones.resize(r.phone_count);
  for (std::size_t k = 0; k < r.phone_count; ++k) {
    const PackedPhone& pp =
        k < kInlinePhones ? r.phone[k] : phones_[r.first_phone + k - kInlinePhones];
    domain::Phone& p = out->phones[k];
    if (pp.number == 0) {
      p.e164.clear();
    } else {
      char buf[20];
      buf[0] = '+';
      const std::to_chars_result end = std::to_chars(buf + 1, buf + sizeof(buf), pp.number);
      p.e164.assign(buf, end.ptr);
    }
    p.area_code = pp.area_code;
    p.type = static_cast<domain::PhoneType>(pp.kinds & 0xf);
    p.place = static_cast<domain::Place>(pp.kinds >> 4);
    p.wrong_number = pp.flags & kPhoneWrongNumber;
    p.calls_opted_out = pp.flags & kPhoneCallsOptedOut;
    p.texts_opted_out = pp.flags & kPhoneTextsOptedOut;
    p.whatsapp_opted_out = pp.flags & kPhoneWhatsAppOptedOut;
    const PhoneTimes& times = t.phone_times[pp.times];
    p.robocall_consent = times.robocall;
    p.sms_consent = times.sms;
    p.whatsapp_consent = times.whatsapp;
    p.last_text_consent_or_inbound = times.last_text_consent_or_inbound;
    p.reassigned_check_clean = times.reassigned_check_clean;
  }

  out->emails.resize(r.email_count);
  for (std::size_t k = 0; k < r.email_count; ++k) {
    const PackedEmail& pe =
        k < kInlineEmails ? r.email[k] : emails_[r.first_email + k - kInlineEmails];
    domain::Email& e = out->emails[k];
    e.address.assign(chars_.data() + pe.chars, pe.length);
    e.employer_provided = pe.flags & kEmailEmployerProvided;
    e.opted_out = pe.flags & kEmailOptedOut;
    const EmailTimes& times = t.email_times[pe.times];
    e.provenance = times.provenance;
    e.notice_sent = times.notice_sent;
    e.notice_optout_deadline = times.notice_optout_deadline;
    e.written_consent = times.written_consent;
  }
}

domain::Debtor DebtorStore::Get(std::size_t i) const {
  domain::Debtor d;
  Read(i, &d);
  return d;
}

domain::PersonId DebtorStore::IdOf(std::size_t i) const {
  if (records_[i].flags & kUnpacked) return tables_->unpacked.at(i).id;
  return static_cast<domain::PersonId>(i) + 1;
}

std::size_t DebtorStore::UnpackedCount() const { return tables_->unpacked.size(); }

std::size_t DebtorStore::ApproximateBytes() const {
  const Tables& t = *tables_;
  std::size_t bytes = records_.capacity() * sizeof(Record) +
                      phones_.capacity() * sizeof(PackedPhone) +
                      emails_.capacity() * sizeof(PackedEmail) + chars_.capacity() +
                      t.addresses.Bytes() + t.extras.Bytes() + t.phone_times.Bytes() +
                      t.email_times.Bytes();
  for (const auto& [i, d] : t.unpacked) {
    bytes += sizeof(d) + 4 * sizeof(void*) + d.phones.capacity() * sizeof(domain::Phone) +
             d.emails.capacity() * sizeof(domain::Email);
  }
  return bytes;
}

}  // namespace recoup::sim::world
