// URL and form codecs for the mock org's HTTP server: percent-decoding (RFC 3986, with the
// application/x-www-form-urlencoded "+" rule where it applies), and ParamList, a compact list of
// decoded name/value pairs used for query strings and OAuth form bodies.
//
// Clients differ (reference/salesforce-api.md section 3.3): jsforce escapes a space as %20,
// python-requests as "+"; both decode to the same text here. Decoding is lenient: a malformed
// escape ("%G1", a lone "%") is kept literally instead of failing the request, the way most servers
// treat it.
#ifndef RECOUP_SIM_ORG_HTTP_URL_CODEC_H_
#define RECOUP_SIM_ORG_HTTP_URL_CODEC_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace recoup::sim::org::http {

// Appends the percent-decoded `in` to *out. With plus_is_space, "+" decodes to a space (query
// strings and form bodies); without it "+" stays "+" (path segments). Malformed escapes are copied
// as is.
void PercentDecodeAppend(std::string_view in, bool plus_is_space, std::string* out);

// PercentDecodeAppend into a new string.
std::string PercentDecode(std::string_view in, bool plus_is_space);

// Percent-encodes every byte outside RFC 3986's unreserved set (A-Z a-z 0-9 - . _ ~), as %XX with
// upper-case hex; a space becomes %20 (as jsforce's encodeURIComponent does).
std::string PercentEncode(std::string_view in);

// Decoded name/value pairs in their original order, duplicates kept. All text lives in one arena
// string, so Clear() followed by a new parse reuses the memory: no allocation per request once
// warm. The string_views returned are valid until the next Clear() or Parse call.
class ParamList {
 public:
  // Forgets every pair; keeps the capacity.
  void Clear();

  // Appends the pairs of an application/x-www-form-urlencoded text (also a URL query string without
  // the "?"): "&"-separated items "name=value", both sides decoded with "+" as a space. An item
  // without "=" has an empty value; empty items ("a=1&&b=2") are skipped.
  void ParseUrlEncoded(std::string_view text);

  size_t size() const { return entries_.size(); }
  bool empty() const { return entries_.empty(); }
  std::string_view name(size_t i) const;
  std::string_view value(size_t i) const;

  // The value of the first pair named `name` (exact, case-sensitive match), or nullopt.
  std::optional<std::string_view> Find(std::string_view name) const;

  // How many pairs are named `name`.
  size_t Count(std::string_view name) const;

 private:
  struct Entry {
    uint32_t name_offset;
    uint32_t name_size;
    uint32_t value_offset;
    uint32_t value_size;
  };
  std::string arena_;
  std::vector<Entry> entries_;
};

}  // namespace recoup::sim::org::http

#endif  // RECOUP_SIM_ORG_HTTP_URL_CODEC_H_
