#include "sim/org/http/router.h"

#include <algorithm>
#include <utility>

namespace recoup::sim::org::http {

struct Router::Node {
  struct LiteralEdge {
    std::string text;
    std::unique_ptr<Node> child;
  };
  struct CaptureEdge {
    std::string prefix;  // "" for a plain capture
    std::unique_ptr<Node> child;
  };
  std::vector<LiteralEdge> literals;
  std::vector<CaptureEdge> captures;  // longest prefix first
  std::unique_ptr<Node> rest;
  std::array<const Route*, kMethodCount> routes{};

  bool HasRoutes() const {
    return std::any_of(routes.begin(), routes.end(), [](const Route* r) { return r != nullptr; });
  }
};

namespace {

constexpr size_t kMaxSegments = 64;

bool IsNameStart(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_'; }
bool IsNameChar(char c) { return IsNameStart(c) || (c >= '0' && c <= '9'); }

Status PatternError(std::string_view pattern, size_t position, std::string_view what) {
  return Status(StatusCode::kInvalidArgument,
                "route pattern \"" + std::string(pattern) + "\" at character " +
                    std::to_string(position + 1) + ": " + std::string(what));
}

struct ParsedSegment {
  enum class Kind { kLiteral, kCapture, kRest } kind = Kind::kLiteral;
  std::string text;  // literal text or capture prefix
  std::string name;  // capture name
};

Status ParseSegment(std::string_view pattern, size_t start, std::string_view seg, bool last,
                    ParsedSegment* out) {
  const size_t open = seg.find('{');
  if (open == std::string_view::npos) {
    if (seg.find('}') != std::string_view::npos) {
      return PatternError(pattern, start + seg.find('}'), "'}' without '{'");
    }
    out->kind = ParsedSegment::Kind::kLiteral;
    out->text = std::string(seg);
    return OkStatus();
  }
  const std::string_view prefix = seg.substr(0, open);
  if (prefix.find('}') != std::string_view::npos) {
    return PatternError(pattern, start + prefix.find('}'), "'}' without '{'");
  }
  if (seg.back() != '}') {
    return PatternError(pattern, start + seg.size() - 1, "a capture must end its segment with '}'");
  }
  std::string_view name = seg.substr(open + 1, seg.size() - open - 2);
  bool rest = false;
  if (name.size() >= 3 && name.substr(name.size() - 3) == "...") {
    rest = true;
    name.remove_suffix(3);
  }
  if (name.empty() || !IsNameStart(name.front()) ||
      !std::all_of(name.begin(), name.end(), IsNameChar)) {
    return PatternError(pattern, start + open + 1,
                        "a capture name is a letter or '_' followed by letters, digits or '_'");
  }
  if (rest) {
    if (!last) return PatternError(pattern, start + open, "a rest capture {name...} must be last");
    if (!prefix.empty()) {
      return PatternError(pattern, start, "a rest capture {name...} cannot have a prefix");
    }
    out->kind = ParsedSegment::Kind::kRest;
  } else {
    out->kind = ParsedSegment::Kind::kCapture;
  }
  out->text = std::string(prefix);
  out->name = std::string(name);
  return OkStatus();
}

// Splits a request path into raw segments; false when there are more than fit.
bool SplitPath(std::string_view path, std::array<std::string_view, kMaxSegments>* segs,
               size_t* count) {
  if (path.empty() || path.front() != '/') return false;
  if (path.size() > 1 && path.back() == '/') path.remove_suffix(1);
  *count = 0;
  if (path == "/") return true;
  size_t pos = 1;
  while (true) {
    if (*count == kMaxSegments) return false;
    const size_t slash = path.find('/', pos);
    const size_t end = slash == std::string_view::npos ? path.size() : slash;
    (*segs)[(*count)++] = path.substr(pos, end - pos);
    if (slash == std::string_view::npos) return true;
    pos = slash + 1;
  }
}

struct Walker {
  Method method;
  std::string_view path;
  const std::array<std::string_view, kMaxSegments>* segs;
  size_t count;
  std::array<std::string_view, kMaxSegments> captures;
  size_t capture_count = 0;
  const void* allowed_node = nullptr;  // the first node that matched the path, for a 405

  template <typename NodeT>
  const Route* AtEnd(const NodeT* node) {
    const Route* r = node->routes[static_cast<size_t>(method)];
    if (r != nullptr) return r;
    if (allowed_node == nullptr && node->HasRoutes()) allowed_node = node;
    return nullptr;
  }

  template <typename NodeT>
  const Route* Walk(const NodeT* node, size_t i) {
    if (i == count) return AtEnd(node);
    const std::string_view seg = (*segs)[i];
    for (const auto& edge : node->literals) {
      if (edge.text == seg) {
        if (const Route* r = Walk(edge.child.get(), i + 1)) return r;
      }
    }
    for (const auto& edge : node->captures) {
      if (seg.size() > edge.prefix.size() && seg.substr(0, edge.prefix.size()) == edge.prefix) {
        captures[capture_count++] = seg.substr(edge.prefix.size());
        if (const Route* r = Walk(edge.child.get(), i + 1)) return r;
        --capture_count;
      }
    }
    if (node->rest != nullptr) {
      // Everything from this segment to the end of the (trailing-slash-trimmed) path.
      const char* begin = seg.data();
      const std::string_view& last = (*segs)[count - 1];
      captures[capture_count++] =
          std::string_view(begin, static_cast<size_t>(last.data() + last.size() - begin));
      if (const Route* r = AtEnd(node->rest.get())) return r;
      --capture_count;
    }
    return nullptr;
  }
};

}  // namespace

Router::Router() : root_(std::make_unique<Node>()) {}
Router::~Router() = default;

Status Router::Add(Method method, std::string_view pattern, SyncHandler handler,
                   RouteOptions options) {
  if (!handler) return PatternError(pattern, 0, "the handler is empty");
  auto route = std::make_unique<Route>();
  route->method = method;
  route->pattern = std::string(pattern);
  route->sync = std::move(handler);
  route->options = options;
  return AddRoute(std::move(route));
}

Status Router::AddAsync(Method method, std::string_view pattern, AsyncHandler handler,
                        RouteOptions options) {
  if (!handler) return PatternError(pattern, 0, "the handler is empty");
  auto route = std::make_unique<Route>();
  route->method = method;
  route->pattern = std::string(pattern);
  route->async = std::move(handler);
  route->options = options;
  return AddRoute(std::move(route));
}

Status Router::AddRoute(std::unique_ptr<Route> route) {
  const std::string_view pattern = route->pattern;
  if (route->method == Method::kOther)
    return PatternError(pattern, 0, "method OTHER cannot be routed");
  if (pattern.empty() || pattern.front() != '/') {
    return PatternError(pattern, 0, "a pattern starts with '/'");
  }
  if (pattern.size() > 1 && pattern.back() == '/') {
    return PatternError(pattern, pattern.size() - 1, "a pattern does not end with '/'");
  }
  // Parse every segment first, so a bad pattern leaves the trie untouched.
  std::vector<ParsedSegment> parsed;
  if (pattern != "/") {
    size_t pos = 1;
    while (true) {
      const size_t slash = pattern.find('/', pos);
      const size_t end = slash == std::string_view::npos ? pattern.size() : slash;
      const std::string_view seg = pattern.substr(pos, end - pos);
      if (seg.empty()) return PatternError(pattern, pos, "empty segment");
      ParsedSegment ps;
      Status s = ParseSegment(pattern, pos, seg, slash == std::string_view::npos, &ps);
      if (!s.ok()) return s;
      if (ps.kind != ParsedSegment::Kind::kLiteral) {
        if (std::find(route->capture_names.begin(), route->capture_names.end(), ps.name) !=
            route->capture_names.end()) {
          return PatternError(pattern, pos, "duplicate capture name '" + ps.name + "'");
        }
        route->capture_names.push_back(ps.name);
      }
      parsed.push_back(std::move(ps));
      if (slash == std::string_view::npos) break;
      pos = slash + 1;
    }
  }
  if (parsed.size() > kMaxSegments) return PatternError(pattern, 0, "too many segments");
  // Check for a duplicate before creating nodes.
  Node* node = root_.get();
  bool exists = true;
  for (const ParsedSegment& ps : parsed) {
    Node* next = nullptr;
    if (ps.kind == ParsedSegment::Kind::kLiteral) {
      for (auto& e : node->literals)
        if (e.text == ps.text) next = e.child.get();
    } else if (ps.kind == ParsedSegment::Kind::kCapture) {
      for (auto& e : node->captures)
        if (e.prefix == ps.text) next = e.child.get();
    } else {
      next = node->rest.get();
    }
    if (next == nullptr) {
      exists = false;
      break;
    }
    node = next;
  }
  if (exists && node->routes[static_cast<size_t>(route->method)] != nullptr) {
    return Status(StatusCode::kAlreadyExists,
                  std::string(MethodName(route->method)) + " " + std::string(pattern) +
                      " is already registered (as " +
                      node->routes[static_cast<size_t>(route->method)]->pattern + ")");
  }
  node = root_.get();
  for (const ParsedSegment& ps : parsed) {
    Node* next = nullptr;
    if (ps.kind == ParsedSegment::Kind::kLiteral) {
      for (auto& e : node->literals)
        if (e.text == ps.text) next = e.child.get();
      if (next == nullptr) {
        node->literals.push_back({ps.text, std::make_unique<Node>()});
        next = node->literals.back().child.get();
      }
    } else if (ps.kind == ParsedSegment::Kind::kCapture) {
      for (auto& e : node->captures)
        if (e.prefix == ps.text) next = e.child.get();
      if (next == nullptr) {
        node->captures.push_back({ps.text, std::make_unique<Node>()});
        next = node->captures.back().child.get();
        std::stable_sort(node->captures.begin(), node->captures.end(),
                         [](const Node::CaptureEdge& a, const Node::CaptureEdge& b) {
                           return a.prefix.size() > b.prefix.size();
                         });
      }
    } else {
      if (node->rest == nullptr) node->rest = std::make_unique<Node>();
      next = node->rest.get();
    }
    node = next;
  }
  node->routes[static_cast<size_t>(route->method)] = route.get();
  routes_.push_back(std::move(route));
  return OkStatus();
}

RouteMatch Router::Match(Method method, std::string_view path, Request::Storage* storage) const {
  RouteMatch result;
  std::array<std::string_view, kMaxSegments> segs;
  size_t count = 0;
  if (!SplitPath(path, &segs, &count)) return result;
  Walker walker{method, path, &segs, count, {}, 0, nullptr};
  // No route is ever registered for kOther, so an unknown method walks the trie only to tell a 405
  // (the path exists) from a 404.
  const Route* route = walker.Walk(root_.get(), 0);
  if (route != nullptr) {
    result.kind = RouteMatch::Kind::kFound;
    result.route = route;
    for (size_t k = 0; k < walker.capture_count; ++k) {
      Request::Capture c;
      c.name = route->capture_names[k];
      c.value_offset = static_cast<uint32_t>(storage->capture_arena.size());
      PercentDecodeAppend(walker.captures[k], /*plus_is_space=*/false, &storage->capture_arena);
      c.value_size = static_cast<uint32_t>(storage->capture_arena.size() - c.value_offset);
      storage->captures.push_back(c);
    }
    return result;
  }
  const Node* allowed = static_cast<const Node*>(walker.allowed_node);
  if (allowed != nullptr) {
    result.kind = RouteMatch::Kind::kMethodNotAllowed;
    // Salesforce's order: HEAD, GET, then the writing methods.
    static constexpr Method kOrder[] = {Method::kHead,   Method::kGet,   Method::kPost,
                                        Method::kPut,    Method::kPatch, Method::kDelete,
                                        Method::kOptions};
    for (const Method m : kOrder) {
      if (allowed->routes[static_cast<size_t>(m)] == nullptr) continue;
      if (!result.allowed.empty()) result.allowed.push_back(',');
      result.allowed.append(MethodName(m));
    }
  }
  return result;
}

}  // namespace recoup::sim::org::http
