// Tests of StatusOr<T> (core/base/statusor.h) and of checks (core/base/check.h), including the
// death of reading the value of an errored StatusOr.
#include "core/base/statusor.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/base/check.h"
#include "core/base/status.h"

namespace recoup {
namespace {

TEST(StatusOrTest, HoldsAValue) {
  const StatusOr<int> so = 42;
  ASSERT_TRUE(so.ok());
  EXPECT_TRUE(so.status().ok());
  EXPECT_EQ(so.value(), 42);
  EXPECT_EQ(*so, 42);
}

TEST(StatusOrTest, HoldsAnError) {
  const StatusOr<int> so = NotFoundError("account 9");
  EXPECT_FALSE(so.ok());
  EXPECT_EQ(so.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(so.status().message(), "account 9");
  EXPECT_EQ(so.status(), NotFoundError("account 9"));
}

TEST(StatusOrTest, ValueIsMutableAndReachableThroughArrow) {
  StatusOr<std::string> so = std::string("abc");
  EXPECT_EQ(so->size(), 3u);
  so.value() += "def";
  *so += "!";
  EXPECT_EQ(so.value(), "abcdef!");
}

TEST(StatusOrTest, ConvertsFromConstructibleValues) {
  const StatusOr<std::string> from_literal = "literal";
  EXPECT_EQ(*from_literal, "literal");
  const StatusOr<std::vector<int>> from_list = std::vector<int>{1, 2, 3};
  EXPECT_EQ(from_list->size(), 3u);
}

TEST(StatusOrTest, CopiesValueAndError) {
  const StatusOr<std::string> value = std::string("v");
  StatusOr<std::string> copy = value;
  copy.value() = "changed";
  EXPECT_EQ(*value, "v");
  EXPECT_EQ(*copy, "changed");

  const StatusOr<std::string> error = InternalError("boom");
  const StatusOr<std::string> error_copy = error;
  EXPECT_EQ(error_copy.status(), InternalError("boom"));
}

TEST(StatusOrTest, MoveOnlyValues) {
  StatusOr<std::unique_ptr<int>> so = std::make_unique<int>(7);
  ASSERT_TRUE(so.ok());
  EXPECT_EQ(**so, 7);
  std::unique_ptr<int> taken = std::move(so).value();
  ASSERT_NE(taken, nullptr);
  EXPECT_EQ(*taken, 7);

  StatusOr<std::unique_ptr<int>> moved_whole = StatusOr<std::unique_ptr<int>>(std::make_unique<int>(8));
  StatusOr<std::unique_ptr<int>> target = std::move(moved_whole);
  EXPECT_EQ(**target, 8);

  StatusOr<std::unique_ptr<int>> error = UnavailableError("no frame");
  EXPECT_EQ(error.status().code(), StatusCode::kUnavailable);
}

TEST(StatusOrTest, ValueOr) {
  const StatusOr<int> value = 3;
  const StatusOr<int> error = OutOfRangeError("x");
  EXPECT_EQ(value.value_or(-1), 3);
  EXPECT_EQ(error.value_or(-1), -1);

  const StatusOr<std::string> text = InvalidArgumentError("y");
  EXPECT_EQ(text.value_or("fallback"), "fallback");

  // The rvalue form moves a move-only value out.
  StatusOr<std::unique_ptr<int>> owned = std::make_unique<int>(5);
  std::unique_ptr<int> got = std::move(owned).value_or(nullptr);
  ASSERT_NE(got, nullptr);
  EXPECT_EQ(*got, 5);
  StatusOr<std::unique_ptr<int>> none = NotFoundError("z");
  EXPECT_EQ(std::move(none).value_or(nullptr), nullptr);
}

TEST(StatusOrTest, StatusCanBeMovedOut) {
  StatusOr<int> so = AbortedError("conflict");
  const Status s = std::move(so).status();
  EXPECT_EQ(s, AbortedError("conflict"));
}

// ------------------------------------------------------------------------------------ death tests

TEST(StatusOrDeathTest, ValueOfAnErrorAborts) {
  const StatusOr<int> so = NotFoundError("no such account");
  EXPECT_DEATH((void)so.value(), "check failed: ok\\(\\): NOT_FOUND: no such account");
  EXPECT_DEATH((void)*so, "NOT_FOUND: no such account");
  StatusOr<std::string> text = InternalError("bad");
  EXPECT_DEATH((void)text->size(), "INTERNAL: bad");
  EXPECT_DEATH((void)std::move(text).value(), "INTERNAL: bad");
}

TEST(StatusOrDeathTest, ConstructingFromOkAborts) {
  EXPECT_DEATH((void)StatusOr<int>{OkStatus()}, "StatusOr from OK");
  const Status ok;
  EXPECT_DEATH((void)StatusOr<int>{ok}, "StatusOr from OK");
}

TEST(CheckDeathTest, CheckNamesFileLineAndCondition) {
  const int accounts = 2;
  EXPECT_DEATH(RECOUP_CHECK(accounts + 1 == 4),
               "statusor_test.cc:[0-9]+: check failed: accounts \\+ 1 == 4");
  EXPECT_DEATH(RECOUP_CHECK_MSG(accounts > 5, std::string("need ") + "more"),
               "check failed: accounts > 5: need more");
}

TEST(CheckTest, PassingChecksDoNothingAndEvaluateOnce) {
  int evaluations = 0;
  RECOUP_CHECK(++evaluations == 1);
  RECOUP_CHECK_MSG(++evaluations == 2, "never shown");
  EXPECT_EQ(evaluations, 2);
}

TEST(CheckDeathTest, DcheckIsCompiledOutWithNdebug) {
  int evaluations = 0;
#ifdef NDEBUG
  RECOUP_DCHECK(++evaluations == 100);
  EXPECT_EQ(evaluations, 0);
#else
  EXPECT_DEATH(RECOUP_DCHECK(++evaluations == 100), "check failed");
#endif
}

}  // namespace
}  // namespace recoup
