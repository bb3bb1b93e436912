#include "sim/org/events/bayeux_messages.h"

namespace recoup::sim::org::events::bayeux {

std::string InvalidConnectionTypeError(std::string_view type) {
  return "400::Invalid connection type {" + std::string(type) + "}";
}

OrderedJson Reply(std::string_view channel, std::string_view client_id, const nlohmann::json* id) {
  OrderedJson reply = OrderedJson::object();
  if (!channel.empty()) reply["channel"] = channel;
  if (!client_id.empty()) reply["clientId"] = client_id;
  if (id != nullptr && !id->is_null()) reply["id"] = *id;
  return reply;
}

OrderedJson ErrorReply(std::string_view channel, std::string_view client_id,
                       const nlohmann::json* id, std::string_view error,
                       std::string_view reconnect) {
  OrderedJson reply = Reply(channel, client_id, id);
  reply["successful"] = false;
  reply["error"] = error;
  if (!reconnect.empty()) reply["advice"] = {{"reconnect", reconnect}, {"interval", 0}};
  return reply;
}

OrderedJson RetryAdvice(int64_t timeout_ms) {
  return {{"interval", 0}, {"timeout", timeout_ms}, {"reconnect", "retry"}};
}

OrderedJson HandshakeDenied(const nlohmann::json* id, std::string_view failure_reason) {
  OrderedJson reply = Reply(kHandshake, "", id);
  reply["successful"] = false;
  reply["error"] = kErrHandshakeDenied;
  reply["advice"] = {{"reconnect", "none"}};
  reply["ext"] = {
      {"sfdc", {{"failureReason", failure_reason}}}, {"replay", true}, {"payload.format", true}};
  return reply;
}

std::string Dump(const OrderedJson& json) {
  return json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

bool NestingWithin(std::string_view body, int max_depth) {
  int depth = 0;
  bool in_string = false;
  bool escaped = false;
  for (const char c : body) {
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > max_depth) return false;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return true;
}

std::string RequestErrorBody(std::string_view error) {
  OrderedJson reply;
  reply["successful"] = false;
  reply["error"] = error;
  return "[" + Dump(reply) + "]";
}

}  // namespace recoup::sim::org::events::bayeux
