#include "core/runtime/frame_pool.h"

#include <new>

#if defined(__SANITIZE_ADDRESS__)
#define RECOUP_FRAME_POOL_ENABLED 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define RECOUP_FRAME_POOL_ENABLED 0
#endif
#endif
#ifndef RECOUP_FRAME_POOL_ENABLED
#define RECOUP_FRAME_POOL_ENABLED 1
#endif

namespace recoup::task_internal {
namespace {

constexpr std::size_t kGranule = 64;
constexpr std::size_t kClasses = kMaxPooledFrame / kGranule;

struct FreeBlock {
  FreeBlock* next;
};

class FramePool {
 public:
  FramePool() = default;
  FramePool(const FramePool&) = delete;
  FramePool& operator=(const FramePool&) = delete;
  ~FramePool() {
    for (FreeBlock*& head : free_) {
      while (head != nullptr) {
        FreeBlock* next = head->next;
        ::operator delete(static_cast<void*>(head));
        head = next;
      }
    }
  }
  void* Allocate(std::size_t cls) {
    FreeBlock* b = free_[cls];
    if (b != nullptr) {
      free_[cls] = b->next;
      return b;
    }
    return ::operator new((cls + 1) * kGranule);
  }
  void Free(void* p, std::size_t cls) noexcept {
    auto* b = static_cast<FreeBlock*>(p);
    b->next = free_[cls];
    free_[cls] = b;
  }

 private:
  FreeBlock* free_[kClasses] = {};
};

FramePool& Pool() {
  thread_local FramePool pool;
  return pool;
}

std::size_t ClassOf(std::size_t size) { return (size - 1) / kGranule; }

}  // namespace

bool FramePoolEnabled() { return RECOUP_FRAME_POOL_ENABLED != 0; }

void* AllocateFrame(std::size_t size) {
  if (RECOUP_FRAME_POOL_ENABLED && size > 0 && size <= kMaxPooledFrame) {
    return Pool().Allocate(ClassOf(size));
  }
  return ::operator new(size);
}

void FreeFrame(void* ptr, std::size_t size) noexcept {
  if (RECOUP_FRAME_POOL_ENABLED && size > 0 && size <= kMaxPooledFrame) {
    Pool().Free(ptr, ClassOf(size));
    return;
  }
  ::operator delete(ptr);
}

}  // namespace recoup::task_internal
