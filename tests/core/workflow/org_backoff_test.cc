// workflow::OrgBackoff (core/workflow/org_backoff.h): pausing the work that needs the org while it
// refuses requests for its limits, with a delay that doubles while the refusals go on.
#include "core/workflow/org_backoff.h"

#include <gtest/gtest.h>

namespace recoup::workflow {
namespace {

const Timestamp kT0 = Timestamp::FromUnixSeconds(1'767'600'000);
constexpr Duration kMinute = Duration::Minutes(1);

OrgBackoff MinuteToEight() {
  OrgBackoff::Options o;
  o.first = kMinute;
  o.max = Duration::Minutes(8);
  return OrgBackoff(o);
}

TEST(OrgBackoffTest, AnsweringOrgNeverPauses) {
  OrgBackoff b = MinuteToEight();
  EXPECT_FALSE(b.Paused(kT0));
  b.OnAnswer(StatusCode::kOk, kT0, kT0 + Duration::Seconds(1));
  b.OnAnswer(StatusCode::kUnavailable, kT0, kT0 + Duration::Seconds(2));  // transient: retried
  b.OnAnswer(StatusCode::kNotFound, kT0, kT0 + Duration::Seconds(3));
  EXPECT_FALSE(b.Paused(kT0 + Duration::Seconds(3)));
  EXPECT_EQ(b.delay(), Duration::Zero());
}

TEST(OrgBackoffTest, RefusalPausesForTheFirstDelay) {
  OrgBackoff b = MinuteToEight();
  b.OnAnswer(StatusCode::kResourceExhausted, kT0, kT0);
  EXPECT_TRUE(b.Paused(kT0));
  EXPECT_TRUE(b.Paused(kT0 + kMinute - Duration::Nanoseconds(1)));
  EXPECT_FALSE(b.Paused(kT0 + kMinute));
  EXPECT_EQ(b.resume_at(), kT0 + kMinute);
  EXPECT_EQ(b.delay(), kMinute);
}

TEST(OrgBackoffTest, RefusalsOfRequestsInFlightDoNotLengthenThePause) {
  OrgBackoff b = MinuteToEight();
  b.OnAnswer(StatusCode::kResourceExhausted, kT0, kT0);
  b.OnAnswer(StatusCode::kResourceExhausted, kT0, kT0 + Duration::Seconds(30));
  EXPECT_EQ(b.resume_at(), kT0 + kMinute);
  EXPECT_EQ(b.delay(), kMinute);
}

TEST(OrgBackoffTest, DelayDoublesWhileTheOrgRefusesUpToTheMaximum) {
  OrgBackoff b = MinuteToEight();
  Timestamp t = kT0;
  const int64_t expected_minutes[] = {1, 2, 4, 8, 8, 8};
  for (int64_t minutes : expected_minutes) {
    b.OnAnswer(StatusCode::kResourceExhausted, t, t);  // the probe when the last pause ended
    EXPECT_EQ(b.delay(), Duration::Minutes(minutes));
    EXPECT_EQ(b.resume_at(), t + Duration::Minutes(minutes));
    t = b.resume_at();
  }
}

TEST(OrgBackoffTest, AnswerToARequestSentAfterTheLastRefusalResetsTheDelay) {
  OrgBackoff b = MinuteToEight();
  b.OnAnswer(StatusCode::kResourceExhausted, kT0, kT0);
  const Timestamp probe = b.resume_at();
  b.OnAnswer(StatusCode::kResourceExhausted, probe, probe);  // 2 minutes
  const Timestamp next = b.resume_at();
  b.OnAnswer(StatusCode::kOk, next, next + Duration::Seconds(1));
  EXPECT_EQ(b.delay(), Duration::Zero());
  b.OnAnswer(StatusCode::kResourceExhausted, next + kMinute, next + kMinute);
  EXPECT_EQ(b.delay(), kMinute);  // starts over
  EXPECT_EQ(b.resume_at(), next + 2 * kMinute);
}

TEST(OrgBackoffTest, AnswerToARequestSentBeforeTheLastRefusalKeepsTheDelay) {
  OrgBackoff b = MinuteToEight();
  b.OnAnswer(StatusCode::kResourceExhausted, kT0, kT0);
  const Timestamp probe = b.resume_at();
  b.OnAnswer(StatusCode::kResourceExhausted, probe, probe);
  // A write sent before that refusal comes back OK later: it says nothing about capacity now.
  b.OnAnswer(StatusCode::kOk, probe - Duration::Seconds(5), probe + Duration::Seconds(10));
  EXPECT_EQ(b.delay(), 2 * kMinute);
  const Timestamp next = b.resume_at();
  b.OnAnswer(StatusCode::kResourceExhausted, next, next);
  EXPECT_EQ(b.delay(), 4 * kMinute);
}

TEST(OrgBackoffTest, AfterAPauseOneProbeGoesAndTheRestWaitsForItsAnswer) {
  OrgBackoff b = MinuteToEight();
  b.OnStart(kT0);  // closed: starting work changes nothing
  EXPECT_FALSE(b.Paused(kT0));
  b.OnAnswer(StatusCode::kResourceExhausted, kT0, kT0);
  const Timestamp end = kT0 + kMinute;
  EXPECT_FALSE(b.Paused(end));
  b.OnStart(end);  // the probe
  EXPECT_TRUE(b.Paused(end));
  EXPECT_EQ(b.resume_at(), end + Duration::Minutes(8));  // waits at most `max` for its answer
  b.OnStart(end);  // started anyway (not the caller's turn): still one probe, same deadline
  EXPECT_EQ(b.resume_at(), end + Duration::Minutes(8));
  // Its answer: taken, so the breaker closes and everything starts again.
  b.OnAnswer(StatusCode::kOk, end, end + Duration::Milliseconds(150));
  EXPECT_FALSE(b.Paused(end + Duration::Milliseconds(150)));
  EXPECT_EQ(b.delay(), Duration::Zero());
  b.OnStart(end + Duration::Seconds(1));  // closed again: no probe
  EXPECT_FALSE(b.Paused(end + Duration::Seconds(1)));
}

TEST(OrgBackoffTest, RefusedProbeOpensTheBreakerForTwiceAsLong) {
  OrgBackoff b = MinuteToEight();
  b.OnAnswer(StatusCode::kResourceExhausted, kT0, kT0);
  const Timestamp end = kT0 + kMinute;
  b.OnStart(end);
  b.OnAnswer(StatusCode::kResourceExhausted, end, end + Duration::Seconds(1));
  EXPECT_EQ(b.resume_at(), end + Duration::Seconds(1) + 2 * kMinute);
  EXPECT_TRUE(b.Paused(end + Duration::Seconds(1) + kMinute));  // not the probe's deadline
}

TEST(OrgBackoffTest, ProbeWithoutAnAnswerHoldsTheWorkUntilItsDeadlineThenANewProbeGoes) {
  OrgBackoff b = MinuteToEight();
  b.OnAnswer(StatusCode::kResourceExhausted, kT0, kT0);
  const Timestamp end = kT0 + kMinute;
  b.OnStart(end);
  const Timestamp deadline = end + Duration::Minutes(8);
  EXPECT_TRUE(b.Paused(deadline - Duration::Nanoseconds(1)));
  EXPECT_FALSE(b.Paused(deadline));
  b.OnStart(deadline);  // the next probe
  EXPECT_TRUE(b.Paused(deadline));
  EXPECT_EQ(b.resume_at(), deadline + Duration::Minutes(8));
  EXPECT_EQ(b.delay(), kMinute);  // no refusal came: the delay did not grow
}

TEST(OrgBackoffTest, RequestTakenDuringAPauseClosesTheBreaker) {
  OrgBackoff b = MinuteToEight();
  b.OnAnswer(StatusCode::kResourceExhausted, kT0, kT0);
  // A debtor's call answered meanwhile: its lookup, sent after the refusal, was taken.
  const Timestamp t = kT0 + Duration::Seconds(20);
  b.OnAnswer(StatusCode::kOk, t, t + Duration::Milliseconds(100));
  EXPECT_FALSE(b.Paused(t + Duration::Milliseconds(100)));
  EXPECT_EQ(b.delay(), Duration::Zero());
  // The next refusal starts over at `first`.
  b.OnAnswer(StatusCode::kResourceExhausted, t + kMinute, t + kMinute);
  EXPECT_EQ(b.delay(), kMinute);
  EXPECT_EQ(b.resume_at(), t + 2 * kMinute);
}

TEST(OrgBackoffTest, OtherErrorsNeitherPauseNorClose) {
  OrgBackoff b = MinuteToEight();
  b.OnAnswer(StatusCode::kResourceExhausted, kT0, kT0);
  const Timestamp t = kT0 + Duration::Seconds(10);
  b.OnAnswer(StatusCode::kUnavailable, t, t);  // a row lock, a timeout: nothing about limits
  b.OnAnswer(StatusCode::kNotFound, t, t);
  EXPECT_TRUE(b.Paused(t));
  EXPECT_EQ(b.delay(), kMinute);
  EXPECT_EQ(b.resume_at(), kT0 + kMinute);
}

TEST(OrgBackoffDeathTest, RejectsDelaysOutOfOrder) {
  OrgBackoff::Options zero;
  zero.first = Duration::Zero();
  EXPECT_DEATH(OrgBackoff{zero}, "0 < first <= max");
  OrgBackoff::Options inverted;
  inverted.first = Duration::Minutes(2);
  inverted.max = kMinute;
  EXPECT_DEATH(OrgBackoff{inverted}, "0 < first <= max");
}

}  // namespace
}  // namespace recoup::workflow
