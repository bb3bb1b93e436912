// Internal to sim/org/events: the per-client and per-request state of BayeuxEngine, shared by
// bayeux.cc (state, delivery, long polls) and bayeux_handlers.cc (the /meta/* message handlers).
// Not part of the library's interface; include nowhere else.
#ifndef RECOUP_SIM_ORG_EVENTS_BAYEUX_STATE_H_
#define RECOUP_SIM_ORG_EVENTS_BAYEUX_STATE_H_

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "sim/org/events/bayeux.h"
#include "sim/org/events/bayeux_messages.h"

namespace recoup::sim::org::events {
namespace bayeux_internal {

// The member `key` of a JSON object, or null.
inline const nlohmann::json* Member(const nlohmann::json& object, const char* key) {
  const auto it = object.find(key);
  return it == object.end() ? nullptr : &*it;
}

// The string member `key`, or "" when absent or not a string.
inline std::string StringMember(const nlohmann::json& object, const char* key) {
  const nlohmann::json* value = Member(object, key);
  return value != nullptr && value->is_string() ? value->get<std::string>() : std::string();
}

}  // namespace bayeux_internal

struct BayeuxEngine::Client {
  std::string user_id;
  std::map<std::string, int64_t, std::less<>> cursors;  // channel -> last delivered replay id
  bool connected = false;                               // had its first connect
  uint64_t parked_token = 0;                            // 0: no parked connect
  Timestamp expires_at;                                 // when parked_token == 0
};

struct BayeuxEngine::Parked {
  std::string client_id;
  Timestamp deadline;
  std::string replies;     // the batch's other replies, each followed by ','
  nlohmann::json id;       // the connect's message id (null when absent)
  bool release = false;    // answer on the next Resume even with nothing to deliver
  bool wake_sent = false;  // a wakeup is outstanding
};

struct BayeuxEngine::Batch {
  std::string replies;  // each followed by ','
  std::vector<uint64_t> wake;
  std::set<std::string> disconnected;
  bool has_connect = false;
  std::string connect_client;
  nlohmann::json connect_id;
  bool connect_immediate = false;
  Duration connect_timeout;

  void Add(const bayeux::OrderedJson& reply) {
    replies += bayeux::Dump(reply);
    replies += ',';
  }
};

struct BayeuxEngine::Delivery {
  std::string events;  // each followed by ','
  int64_t count = 0;
  std::optional<std::string> error;
};

}  // namespace recoup::sim::org::events

#endif  // RECOUP_SIM_ORG_EVENTS_BAYEUX_STATE_H_
