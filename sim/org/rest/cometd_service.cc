#include "sim/org/rest/cometd_service.h"

#include <algorithm>
#include <atomic>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sim/org/events/bayeux_messages.h"
#include "sim/org/http/dispatcher.h"
#include "sim/org/http/request.h"
#include "sim/org/http/responder.h"
#include "sim/org/http/response.h"
#include "sim/org/http/router.h"
#include "sim/org/http/server.h"
#include "sim/org/http/sf_http_errors.h"

namespace recoup::sim::org::rest {
namespace {

using events::BayeuxAuth;
using events::BayeuxReply;

// A timer never fires sooner than this after it is armed (a clock that stands still, as tests'
// clocks do, must not make a re-armed deadline timer spin).
constexpr Duration kMinTimerDelay = Duration::Milliseconds(1);

// Who sent the request, in the engine's terms.
BayeuxAuth AuthOf(const Org& org, const http::Request& request) {
  if (const http::Principal* principal = request.principal(); principal != nullptr) {
    // A token the server accepts, but for a user this org does not have, authenticates nobody.
    return org.ResolveUser(principal->user_id).ok() ? BayeuxAuth::Valid(principal->user_id)
                                                    : BayeuxAuth::Invalid();
  }
  const std::optional<std::string_view> header = request.Header("Authorization");
  if (!header.has_value() || http::SessionTokenFromAuthorization(*header).empty()) {
    return BayeuxAuth::Missing();
  }
  return BayeuxAuth::Invalid();
}

void SendJson(http::Responder& responder, int status, std::string_view body) {
  http::Response response = responder.NewResponse();
  response.SetJsonText(status, body);
  responder.Send(std::move(response));
}

}  // namespace

Status ValidateCometdConfig(const CometdConfig& config) {
  if (config.expire_interval <= Duration::Zero()) {
    return InvalidArgumentError("cometd.expire_interval: must be > 0, got " +
                                config.expire_interval.ToString());
  }
  return events::ValidateBayeuxConfig(config.bayeux);
}

// Lock order: mu_ before the engine's own mutex (the engine never calls back into the Hub while it
// holds its mutex: its wakeup runs outside it and only posts to the server).
struct CometdService::Hub : std::enable_shared_from_this<CometdService::Hub> {
  // One parked long poll.
  struct Poll {
    http::Responder responder;
    std::string client_id;
    Timestamp deadline;
    http::TimerHandle timer;
  };

  Hub(Org& org, http::Server& server, CometdConfig config,
      std::unique_ptr<events::BayeuxEngine> engine)
      : org_(org), server_(server), config_(std::move(config)), engine_(std::move(engine)) {}

  // The route handler: one POST body.
  void Handle(const http::Request& request, http::Responder responder) {
    ArmExpiryOnce();
    const BayeuxAuth auth = AuthOf(org_, request);
    const Timestamp now = request.now();
    std::unique_lock<std::mutex> lock(mu_);
    // Under mu_, so that a wakeup for this poll (posted the moment the engine parks it) cannot run
    // before the poll is registered below.
    BayeuxReply reply = engine_->Handle(request.body(), auth, now);
    if (reply.kind == BayeuxReply::Kind::kRespond) {
      lock.unlock();
      SendJson(responder, reply.http_status, reply.body);
      return;
    }
    const uint64_t token = reply.park_token;
    if (stopping_) {  // the server is going away: answer now, as Stop answered the others
      std::optional<BayeuxReply> done = engine_->Resume(token, std::max(now, reply.deadline));
      lock.unlock();
      Answer(responder, done, reply.client_id);
      return;
    }
    Poll& poll = polls_[token];
    poll.responder = responder;
    poll.client_id = reply.client_id;
    poll.deadline = reply.deadline;
    poll.timer = ArmDeadline(token, reply.deadline - now);
    lock.unlock();
    // Outside mu_: runs at once if the client has already gone.
    std::weak_ptr<Hub> weak = weak_from_this();
    responder.OnAbandoned([weak, token] {
      if (std::shared_ptr<Hub> hub = weak.lock()) hub->Abandon(token);
    });
  }

  // Asks the engine about a parked poll: on a wakeup (`at_deadline` false) or when its deadline
  // timer fires (true). Answers it unless the engine says to keep waiting.
  void Resume(uint64_t token, bool at_deadline) {
    const Timestamp now = server_.Now();
    std::unique_lock<std::mutex> lock(mu_);
    const auto it = polls_.find(token);
    if (it == polls_.end()) return;  // already answered, abandoned, or answered at Stop
    std::optional<BayeuxReply> reply = engine_->Resume(token, now);
    if (reply.has_value() && reply->kind == BayeuxReply::Kind::kPark) {
      // Nothing to send yet. The deadline timer has fired early by the server's clock: re-arm it.
      if (at_deadline) it->second.timer = ArmDeadline(token, reply->deadline - now);
      return;
    }
    Poll poll = std::move(it->second);
    polls_.erase(it);
    lock.unlock();
    if (!at_deadline) poll.timer.Cancel();
    Answer(poll.responder, reply, poll.client_id);
  }

  // The client closed the connection of a parked poll.
  void Abandon(uint64_t token) {
    const Timestamp now = server_.Now();
    std::unique_lock<std::mutex> lock(mu_);
    const auto it = polls_.find(token);
    if (it == polls_.end()) return;
    Poll poll = std::move(it->second);
    polls_.erase(it);
    engine_->Cancel(token, now);
    lock.unlock();
    poll.timer.Cancel();
  }

