// Base64 (RFC 4648 section 4) and base64url (section 5) for the OAuth endpoints: HTTP Basic client
// authentication, the HMAC signature in token responses, and JWT segments.
#ifndef RECOUP_SIM_ORG_HTTP_BASE64_H_
#define RECOUP_SIM_ORG_HTTP_BASE64_H_

#include <optional>
#include <string>
#include <string_view>

namespace recoup::sim::org::http {

// Standard alphabet with "=" padding.
std::string Base64Encode(std::string_view bytes);

// URL-safe alphabet ("-", "_"), no padding (as JWT uses it).
std::string Base64UrlEncode(std::string_view bytes);

// Decodes the standard alphabet; padding is optional but, when present, must be correct. Returns
// nullopt for any character outside the alphabet (whitespace included) or an impossible length.
std::optional<std::string> Base64Decode(std::string_view text);

// Decodes the URL-safe alphabet; padding is optional. nullopt on bad input, as Base64Decode.
std::optional<std::string> Base64UrlDecode(std::string_view text);

}  // namespace recoup::sim::org::http

#endif  // RECOUP_SIM_ORG_HTTP_BASE64_H_
