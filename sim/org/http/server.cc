#include "sim/org/http/server.h"

#include <algorithm>
#include <chrono>
#include <future>
#include <iostream>
#include <utility>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <openssl/ssl.h>

#include "sim/org/http/connection.h"

namespace recoup::sim::org::http {

namespace net = boost::asio;
namespace ssl = boost::asio::ssl;
using tcp = boost::asio::ip::tcp;

struct ScheduledTimer {
  explicit ScheduledTimer(net::io_context& ioc) : timer(net::make_strand(ioc)) {}
  net::steady_timer timer;
};

void TimerHandle::Cancel() const {
  std::shared_ptr<ScheduledTimer> t = timer_.lock();
  if (t == nullptr) return;
  net::post(t->timer.get_executor(), [t] { t->timer.cancel(); });
}

namespace {

Status LoadTls(const ServerOptions& o, std::optional<ssl::context>* out) {
  if (o.tls_cert_file.empty() && o.tls_key_file.empty()) return OkStatus();
  if (o.tls_cert_file.empty() || o.tls_key_file.empty()) {
    return InvalidArgumentError(
        "TLS needs both a certificate and a key: set --tls-cert and --tls-key together");
  }
  ssl::context ctx(ssl::context::tls_server);
  ctx.set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                  ssl::context::no_sslv3 | ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1);
  boost::system::error_code ec;
  ctx.use_certificate_chain_file(o.tls_cert_file, ec);
  if (ec) {
    return InvalidArgumentError("--tls-cert " + o.tls_cert_file +
                                ": cannot load a PEM certificate chain: " + ec.message());
  }
  ctx.use_private_key_file(o.tls_key_file, ssl::context::pem, ec);
  if (ec && ec.message().find("mismatch") != std::string::npos) {
    return InvalidArgumentError("--tls-key " + o.tls_key_file +
                                ": the key does not match the certificate in " + o.tls_cert_file);
  }
  if (ec) {
    return InvalidArgumentError("--tls-key " + o.tls_key_file +
                                ": cannot load a PEM private key: " + ec.message());
  }
  if (SSL_CTX_check_private_key(ctx.native_handle()) != 1) {
    return InvalidArgumentError("--tls-key " + o.tls_key_file +
                                ": the key does not match the certificate in " + o.tls_cert_file);
  }
  out->emplace(std::move(ctx));
  return OkStatus();
}

std::string UrlHost(const net::ip::address& address) {
  if (address.is_unspecified()) return "127.0.0.1";
  if (address.is_v6()) return "[" + address.to_string() + "]";
  return address.to_string();
}

}  // namespace

Server::Server(ServerOptions options) : core_(std::make_unique<ServerCore>(std::move(options))) {
  core_->clock = core_->options.clock ? core_->options.clock : Clock(SystemNow);
}

Server::~Server() { Stop(); }

Router& Server::router() { return core_->router; }
Dispatcher& Server::dispatcher() { return core_->dispatcher; }

Status Server::Listen() {
  if (listening_) return OkStatus();
  const ServerOptions& o = core_->options;
  if (o.threads < 1 || o.threads > 256) {
    return InvalidArgumentError("--threads: must be between 1 and 256, got " +
                                std::to_string(o.threads));
  }
  boost::system::error_code ec;
  net::ip::address address =
      net::ip::make_address(o.host == "localhost" ? "127.0.0.1" : o.host, ec);
  if (ec) {
    return InvalidArgumentError("--host: \"" + o.host +
                                "\" is not an IP address (use e.g. 127.0.0.1, ::1 or 0.0.0.0)");
  }
  Status tls = LoadTls(o, &core_->tls);
  if (!tls.ok()) return tls;
  core_->ioc = std::make_unique<net::io_context>(o.threads);
  auto acceptor = std::make_unique<tcp::acceptor>(net::make_strand(*core_->ioc));
  const tcp::endpoint endpoint(address, o.port);
  acceptor->open(endpoint.protocol(), ec);
  if (!ec) acceptor->set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) acceptor->bind(endpoint, ec);
  if (!ec) acceptor->listen(net::socket_base::max_listen_connections, ec);
  if (ec) {
    return Status(StatusCode::kUnavailable, "--host/--port: cannot listen on " + o.host + ":" +
                                                std::to_string(o.port) + ": " + ec.message());
  }
  core_->port = acceptor->local_endpoint().port();
  core_->base_url = std::string(core_->tls ? "https://" : "http://") + UrlHost(address) + ":" +
                    std::to_string(core_->port);
  core_->acceptor = std::move(acceptor);
  if (!o.request_log_path.empty()) {
    Status log = core_->log.Open(o.request_log_path);
    if (!log.ok()) return log.WithContext("--request-log");
  }
  listening_ = true;
  return OkStatus();
}

