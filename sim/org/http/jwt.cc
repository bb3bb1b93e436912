#include "sim/org/http/jwt.h"

#include <cstdint>

#include <nlohmann/json.hpp>
#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "sim/org/http/base64.h"

namespace recoup::sim::org::http {
namespace {

struct BioDeleter {
  void operator()(BIO* b) const { BIO_free(b); }
};
struct X509Deleter {
  void operator()(X509* x) const { X509_free(x); }
};
struct MdCtxDeleter {
  void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
};

std::unique_ptr<BIO, BioDeleter> MemoryBio(std::string_view pem) {
  return std::unique_ptr<BIO, BioDeleter>(
      BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
}

}  // namespace

void JwtVerifier::KeyDeleter::operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }

JwtVerifier::~JwtVerifier() = default;

StatusOr<JwtVerifier> JwtVerifier::FromPem(std::string_view pem) {
  EVP_PKEY* key = nullptr;
  if (pem.find("BEGIN CERTIFICATE") != std::string_view::npos) {
    auto bio = MemoryBio(pem);
    std::unique_ptr<X509, X509Deleter> cert(
        PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
    if (cert == nullptr) return InvalidArgumentError("the PEM certificate does not parse");
    key = X509_get_pubkey(cert.get());
  } else if (pem.find("BEGIN PUBLIC KEY") != std::string_view::npos) {
    auto bio = MemoryBio(pem);
    key = PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr);
    if (key == nullptr) return InvalidArgumentError("the PEM public key does not parse");
  } else {
    return InvalidArgumentError(
        "expected a PEM X.509 certificate (BEGIN CERTIFICATE) or public key (BEGIN PUBLIC KEY)");
  }
  std::unique_ptr<EVP_PKEY, KeyDeleter> owned(key);
  if (owned == nullptr) return InvalidArgumentError("the certificate carries no usable public key");
  if (EVP_PKEY_base_id(owned.get()) != EVP_PKEY_RSA) {
    return InvalidArgumentError("the key is not an RSA key (RS256 needs RSA)");
  }
  return JwtVerifier(std::move(owned));
}

std::variant<JwtClaims, JwtError> JwtVerifier::Verify(std::string_view jwt) const {
  const size_t dot1 = jwt.find('.');
  const size_t dot2 = dot1 == std::string_view::npos ? dot1 : jwt.find('.', dot1 + 1);
  if (dot2 == std::string_view::npos || jwt.find('.', dot2 + 1) != std::string_view::npos) {
    return JwtError{"not three dot-separated parts"};
  }
  const std::string_view header_b64 = jwt.substr(0, dot1);
  const std::string_view claims_b64 = jwt.substr(dot1 + 1, dot2 - dot1 - 1);
  const std::string_view signature_b64 = jwt.substr(dot2 + 1);
  const std::optional<std::string> header_text = Base64UrlDecode(header_b64);
  const std::optional<std::string> claims_text = Base64UrlDecode(claims_b64);
  const std::optional<std::string> signature = Base64UrlDecode(signature_b64);
  if (!header_text || !claims_text || !signature) return JwtError{"a part is not base64url"};
  const nlohmann::json header = nlohmann::json::parse(*header_text, nullptr, false);
  if (!header.is_object()) return JwtError{"the header is not a JSON object"};
  const auto alg = header.find("alg");
  if (alg == header.end() || !alg->is_string() || alg->get<std::string>() != "RS256") {
    return JwtError{"the header's alg must be RS256"};
  }
  // Verify before trusting anything in the claims.
  std::unique_ptr<EVP_MD_CTX, MdCtxDeleter> ctx(EVP_MD_CTX_new());
  if (ctx == nullptr ||
      EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key_.get()) != 1) {
    return JwtError{"cannot set up RS256 verification"};
  }
  const std::string_view signed_part = jwt.substr(0, dot2);
  const int ok = EVP_DigestVerify(
      ctx.get(), reinterpret_cast<const unsigned char*>(signature->data()), signature->size(),
      reinterpret_cast<const unsigned char*>(signed_part.data()), signed_part.size());
  if (ok != 1) return JwtError{"signature does not verify"};
  const nlohmann::json claims = nlohmann::json::parse(*claims_text, nullptr, false);
  if (!claims.is_object()) return JwtError{"the claims are not a JSON object"};
  JwtClaims out;
  for (const auto& [name, target] : {std::pair<const char*, std::string*>{"iss", &out.iss},
                                     std::pair<const char*, std::string*>{"sub", &out.sub}}) {
    const auto it = claims.find(name);
    if (it == claims.end() || !it->is_string()) {
      return JwtError{std::string("the claim ") + name + " must be a string"};
    }
    *target = it->get<std::string>();
  }
  if (const auto aud = claims.find("aud"); aud != claims.end()) {
    if (aud->is_string()) {
      out.aud.push_back(aud->get<std::string>());
    } else if (aud->is_array()) {
      for (const auto& a : *aud) {
        if (!a.is_string()) return JwtError{"the claim aud must be a string or strings"};
        out.aud.push_back(a.get<std::string>());
      }
    } else {
      return JwtError{"the claim aud must be a string or strings"};
    }
  }
  if (const auto exp = claims.find("exp"); exp != claims.end()) {
    if (!exp->is_number()) return JwtError{"the claim exp must be a number (epoch seconds)"};
    if (exp->is_number_unsigned()) {
      if (exp->get<uint64_t>() > static_cast<uint64_t>(INT64_MAX)) {
        return JwtError{"the claim exp is out of range"};
      }
      out.exp = static_cast<int64_t>(exp->get<uint64_t>());
    } else if (exp->is_number_integer()) {
      out.exp = exp->get<int64_t>();
    } else {
      const double d = exp->get<double>();
      if (!(d > -9.2e18 && d < 9.2e18)) return JwtError{"the claim exp is out of range"};
      out.exp = static_cast<int64_t>(d);
    }
  }
  return out;
}

}  // namespace recoup::sim::org::http
