#include "sim/org/http/responder.h"

#include <utility>

#include "sim/org/http/sf_http_errors.h"

namespace recoup::sim::org::http {

bool Responder::Send(Response response) {
  if (control_ == nullptr) return false;
  if (control_->done_.exchange(true, std::memory_order_acq_rel)) return false;
  std::shared_ptr<ParkedRequestSink> sink = control_->sink_.lock();
  if (sink == nullptr) return false;
  sink->CompleteParked(control_->generation_, std::move(response));
  return true;
}

bool Responder::Abort() {
  if (control_ == nullptr) return false;
  if (control_->done_.exchange(true, std::memory_order_acq_rel)) return false;
  std::shared_ptr<ParkedRequestSink> sink = control_->sink_.lock();
  if (sink == nullptr) return false;
  sink->AbortParked(control_->generation_);
  return true;
}

bool Responder::abandoned() const {
  if (control_ == nullptr) return false;
  std::lock_guard<std::mutex> lock(control_->mu_);
  return control_->abandoned_;
}

void Responder::OnAbandoned(std::function<void()> callback) {
  if (control_ == nullptr) return;
  {
    std::lock_guard<std::mutex> lock(control_->mu_);
    if (!control_->abandoned_) {
      control_->on_abandoned_ = std::move(callback);
      return;
    }
  }
  if (callback) callback();
}

Response Responder::NewResponse() const {
  Response response;
  response.set_pretty(control_ != nullptr && control_->pretty_);
  return response;
}

void Responder::Control::MarkAbandoned() {
  if (done_.exchange(true, std::memory_order_acq_rel)) return;  // answered first: nothing to do
  std::function<void()> callback;
  {
    std::lock_guard<std::mutex> lock(mu_);
    abandoned_ = true;
    callback.swap(on_abandoned_);
  }
  if (callback) callback();
}

Responder::Control::~Control() {
  if (done_.load(std::memory_order_acquire)) return;
  std::shared_ptr<ParkedRequestSink> target = sink_.lock();
  if (target == nullptr) return;
  Response response;
  response.set_pretty(pretty_);
  WriteSfError(&response, MakeSfError(500, "UNKNOWN_EXCEPTION",
                                      "The server dropped this request without answering it"));
  target->CompleteParked(generation_, std::move(response));
}

}  // namespace recoup::sim::org::http
