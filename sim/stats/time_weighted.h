// TimeWeighted: a piecewise-constant signal over simulated time (queue length, agents busy, WIP)
// and its running time integral, time average and maximum.
//
// The kernel calls Set/Add on every change, so both are inline and O(1): one subtraction, one
// multiply-add. The signal holds each value from the instant it is set until the next change.
// Integrals are in value x seconds (double seconds of simulated time). Reset() supports warm-up
// deletion: accumulation restarts, the current value is kept.
#ifndef RECOUP_SIM_STATS_TIME_WEIGHTED_H_
#define RECOUP_SIM_STATS_TIME_WEIGHTED_H_

#include "core/base/check.h"
#include "core/base/time.h"

namespace recoup::sim {

class TimeWeighted {
 public:
  // Starts observing at `start` with the signal at `initial_value`.
  explicit TimeWeighted(Timestamp start, double initial_value = 0.0)
      : start_(start), last_change_(start), value_(initial_value), max_(initial_value) {}

  // The signal becomes `value` at `t`. Time never runs backwards: `t` must be >= the last change
  // (or start/Reset) instant, else a check fails. Several changes at the same instant are allowed;
  // only the last one holds for any time.
  void Set(Timestamp t, double value) {
    RECOUP_CHECK(t >= last_change_);
    integral_ += value_ * (t - last_change_).ToSecondsDouble();
    last_change_ = t;
    value_ = value;
    if (value > max_) max_ = value;
  }
  // Set(t, current() + delta); same contract.
  void Add(Timestamp t, double delta) { Set(t, value_ + delta); }

  // The value now held.
  double current() const { return value_; }
  // Integral of the signal over [start (or the last Reset), until], in value x seconds, assuming
  // the current value holds until `until`. `until` must be >= the last change: checked.
  double Integral(Timestamp until) const;
  // Integral(until) / (until - start) in seconds: the time average. When no time has elapsed
  // (until == start) it is current(). Same precondition as Integral.
  double Mean(Timestamp until) const;
  // The largest value the signal has taken since start or the last Reset, including values held
  // for zero time and the value current at start/Reset.
  double max() const { return max_; }
  // Start of the accumulation window (construction or last Reset).
  Timestamp start() const { return start_; }
  // Instant of the last Set/Add (or start/Reset).
  Timestamp last_change() const { return last_change_; }

  // Discards everything accumulated so far and restarts at `t` with the current value (warm-up
  // deletion). `t` must be >= the last change: checked. max() restarts at current().
  void Reset(Timestamp t);

 private:
  Timestamp start_;
  Timestamp last_change_;
  double value_;
  double max_;
  double integral_ = 0.0;  // Over [start_, last_change_], value x seconds.
};

}  // namespace recoup::sim

#endif  // RECOUP_SIM_STATS_TIME_WEIGHTED_H_
