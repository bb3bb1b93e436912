#include "sim/org/http/url_codec.h"

namespace recoup::sim::org::http {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool IsUnreserved(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.' || c == '_' || c == '~';
}

}  // namespace

void PercentDecodeAppend(std::string_view in, bool plus_is_space, std::string* out) {
  const size_t n = in.size();
  for (size_t i = 0; i < n; ++i) {
    const char c = in[i];
    if (c == '%' && i + 2 < n) {
      const int hi = HexValue(in[i + 1]);
      const int lo = HexValue(in[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out->push_back(static_cast<char>(hi * 16 + lo));
        i += 2;
        continue;
      }
      out->push_back(c);
    } else if (c == '+' && plus_is_space) {
      out->push_back(' ');
    } else {
      out->push_back(c);
    }
  }
}

std::string PercentDecode(std::string_view in, bool plus_is_space) {
  std::string out;
  out.reserve(in.size());
  PercentDecodeAppend(in, plus_is_space, &out);
  return out;
}

std::string PercentEncode(std::string_view in) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(in.size());
  for (const char ch : in) {
    const auto c = static_cast<unsigned char>(ch);
    if (IsUnreserved(c)) {
      out.push_back(ch);
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

void ParamList::Clear() {
  arena_.clear();
  entries_.clear();
}

void ParamList::ParseUrlEncoded(std::string_view text) {
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t end = text.find('&', pos);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view item = text.substr(pos, end - pos);
    pos = end + 1;
    if (item.empty()) continue;
    const size_t eq = item.find('=');
    const std::string_view raw_name = item.substr(0, eq);
    const std::string_view raw_value =
        eq == std::string_view::npos ? std::string_view() : item.substr(eq + 1);
    Entry e;
    e.name_offset = static_cast<uint32_t>(arena_.size());
    PercentDecodeAppend(raw_name, /*plus_is_space=*/true, &arena_);
    e.name_size = static_cast<uint32_t>(arena_.size() - e.name_offset);
    e.value_offset = static_cast<uint32_t>(arena_.size());
    PercentDecodeAppend(raw_value, /*plus_is_space=*/true, &arena_);
    e.value_size = static_cast<uint32_t>(arena_.size() - e.value_offset);
    entries_.push_back(e);
  }
}

std::string_view ParamList::name(size_t i) const {
  const Entry& e = entries_[i];
  return std::string_view(arena_).substr(e.name_offset, e.name_size);
}

std::string_view ParamList::value(size_t i) const {
  const Entry& e = entries_[i];
  return std::string_view(arena_).substr(e.value_offset, e.value_size);
}

std::optional<std::string_view> ParamList::Find(std::string_view wanted) const {
  for (size_t i = 0; i < entries_.size(); ++i) {
    if (name(i) == wanted) return value(i);
  }
  return std::nullopt;
}

size_t ParamList::Count(std::string_view wanted) const {
  size_t count = 0;
  for (size_t i = 0; i < entries_.size(); ++i) count += name(i) == wanted ? 1 : 0;
  return count;
}

}  // namespace recoup::sim::org::http
