#include "sim/org/http/request.h"

namespace recoup::sim::org::http {
namespace {

char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

}  // namespace

std::string_view MethodName(Method m) {
  switch (m) {
    case Method::kGet:
      return "GET";
    case Method::kHead:
      return "HEAD";
    case Method::kPost:
      return "POST";
    case Method::kPut:
      return "PUT";
    case Method::kPatch:
      return "PATCH";
    case Method::kDelete:
      return "DELETE";
    case Method::kOptions:
      return "OPTIONS";
    case Method::kOther:
      break;
  }
  return "OTHER";
}

Method ParseMethod(std::string_view token) {
  if (token == "GET") return Method::kGet;
  if (token == "POST") return Method::kPost;
  if (token == "PATCH") return Method::kPatch;
  if (token == "DELETE") return Method::kDelete;
  if (token == "PUT") return Method::kPut;
  if (token == "HEAD") return Method::kHead;
  if (token == "OPTIONS") return Method::kOptions;
  return Method::kOther;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (Lower(a[i]) != Lower(b[i])) return false;
  }
  return true;
}

void Request::Bind(const Storage* storage, Method method, std::string_view method_name,
                   std::string_view target, std::string_view body) {
  storage_ = storage;
  headers_ = &storage->headers;
  query_ = &storage->query;
  method_ = method;
  method_name_ = method_name;
  target_ = target;
  const size_t q = target.find('?');
  if (q == std::string_view::npos) {
    path_ = target;
    raw_query_ = {};
  } else {
    path_ = target.substr(0, q);
    raw_query_ = target.substr(q + 1);
  }
  body_ = body;
  principal_ = nullptr;
  session_token_ = {};
}

const ParamList& Request::query() const {
  static const ParamList kEmpty;
  return query_ != nullptr ? *query_ : kEmpty;
}

std::string_view Request::PathParam(std::string_view name) const {
  if (storage_ == nullptr) return {};
  for (const Capture& c : storage_->captures) {
    if (c.name == name) {
      return std::string_view(storage_->capture_arena).substr(c.value_offset, c.value_size);
    }
  }
  return {};
}

std::optional<std::string_view> Request::Header(std::string_view name) const {
  if (headers_ == nullptr) return std::nullopt;
  for (const HeaderField& h : *headers_) {
    if (EqualsIgnoreCase(h.name, name)) return h.value;
  }
  return std::nullopt;
}

}  // namespace recoup::sim::org::http
