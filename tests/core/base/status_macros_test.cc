// Tests of RECOUP_RETURN_IF_ERROR / RECOUP_ASSIGN_OR_RETURN (core/base/status.h) with Status and
// StatusOr, and of their coroutine forms inside recoup::Task (core/runtime/task.h).
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <utility>

#include "core/base/check.h"
#include "core/base/status.h"
#include "core/base/statusor.h"
#include "core/runtime/task.h"

namespace recoup {
namespace {

StatusOr<int> Half(int x) {
  if (x % 2 != 0) return InvalidArgumentError("odd: " + std::to_string(x));
  return x / 2;
}

Status Check(Status in, int* reached) {
  RECOUP_RETURN_IF_ERROR(in);
  ++*reached;
  return OkStatus();
}

TEST(ReturnIfErrorTest, PassesOkThrough) {
  int reached = 0;
  EXPECT_TRUE(Check(OkStatus(), &reached).ok());
  EXPECT_EQ(reached, 1);
}

TEST(ReturnIfErrorTest, ReturnsTheErrorUnchanged) {
  int reached = 0;
  EXPECT_EQ(Check(NotFoundError("gone"), &reached), NotFoundError("gone"));
  EXPECT_EQ(reached, 0);
}

Status CheckHalf(int x, int* reached) {
  RECOUP_RETURN_IF_ERROR(Half(x));
  ++*reached;
  return OkStatus();
}

TEST(ReturnIfErrorTest, AcceptsStatusOr) {
  int reached = 0;
  EXPECT_TRUE(CheckHalf(4, &reached).ok());
  EXPECT_EQ(reached, 1);
  EXPECT_EQ(CheckHalf(3, &reached), InvalidArgumentError("odd: 3"));
  EXPECT_EQ(reached, 1);
}

StatusOr<std::string> Describe(Status in) {
  RECOUP_RETURN_IF_ERROR(in);
  return std::string("fine");
}

TEST(ReturnIfErrorTest, WorksInFunctionsReturningStatusOr) {
  EXPECT_EQ(*Describe(OkStatus()), "fine");
  EXPECT_EQ(Describe(InternalError("x")).status(), InternalError("x"));
}

TEST(ReturnIfErrorTest, EvaluatesTheExpressionOnce) {
  int calls = 0;
  auto fn = [&]() -> Status {
    RECOUP_RETURN_IF_ERROR([&] {
      ++calls;
      return UnavailableError("once");
    }());
    return OkStatus();
  };
  EXPECT_EQ(fn(), UnavailableError("once"));
  EXPECT_EQ(calls, 1);
}

StatusOr<int> Quarter(int x) {
  RECOUP_ASSIGN_OR_RETURN(const int half, Half(x));
  int quarter = 0;
  RECOUP_ASSIGN_OR_RETURN(quarter, Half(half));  // assigns an existing variable
  return quarter;
}

TEST(AssignOrReturnTest, DeclaresOrAssignsTheValue) {
  ASSERT_TRUE(Quarter(12).ok());
  EXPECT_EQ(*Quarter(12), 3);
}

TEST(AssignOrReturnTest, ReturnsTheFirstError) {
  EXPECT_EQ(Quarter(7).status(), InvalidArgumentError("odd: 7"));
  EXPECT_EQ(Quarter(6).status(), InvalidArgumentError("odd: 3"));
}

Status StoreHalf(int x, int* out) {
  RECOUP_ASSIGN_OR_RETURN(*out, Half(x));
  return OkStatus();
}

TEST(AssignOrReturnTest, WorksInFunctionsReturningStatus) {
  int out = -1;
  EXPECT_TRUE(StoreHalf(10, &out).ok());
  EXPECT_EQ(out, 5);
  EXPECT_EQ(StoreHalf(1, &out), InvalidArgumentError("odd: 1"));
  EXPECT_EQ(out, 5);
}

StatusOr<std::unique_ptr<int>> MakeBox(int v) {
  if (v < 0) return OutOfRangeError("negative");
  return std::make_unique<int>(v);
}

StatusOr<int> Unbox(int v) {
  RECOUP_ASSIGN_OR_RETURN(std::unique_ptr<int> box, MakeBox(v));
  return *box + 1;
}

TEST(AssignOrReturnTest, MovesMoveOnlyValues) {
  EXPECT_EQ(*Unbox(41), 42);
  EXPECT_EQ(Unbox(-1).status(), OutOfRangeError("negative"));
}

// ------------------------------------------------------------------------- coroutine forms

// Runs a lazy task that never suspends on anything external: resuming it once runs it to the end.
template <typename T>
T RunToCompletion(Task<T> task) {
  task.handle().resume();
  RECOUP_CHECK(task.done());
  return task.TakeResult();
}

Task<Status> CoCheck(Status in, int* reached) {
  RECOUP_CO_RETURN_IF_ERROR(in);
  ++*reached;
  co_return OkStatus();
}

TEST(CoReturnIfErrorTest, PassesOkAndReturnsErrors) {
  int reached = 0;
  EXPECT_TRUE(RunToCompletion(CoCheck(OkStatus(), &reached)).ok());
  EXPECT_EQ(reached, 1);
  EXPECT_EQ(RunToCompletion(CoCheck(PermissionDeniedError("no consent"), &reached)),
            PermissionDeniedError("no consent"));
  EXPECT_EQ(reached, 1);
}

Task<Status> CoCheckHalf(int x, int* reached) {
  RECOUP_CO_RETURN_IF_ERROR(Half(x));
  ++*reached;
  co_return OkStatus();
}

TEST(CoReturnIfErrorTest, AcceptsStatusOr) {
  int reached = 0;
  EXPECT_TRUE(RunToCompletion(CoCheckHalf(2, &reached)).ok());
  EXPECT_EQ(RunToCompletion(CoCheckHalf(5, &reached)), InvalidArgumentError("odd: 5"));
  EXPECT_EQ(reached, 1);
}

Task<StatusOr<int>> CoQuarter(int x) {
  RECOUP_CO_ASSIGN_OR_RETURN(const int half, Half(x));
  RECOUP_CO_ASSIGN_OR_RETURN(const int quarter, Half(half));
  co_return quarter;
}

TEST(CoAssignOrReturnTest, DeclaresTheValueOrReturnsTheError) {
  const StatusOr<int> ok = RunToCompletion(CoQuarter(20));
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(*ok, 5);
  EXPECT_EQ(RunToCompletion(CoQuarter(10)).status(), InvalidArgumentError("odd: 5"));
}

Task<StatusOr<int>> CoUnbox(int v) {
  RECOUP_CO_ASSIGN_OR_RETURN(std::unique_ptr<int> box, MakeBox(v));
  co_return *box * 2;
}

// A task that awaits another: the awaited result is bound to a named local first (DESIGN.md 2).
Task<Status> CoSum(int a, int b, int* sum) {
  StatusOr<int> first = co_await CoUnbox(a);
  RECOUP_CO_ASSIGN_OR_RETURN(const int x, std::move(first));
  StatusOr<int> second = co_await CoUnbox(b);
  RECOUP_CO_RETURN_IF_ERROR(second);
  *sum = x + *second;
  co_return OkStatus();
}

TEST(CoAssignOrReturnTest, ComposesAcrossAwaitedTasks) {
  int sum = 0;
  EXPECT_TRUE(RunToCompletion(CoSum(1, 2, &sum)).ok());
  EXPECT_EQ(sum, 6);
  EXPECT_EQ(RunToCompletion(CoSum(1, -2, &sum)), OutOfRangeError("negative"));
  EXPECT_EQ(RunToCompletion(CoSum(-1, 2, &sum)), OutOfRangeError("negative"));
  EXPECT_EQ(sum, 6);
}

}  // namespace
}  // namespace recoup
