#pragma once
// What the parts of wpm_native_target share (see native_target.cpp for the program itself).

#include <chrono>
#include <latch>

// noipa implies noinline and also forbids cloning and identical-code folding, which would otherwise
// turn 19 identical chain levels into one symbol.
#define WPM_KEEP __attribute__((noinline, noipa))

namespace wpm_target {

using Clock = std::chrono::steady_clock;

extern std::latch* g_started; // counted down by each long-lived thread once it runs
extern volatile unsigned long g_sink; // work lands here so no loop is optimised away

// Names the calling thread (/proc/PID/task/TID/comm) and counts g_started down.
void announceThread(const char* name);
// The top of the 20-deep chain: `units` fixed work units, or forever when units < 0.
int chainLevel01(int units);
// The optional threads (native_target_optional.cpp): "clock" (--clock) and "inhandler" (--in-handler).
void* clockThread(void*);
void* inHandlerThread(void*);
// Benchmark mode (--round-units, native_target_workload.cpp): one "chain" thread running rounds.
int runWorkload(long roundUnits);

} // namespace wpm_target
