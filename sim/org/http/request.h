// Request: the read-only view of one HTTP request that route handlers see.
//
// The server parses each request with Boost.Beast, then fills a Request whose text (path captures,
// decoded query parameters, headers, body) lives in buffers owned by the connection and reused from
// one request to the next, so a handler sees string_views and no per-request allocation is needed.
// A Request is valid during a synchronous handler's call, and for an asynchronous handler until it
// calls Responder::Send (the connection reads nothing else before then); copy what must live
// longer.
#ifndef RECOUP_SIM_ORG_HTTP_REQUEST_H_
#define RECOUP_SIM_ORG_HTTP_REQUEST_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/time.h"
#include "sim/org/http/url_codec.h"

namespace recoup::sim::org::http {

// The HTTP methods the router distinguishes; every other method is kOther (never routed: 404/405).
enum class Method : uint8_t { kGet, kHead, kPost, kPut, kPatch, kDelete, kOptions, kOther };
inline constexpr size_t kMethodCount = 8;

// "GET", "POST", ...; "OTHER" for kOther.
std::string_view MethodName(Method m);
// The method for an exact, upper-case method token ("PATCH"); kOther for anything else.
Method ParseMethod(std::string_view token);

// Case-insensitive ASCII equality (header names, auth schemes).
bool EqualsIgnoreCase(std::string_view a, std::string_view b);

// Who made an authenticated request: filled by the server from the OAuth token; owned by the token
// store, which outlives every request.
struct Principal {
  std::string org_id;    // 18-character org Id, "00D..."
  std::string user_id;   // 18-character user Id, "005..."
  std::string username;  // e.g. "integration@recoup.example"
  std::string display_name;
  std::string email;
};

class Request {
 public:
  Method method() const { return method_; }
  // The method token as sent ("PATCH", "PROPFIND").
  std::string_view method_name() const { return method_name_; }
  // The request target as sent: path and query, not decoded ("/services/data/v62.0/query?q=...").
  std::string_view target() const { return target_; }
  // The path part of the target, not decoded, without the query ("/services/data/v62.0/query").
  std::string_view path() const { return path_; }
  // The query string after "?", not decoded ("" when absent).
  std::string_view raw_query() const { return raw_query_; }

  // The decoded value of the path capture `name` of the matched route pattern (for the pattern
  // "/services/data/v{version}/sobjects/{object}/{id}", PathParam("id")); "" when the route has no
  // such capture. Path captures are percent-decoded ("%2F" -> "/"), "+" is kept.
  std::string_view PathParam(std::string_view name) const;
  // The API version of a versioned route ("62.0"): PathParam("version").
  std::string_view api_version() const { return PathParam("version"); }

  // The decoded query parameters (both "%20" and "+" decode to a space), in order, duplicates kept.
  const ParamList& query() const;
  // The first value of query parameter `name`, or nullopt.
  std::optional<std::string_view> Query(std::string_view name) const { return query().Find(name); }

  // The value of the first header named `name` (case-insensitive), or nullopt.
  std::optional<std::string_view> Header(std::string_view name) const;
  size_t header_count() const { return headers_->size(); }
  std::string_view header_name(size_t i) const { return (*headers_)[i].name; }
  std::string_view header_value(size_t i) const { return (*headers_)[i].value; }

  // The whole body, de-chunked (Transfer-Encoding: chunked is undone by the server).
  std::string_view body() const { return body_; }

  // The time the server read this request (the injected clock; see clock.h).
  Timestamp now() const { return now_; }
  // The authenticated caller, or nullptr on routes that need no session (Access::kPublic / kOAuth)
  // and on kOptionalSession routes called without a valid one.
  const Principal* principal() const { return principal_; }
  // The session token the caller presented ("" on public routes).
  std::string_view session_token() const { return session_token_; }

  // The base URL of this server as clients reach it ("http://127.0.0.1:8443"), for Location headers
  // and absolute URLs in bodies.
  std::string_view base_url() const { return base_url_; }

  // ---- For the server and for tests that build requests without a socket ----
  struct HeaderField {
    std::string_view name;
    std::string_view value;
  };
  struct Capture {
    std::string_view name;  // from the route pattern (owned by the router)
    uint32_t value_offset;  // into the capture arena
    uint32_t value_size;
  };
  // Storage a Request points into; owned by the connection and reused across its requests.
  struct Storage {
    std::vector<HeaderField> headers;
    ParamList query;
    std::string capture_arena;
    std::vector<Capture> captures;
    void Clear() {
      headers.clear();
      query.Clear();
      capture_arena.clear();
      captures.clear();
    }
  };
  Request() = default;
  // Points the view at `storage` (whose headers/query/captures the caller fills) and sets the rest.
  void Bind(const Storage* storage, Method method, std::string_view method_name,
            std::string_view target, std::string_view body);
  void set_now(Timestamp now) { now_ = now; }
  void set_principal(const Principal* principal, std::string_view token) {
    principal_ = principal;
    session_token_ = token;
  }
  void set_base_url(std::string_view base_url) { base_url_ = base_url; }

 private:
  const Storage* storage_ = nullptr;
  const std::vector<HeaderField>* headers_ = nullptr;
  const ParamList* query_ = nullptr;
  Method method_ = Method::kOther;
  std::string_view method_name_;
  std::string_view target_;
  std::string_view path_;
  std::string_view raw_query_;
  std::string_view body_;
  Timestamp now_;
  const Principal* principal_ = nullptr;
  std::string_view session_token_;
  std::string_view base_url_;
};

}  // namespace recoup::sim::org::http

#endif  // RECOUP_SIM_ORG_HTTP_REQUEST_H_
