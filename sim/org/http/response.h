// Response: what a route handler fills in, and the server writes back.
//
// A Response holds a status, a content type, extra header lines and a body. The server adds Date,
// Content-Length, Connection and (for API routes) Sforce-Limit-Info itself. The connection reuses
// one Response for all its synchronous requests (Reset keeps the buffers' capacity), so building a
// reply costs no allocation once the connection is warm, except what the handler's own JSON library
// does. The default content type is Salesforce's "application/json;charset=UTF-8".
#ifndef RECOUP_SIM_ORG_HTTP_RESPONSE_H_
#define RECOUP_SIM_ORG_HTTP_RESPONSE_H_

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace recoup::sim::org::http {

inline constexpr std::string_view kJsonContentType = "application/json;charset=UTF-8";
inline constexpr std::string_view kCsvContentType = "text/csv";

// The reason phrase of an HTTP status ("Not Found"); "Unknown" for codes without one.
std::string_view StatusReason(int status);

class Response {
 public:
  Response() { Reset(); }

  // Back to 200, JSON content type, no extra headers, empty body, not pretty; keeps capacity.
  void Reset();

  int status() const { return status_; }
  void set_status(int status) { status_ = status; }

  std::string_view content_type() const { return content_type_; }
  // "" sends no Content-Type header (use with 204).
  void set_content_type(std::string_view content_type) { content_type_.assign(content_type); }

  // Adds the header line "name: value". CR and LF in either are replaced by spaces (no header
  // injection). Do not add Content-Length, Date or Connection: the server writes those.
  void AddHeader(std::string_view name, std::string_view value);
  // The value of the first added header named `name` (case-insensitive), or nullopt.
  std::optional<std::string_view> FindHeader(std::string_view name) const;
  // The added header lines, each "name: value\r\n".
  std::string_view header_block() const { return headers_; }

  std::string& body() { return body_; }
  const std::string& body() const { return body_; }

  // Status `status`, JSON content type, body = value serialized (indented by 4 when pretty()).
  void SetJson(int status, const nlohmann::json& value);
  void SetJson(int status, const nlohmann::ordered_json& value);
  // Status `status`, JSON content type, body = json_text, which must already be valid JSON.
  void SetJsonText(int status, std::string_view json_text);
  // Any content type and body.
  void SetBody(int status, std::string_view content_type, std::string_view body);
  // A status with no body and no Content-Type (204, or 201 for a Bulk upload).
  void SetNoBody(int status);

  // Set by the server when the request carried "X-PrettyPrint: 1"; SetJson honours it.
  bool pretty() const { return pretty_; }
  void set_pretty(bool pretty) { pretty_ = pretty; }

  // Appends the status line and every header, ending with the blank line, to *out. `date` is the
  // Date header's value; `keep_alive` chooses "Connection: keep-alive" or "close". Statuses 1xx,
  // 204 and 304 carry no Content-Length (and their body is never sent).
  void SerializeHead(std::string* out, bool keep_alive, std::string_view date) const;
  // Whether the status allows a body at all.
  bool BodyAllowed() const;

 private:
  int status_ = 200;
  bool pretty_ = false;
  std::string content_type_;
  std::string headers_;
  std::string body_;
};

}  // namespace recoup::sim::org::http

#endif  // RECOUP_SIM_ORG_HTTP_RESPONSE_H_
