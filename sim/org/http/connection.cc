#include "sim/org/http/connection.h"

#include <array>
#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include <boost/asio/buffer.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include "sim/org/http/clock.h"
#include "sim/org/http/sf_http_errors.h"

namespace recoup::sim::org::http {
namespace {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace net = boost::asio;
namespace ssl = boost::asio::ssl;
using tcp = boost::asio::ip::tcp;

std::string_view SV(beast::string_view s) { return std::string_view(s.data(), s.size()); }

std::chrono::nanoseconds ToChrono(Duration d) { return std::chrono::nanoseconds(d.nanos()); }

// The Date header for `now`, formatted once per second per thread.
std::string_view DateHeader(Timestamp now) {
  thread_local int64_t cached_second = INT64_MIN;
  thread_local std::string cached;
  const int64_t second = now.unix_nanos() / 1'000'000'000;
  if (second != cached_second) {
    cached = FormatHttpDate(Timestamp::FromUnixSeconds(second));
    cached_second = second;
  }
  return cached;
}

constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";

template <class Stream>
class Connection final : public ConnectionBase,
                         public ParkedRequestSink,
                         public std::enable_shared_from_this<Connection<Stream>> {
 public:
  static constexpr bool kTls = !std::is_same_v<Stream, beast::tcp_stream>;

  Connection(ServerCore* core, Stream stream) : core_(core), stream_(std::move(stream)) {}

  void set_id(uint64_t id) { id_ = id; }

  void Start() {
    net::dispatch(stream_.get_executor(), [self = this->shared_from_this()] { self->OnStart(); });
  }

  void BeginShutdown() override {
    net::post(stream_.get_executor(), [self = this->shared_from_this()] { self->OnShutdown(); });
  }

  void ForceClose() override {
    state_ = State::kClosed;
    if (std::shared_ptr<Responder::Control> control = parked_control_.lock()) {
      control->MarkAbandoned();
    }
    parked_control_.reset();
    beast::error_code ignored;
    Lowest().socket().shutdown(tcp::socket::shutdown_both, ignored);
    Lowest().socket().close(ignored);
  }

  void CompleteParked(uint64_t generation, Response response) override {
    net::post(stream_.get_executor(),
              [self = this->shared_from_this(), generation, r = std::move(response)]() mutable {
                self->OnParkedAnswer(generation, std::move(r));
              });
  }

  void AbortParked(uint64_t generation) override {
    net::post(stream_.get_executor(), [self = this->shared_from_this(), generation] {
      self->OnParkedAbort(generation);
    });
  }

 private:
  enum class State {
    kHandshake,
    kIdle,
    kReading,
    kHandling,
    kParked,
    kWriting,
    kAwaitingPeek,
    kClosed
  };

  beast::tcp_stream& Lowest() { return beast::get_lowest_layer(stream_); }

  void OnStart() {
    if constexpr (kTls) {
      state_ = State::kHandshake;
      Lowest().expires_after(std::chrono::seconds(10));
      stream_.async_handshake(ssl::stream_base::server,
                              [self = this->shared_from_this()](beast::error_code ec) {
                                if (ec) return self->Close();
                                self->ReadHeader();
                              });
    } else {
      ReadHeader();
    }
  }

  void OnShutdown() {
    // An idle connection with nothing buffered closes now; the others close after their response.
    if (((state_ == State::kIdle || state_ == State::kAwaitingPeek) && buffer_.size() == 0) ||
        state_ == State::kHandshake) {
      Lowest().cancel();
    }
  }

  void ReadHeader() {
    if (core_->stopping.load(std::memory_order_acquire) && buffer_.size() == 0) return Close();
    state_ = State::kIdle;
    storage_.Clear();
    response_.Reset();
    match_ = RouteMatch();
    guard_.reset();
    close_after_write_ = false;
    log_method_ = "-";
    log_path_ = "-";
    parser_.emplace();
    parser_->header_limit(core_->options.max_header_bytes);
    parser_->body_limit(core_->options.max_body_bytes);
    Lowest().expires_after(ToChrono(core_->options.idle_timeout));
    bhttp::async_read_header(
        stream_, buffer_, *parser_,
        [self = this->shared_from_this()](beast::error_code ec, size_t) { self->OnHeader(ec); });
  }

  void OnHeader(beast::error_code ec) {
    start_ns_ = MonotonicNanos();
    now_ = core_->clock();
    if (ec) return OnReadError(ec);
    state_ = State::kReading;
    auto& msg = parser_->get();
    log_method_ = SV(msg.method_string());
    const std::string_view target = SV(msg.target());
    log_path_ = target.substr(0, target.find('?'));
    method_ = ParseMethod(log_method_);
    match_ = core_->dispatcher.Route(method_, log_path_, &storage_);
    uint64_t limit = core_->options.max_body_bytes;
    if (match_.route != nullptr && match_.route->options.max_body_bytes != 0) {
      limit = match_.route->options.max_body_bytes;
    }
    const boost::optional<uint64_t> length = parser_->content_length();
    if (length.has_value() && *length > limit) return RejectBody(limit);
    parser_->body_limit(limit);
    body_limit_ = limit;
    const auto expect = msg.find(bhttp::field::expect);
    if (expect != msg.end() && beast::iequals(expect->value(), "100-continue") &&
        !parser_->is_done()) {
      Lowest().expires_after(ToChrono(core_->options.write_timeout));
      net::async_write(stream_, net::buffer(kContinue.data(), kContinue.size()),
                       [self = this->shared_from_this()](beast::error_code wec, size_t) {
                         if (wec) return self->Close();
                         self->ReadBody();
                       });
      return;
    }
    ReadBody();
  }

  void ReadBody() {
    if (parser_->is_done()) return Handle();
    Lowest().expires_after(ToChrono(core_->options.request_timeout));
    bhttp::async_read(stream_, buffer_, *parser_,
                      [self = this->shared_from_this()](beast::error_code ec, size_t) {
                        if (ec) return self->OnReadError(ec);
                        self->Handle();
                      });
  }

  void OnReadError(beast::error_code ec) {
    if (ec == bhttp::error::header_limit || ec == bhttp::error::buffer_overflow) {
      return ErrorAndClose(MakeSfError(431, "REQUEST_HEADER_FIELDS_TOO_LARGE",
                                       "The request line and headers exceed " +
                                           std::to_string(core_->options.max_header_bytes) +
                                           " bytes"));
    }
    if (ec == bhttp::error::body_limit) return RejectBody(body_limit_);
    const bool http_syntax =
        ec.category() == bhttp::make_error_code(bhttp::error::bad_target).category();
    if (http_syntax && ec != bhttp::error::end_of_stream && ec != bhttp::error::partial_message) {
      return ErrorAndClose(
          MakeSfError(400, "MALFORMED_REQUEST", "Malformed HTTP request: " + ec.message()));
    }
    // End of stream between requests, a timeout, a reset, a cancelled read: just close.
    Close();
  }

  void RejectBody(uint64_t limit) {
    ErrorAndClose(
        MakeSfError(413, "EXCEEDED_MAX_SIZE_REQUEST",
                    "The request body exceeds the limit of " + std::to_string(limit) + " bytes"));
  }

  void ErrorAndClose(const SfError& error) {
    response_.Reset();
    WriteSfError(&response_, error);
    close_after_write_ = true;
    core_->dispatcher.Decorate(Access::kPublic, now_, &response_);
    Write();
  }

  void Handle() {
    state_ = State::kHandling;
    auto& msg = parser_->get();
    for (const auto& field : msg) {
      storage_.headers.push_back({SV(field.name_string()), SV(field.value())});
    }
    request_.Bind(&storage_, method_, log_method_, SV(msg.target()), msg.body());
    storage_.query.ParseUrlEncoded(request_.raw_query());
    request_.set_now(now_);
    request_.set_base_url(core_->base_url);
    keep_alive_ = msg.keep_alive();
    const std::optional<std::string_view> pretty = request_.Header("X-PrettyPrint");
    response_.set_pretty(pretty.has_value() && *pretty == "1");
    ++generation_;
    const std::function<Responder()> make_responder = [this] {
      auto control = std::make_shared<Responder::Control>(
          std::weak_ptr<ParkedRequestSink>(this->shared_from_this()), generation_,
          response_.pretty());
      parked_control_ = control;
      return Responder(std::move(control));
    };
    const bool parked =
        core_->dispatcher.Dispatch(match_, request_, &response_, make_responder, &guard_);
    if (parked) {
      state_ = State::kParked;
      Lowest().expires_never();
      WatchWhileParked();
      return;
    }
    Respond();
  }

  // While parked, read ahead so that a client that closes its connection is noticed (and the
  // request abandoned). Bytes of a pipelined next request stay in buffer_ for ReadHeader.
  void WatchWhileParked() {
    if (peek_pending_ || buffer_.size() > 0) return;
    peek_pending_ = true;
    stream_.async_read_some(
        buffer_.prepare(4096),
        [self = this->shared_from_this()](beast::error_code ec, size_t n) { self->OnPeek(ec, n); });
  }

  void OnPeek(beast::error_code ec, size_t n) {
    peek_pending_ = false;
    if (!ec) buffer_.commit(n);
    if (state_ == State::kParked) {
      if (ec) {
        peer_closed_ = true;
        Close();
      }
      return;  // data: a pipelined request, read once this one is answered
    }
    if (state_ == State::kAwaitingPeek) {
      if (ec && buffer_.size() == 0) return Close();
      ReadHeader();
    }
    // kWriting: OnWrite continues, and closes when the peer has gone (a read after this EOF may
    // never complete); kClosed: nothing to do.
    if (ec) peer_closed_ = true;
  }

  void OnParkedAnswer(uint64_t generation, Response response) {
    if (state_ != State::kParked || generation != generation_) return;
    parked_control_.reset();
    const bool pretty = response_.pretty();
    response_ = std::move(response);
    response_.set_pretty(pretty);
    Respond();
  }

  // Responder::Abort: the request ends unanswered (logged with status 0) and the connection closes.
  void OnParkedAbort(uint64_t generation) {
    if (state_ != State::kParked || generation != generation_) return;
    parked_control_.reset();
    core_->log.Record(now_, log_method_, log_path_, 0, 0,
                      (MonotonicNanos() - start_ns_) / 1000);
    Close();
  }

  void Respond() {
    const Access access = match_.route != nullptr ? match_.route->options.access : Access::kPublic;
    core_->dispatcher.Decorate(access, now_, &response_);
    Write();
  }

  void Write() {
    state_ = State::kWriting;
    write_keep_alive_ =
        keep_alive_ && !close_after_write_ && !core_->stopping.load(std::memory_order_acquire);
    head_.clear();
    // Date is the time of writing (a parked answer may come long after the request).
    response_.SerializeHead(&head_, write_keep_alive_, DateHeader(core_->clock()));
    const std::array<net::const_buffer, 2> buffers = {
        net::buffer(head_),
        response_.BodyAllowed() ? net::buffer(response_.body()) : net::const_buffer()};
    Lowest().expires_after(ToChrono(core_->options.write_timeout));
    net::async_write(
        stream_, buffers,
        [self = this->shared_from_this()](beast::error_code ec, size_t) { self->OnWrite(ec); });
  }

  void OnWrite(beast::error_code ec) {
    if (guard_.has_value()) {
      guard_->Finish(core_->clock());
      guard_.reset();
    }
    const int64_t micros = (MonotonicNanos() - start_ns_) / 1000;
    core_->log.Record(now_, log_method_, log_path_, response_.status(),
                      response_.BodyAllowed() ? response_.body().size() : 0, micros);
    core_->requests_served.fetch_add(1, std::memory_order_relaxed);
    if (ec || !write_keep_alive_) return Close();
    if (peek_pending_) {
      state_ = State::kAwaitingPeek;  // OnPeek continues with ReadHeader
      return;
    }
    if (peer_closed_) return Close();
    ReadHeader();
  }

  void Close() {
    if (state_ == State::kClosed) return;
    state_ = State::kClosed;
    guard_.reset();
    if (std::shared_ptr<Responder::Control> control = parked_control_.lock()) {
      control->MarkAbandoned();
    }
    parked_control_.reset();
    if constexpr (kTls) {
      // Send close_notify; do not wait long for the peer's (an idle client may never answer it).
      Lowest().expires_after(std::chrono::milliseconds(250));
      stream_.async_shutdown(
          [self = this->shared_from_this()](beast::error_code) { self->CloseSocket(); });
    } else {
      CloseSocket();
    }
  }

  void CloseSocket() {
    beast::error_code ignored;
    Lowest().socket().shutdown(tcp::socket::shutdown_both, ignored);
    Lowest().close();
    core_->Unregister(id_);
  }

  ServerCore* core_;
  Stream stream_;
  uint64_t id_ = 0;
  State state_ = State::kIdle;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  uint64_t body_limit_ = 0;
  Request::Storage storage_;
  Request request_;
  Response response_;
  std::string head_;
  RouteMatch match_;
  Method method_ = Method::kOther;
  std::optional<events::ApiLimits::RequestGuard> guard_;
  uint64_t generation_ = 0;
  std::weak_ptr<Responder::Control> parked_control_;
  bool peek_pending_ = false;
  bool peer_closed_ = false;
  bool keep_alive_ = false;
  bool close_after_write_ = false;
  bool write_keep_alive_ = false;
  int64_t start_ns_ = 0;
  Timestamp now_;
  std::string_view log_method_ = "-";
  std::string_view log_path_ = "-";
};

template <class Conn, class Stream>
void Launch(ServerCore* core, Stream stream) {
  auto connection = std::make_shared<Conn>(core, std::move(stream));
  const uint64_t id = core->Register(connection);
  if (id == 0) return;  // stopping: the connection is dropped (and its socket closed)
  connection->set_id(id);
  connection->Start();
}

}  // namespace

uint64_t ServerCore::Register(std::shared_ptr<ConnectionBase> connection) {
  std::lock_guard<std::mutex> lock(mu);
  if (stopping.load(std::memory_order_acquire)) return 0;
  const uint64_t id = next_id++;
  live.emplace(id, std::move(connection));
  return id;
}

void ServerCore::Unregister(uint64_t id) {
  std::shared_ptr<ConnectionBase> last;  // released outside the lock
  {
    std::lock_guard<std::mutex> lock(mu);
    auto it = live.find(id);
    if (it == live.end()) return;
    last = std::move(it->second);
    live.erase(it);
    if (live.empty()) drained.notify_all();
  }
}

void StartConnection(ServerCore* core, tcp::socket socket) {
  beast::error_code ignored;
  socket.set_option(tcp::no_delay(true), ignored);
  if (core->tls.has_value()) {
    using TlsStream = beast::ssl_stream<beast::tcp_stream>;
    Launch<Connection<TlsStream>>(core,
                                  TlsStream(beast::tcp_stream(std::move(socket)), *core->tls));
  } else {
    Launch<Connection<beast::tcp_stream>>(core, beast::tcp_stream(std::move(socket)));
  }
}

}  // namespace recoup::sim::org::http
