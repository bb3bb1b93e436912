// Tests of Status (core/base/status.h): codes, messages, context, equality and copies.
#include "core/base/status.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <utility>

namespace recoup {
namespace {

TEST(StatusTest, DefaultIsOkWithoutMessage) {
  const Status s;
  EXPECT_TRUE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kOk);
  EXPECT_EQ(s.message(), "");
  EXPECT_EQ(s.ToString(), "OK");
  EXPECT_EQ(s, OkStatus());
}

TEST(StatusTest, OkCodeDropsTheMessage) {
  const Status s(StatusCode::kOk, "ignored");
  EXPECT_TRUE(s.ok());
  EXPECT_EQ(s.message(), "");
  EXPECT_EQ(s, OkStatus());
}

struct FactoryCase {
  Status (*make)(std::string_view);
  StatusCode code;
  const char* name;
};

TEST(StatusTest, FactoriesSetCodeAndMessage) {
  const FactoryCase cases[] = {
      {InvalidArgumentError, StatusCode::kInvalidArgument, "INVALID_ARGUMENT"},
      {NotFoundError, StatusCode::kNotFound, "NOT_FOUND"},
      {FailedPreconditionError, StatusCode::kFailedPrecondition, "FAILED_PRECONDITION"},
      {OutOfRangeError, StatusCode::kOutOfRange, "OUT_OF_RANGE"},
      {InternalError, StatusCode::kInternal, "INTERNAL"},
      {UnavailableError, StatusCode::kUnavailable, "UNAVAILABLE"},
      {ResourceExhaustedError, StatusCode::kResourceExhausted, "RESOURCE_EXHAUSTED"},
      {DeadlineExceededError, StatusCode::kDeadlineExceeded, "DEADLINE_EXCEEDED"},
      {CancelledError, StatusCode::kCancelled, "CANCELLED"},
      {AlreadyExistsError, StatusCode::kAlreadyExists, "ALREADY_EXISTS"},
      {PermissionDeniedError, StatusCode::kPermissionDenied, "PERMISSION_DENIED"},
      {UnauthenticatedError, StatusCode::kUnauthenticated, "UNAUTHENTICATED"},
      {AbortedError, StatusCode::kAborted, "ABORTED"},
  };
  for (const FactoryCase& c : cases) {
    SCOPED_TRACE(c.name);
    const Status s = c.make("account 17: no phone");
    EXPECT_FALSE(s.ok());
    EXPECT_EQ(s.code(), c.code);
    EXPECT_EQ(s.message(), "account 17: no phone");
    EXPECT_EQ(StatusCodeName(c.code), c.name);
    EXPECT_EQ(s.ToString(), std::string(c.name) + ": account 17: no phone");
  }
}

TEST(StatusTest, CodeNames) {
  EXPECT_EQ(StatusCodeName(StatusCode::kOk), "OK");
  EXPECT_EQ(StatusCodeName(StatusCode::kUnknown), "UNKNOWN");
  EXPECT_EQ(StatusCodeName(StatusCode::kUnimplemented), "UNIMPLEMENTED");
  EXPECT_EQ(StatusCodeName(StatusCode::kDataLoss), "DATA_LOSS");
  EXPECT_EQ(StatusCodeName(static_cast<StatusCode>(99)), "UNKNOWN_CODE(99)");
  EXPECT_EQ(Status(StatusCode::kDataLoss, "torn write").ToString(), "DATA_LOSS: torn write");
}

TEST(StatusTest, EmptyMessageError) {
  const Status s(StatusCode::kInternal, "");
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.message(), "");
  EXPECT_EQ(s.ToString(), "INTERNAL: ");
}

TEST(StatusTest, WithContextPrependsThePlace) {
  const Status original = InvalidArgumentError("expected a number");
  const Status located = original.WithContext("scenario.yaml:12:7");
  EXPECT_EQ(located.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(located.message(), "scenario.yaml:12:7: expected a number");
  // The original is unchanged, and context nests outward.
  EXPECT_EQ(original.message(), "expected a number");
  EXPECT_EQ(located.WithContext("--scenario").message(),
            "--scenario: scenario.yaml:12:7: expected a number");
}

TEST(StatusTest, WithContextKeepsOkOk) {
  const Status s = OkStatus().WithContext("anywhere");
  EXPECT_TRUE(s.ok());
  EXPECT_EQ(s.message(), "");
}

TEST(StatusTest, EqualityComparesCodeAndMessage) {
  EXPECT_EQ(NotFoundError("a"), NotFoundError("a"));
  EXPECT_NE(NotFoundError("a"), NotFoundError("b"));
  EXPECT_NE(NotFoundError("a"), InternalError("a"));
  EXPECT_NE(NotFoundError(""), OkStatus());
  EXPECT_EQ(Status(), OkStatus());
}

TEST(StatusTest, CopiesAreIndependentAndEqual) {
  const Status error = UnavailableError("org down");
  Status copy(error);
  EXPECT_EQ(copy, error);

  Status assigned;
  assigned = error;
  EXPECT_EQ(assigned, error);
  assigned = assigned.WithContext("retry 3");
  EXPECT_EQ(assigned.message(), "retry 3: org down");
  EXPECT_EQ(error.message(), "org down");
  EXPECT_EQ(copy.message(), "org down");

  // Assigning OK over an error clears it; self-assignment keeps the value.
  copy = OkStatus();
  EXPECT_TRUE(copy.ok());
  Status& alias = assigned;
  assigned = alias;
  EXPECT_EQ(assigned.message(), "retry 3: org down");
}

TEST(StatusTest, MoveTransfersTheError) {
  Status source = DeadlineExceededError("call timed out");
  const Status moved(std::move(source));
  EXPECT_EQ(moved.code(), StatusCode::kDeadlineExceeded);
  EXPECT_EQ(moved.message(), "call timed out");
  Status target;
  target = Status(moved);
  EXPECT_EQ(target, moved);
}

TEST(StatusTest, StreamsAsToString) {
  std::ostringstream os;
  os << PermissionDeniedError("no consent") << " / " << OkStatus();
  EXPECT_EQ(os.str(), "PERMISSION_DENIED: no consent / OK");
}

}  // namespace
}  // namespace recoup
