// Internal to the HTTP server (server.cc, connection.cc): the state the server shares with its
// connections, and the function that starts a connection on an accepted socket.
#ifndef RECOUP_SIM_ORG_HTTP_CONNECTION_H_
#define RECOUP_SIM_ORG_HTTP_CONNECTION_H_

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>

#include "sim/org/http/dispatcher.h"
#include "sim/org/http/request_log.h"
#include "sim/org/http/router.h"
#include "sim/org/http/server.h"

namespace recoup::sim::org::http {

// A live connection as the registry sees it.
class ConnectionBase {
 public:
  virtual ~ConnectionBase() = default;
  // Asks the connection (on its own strand) to close once idle; idle ones close at once.
  virtual void BeginShutdown() = 0;
  // Closes the socket at once and abandons a parked request. Only once the worker threads have
  // stopped (it runs on the caller's thread, not the connection's strand).
  virtual void ForceClose() = 0;
};

struct ServerCore {
  explicit ServerCore(ServerOptions opts) : options(std::move(opts)), dispatcher(&router) {}

  // Registry of live connections: strong references, so a parked connection (which has no I/O
  // pending) stays alive until answered or closed.
  uint64_t Register(std::shared_ptr<ConnectionBase> connection);
  void Unregister(uint64_t id);

  ServerOptions options;
  Clock clock;
  Router router;
  Dispatcher dispatcher;
  RequestLog log;
  std::optional<boost::asio::ssl::context> tls;
  std::string base_url;
  uint16_t port = 0;
  std::atomic<bool> stopping{false};
  std::atomic<uint64_t> requests_served{0};

  std::mutex mu;
  std::condition_variable drained;
  std::map<uint64_t, std::shared_ptr<ConnectionBase>> live;
  uint64_t next_id = 1;

  // Declared last: destroyed first, while everything above (which connections use) still exists.
  std::unique_ptr<boost::asio::io_context> ioc;
  std::unique_ptr<boost::asio::ip::tcp::acceptor> acceptor;
};

// Takes ownership of an accepted socket (whose executor is a fresh strand), registers a connection
// for it (plain or TLS as core->tls says) and starts reading.
void StartConnection(ServerCore* core, boost::asio::ip::tcp::socket socket);

}  // namespace recoup::sim::org::http

#endif  // RECOUP_SIM_ORG_HTTP_CONNECTION_H_
