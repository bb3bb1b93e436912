#include "sim/org/http/response.h"

#include <charconv>

#include "sim/org/http/request.h"

namespace recoup::sim::org::http {
namespace {

void AppendSanitized(std::string* out, std::string_view text) {
  for (const char c : text) out->push_back(c == '\r' || c == '\n' ? ' ' : c);
}

void AppendInt(std::string* out, uint64_t v) {
  char buf[24];
  const auto res = std::to_chars(buf, buf + sizeof buf, v);
  out->append(buf, res.ptr);
}

}  // namespace

std::string_view StatusReason(int status) {
  switch (status) {
    case 100:
      return "Continue";
    case 101:
      return "Switching Protocols";
    case 200:
      return "OK";
    case 201:
      return "Created";
    case 202:
      return "Accepted";
    case 204:
      return "No Content";
    case 300:
      return "Multiple Choices";
    case 301:
      return "Moved Permanently";
    case 302:
      return "Found";
    case 304:
      return "Not Modified";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 406:
      return "Not Acceptable";
    case 408:
      return "Request Timeout";
    case 409:
      return "Conflict";
    case 410:
      return "Gone";
    case 411:
      return "Length Required";
    case 412:
      return "Precondition Failed";
    case 413:
      return "Payload Too Large";
    case 414:
      return "URI Too Long";
    case 415:
      return "Unsupported Media Type";
    case 417:
      return "Expectation Failed";
    case 420:
      return "Enhance Your Calm";
    case 429:
      return "Too Many Requests";
    case 431:
      return "Request Header Fields Too Large";
    case 500:
      return "Internal Server Error";
    case 501:
      return "Not Implemented";
    case 502:
      return "Bad Gateway";
    case 503:
      return "Service Unavailable";
    case 504:
      return "Gateway Timeout";
    default:
      return "Unknown";
  }
}

void Response::Reset() {
  status_ = 200;
  pretty_ = false;
  content_type_.assign(kJsonContentType);
  headers_.clear();
  body_.clear();
}

void Response::AddHeader(std::string_view name, std::string_view value) {
  AppendSanitized(&headers_, name);
  headers_.append(": ");
  AppendSanitized(&headers_, value);
  headers_.append("\r\n");
}

std::optional<std::string_view> Response::FindHeader(std::string_view name) const {
  std::string_view rest = headers_;
  while (!rest.empty()) {
    const size_t eol = rest.find("\r\n");
    const std::string_view line = rest.substr(0, eol);
    rest = eol == std::string_view::npos ? std::string_view() : rest.substr(eol + 2);
    const size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    if (EqualsIgnoreCase(line.substr(0, colon), name)) {
      std::string_view value = line.substr(colon + 1);
      while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
      return value;
    }
  }
  return std::nullopt;
}

void Response::SetJson(int status, const nlohmann::json& value) {
  status_ = status;
  content_type_.assign(kJsonContentType);
  // The JSON may hold text that is not valid UTF-8 (echoed input); replace it rather than throw.
  body_ = value.dump(pretty_ ? 4 : -1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void Response::SetJson(int status, const nlohmann::ordered_json& value) {
  status_ = status;
  content_type_.assign(kJsonContentType);
  body_ =
      value.dump(pretty_ ? 4 : -1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

void Response::SetJsonText(int status, std::string_view json_text) {
  status_ = status;
  content_type_.assign(kJsonContentType);
  body_.assign(json_text);
}

void Response::SetBody(int status, std::string_view content_type, std::string_view body) {
  status_ = status;
  content_type_.assign(content_type);
  body_.assign(body);
}

void Response::SetNoBody(int status) {
  status_ = status;
  content_type_.clear();
  body_.clear();
}

bool Response::BodyAllowed() const { return !(status_ < 200 || status_ == 204 || status_ == 304); }

void Response::SerializeHead(std::string* out, bool keep_alive, std::string_view date) const {
  out->append("HTTP/1.1 ");
  AppendInt(out, static_cast<uint64_t>(status_));
  out->push_back(' ');
  out->append(StatusReason(status_));
  out->append("\r\nDate: ");
  out->append(date);
  out->append("\r\n");
  if (BodyAllowed()) {
    if (!content_type_.empty()) {
      out->append("Content-Type: ");
      AppendSanitized(out, content_type_);
      out->append("\r\n");
    }
    out->append("Content-Length: ");
    AppendInt(out, body_.size());
    out->append("\r\n");
  }
  out->append(headers_);
  out->append(keep_alive ? "Connection: keep-alive\r\n\r\n" : "Connection: close\r\n\r\n");
}

}  // namespace recoup::sim::org::http
