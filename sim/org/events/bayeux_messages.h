// Bayeux 1.0 message vocabulary of the mock org's CometD endpoint: channel names, the error strings
// Salesforce's Streaming API sends ("403::Unknown client", ...; the "Streaming API Error Codes"
// page and reference/salesforce-api.md section 5.2), and builders for reply messages. Used by the
// protocol engine (bayeux.h); no state here.
#ifndef RECOUP_SIM_ORG_EVENTS_BAYEUX_MESSAGES_H_
#define RECOUP_SIM_ORG_EVENTS_BAYEUX_MESSAGES_H_

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace recoup::sim::org::events::bayeux {

using OrderedJson = nlohmann::ordered_json;

inline constexpr std::string_view kHandshake = "/meta/handshake";
inline constexpr std::string_view kConnect = "/meta/connect";
inline constexpr std::string_view kSubscribe = "/meta/subscribe";
inline constexpr std::string_view kUnsubscribe = "/meta/unsubscribe";
inline constexpr std::string_view kDisconnect = "/meta/disconnect";
inline constexpr std::string_view kLongPolling = "long-polling";

// Error strings ("<code>::<message>").
inline constexpr std::string_view kErrUnknownClient = "403::Unknown client";
inline constexpr std::string_view kErrNoHandshake = "403::Client has not completed handshake";
inline constexpr std::string_view kErrHandshakeDenied = "403::Handshake denied";
inline constexpr std::string_view kErrAuthInvalid = "401::Authentication invalid";
inline constexpr std::string_view kErrAuthMissing = "401::Request requires authentication";
inline constexpr std::string_view kErrUserMismatch =
    "400::Authenticated user id does not match the session's user id";
inline constexpr std::string_view kErrTooManyClients =
    "403::Organization concurrent user limit exceeded";
inline constexpr std::string_view kErrDailyDeliveries =
    "403::Organization total events daily limit exceeded";
inline constexpr std::string_view kErrNoChannel = "400::Channel name not specified";
inline constexpr std::string_view kErrNoLeadingSlash =
    "400::Channel subscriptions must start with a leading '/'";
inline constexpr std::string_view kErrRestricted = "403::Restricted channel";
inline constexpr std::string_view kErrUnknownChannel = "404::Unknown channel";
inline constexpr std::string_view kErrTooLarge = "413::Maximum Request Size Exceeded";
inline constexpr std::string_view kErrMalformed =
    "400::The request body is not a JSON array of Bayeux messages";
inline constexpr std::string_view kErrNotAnObject = "400::A Bayeux message must be a JSON object";
inline constexpr std::string_view kErrDuplicateConnect =
    "400::Only one /meta/connect is allowed per request";

// "400::Invalid connection type {type}".
std::string InvalidConnectionTypeError(std::string_view type);

// A reply skeleton: {"channel": channel (omitted when empty), "clientId": client_id (omitted when
// empty), "id": id (omitted when `id` is null or absent)}. `id` is copied as given.
OrderedJson Reply(std::string_view channel, std::string_view client_id, const nlohmann::json* id);

// Reply + "successful": false, "error": error, "advice": {"reconnect": reconnect, "interval": 0}
// (advice omitted when `reconnect` is empty).
OrderedJson ErrorReply(std::string_view channel, std::string_view client_id,
                       const nlohmann::json* id, std::string_view error,
                       std::string_view reconnect);

// The advice the server gives with a successful handshake or connect:
// {"interval": 0, "timeout": timeout_ms, "reconnect": "retry"}.
OrderedJson RetryAdvice(int64_t timeout_ms);

// A failed handshake: error "403::Handshake denied", the cause in ext.sfdc.failureReason, advice
// {"reconnect": "none"} (what Salesforce sends for bad credentials and exhausted limits).
OrderedJson HandshakeDenied(const nlohmann::json* id, std::string_view failure_reason);

// `json` as compact text; invalid UTF-8 in strings is replaced by U+FFFD instead of throwing.
std::string Dump(const OrderedJson& json);

// True when `body` nests arrays and objects at most `max_depth` deep (brackets inside strings do
// not count). Checked before parsing so hostile input cannot exhaust the stack.
bool NestingWithin(std::string_view body, int max_depth);

// The whole response body for an error that concerns the request rather than one message:
// [{"successful": false, "error": error}].
std::string RequestErrorBody(std::string_view error);

}  // namespace recoup::sim::org::events::bayeux

#endif  // RECOUP_SIM_ORG_EVENTS_BAYEUX_MESSAGES_H_