  // Server Stop (or the service's destruction): answers every parked poll and parks no more.
  void Stop() {
    std::map<uint64_t, Poll> polls;
    std::vector<std::optional<BayeuxReply>> replies;
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (stopping_) return;
      stopping_ = true;
      expiry_timer_.Cancel();
      polls.swap(polls_);
      if (!polls.empty()) {
        const Timestamp now = server_.Now();
        for (auto& [token, poll] : polls) {
          // At (or past) its deadline the engine answers: pending events, else an empty connect.
          replies.push_back(engine_->Resume(token, std::max(now, poll.deadline)));
        }
      }
    }
    // No poll is parked any more, and none will be: nothing left to wake.
    engine_->SetWakeup({});
    std::size_t i = 0;
    for (auto& [token, poll] : polls) {
      poll.timer.Cancel();
      Answer(poll.responder, replies[i++], poll.client_id);
    }
  }

  std::size_t parked() const {
    std::lock_guard<std::mutex> lock(mu_);
    return polls_.size();
  }

  Org& org_;
  http::Server& server_;
  const CometdConfig config_;
  const std::unique_ptr<events::BayeuxEngine> engine_;

 private:
  // Sends the engine's answer to a resumed poll. No answer means the engine has forgotten the poll
  // and its client (swept long after its deadline): the client must handshake again.
  static void Answer(http::Responder& responder, const std::optional<BayeuxReply>& reply,
                     const std::string& client_id) {
    if (reply.has_value()) {
      SendJson(responder, reply->http_status, reply->body);
      return;
    }
    const std::string body = "[" +
                             events::bayeux::Dump(events::bayeux::ErrorReply(
                                 events::bayeux::kConnect, client_id, nullptr,
                                 events::bayeux::kErrUnknownClient, "handshake")) +
                             "]";
    SendJson(responder, 200, body);
  }

  http::TimerHandle ArmDeadline(uint64_t token, Duration delay) {
    std::weak_ptr<Hub> weak = weak_from_this();
    return server_.RunAfter(std::max(delay, kMinTimerDelay), [weak, token] {
      if (std::shared_ptr<Hub> hub = weak.lock()) hub->Resume(token, /*at_deadline=*/true);
    });
  }

  void ArmExpiryOnce() {
    if (expiry_armed_.exchange(true, std::memory_order_acq_rel)) return;
    ArmExpiry();
  }

  void ArmExpiry() {
    std::lock_guard<std::mutex> lock(mu_);
    if (stopping_) return;
    std::weak_ptr<Hub> weak = weak_from_this();
    expiry_timer_ = server_.RunAfter(config_.expire_interval, [weak] {
      if (std::shared_ptr<Hub> hub = weak.lock()) {
        hub->engine_->ExpireClients(hub->server_.Now());
        hub->ArmExpiry();
      }
    });
  }

  mutable std::mutex mu_;
  std::map<uint64_t, Poll> polls_;  // by park token
  bool stopping_ = false;
  http::TimerHandle expiry_timer_;
  std::atomic<bool> expiry_armed_{false};
};

StatusOr<std::unique_ptr<CometdService>> CometdService::Create(Org& org, http::OrgServer& server,
                                                               CometdConfig config) {
  RECOUP_RETURN_IF_ERROR(ValidateCometdConfig(config));
  StatusOr<std::unique_ptr<events::BayeuxEngine>> engine =
      events::BayeuxEngine::Create(config.bayeux, org.events(), &server.api_limits());
  if (!engine.ok()) return engine.status();
  auto hub =
      std::make_shared<Hub>(org, server.server(), std::move(config), std::move(engine).value());
  const std::weak_ptr<Hub> weak = hub;
  const http::AsyncHandler handler = [weak](const http::Request& request,
                                            http::Responder responder) {
    if (std::shared_ptr<Hub> live = weak.lock()) {
      live->Handle(request, std::move(responder));
      return;
    }
    http::Response response = responder.NewResponse();
    http::WriteSfError(
        &response, MakeSfError(503, "SERVER_UNAVAILABLE", "The Streaming API is not available"));
    responder.Send(std::move(response));
  };
  const http::RouteOptions options{http::Access::kOptionalSession, events::kMaxBayeuxRequestBytes};
  http::Router& router = server.router();
  RECOUP_RETURN_IF_ERROR(
      router.AddAsync(http::Method::kPost, "/cometd/{version}", handler, options));
  RECOUP_RETURN_IF_ERROR(
      router.AddAsync(http::Method::kPost, "/cometd/{version}/{rest...}", handler, options));
  // Only posts: no HTTP work on a publisher's thread, and no Hub reference taken there (the last
  // one must never be dropped inside the engine's own wakeup).
  hub->engine_->SetWakeup([weak, http_server = &server.server()](uint64_t token) {
    http_server->Post([weak, token] {
      if (std::shared_ptr<Hub> live = weak.lock()) live->Resume(token, /*at_deadline=*/false);
    });
  });
  server.server().OnStop([weak] {
    if (std::shared_ptr<Hub> live = weak.lock()) live->Stop();
  });
  return std::unique_ptr<CometdService>(new CometdService(std::move(hub)));
}

CometdService::~CometdService() {
  if (hub_ != nullptr) hub_->Stop();
}

events::BayeuxEngine& CometdService::engine() { return *hub_->engine_; }

std::size_t CometdService::parked_requests() const { return hub_->parked(); }

}  // namespace recoup::sim::org::rest
