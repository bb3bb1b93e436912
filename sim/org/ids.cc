// Salesforce Ids: checksum, parsing and deterministic generation (ids.h).
#include "sim/org/ids.h"

#include <string>

#include "core/base/check.h"

namespace recoup::sim::org {
namespace {

constexpr char kBase62[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
constexpr char kChecksumAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";
constexpr int kSerialDigits = 9;

bool IsAlnum(char c) {
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}
bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsLower(char c) { return c >= 'a' && c <= 'z'; }

int Base62Digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
  if (c >= 'a' && c <= 'z') return c - 'a' + 36;
  return -1;
}

// Value 0..31 of a checksum character read case-insensitively, or -1.
int ChecksumValue(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a';
  if (c >= '0' && c <= '5') return 26 + (c - '0');
  return -1;
}

// Ids are ASCII: bytes >= 0x80 in a bad Id are shown as '?' so the message stays valid UTF-8.
std::string Printable(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (static_cast<unsigned char>(c) >= 0x80) c = '?';
  }
  return out;
}

SfError Malformed(std::string_view text, std::string_view field_label,
                  std::string_view field_name) {
  if (field_label.empty()) {
    return MakeSfError(400, "MALFORMED_ID", "Invalid id: " + Printable(text));
  }
  return MakeSfError(400, "MALFORMED_ID",
                     std::string(field_label) + ": id value of incorrect type: " + Printable(text),
                     {std::string(field_name)});
}

std::string PrefixFor(char first, int index) {
  RECOUP_CHECK_MSG(index >= 0 && index < 62 * 62, "key prefix index out of range");
  std::string out(3, first);
  out[1] = kBase62[index / 62];
  out[2] = kBase62[index % 62];
  return out;
}

}  // namespace

SfId SfId::Generate(std::string_view key_prefix, uint64_t serial) {
  RECOUP_CHECK_MSG(IsValidKeyPrefix(key_prefix), "invalid key prefix");
  RECOUP_CHECK_MSG(serial >= 1 && serial <= kMaxSerial, "Id serial out of range");
  SfId id;
  id.chars_[0] = key_prefix[0];
  id.chars_[1] = key_prefix[1];
  id.chars_[2] = key_prefix[2];
  id.chars_[3] = id.chars_[4] = id.chars_[5] = '0';
  for (int i = kShortLength - 1; i >= kShortLength - kSerialDigits; --i) {
    id.chars_[static_cast<size_t>(i)] = kBase62[serial % 62];
    serial /= 62;
  }
  return id;
}

std::optional<SfId> SfId::FromShort(std::string_view text) {
  if (text.size() != kShortLength) return std::nullopt;
  SfId id;
  for (size_t i = 0; i < text.size(); ++i) {
    if (!IsAlnum(text[i])) return std::nullopt;
    id.chars_[i] = text[i];
  }
  return id;
}

std::string SfId::ToLong() const {
  if (empty()) return "";
  std::string out(kLongLength, '\0');
  WriteLong(out.data());
  return out;
}

void SfId::WriteLong(char* out) const {
  RECOUP_DCHECK(!empty());
  for (int i = 0; i < kShortLength; ++i) out[i] = chars_[static_cast<size_t>(i)];
  const std::array<char, 3> sum = IdChecksum(std::string_view(chars_.data(), kShortLength));
  out[15] = sum[0];
  out[16] = sum[1];
  out[17] = sum[2];
}

std::optional<uint64_t> SfId::GeneratedSerial() const {
  if (empty() || chars_[3] != '0' || chars_[4] != '0' || chars_[5] != '0') return std::nullopt;
  uint64_t serial = 0;
  for (int i = kShortLength - kSerialDigits; i < kShortLength; ++i) {
    const int d = Base62Digit(chars_[static_cast<size_t>(i)]);
    if (d < 0) return std::nullopt;
    serial = serial * 62 + static_cast<uint64_t>(d);
  }
  if (serial == 0) return std::nullopt;
  return serial;
}

std::array<char, 3> IdChecksum(std::string_view short_id) {
  RECOUP_CHECK_MSG(short_id.size() == SfId::kShortLength, "IdChecksum needs 15 characters");
  std::array<char, 3> out{};
  for (int chunk = 0; chunk < 3; ++chunk) {
    int bits = 0;
    for (int i = 0; i < 5; ++i) {
      if (IsUpper(short_id[static_cast<size_t>(chunk * 5 + i)])) bits |= 1 << i;
    }
    out[static_cast<size_t>(chunk)] = kChecksumAlphabet[bits];
  }
  return out;
}

SfOr<SfId> ParseIdForField(std::string_view text, std::string_view field_label,
                           std::string_view field_name) {
  if (text.size() == SfId::kShortLength) {
    std::optional<SfId> id = SfId::FromShort(text);
    if (!id) return Malformed(text, field_label, field_name);
    return *id;
  }
  if (text.size() != SfId::kLongLength) return Malformed(text, field_label, field_name);
  char chars[SfId::kShortLength];
  for (int chunk = 0; chunk < 3; ++chunk) {
    const int bits = ChecksumValue(text[static_cast<size_t>(15 + chunk)]);
    if (bits < 0) return Malformed(text, field_label, field_name);
    for (int i = 0; i < 5; ++i) {
      const size_t pos = static_cast<size_t>(chunk * 5 + i);
      char c = text[pos];
      if (!IsAlnum(c)) return Malformed(text, field_label, field_name);
      const bool upper = (bits >> i) & 1;
      if (upper) {
        if (IsLower(c)) c = static_cast<char>(c - 'a' + 'A');
        if (!IsUpper(c)) return Malformed(text, field_label, field_name);  // a digit marked upper
      } else if (IsUpper(c)) {
        c = static_cast<char>(c - 'A' + 'a');
      }
      chars[pos] = c;
    }
  }
  return *SfId::FromShort(std::string_view(chars, SfId::kShortLength));
}

SfOr<SfId> ParseId(std::string_view text) { return ParseIdForField(text, "", ""); }

bool IsValidKeyPrefix(std::string_view text) {
  return text.size() == 3 && IsAlnum(text[0]) && IsAlnum(text[1]) && IsAlnum(text[2]);
}

std::string CustomObjectKeyPrefix(int index) { return PrefixFor('a', index); }
std::string PlatformEventKeyPrefix(int index) { return PrefixFor('e', index); }

SfId MockOrgId() { return SfId::Generate("00D", 1); }

}  // namespace recoup::sim::org
