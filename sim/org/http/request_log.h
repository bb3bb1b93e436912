// RequestLog: the optional access log of `recoup org serve --request-log FILE`.
//
// One line per request, space-separated:
//   <ISO 8601 UTC time with microseconds> <method> <path> <status> <body bytes> <microseconds>
// e.g. "2025-03-01T12:34:56.123456Z GET /services/data/v62.0/sobjects/Account/001... 200 412 87".
// The path is logged without its query string (queries may carry tokens or personal data); the time
// is when the request's header was read, the duration runs until its response was written. A
// request dropped unanswered (Responder::Abort: an injected timeout) is logged with status 0.
//
// Worker threads only append to an in-memory buffer under a mutex (no I/O while holding it); a
// background thread writes the buffer to the file every 200 ms, or sooner when it passes 64 KiB,
// and on Close. A write error is reported once on stderr and the log stops; serving goes on.
#ifndef RECOUP_SIM_ORG_HTTP_REQUEST_LOG_H_
#define RECOUP_SIM_ORG_HTTP_REQUEST_LOG_H_

#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

#include "core/base/status.h"
#include "core/base/time.h"

namespace recoup::sim::org::http {

class RequestLog {
 public:
  RequestLog() = default;
  ~RequestLog() { Close(); }
  RequestLog(const RequestLog&) = delete;
  RequestLog& operator=(const RequestLog&) = delete;

  // Opens (appends to) `path` and starts the writer. Error (naming the path and the system's
  // reason) if it cannot be opened for writing, or if already open.
  Status Open(const std::string& path);

  // Appends one line. Thread-safe; a no-op when not open.
  void Record(Timestamp start, std::string_view method, std::string_view path, int status,
              uint64_t body_bytes, int64_t micros);

  // Writes everything recorded so far and closes the file. Idempotent.
  void Close();

  bool is_open() const { return file_ != nullptr; }

 private:
  void WriterLoop();

  std::FILE* file_ = nullptr;
  std::string path_;
  std::thread writer_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::string pending_;
  bool closing_ = false;
};

}  // namespace recoup::sim::org::http

#endif  // RECOUP_SIM_ORG_HTTP_REQUEST_LOG_H_
