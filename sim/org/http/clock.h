// The mock org's only clock, and the time formats its HTTP server writes.
//
// The org's model never reads a clock (DESIGN.md section 3); the HTTP server does, once per
// request, and injects that "now" into everything it calls (token expiry, API usage, the model).
// Tests replace the clock through ServerOptions::clock to make expiry deterministic.
#ifndef RECOUP_SIM_ORG_HTTP_CLOCK_H_
#define RECOUP_SIM_ORG_HTTP_CLOCK_H_

#include <functional>
#include <string>

#include "core/base/time.h"

namespace recoup::sim::org::http {

// A source of "now" (UTC). Must be thread-safe: the server calls it from every worker thread.
using Clock = std::function<Timestamp()>;

// The system's real-time clock (UTC, nanosecond resolution as the platform provides).
Timestamp SystemNow();

// Monotonic nanoseconds for measuring durations (request latency in the log); arbitrary origin.
int64_t MonotonicNanos();

// The IMF-fixdate of RFC 9110 for the Date header, e.g. "Sun, 06 Nov 1994 08:49:37 GMT".
std::string FormatHttpDate(Timestamp t);

// ISO 8601 UTC with microseconds, fixed width: "2025-03-01T12:34:56.123456Z" (request log).
std::string FormatLogTime(Timestamp t);

// Salesforce's datetime format: "2025-03-01T12:34:56.000+0000" (milliseconds, always +0000).
std::string FormatSalesforceDateTime(Timestamp t);

}  // namespace recoup::sim::org::http

#endif  // RECOUP_SIM_ORG_HTTP_CLOCK_H_
