// Per-thread recycling of coroutine frames by size class.
//
// Frames of up to kMaxPooledFrame bytes are kept on a thread-local free list per 64-byte size class
// after they are freed, so a simulation that creates a coroutine per customer allocates from the
// system only until it reaches its steady-state population. Larger frames use operator new. The
// memory of pooled frames is returned when the thread exits. With AddressSanitizer the pool is off so
// that use-after-free of a frame is still reported.
#ifndef RECOUP_CORE_RUNTIME_FRAME_POOL_H_
#define RECOUP_CORE_RUNTIME_FRAME_POOL_H_

#include <cstddef>

namespace recoup::task_internal {

inline constexpr std::size_t kMaxPooledFrame = 1024;

void* AllocateFrame(std::size_t size);
void FreeFrame(void* ptr, std::size_t size) noexcept;
// False in AddressSanitizer builds, where frames go straight to operator new/delete.
bool FramePoolEnabled();

}  // namespace recoup::task_internal

#endif  // RECOUP_CORE_RUNTIME_FRAME_POOL_H_
