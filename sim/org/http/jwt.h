// JwtVerifier: checks the RS256 signature of a JWT bearer assertion (RFC 7519/7515) against the RSA
// public key of a configured X.509 certificate, for the OAuth JWT bearer flow
// (reference/salesforce-api.md section 2.2). Claims are returned for the OAuth layer to check.
//
// Uses OpenSSL 3 (libssl-dev). Thread-safe after construction (each Verify uses its own context).
#ifndef RECOUP_SIM_ORG_HTTP_JWT_H_
#define RECOUP_SIM_ORG_HTTP_JWT_H_

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/base/statusor.h"

typedef struct evp_pkey_st EVP_PKEY;  // NOLINT: OpenSSL's own forward declaration

namespace recoup::sim::org::http {

struct JwtClaims {
  std::string iss;
  std::string sub;
  std::vector<std::string> aud;  // "aud" may be a string or an array of strings
  std::optional<int64_t> exp;    // epoch seconds
};

// Why an assertion was refused; `what` is a short English reason ("signature does not verify").
struct JwtError {
  std::string what;
};

class JwtVerifier {
 public:
  // From PEM text holding an X.509 certificate ("BEGIN CERTIFICATE") or an RSA public key ("BEGIN
  // PUBLIC KEY"). Error (InvalidArgument) when neither parses, or the key is not RSA.
  static StatusOr<JwtVerifier> FromPem(std::string_view pem);

  JwtVerifier(JwtVerifier&&) noexcept = default;
  JwtVerifier& operator=(JwtVerifier&&) noexcept = default;
  ~JwtVerifier();

  // Splits header.claims.signature (base64url, no padding needed), requires header alg "RS256",
  // verifies the signature over "header.claims" with SHA-256 and RSASSA-PKCS1-v1_5, and parses the
  // claims (iss and sub must be strings; exp, when present, a number). Never throws.
  std::variant<JwtClaims, JwtError> Verify(std::string_view jwt) const;

 private:
  struct KeyDeleter {
    void operator()(EVP_PKEY* key) const;
  };
  explicit JwtVerifier(std::unique_ptr<EVP_PKEY, KeyDeleter> key) : key_(std::move(key)) {}
  std::unique_ptr<EVP_PKEY, KeyDeleter> key_;
};

}  // namespace recoup::sim::org::http

#endif  // RECOUP_SIM_ORG_HTTP_JWT_H_
