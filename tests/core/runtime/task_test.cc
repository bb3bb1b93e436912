#include "core/runtime/task.h"

#include <gtest/gtest.h>

#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/runtime/frame_pool.h"

namespace recoup {
namespace {

// A task with no awaiter runs synchronously to completion when resumed if it never suspends.
template <typename T>
T RunToEnd(Task<T>& task) {
  task.handle().resume();
  EXPECT_TRUE(task.done());
  return task.TakeResult();
}

Task<int> Value(int x) { co_return x * 2; }
Task<int> Sum(int a, int b) {
  const int x = co_await Value(a);
  const int y = co_await Value(b);
  co_return x + y;
}

TEST(TaskTest, IsLazyAndComposes) {
  int started = 0;
  auto body = [](int* s) -> Task<int> {
    ++*s;
    co_return 7;
  };
  Task<int> t = body(&started);
  EXPECT_EQ(started, 0);  // nothing runs until it is resumed or awaited
  EXPECT_EQ(RunToEnd(t), 7);
  EXPECT_EQ(started, 1);
  Task<int> s = Sum(3, 4);
  EXPECT_EQ(RunToEnd(s), 14);
}

Task<int> Throws() {
  throw std::runtime_error("inner");
  co_return 0;
}
Task<std::string> Catches() {
  try {
    const int v = co_await Throws();
    co_return std::to_string(v);
  } catch (const std::runtime_error& e) {
    co_return std::string("caught ") + e.what();
  }
}

TEST(TaskTest, ExceptionsReachTheAwaiter) {
  Task<std::string> t = Catches();
  EXPECT_EQ(RunToEnd(t), "caught inner");
  Task<int> bare = Throws();
  bare.handle().resume();
  EXPECT_THROW(bare.TakeResult(), std::runtime_error);
}

Task<std::unique_ptr<int>> MoveOnly() { co_return std::make_unique<int>(5); }

TEST(TaskTest, CarriesMoveOnlyResults) {
  Task<std::unique_ptr<int>> t = MoveOnly();
  EXPECT_EQ(*RunToEnd(t), 5);
}

struct Counted {
  int* live;
  explicit Counted(int* l) : live(l) { ++*live; }
  Counted(const Counted& o) : live(o.live) { ++*live; }
  ~Counted() { --*live; }
};
Task<void> HoldsLocal(Counted c) {
  Counted local(c.live);
  co_await std::suspend_always{};  // never resumed: destroyed while suspended
}

TEST(TaskTest, DestroyingASuspendedTaskRunsDestructors) {
  int live = 0;
  {
    Task<void> t = HoldsLocal(Counted(&live));
    t.handle().resume();
    EXPECT_FALSE(t.done());
    EXPECT_EQ(live, 2);  // the parameter copy and the local
  }
  EXPECT_EQ(live, 0);
}

TEST(TaskTest, MovedFromTasksAreEmpty) {
  Task<int> a = Value(1);
  Task<int> b = std::move(a);
  EXPECT_FALSE(a.valid());  // NOLINT(bugprone-use-after-move): checking the moved-from state
  EXPECT_TRUE(b.valid());
  EXPECT_EQ(RunToEnd(b), 2);
}

TEST(FramePoolTest, RecyclesFramesOfTheSameSizeClass) {
  void* a = task_internal::AllocateFrame(200);
  task_internal::FreeFrame(a, 200);
  void* b = task_internal::AllocateFrame(193);  // same 64-byte class (193..256)
  if (task_internal::FramePoolEnabled()) {
    EXPECT_EQ(a, b);
  }
  task_internal::FreeFrame(b, 193);
  void* big = task_internal::AllocateFrame(task_internal::kMaxPooledFrame + 1);
  EXPECT_NE(big, nullptr);
  task_internal::FreeFrame(big, task_internal::kMaxPooledFrame + 1);
}

}  // namespace
}  // namespace recoup
