// wpm_native_target's benchmark mode (--round-units N): nothing but the "chain" thread; for each line read on
// stdin it runs N work units through the full chain and prints "round <wall s> <s waiting for a CPU>".

#include "native_target.h"

#include <cstdint>
#include <cstdio>

#include <pthread.h>
#include <unistd.h>

namespace wpm_target {

// Seconds the calling thread has spent runnable but waiting for a CPU (schedstat's second field): what the rest
// of a busy machine costs it, which a benchmark takes out of its rounds.
double secondsWaitingForCpu()
{
    char path[64];
    std::snprintf(path, sizeof path, "/proc/self/task/%ld/schedstat", static_cast<long>(gettid()));
    std::FILE* file = std::fopen(path, "r");
    unsigned long long running = 0, waiting = 0;
    const bool read = file && std::fscanf(file, "%llu %llu", &running, &waiting) == 2;
    if (file)
        std::fclose(file);
    return read ? double(waiting) / 1e9 : 0.0;
}

// Benchmark mode: for each line on stdin, `units` whole work units through the full chain, timed.
WPM_KEEP void* workloadThread(void* units)
{
    announceThread("chain");
    const long roundUnits = static_cast<long>(reinterpret_cast<std::intptr_t>(units));
    char line[64];
    while (std::fgets(line, sizeof line, stdin)) {
        const double waitedBefore = secondsWaitingForCpu();
        const auto start = Clock::now();
        for (long unit = 0; unit < roundUnits; ++unit)
            chainLevel01(1);
        const std::chrono::duration<double> wall = Clock::now() - start;
        std::printf("round %.6f %.6f\n", wall.count(), secondsWaitingForCpu() - waitedBefore);
        std::fflush(stdout);
    }
    return nullptr;
}

int runWorkload(long roundUnits)
{
    std::latch started(1);
    g_started = &started;
    pthread_t thread;
    if (pthread_create(&thread, nullptr, workloadThread, reinterpret_cast<void*>(roundUnits)) != 0)
        return 1;
    started.wait();
    std::printf("ready pid=%d\n", getpid());
    std::fflush(stdout);
    pthread_join(thread, nullptr);
    return 0;
}

} // namespace wpm_target
