#include "sim/stats/time_weighted.h"

namespace recoup::sim {

double TimeWeighted::Integral(Timestamp until) const {
  RECOUP_CHECK(until >= last_change_);
  return integral_ + value_ * (until - last_change_).ToSecondsDouble();
}

double TimeWeighted::Mean(Timestamp until) const {
  const double integral = Integral(until);
  const Duration elapsed = until - start_;
  if (elapsed == Duration::Zero()) return value_;
  return integral / elapsed.ToSecondsDouble();
}

void TimeWeighted::Reset(Timestamp t) {
  RECOUP_CHECK(t >= last_change_);
  start_ = t;
  last_change_ = t;
  integral_ = 0.0;
  max_ = value_;
}

}  // namespace recoup::sim
