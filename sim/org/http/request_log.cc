#include "sim/org/http/request_log.h"

#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstring>
#include <iostream>

#include "sim/org/http/clock.h"

namespace recoup::sim::org::http {
namespace {

constexpr size_t kFlushBytes = 64 * 1024;

void AppendNumber(std::string* out, int64_t v) {
  char buf[24];
  const auto res = std::to_chars(buf, buf + sizeof buf, v);
  out->append(buf, res.ptr);
}

}  // namespace

Status RequestLog::Open(const std::string& path) {
  if (file_ != nullptr) {
    return FailedPreconditionError("request log " + path + ": a log is already open (" + path_ +
                                   ")");
  }
  std::FILE* f = std::fopen(path.c_str(), "a");
  if (f == nullptr) {
    return InvalidArgumentError("request log " + path +
                                ": cannot open for writing: " + std::strerror(errno));
  }
  file_ = f;
  path_ = path;
  closing_ = false;
  writer_ = std::thread([this] { WriterLoop(); });
  return OkStatus();
}

void RequestLog::Record(Timestamp start, std::string_view method, std::string_view path, int status,
                        uint64_t body_bytes, int64_t micros) {
  if (file_ == nullptr) return;
  thread_local std::string line;
  line.clear();
  line.append(FormatLogTime(start));
  line.push_back(' ');
  line.append(method);
  line.push_back(' ');
  for (const char c : path) line.push_back(c == ' ' || c == '\n' || c == '\r' ? '_' : c);
  line.push_back(' ');
  AppendNumber(&line, status);
  line.push_back(' ');
  AppendNumber(&line, static_cast<int64_t>(body_bytes));
  line.push_back(' ');
  AppendNumber(&line, micros);
  line.push_back('\n');
  bool wake = false;
  {
    std::lock_guard<std::mutex> lock(mu_);
    pending_.append(line);
    wake = pending_.size() >= kFlushBytes;
  }
  if (wake) cv_.notify_one();
}

void RequestLog::WriterLoop() {
  std::string batch;
  bool failed = false;
  while (true) {
    bool done = false;
    {
      std::unique_lock<std::mutex> lock(mu_);
      cv_.wait_for(lock, std::chrono::milliseconds(200),
                   [this] { return closing_ || pending_.size() >= kFlushBytes; });
      batch.swap(pending_);
      done = closing_;
    }
    if (!batch.empty() && !failed) {
      const size_t written = std::fwrite(batch.data(), 1, batch.size(), file_);
      if (written != batch.size() || std::fflush(file_) != 0) {
        std::cerr << "recoup org serve: request log " << path_
                  << ": write failed: " << std::strerror(errno) << "; logging stopped\n";
        failed = true;
      }
    }
    batch.clear();
    if (done) break;
  }
}

void RequestLog::Close() {
  if (file_ == nullptr) return;
  {
    std::lock_guard<std::mutex> lock(mu_);
    closing_ = true;
  }
  cv_.notify_one();
  if (writer_.joinable()) writer_.join();
  std::fclose(file_);
  file_ = nullptr;
}

}  // namespace recoup::sim::org::http
