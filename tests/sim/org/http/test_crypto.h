// Test-time key material for the mock org server's tests, made with OpenSSL 3: RSA key pairs, a
// self-signed X.509 certificate for 127.0.0.1 (TLS and the JWT bearer flow), RS256 JWT signing, and
// files in a temporary directory.
#ifndef RECOUP_TESTS_SIM_ORG_HTTP_TEST_CRYPTO_H_
#define RECOUP_TESTS_SIM_ORG_HTTP_TEST_CRYPTO_H_

#include <string>

#include <nlohmann/json.hpp>

namespace recoup::sim::org::http::testing {

struct TestKeyPair {
  std::string private_key_pem;  // PKCS#8 "BEGIN PRIVATE KEY"
  std::string public_key_pem;   // "BEGIN PUBLIC KEY"
  std::string certificate_pem;  // self-signed, CN=127.0.0.1, SAN IP:127.0.0.1, valid for a day
};

// A fresh 2048-bit RSA key pair with its certificate. Aborts on OpenSSL failure.
TestKeyPair GenerateKeyPair();

// The two key pairs every test in a binary shares (generated once; RSA generation is slow).
const TestKeyPair& SharedKeyPair();
const TestKeyPair& OtherKeyPair();

// base64url(header).base64url(claims).base64url(RS256 signature with private_key_pem).
std::string SignJwt(const nlohmann::json& header, const nlohmann::json& claims,
                    const std::string& private_key_pem);

// Writes `contents` to a new file in a per-process temporary directory and returns its path.
std::string WriteTempFile(const std::string& name, const std::string& contents);

// A fresh path (not created) in the per-process temporary directory.
std::string TempPath(const std::string& name);

}  // namespace recoup::sim::org::http::testing

#endif  // RECOUP_TESTS_SIM_ORG_HTTP_TEST_CRYPTO_H_
