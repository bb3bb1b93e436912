// composite_routes.h: POST /composite, running subrequests in order with references and
// allOrNone.
#include "sim/org/rest/composite_routes.h"

#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sim/org/http/sf_http_errors.h"
#include "sim/org/rest/composite_reference.h"
#include "sim/org/rest/composite_request.h"
#include "sim/org/rest/composite_subrequest.h"
#include "sim/org/rest/transaction_scope.h"

namespace recoup::sim::org::rest {
namespace {

constexpr char kRolledBackMessage[] =
    "The transaction was rolled back since another operation in the same transaction failed.";

// One subrequest's answer as the composite response reports it.
struct Entry {
  bool ran = false;
  SubrequestOutcome outcome;
  // The body parsed for references, on first use (discarded when not JSON).
  std::optional<nlohmann::json> parsed;
};

// Compact JSON text; invalid UTF-8 (client text in a message, a CSV body) becomes U+FFFD.
template <typename Json>
std::string Dump(const Json& value) {
  return value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

SubrequestOutcome ErrorOutcome(const SfError& error) {
  nlohmann::ordered_json body = nlohmann::ordered_json::array({http::SfErrorJson(error)});
  return SubrequestOutcome{error.http_status, Dump(body), true, {}};
}

// Whether a subrequest's answer is a failure for allOrNone: an error status, or an sObject
// Collections write that reports a failed record (its own all-or-none could not undo anything
// inside our transaction, so the whole composite must).
bool Failed(const CompositeSubrequest& sub, const Entry& entry) {
  if (entry.outcome.status >= 400) return true;
  if (!IsCollectionsUrl(sub.url) || !entry.outcome.json_body) return false;
  const nlohmann::json results = nlohmann::json::parse(entry.outcome.body, nullptr, false);
  if (!results.is_array()) return false;
  for (const nlohmann::json& result : results) {
    if (result.is_object()) {
      const auto success = result.find("success");
      if (success != result.end() && success->is_boolean() && !success->get<bool>()) return true;
    }
  }
  return false;
}

// Resolves `sub`'s references and runs it.
SubrequestOutcome RunOne(const SubrequestRunner& runner, const http::Request& outer,
                         const CompositeSubrequest& sub, const ReferenceLookup& lookup) {
  Subrequest resolved;
  resolved.method = sub.method;
  SfOr<std::string> url = ResolveReferencesInText(sub.url, lookup);
  if (!url.ok()) return ErrorOutcome(url.error());
  resolved.url = std::move(url).value();
  if (sub.body.has_value()) {
    nlohmann::json body = *sub.body;
    SfStatus st = ResolveReferencesInJson(&body, lookup);
    if (!st.ok()) return ErrorOutcome(st.error());
    resolved.body = Dump(body);
  }
  resolved.headers = sub.headers;
  return runner.Run(outer, resolved);
}

void AppendEntryJson(const std::string& reference_id, const SubrequestOutcome& outcome,
                     std::string* out) {
  *out += "{\"body\":";
  if (outcome.body.empty()) {
    *out += "null";
  } else if (outcome.json_body) {
    *out += outcome.body;
  } else {
    *out += Dump(nlohmann::json(outcome.body));
  }
  nlohmann::ordered_json headers = nlohmann::ordered_json::object();
  for (const auto& [name, value] : outcome.headers) headers[name] = value;
  *out += ",\"httpHeaders\":";
  *out += Dump(headers);
  *out += ",\"httpStatusCode\":";
  *out += std::to_string(outcome.status);
  *out += ",\"referenceId\":";
  *out += Dump(nlohmann::json(reference_id));
  *out += "}";
}

class CompositeHandler {
 public:
  CompositeHandler(Org& org, const http::Router& router, http::ApiVersionRange versions)
      : org_(org), runner_(router, org.schema(), versions) {}

  void operator()(const http::Request& request, http::Response& response) const {
    SfOr<CompositeRequest> parsed = ParseCompositeRequest(request.body());
    if (!parsed.ok()) return http::WriteSfError(&response, parsed.error());
    const CompositeRequest& composite = *parsed;
    const std::vector<CompositeSubrequest>& subs = composite.subrequests;

    std::vector<Entry> entries(subs.size());  // never resized: `parsed` pointers stay valid
    const ReferenceLookup lookup = [&](std::string_view reference_id) -> const nlohmann::json* {
      for (size_t i = 0; i < subs.size(); ++i) {
        if (!entries[i].ran || subs[i].reference_id != reference_id) continue;
        Entry& entry = entries[i];
        if (!entry.parsed.has_value()) {
          entry.parsed = entry.outcome.json_body
                             ? nlohmann::json::parse(entry.outcome.body, nullptr, false)
                             : nlohmann::json(nlohmann::json::value_t::discarded);
        }
        return entry.parsed->is_discarded() ? nullptr : &*entry.parsed;
      }
      return nullptr;
    };

    if (!composite.all_or_none) {
      for (size_t i = 0; i < subs.size(); ++i) {
        entries[i].outcome = RunOne(runner_, request, subs[i], lookup);
        entries[i].ran = true;
      }
    } else {
      // One session and one transaction for the whole request; sub-handlers lock again
      // (recursive) and write inside our transaction.
      Org::Session session = org_.Lock();
      TransactionScope transaction(session.store());
      std::optional<size_t> failed;
      for (size_t i = 0; i < subs.size() && !failed.has_value(); ++i) {
        entries[i].outcome = RunOne(runner_, request, subs[i], lookup);
        entries[i].ran = true;
        if (Failed(subs[i], entries[i])) failed = i;
      }
      if (failed.has_value()) {
        transaction.Rollback();
        const SubrequestOutcome halted =
            ErrorOutcome(MakeSfError(400, "PROCESSING_HALTED", kRolledBackMessage));
        for (size_t i = 0; i < subs.size(); ++i) {
          if (i != *failed) entries[i].outcome = halted;
        }
      } else {
        transaction.Commit();
      }
    }

    std::string text = "{\"compositeResponse\":[";
    for (size_t i = 0; i < subs.size(); ++i) {
      if (i > 0) text += ',';
      AppendEntryJson(subs[i].reference_id, entries[i].outcome, &text);
    }
    text += "]}";
    if (response.pretty()) {
      response.SetJson(200, nlohmann::ordered_json::parse(text, nullptr, false));
    } else {
      response.SetJsonText(200, text);
    }
  }

 private:
  Org& org_;
  SubrequestRunner runner_;
};

}  // namespace

Status AddCompositeRoutes(Org& org, http::Router& router, http::ApiVersionRange versions) {
  auto handler = std::make_shared<CompositeHandler>(org, router, versions);
  return router.Add(
      http::Method::kPost, "/services/data/v{version}/composite",
      [handler](const http::Request& request, http::Response& response) {
        (*handler)(request, response);
      },
      http::RouteOptions{http::Access::kApi, 0});
}

}  // namespace recoup::sim::org::rest
