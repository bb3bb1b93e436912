// TokenStore: the mock org's OAuth sessions: opaque access tokens, refresh tokens, expiry,
// revocation.
//
// Tokens look like Salesforce's: an access token is the org's 15-character Id, "!", and 96
// characters of [A-Za-z0-9._] ("00D000000000001!AQ4..."); a refresh token is "5Aep861" and 80 such
// characters. They are drawn from the keyed stream "org.oauth.tokens" of sim/random under the
// store's seed, in issue order: the same seed and the same sequence of grants give the same tokens
// (tests rely on it). Without a seed the caller picks one at random (OAuthConfig documents it); a
// mock does not need unguessable tokens, only distinct ones.
//
// An access token is valid until its expiry (issue time + lifetime) or until revoked. Revoking a
// refresh token also revokes every access token issued from it (by its grant or by refreshes).
// Expired access tokens are purged lazily as new ones are issued, so memory stays bounded by the
// tokens alive at once.
//
// Thread-safety: every member may be called from any thread. Authenticate takes a shared lock and
// does one hash lookup (no allocation); the writers take an exclusive lock for O(1) work, except
// the occasional purge (amortised O(1) per issue).
#ifndef RECOUP_SIM_ORG_HTTP_TOKEN_STORE_H_
#define RECOUP_SIM_ORG_HTTP_TOKEN_STORE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/base/time.h"
#include "sim/org/http/dispatcher.h"
#include "sim/org/http/request.h"
#include "sim/random/random_stream.h"

namespace recoup::sim::org::http {

class TokenStore : public Authenticator {
 public:
  struct Grant {
    std::string access_token;
    std::string refresh_token;  // "" when none was issued
    Timestamp issued_at;
    Timestamp expires_at;
    const Principal* principal = nullptr;
  };

  // `org_id` (18 characters) prefixes every access token with its first 15.
  TokenStore(uint64_t seed, std::string org_id);

  // Issues an access token for `principal` (not owned; must outlive the store) on behalf of
  // `client_id`, valid for `lifetime` (> 0) from `now`; with_refresh also issues a refresh token.
  Grant Issue(const Principal* principal, std::string_view client_id, Timestamp now,
              Duration lifetime, bool with_refresh);

  // Exchanges a refresh token for a new access token. nullopt when the refresh token is unknown or
  // revoked, or was issued to another client. With `rotate`, the old refresh token is revoked
  // (with its access tokens: the new one replaces them) and Grant::refresh_token is the new one.
  std::optional<Grant> Refresh(std::string_view refresh_token, std::string_view client_id,
                               Timestamp now, Duration lifetime, bool rotate);

  // Registers a refresh token chosen by the caller (e.g. from the command line), so a client that
  // starts with a refresh token can use it. Returns false if the token already exists.
  bool AddRefreshToken(std::string token, const Principal* principal, std::string client_id);

  // Authenticator: the principal of a live access token.
  const Principal* Authenticate(std::string_view access_token, Timestamp now) const override;

  enum class RevokeResult { kAccessToken, kRefreshToken, kUnknown };
  // Revokes an access token, or a refresh token with all its access tokens.
  RevokeResult Revoke(std::string_view token);

  // Access tokens currently stored (live or expired but not yet purged).
  size_t access_token_count() const;

 private:
  struct TransparentHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
  };
  struct AccessEntry {
    const Principal* principal;
    Timestamp expires_at;
    std::string refresh_parent;  // "" when issued without a refresh token
  };
  struct RefreshEntry {
    const Principal* principal;
    std::string client_id;
    std::vector<std::string> children;  // access tokens issued from it (may include purged ones)
  };

  std::string RandomChars(size_t n);  // requires mu_ held exclusively
  std::string NewAccessTokenLocked();
  std::string NewRefreshTokenLocked();
  void PurgeExpiredLocked(Timestamp now);
  Grant IssueLocked(const Principal* principal, Timestamp now, Duration lifetime,
                    const std::string& refresh_parent);

  const std::string org_prefix_;  // first 15 characters of the org Id
  mutable std::shared_mutex mu_;
  RandomStream stream_;
  // Lookup only, never iterated for output.
  // clang-format off (the opt-out must stay on the line it excuses)
  std::unordered_map<std::string, AccessEntry, TransparentHash, std::equal_to<>> access_;  // determinism: allow(lookup only)
  // clang-format on
  // clang-format off (the opt-out must stay on the line it excuses)
  std::unordered_map<std::string, RefreshEntry, TransparentHash, std::equal_to<>> refresh_;  // determinism: allow(lookup only)
  // clang-format on
  size_t purge_threshold_ = 1024;
};

}  // namespace recoup::sim::org::http

#endif  // RECOUP_SIM_ORG_HTTP_TOKEN_STORE_H_
