#include "sim/org/http/token_store.h"

#include <algorithm>
#include <mutex>
#include <utility>

#include "sim/random/random_streams.h"

namespace recoup::sim::org::http {
namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._";
constexpr size_t kAccessRandomChars = 96;
constexpr size_t kRefreshRandomChars = 80;

}  // namespace

TokenStore::TokenStore(uint64_t seed, std::string org_id)
    : org_prefix_(org_id.substr(0, 15)), stream_(RandomStreams(seed).Stream("org.oauth.tokens")) {}

std::string TokenStore::RandomChars(size_t n) {
  std::string out;
  out.reserve(n);
  uint64_t bits = 0;
  int available = 0;
  while (out.size() < n) {
    if (available < 6) {
      bits = stream_();
      available = 64;
    }
    out.push_back(kAlphabet[bits & 63]);
    bits >>= 6;
    available -= 6;
  }
  return out;
}

std::string TokenStore::NewAccessTokenLocked() {
  while (true) {
    std::string token = org_prefix_ + "!" + RandomChars(kAccessRandomChars);
    if (!access_.contains(token)) return token;
  }
}

std::string TokenStore::NewRefreshTokenLocked() {
  while (true) {
    std::string token = "5Aep861" + RandomChars(kRefreshRandomChars);
    if (!refresh_.contains(token)) return token;
  }
}

void TokenStore::PurgeExpiredLocked(Timestamp now) {
  if (access_.size() < purge_threshold_) return;
  std::erase_if(access_, [now](const auto& item) { return item.second.expires_at <= now; });
  for (auto& [token, entry] : refresh_) {
    std::erase_if(entry.children, [this](const std::string& t) { return !access_.contains(t); });
  }
  purge_threshold_ = std::max<size_t>(1024, access_.size() * 2);
}

TokenStore::Grant TokenStore::IssueLocked(const Principal* principal, Timestamp now,
                                          Duration lifetime, const std::string& refresh_parent) {
  PurgeExpiredLocked(now);
  Grant grant;
  grant.access_token = NewAccessTokenLocked();
  grant.issued_at = now;
  grant.expires_at = now + lifetime;
  grant.principal = principal;
  access_.emplace(grant.access_token, AccessEntry{principal, grant.expires_at, refresh_parent});
  if (!refresh_parent.empty()) {
    auto it = refresh_.find(refresh_parent);
    if (it != refresh_.end()) it->second.children.push_back(grant.access_token);
  }
  return grant;
}

TokenStore::Grant TokenStore::Issue(const Principal* principal, std::string_view client_id,
                                    Timestamp now, Duration lifetime, bool with_refresh) {
  std::unique_lock<std::shared_mutex> lock(mu_);
  std::string refresh_token;
  if (with_refresh) {
    refresh_token = NewRefreshTokenLocked();
    refresh_.emplace(refresh_token, RefreshEntry{principal, std::string(client_id), {}});
  }
  Grant grant = IssueLocked(principal, now, lifetime, refresh_token);
  grant.refresh_token = std::move(refresh_token);
  return grant;
}

std::optional<TokenStore::Grant> TokenStore::Refresh(std::string_view refresh_token,
                                                     std::string_view client_id, Timestamp now,
                                                     Duration lifetime, bool rotate) {
  std::unique_lock<std::shared_mutex> lock(mu_);
  auto it = refresh_.find(refresh_token);
  if (it == refresh_.end() || it->second.client_id != client_id) return std::nullopt;
  const Principal* principal = it->second.principal;
  if (!rotate) return IssueLocked(principal, now, lifetime, it->first);
  // Rotation: revoke the old refresh token and its access tokens, issue a new pair.
  for (const std::string& child : it->second.children) access_.erase(child);
  std::string client(it->second.client_id);
  refresh_.erase(it);
  std::string next = NewRefreshTokenLocked();
  refresh_.emplace(next, RefreshEntry{principal, std::move(client), {}});
  Grant grant = IssueLocked(principal, now, lifetime, next);
  grant.refresh_token = std::move(next);
  return grant;
}

bool TokenStore::AddRefreshToken(std::string token, const Principal* principal,
                                 std::string client_id) {
  std::unique_lock<std::shared_mutex> lock(mu_);
  return refresh_.emplace(std::move(token), RefreshEntry{principal, std::move(client_id), {}})
      .second;
}

const Principal* TokenStore::Authenticate(std::string_view access_token, Timestamp now) const {
  std::shared_lock<std::shared_mutex> lock(mu_);
  auto it = access_.find(access_token);
  if (it == access_.end() || it->second.expires_at <= now) return nullptr;
  return it->second.principal;
}

TokenStore::RevokeResult TokenStore::Revoke(std::string_view token) {
  std::unique_lock<std::shared_mutex> lock(mu_);
  if (auto it = access_.find(token); it != access_.end()) {
    access_.erase(it);
    return RevokeResult::kAccessToken;
  }
  if (auto it = refresh_.find(token); it != refresh_.end()) {
    for (const std::string& child : it->second.children) access_.erase(child);
    refresh_.erase(it);
    return RevokeResult::kRefreshToken;
  }
  return RevokeResult::kUnknown;
}

size_t TokenStore::access_token_count() const {
  std::shared_lock<std::shared_mutex> lock(mu_);
  return access_.size();
}

}  // namespace recoup::sim::org::http
