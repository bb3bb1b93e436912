// Responder: the handle an asynchronous route handler uses to answer a parked request later.
//
// CometD long polls (reference/salesforce-api.md section 5.2) hold a request open for up to 110 s.
// An asynchronous handler returns at once, keeping a Responder; the connection waits without
// occupying a worker thread, and other connections are served meanwhile. Any thread may then call
// Send, once. If every copy of a Responder is dropped without Send, the client gets 500
// UNKNOWN_EXCEPTION rather than a connection that hangs. While parked, the server watches the
// connection: when the client closes it (or the server closes it), the request is "abandoned", the
// OnAbandoned callback runs (e.g. BayeuxEngine::Cancel), and a later Send is a no-op.
#ifndef RECOUP_SIM_ORG_HTTP_RESPONDER_H_
#define RECOUP_SIM_ORG_HTTP_RESPONDER_H_

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>

#include "sim/org/http/response.h"

namespace recoup::sim::org::http {

// What a Responder completes: implemented by the server's connections.
class ParkedRequestSink {
 public:
  virtual ~ParkedRequestSink() = default;
  // Completes the parked request number `generation` of this connection with `response`. Called at
  // most once per generation, from any thread; the sink hands it to its own executor.
  virtual void CompleteParked(uint64_t generation, Response response) = 0;
  // Closes the connection of parked request number `generation` without answering it (Abort).
  // Called at most once per generation, instead of CompleteParked, from any thread.
  virtual void AbortParked(uint64_t generation) = 0;
};

class Responder {
 public:
  // The state shared by the copies of one Responder and the connection that parked the request.
  class Control {
   public:
    Control(std::weak_ptr<ParkedRequestSink> sink, uint64_t generation, bool pretty)
        : sink_(std::move(sink)), generation_(generation), pretty_(pretty) {}
    ~Control();  // answers 500 UNKNOWN_EXCEPTION if nobody called Send and nothing was abandoned

    // Called by the connection when the client (or the server) closed it before the answer. Runs
    // the OnAbandoned callback, once. Thread-safe.
    void MarkAbandoned();

   private:
    friend class Responder;
    std::weak_ptr<ParkedRequestSink> sink_;
    uint64_t generation_;
    bool pretty_;
    std::atomic<bool> done_{false};  // answered or abandoned
    std::mutex mu_;                  // guards the two below
    bool abandoned_ = false;
    std::function<void()> on_abandoned_;
  };

  // An empty Responder: Send returns false.
  Responder() = default;
  explicit Responder(std::shared_ptr<Control> control) : control_(std::move(control)) {}

  // Answers the parked request with `response` (status, headers and body as a synchronous handler
  // would set them; the server adds Date, Content-Length, Connection and Sforce-Limit-Info).
  // Thread-safe. Returns true if this call answered the request; false if it was already answered
  // or abandoned, or the Responder is empty.
  bool Send(Response response);

  // Ends the request without an answer: the server closes the connection, and the client sees its
  // call fail with no response (an injected timeout). The OnAbandoned callback does not run.
  // Thread-safe. Returns true if this call ended the request; false as for Send.
  bool Abort();

  // Whether the request was answered or abandoned (on any copy).
  bool done() const {
    return control_ == nullptr || control_->done_.load(std::memory_order_acquire);
  }
  // Whether the connection closed before an answer.
  bool abandoned() const;

  // Sets the function to run (once, on whichever thread notices) if the connection closes before
  // the request is answered; runs it at once if that already happened. Replaces an earlier
  // callback. It must not block; it runs without any server lock held.
  void OnAbandoned(std::function<void()> callback);

  // A Response set up as the server sets up synchronous ones (pretty-printing as the request
  // asked).
  Response NewResponse() const;

 private:
  std::shared_ptr<Control> control_;
};

}  // namespace recoup::sim::org::http

#endif  // RECOUP_SIM_ORG_HTTP_RESPONDER_H_