Status Server::Start() {
  if (started_) return OkStatus();
  Status listened = Listen();
  if (!listened.ok()) return listened;
  started_ = true;
  Accept();
  const int n = core_->options.threads;
  threads_.reserve(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) {
    threads_.emplace_back([core = core_.get()] {
      auto work = net::make_work_guard(*core->ioc);
      while (true) {
        try {
          core->ioc->run();
          return;
        } catch (const std::exception& e) {
          std::cerr << "recoup org serve: unexpected exception in a worker: " << e.what() << "\n";
        }
      }
    });
  }
  return OkStatus();
}

void Server::Accept() {
  core_->acceptor->async_accept(
      net::make_strand(*core_->ioc), [this](boost::system::error_code ec, tcp::socket socket) {
        if (ec == net::error::operation_aborted || !core_->acceptor->is_open()) return;
        if (core_->stopping.load(std::memory_order_acquire)) return;
        if (!ec) {
          StartConnection(core_.get(), std::move(socket));
          return Accept();
        }
        // Out of descriptors or similar: retry shortly instead of spinning.
        RunAfter(Duration::Milliseconds(50), [this] {
          net::post(core_->acceptor->get_executor(), [this] {
            if (!core_->stopping.load(std::memory_order_acquire)) Accept();
          });
        });
      });
}

void Server::Stop() {
  if (stopped_) return;
  stopped_ = true;
  if (!listening_) return;
  core_->stopping.store(true, std::memory_order_release);
  if (started_) {
    // Stop accepting (on the acceptor's strand), let owners answer parked requests, ask every
    // connection to finish, and wait for them to go.
    std::promise<void> closed;
    net::dispatch(core_->acceptor->get_executor(), [this, &closed] {
      boost::system::error_code ignored;
      core_->acceptor->close(ignored);
      closed.set_value();
    });
    closed.get_future().wait();
    for (const std::function<void()>& callback : on_stop_) callback();
    std::vector<std::shared_ptr<ConnectionBase>> live;
    {
      std::lock_guard<std::mutex> lock(core_->mu);
      for (auto& [id, connection] : core_->live) live.push_back(connection);
    }
    for (const auto& connection : live) connection->BeginShutdown();
    live.clear();
    {
      std::unique_lock<std::mutex> lock(core_->mu);
      core_->drained.wait_for(lock, std::chrono::nanoseconds(core_->options.drain_timeout.nanos()),
                              [this] { return core_->live.empty(); });
    }
    core_->ioc->stop();
    for (std::thread& t : threads_) t.join();
    threads_.clear();
  }
  {
    // Whatever did not finish in time is closed now (no worker runs any more, so this thread may
    // touch the connections) and dropped.
    std::map<uint64_t, std::shared_ptr<ConnectionBase>> rest;
    {
      std::lock_guard<std::mutex> lock(core_->mu);
      rest.swap(core_->live);
    }
    for (auto& [id, connection] : rest) connection->ForceClose();
  }
  core_->log.Close();
}

void Server::OnStop(std::function<void()> callback) { on_stop_.push_back(std::move(callback)); }

TimerHandle Server::RunAfter(Duration delay, std::function<void()> fn) {
  auto scheduled = std::make_shared<ScheduledTimer>(*core_->ioc);
  scheduled->timer.expires_after(std::chrono::nanoseconds(std::max<int64_t>(0, delay.nanos())));
  scheduled->timer.async_wait([scheduled, fn = std::move(fn)](boost::system::error_code ec) {
    if (!ec) fn();
  });
  return TimerHandle(scheduled);
}

void Server::Post(std::function<void()> fn) { net::post(*core_->ioc, std::move(fn)); }
Timestamp Server::Now() const { return core_->clock(); }

uint16_t Server::port() const { return core_->port; }
const std::string& Server::base_url() const { return core_->base_url; }
bool Server::tls() const { return core_->tls.has_value(); }
uint64_t Server::requests_served() const {
  return core_->requests_served.load(std::memory_order_relaxed);
}
size_t Server::open_connections() const {
  std::lock_guard<std::mutex> lock(core_->mu);
  return core_->live.size();
}

}  // namespace recoup::sim::org::http
