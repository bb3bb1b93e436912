// The portfolio's debtors, packed. A domain::Debtor is some 560 bytes with its phones, e-mail and
// strings; the store keeps the same values in about 90 bytes per generated debtor and expands one
// into a domain::Debtor when the core needs it (Read, Get).
//
// Layout (docs/world.md, "Memory"):
//  - one 64-byte record per debtor (one cache line): flags as bits, counts, indexes into the
//    tables below, and the first two phones and the first e-mail; more phones and e-mails go to
//    overflow arrays;
//  - phones, 16 bytes each: the E.164 number as an integer, area code, type, place, opt-outs, and
//    an index into a shared table of consent and check times (phones with the same consents share
//    one entry);
//  - e-mails, 12 bytes each plus the address's characters in one character pool; provenance and
//    notice times in a shared table;
//  - the address (country, region, postal code, zone) in a shared table; the name, known zones,
//    inconvenient times and breathing space in another (index 0: none of them, most debtors).
// The id is the index + 1, as in a generated portfolio. A debtor the layout cannot hold (another
// id, a phone number that is not "+" and up to 18 digits, an area code over 65535, more than 255
// phones or e-mails) is kept whole as a domain::Debtor; Read and Get give it back unchanged either
// way, so the store holds any Debtor exactly.
//
// Writes keep the tables append-only: a value no longer referenced stays (a revoked consent, an
// e-mail address changed in place), which for a run's few edits costs little.
#ifndef RECOUP_SIM_WORLD_DEBTOR_STORE_H_
#define RECOUP_SIM_WORLD_DEBTOR_STORE_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "core/domain/debtor.h"

namespace recoup::sim::world {

class DebtorStore {
 public:
  DebtorStore();
  DebtorStore(DebtorStore&&) noexcept;
  DebtorStore& operator=(DebtorStore&&) noexcept;
  DebtorStore(const DebtorStore& other);
  DebtorStore& operator=(const DebtorStore& other);
  ~DebtorStore();

  std::size_t size() const { return records_.size(); }
  bool empty() const { return records_.empty(); }
  void reserve(std::size_t n);

  // Appends `d` as debtor size().
  void Append(const domain::Debtor& d);
  // Replaces debtor i (< size()) with `d`.
  void Write(std::size_t i, const domain::Debtor& d);
  // Debtor i (< size()) into *out, reusing the storage of its strings and vectors: after the first
  // few calls a Read allocates nothing.
  void Read(std::size_t i, domain::Debtor* out) const;
  // A debtor expanded for reading that remembers which shared address and extras it holds, so that
  // the next Read into it copies only what differs (most debtors share an address and have no
  // extras): the form for a scratch object read again and again. After editing `debtor` in place,
  // call Forget before the next Read.
  static constexpr uint32_t kNone = 0xffffffffu;
  struct Expanded {
    domain::Debtor debtor;
    uint32_t address = kNone;
    uint32_t extra = kNone;
    void Forget() { address = extra = kNone; }
  };
  void Read(std::size_t i, Expanded* out) const;
  // Debtor i as a new object.
  domain::Debtor Get(std::size_t i) const;
  // Starts loading debtor i's record into the cache (a hint; no effect on the contents).
  void Prefetch(std::size_t i) const { __builtin_prefetch(&records_[i]); }
  // Debtor i's id without expanding it.
  domain::PersonId IdOf(std::size_t i) const;

  // Bytes held: records, phones, e-mails, character pool, the shared tables (with their strings and
  // hash indexes, estimated) and the debtors kept whole.
  std::size_t ApproximateBytes() const;
  // Debtors kept whole because the packed layout cannot hold them (0 for a generated portfolio).
  std::size_t UnpackedCount() const;

 private:
  struct PackedPhone {
    uint64_t number = 0;  // the digits after '+'; 0: no number (empty e164)
    uint32_t times = 0;   // Tables::phone_times
    uint16_t area_code = 0;
    uint8_t kinds = 0;    // type | place << 4
    uint8_t flags = 0;    // wrong number, calls / texts / WhatsApp opted out
  };
  struct PackedEmail {
    uint32_t chars = 0;   // offset of the address in chars_
    uint32_t times = 0;   // Tables::email_times
    uint16_t length = 0;
    uint8_t flags = 0;    // employer provided, opted out
    uint8_t unused = 0;
  };
  // A debtor's first two phones and first e-mail live in its record, one cache line read at once;
  // further ones in phones_ and emails_ from first_phone and first_email.
  static constexpr std::size_t kInlinePhones = 2;
  static constexpr std::size_t kInlineEmails = 1;
  struct alignas(64) Record {
    PackedPhone phone[kInlinePhones];
    PackedEmail email[kInlineEmails];
    uint32_t address = 0;      // Tables::addresses
    uint32_t extra = 0;        // Tables::extras (0: no name, zones, times, breathing space)
    uint32_t first_phone = 0;  // phones_: phone kInlinePhones onwards
    uint32_t first_email = 0;  // emails_: e-mail kInlineEmails onwards
    uint16_t flags = 0;        // Flag bits; kUnpacked: in Tables::unpacked
    uint8_t phone_count = 0;
    uint8_t email_count = 0;
  };
  static_assert(sizeof(Record) == 64);
  struct Tables;

  void Expand(std::size_t i, domain::Debtor* out, uint32_t* address, uint32_t* extra) const;
  bool Pack(std::size_t i, const domain::Debtor& d, Record* r);

  std::vector<Record> records_;
  std::vector<PackedPhone> phones_;
  std::vector<PackedEmail> emails_;
  std::vector<char> chars_;
  std::unique_ptr<Tables> tables_;
};

}  // namespace recoup::sim::world

#endif  // RECOUP_SIM_WORLD_DEBTOR_STORE_H_
