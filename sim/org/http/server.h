// Server: the mock org's HTTP/1.1 server (Boost.Beast over Boost.Asio), optionally over TLS.
//
// - N worker threads (default 2) run one io_context; each connection is a strand, so a connection's
//   requests are handled in order while different connections run in parallel. No lock is held
//   across I/O: the only locks are the connection registry (taken when a connection opens or
//   closes) and whatever the handlers take.
// - Keep-alive and pipelining: requests on a connection are read, handled and answered strictly in
//   order; bytes of the next request that arrive early stay buffered until the current one is
//   answered. Chunked request bodies are de-chunked (jsforce streams Bulk CSV uploads that way);
//   "Expect: 100-continue" is answered. Limits: request line + headers (max_header_bytes; 431),
//   body (max_body_bytes or the route's own; 413, refused before the body is read when
//   Content-Length says so). A malformed request gets 400 and the connection is closed.
// - Asynchronous routes (Router::AddAsync) park their connection without holding a thread, so a
//   hundred CometD long polls do not starve other clients; RunAfter gives them timers.
// - TLS (tls_cert_file + tls_key_file, PEM) makes every connection HTTPS (TLS 1.2 or later).
// - Stop(): stops accepting, runs the OnStop callbacks (so owners of parked requests answer them),
//   closes idle connections, lets requests in flight finish (their responses say Connection:
//   close), and waits up to drain_timeout before it closes whatever is left.
// - The request log (request_log.h) gets one line per request when request_log_path is set.
//
// Lifetime: register routes, then Listen (binds; port() is known, useful with port 0) and Start;
// Stop (or the destructor) ends everything. Router, Dispatcher settings and OnStop callbacks must
// not change after Start.
#ifndef RECOUP_SIM_ORG_HTTP_SERVER_H_
#define RECOUP_SIM_ORG_HTTP_SERVER_H_

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "core/base/status.h"
#include "core/base/time.h"
#include "sim/org/http/clock.h"
#include "sim/org/http/dispatcher.h"
#include "sim/org/http/router.h"

namespace recoup::sim::org::http {

struct ServerOptions {
  std::string host = "127.0.0.1";                     // an IPv4 or IPv6 address, or "localhost"
  uint16_t port = 0;                                  // 0 picks a free port (see Server::port())
  int threads = 2;                                    // worker threads, 1..256
  std::string tls_cert_file;                          // PEM certificate chain; set both or neither
  std::string tls_key_file;                           // PEM private key
  std::string request_log_path;                       // "" = no request log
  uint64_t max_body_bytes = 160ull << 20;             // default body limit (Bulk uploads: 150 MB)
  uint32_t max_header_bytes = 16 * 1024;              // request line + headers (Salesforce: 16,384)
  Duration idle_timeout = Duration::Seconds(120);     // keep-alive wait for the next request
  Duration request_timeout = Duration::Seconds(300);  // to receive a request body
  Duration write_timeout = Duration::Seconds(60);     // to write a response
  Duration drain_timeout = Duration::Seconds(5);      // Stop() waits this long for in-flight work
  Clock clock;                                        // "now" for every request; empty = SystemNow
};

// A function scheduled with Server::RunAfter. Cancel is best-effort and thread-safe: a function
// already due may still run. Copies refer to the same scheduled function.
struct ScheduledTimer;
class TimerHandle {
 public:
  TimerHandle() = default;
  void Cancel() const;

 private:
  friend class Server;
  explicit TimerHandle(std::weak_ptr<ScheduledTimer> timer) : timer_(std::move(timer)) {}
  std::weak_ptr<ScheduledTimer> timer_;
};

struct ServerCore;  // internal (connection.h)

class Server {
 public:
  explicit Server(ServerOptions options);
  ~Server();  // Stop()
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Routes and the dispatcher's collaborators (authenticator, API limits, versions): configure them
  // before Start.
  Router& router();
  Dispatcher& dispatcher();

  // Binds and listens. Errors (InvalidArgument / Unavailable) name the option at fault: a bad host,
  // threads out of range, only one of the TLS files, a certificate or key that cannot be loaded or
  // do not match, a request log that cannot be opened, an address already in use.
  Status Listen();
  // Listen() if needed, then starts accepting on `threads` worker threads.
  Status Start();
  // Graceful stop (see the file comment). Blocks until done; idempotent; call it from a thread that
  // is not one of the server's workers (not from a handler).
  void Stop();

  // Registers a callback run by Stop() before connections are drained (e.g. the CometD engine
  // answers its parked long polls). Call before Start.
  void OnStop(std::function<void()> callback);

  // Runs `fn` on a worker thread after `delay` (>= 0), unless cancelled or the server has stopped
  // (after Stop, scheduled functions never run). Thread-safe; callable once Listen succeeded.
  TimerHandle RunAfter(Duration delay, std::function<void()> fn);
  // Runs `fn` on a worker thread soon. Thread-safe; callable once Listen succeeded.
  void Post(std::function<void()> fn);
  // "now" from the server's clock (ServerOptions::clock, else the system clock): what owners of
  // parked requests inject into timers and wakeups, where no Request is at hand. Thread-safe.
  Timestamp Now() const;

  // The bound port (after Listen), the URL clients use ("http://127.0.0.1:8080", "https://..." with
  // TLS; an unspecified host such as 0.0.0.0 is written as 127.0.0.1), and whether TLS is on.
  uint16_t port() const;
  const std::string& base_url() const;
  bool tls() const;

  // Responses written so far, and connections open now (for tests and diagnostics).
  uint64_t requests_served() const;
  size_t open_connections() const;

 private:
  void Accept();

  std::unique_ptr<ServerCore> core_;
  std::vector<std::function<void()>> on_stop_;
  std::vector<std::thread> threads_;
  bool listening_ = false;
  bool started_ = false;
  bool stopped_ = false;
};

}  // namespace recoup::sim::org::http

#endif  // RECOUP_SIM_ORG_HTTP_SERVER_H_
