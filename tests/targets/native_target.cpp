// wpm_native_target: a small multi-threaded program with known call chains, for the sampler's tests and
// benchmark. Every thread is named (/proc/PID/task/TID/comm) and burns CPU or blocks in one named function:
//
//   chain      chainThread(void*) -> chainLevel01(int) -> ... -> chainLevel20(int), which burns CPU forever
//   chain2     the same chain on a second thread (only with --chain2)
//   clock      clockThread(void*) -> readClockForever() -> clock_gettime, which runs in the kernel's vDSO
//              (only with --clock; it burns CPU)
//   inhandler  inHandlerThread(void*) -> raiseSignalToSelf() -> pthread_kill(SIGUSR2), whose handler
//              waitInSignalHandler(int) -> nanosleep never returns: a stack through a signal frame (only with
//              --in-handler)
//   sleeper    sleeperThread(void*) -> sleepInNanosleep() -> nanosleep(50 ms), forever
//   condvar    condvarThread(void*) -> waitOnCondition() -> std::condition_variable::wait, never notified
//   piperead   pipeReadThread(void*) -> blockInPipeRead() -> read() on a pipe nobody writes
//   churn      churnThread(void*) -> churnThreads(): starts a detached "churnworker" thread every 4 ms;
//              each runs churnWorkerThread(void*) -> churnWorker(int) for 1-5 ms (0.2 ms of CPU) and exits
//   (main)     mainWait(...) until SIGTERM/SIGINT or --seconds, then prints "signals=<n>" and exits 0
//
// All functions live in namespace wpm_target (demangled names like "wpm_target::chainLevel07(int)").
// A POSIX timer sends SIGALRM to the process every 1 ms, counted by onTimerSignal(int); the handler uses
// SA_RESTART and sleeps retry on EINTR, so the signals only exercise the sampler's signal handling.
// Once every thread runs, prints "ready pid=<pid>" (flushed).
//
// Flags: --no-signals  --no-churn  --chain2  --clock  --in-handler  --seconds N (exit 0 after N s)
//        --fork-child  also fork a child process running its own "chain" thread (printed first as
//                      "child pid=<pid>"; it gets SIGTERM when the parent exits)
//        --round-units N  benchmark mode: nothing but the "chain" thread; for each line read on stdin it runs N
//                         work units and prints "round <wall s> <s waiting for a CPU>" (native_target_workload.cpp)
//
// Built with -O2 -g -fno-omit-frame-pointer -fno-optimize-sibling-calls. WPM_KEEP (noipa) keeps the
// compiler from inlining, cloning or merging the named functions, so every sample shows the full chain.

#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <latch>
#include <mutex>
#include <string_view>

#include <pthread.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "native_target.h"

namespace wpm_target {

using namespace std::chrono_literals;

struct Options {
    bool signals = true;
    bool churn = true;
    bool chain2 = false;
    bool clock = false;
    bool inHandler = false;
    bool forkChild = false;
    long seconds = 0; // 0: run until SIGTERM/SIGINT
    long roundUnits = 0; // > 0: benchmark mode
};

volatile std::sig_atomic_t g_signalCount = 0;
volatile unsigned long g_sink = 0; // work lands here so no loop is optimised away
std::latch* g_started = nullptr;
std::mutex g_mutex;
std::condition_variable g_condition;
bool g_notified = false; // never set: waitOnCondition() blocks forever
int g_pipe[2] = { -1, -1 }; // both ends stay open, so a read blocks instead of seeing EOF

constexpr int kWorkUnitIterations = 100000;

void announceThread(const char* name)
{
    pthread_setname_np(pthread_self(), name);
    g_started->count_down();
}

void sleepUntil(Clock::time_point deadline)
{
    while (Clock::now() < deadline) {
        const auto left = std::chrono::duration_cast<std::chrono::nanoseconds>(deadline - Clock::now());
        timespec request { static_cast<time_t>(left.count() / 1000000000),
            static_cast<long>(left.count() % 1000000000) };
        nanosleep(&request, nullptr); // EINTR from the timer signal: the loop sleeps the rest
    }
}

// The leaf of the chain: `units` fixed work units, or forever when units < 0. It works on a stack
// variable because GCC 12 gives a stackless leaf no frame even with -fno-omit-frame-pointer, and a
// frame-pointer unwinder would then skip chainLevel19.
WPM_KEEP int chainLevel20(int units)
{
    volatile unsigned long work = 0;
    int done = 0;
    while (units < 0 || done < units) {
        for (int i = 0; i < kWorkUnitIterations; ++i)
            work = work + static_cast<unsigned long>(i);
        ++done;
    }
    g_sink = work;
    return done;
}

// One line each, so a frame's line number names its level (tests compare it); "+ 1" keeps each call
// from being a tail call.
// clang-format off
WPM_KEEP int chainLevel19(int units) { return chainLevel20(units) + 1; }
WPM_KEEP int chainLevel18(int units) { return chainLevel19(units) + 1; }
WPM_KEEP int chainLevel17(int units) { return chainLevel18(units) + 1; }
WPM_KEEP int chainLevel16(int units) { return chainLevel17(units) + 1; }
WPM_KEEP int chainLevel15(int units) { return chainLevel16(units) + 1; }
WPM_KEEP int chainLevel14(int units) { return chainLevel15(units) + 1; }
WPM_KEEP int chainLevel13(int units) { return chainLevel14(units) + 1; }
WPM_KEEP int chainLevel12(int units) { return chainLevel13(units) + 1; }
WPM_KEEP int chainLevel11(int units) { return chainLevel12(units) + 1; }
WPM_KEEP int chainLevel10(int units) { return chainLevel11(units) + 1; }
WPM_KEEP int chainLevel09(int units) { return chainLevel10(units) + 1; }
WPM_KEEP int chainLevel08(int units) { return chainLevel09(units) + 1; }
WPM_KEEP int chainLevel07(int units) { return chainLevel08(units) + 1; }
WPM_KEEP int chainLevel06(int units) { return chainLevel07(units) + 1; }
WPM_KEEP int chainLevel05(int units) { return chainLevel06(units) + 1; }
WPM_KEEP int chainLevel04(int units) { return chainLevel05(units) + 1; }
WPM_KEEP int chainLevel03(int units) { return chainLevel04(units) + 1; }
WPM_KEEP int chainLevel02(int units) { return chainLevel03(units) + 1; }
WPM_KEEP int chainLevel01(int units) { return chainLevel02(units) + 1; }
// clang-format on

WPM_KEEP void sleepInNanosleep()
{
    for (;;) {
        timespec request { 0, 50'000'000 };
        while (nanosleep(&request, &request) == -1 && errno == EINTR) { } // interrupted: sleep the rest
        g_sink = g_sink + 1;
    }
}

WPM_KEEP void waitOnCondition()
{
    std::unique_lock lock(g_mutex);
    g_condition.wait(lock, [] { return g_notified; }); // a signal is only a spurious wake-up
}

WPM_KEEP void blockInPipeRead()
{
    char byte = 0;
    for (;;) {
        if (read(g_pipe[0], &byte, 1) < 0 && errno != EINTR)
            pause(); // cannot happen while we hold the write end; never spin
    }
}

// Spins about 0.2 ms so samples can land in it, then sleeps out the rest of its lifetime.
WPM_KEEP void churnWorker(int lifetimeMs)
{
    const auto start = Clock::now();
    while (Clock::now() - start < 200us)
        g_sink = g_sink + 1;
    sleepUntil(start + std::chrono::milliseconds(lifetimeMs));
}

WPM_KEEP void* churnWorkerThread(void* lifetimeMs)
{
    pthread_setname_np(pthread_self(), "churnworker");
    churnWorker(static_cast<int>(reinterpret_cast<std::intptr_t>(lifetimeMs)));
    return nullptr;
}

bool startDetachedThread(void* (*entry)(void*), void* argument)
{
    pthread_attr_t attributes;
    pthread_attr_init(&attributes);
    pthread_attr_setdetachstate(&attributes, PTHREAD_CREATE_DETACHED);
    pthread_t thread;
    const bool started = pthread_create(&thread, &attributes, entry, argument) == 0;
    pthread_attr_destroy(&attributes);
    return started;
}

WPM_KEEP void churnThreads()
{
    for (std::intptr_t i = 0;; ++i) {
        // A failed start (thread limit) just skips a beat.
        startDetachedThread(churnWorkerThread, reinterpret_cast<void*>(1 + i % 5));
        sleepUntil(Clock::now() + 4ms);
    }
}

WPM_KEEP void* chainThread(void* name)
{
    announceThread(static_cast<const char*>(name));
    chainLevel01(-1);
    return nullptr;
}

WPM_KEEP void* sleeperThread(void*)
{
    announceThread("sleeper");
    sleepInNanosleep();
    return nullptr;
}

WPM_KEEP void* condvarThread(void*)
{
    announceThread("condvar");
    waitOnCondition();
    return nullptr;
}

WPM_KEEP void* pipeReadThread(void*)
{
    announceThread("piperead");
    blockInPipeRead();
    return nullptr;
}

WPM_KEEP void* churnThread(void*)
{
    announceThread("churn");
    churnThreads();
    return nullptr;
}

void onTimerSignal(int)
{
    g_signalCount = g_signalCount + 1;
}

bool startSignalTimer()
{
    struct sigaction action { };
    action.sa_handler = onTimerSignal;
    action.sa_flags = SA_RESTART;
    sigemptyset(&action.sa_mask);
    if (sigaction(SIGALRM, &action, nullptr) != 0)
        return false;
    sigevent event {};
    event.sigev_notify = SIGEV_SIGNAL;
    event.sigev_signo = SIGALRM;
    timer_t timer;
    if (timer_create(CLOCK_MONOTONIC, &event, &timer) != 0)
        return false;
    const itimerspec every1ms { { 0, 1'000'000 }, { 0, 1'000'000 } };
    return timer_settime(timer, 0, &every1ms, nullptr) == 0;
}

// Waits for a stop signal (blocked in every thread, so only this wait takes it) or the deadline.
WPM_KEEP int mainWait(const sigset_t& stopSignals, long seconds)
{
    const auto deadline = Clock::now() + std::chrono::seconds(seconds);
    for (;;) {
        const timespec tick { 0, 100'000'000 };
        const int signal = sigtimedwait(&stopSignals, nullptr, &tick);
        if (signal > 0)
            return signal;
        if (seconds > 0 && Clock::now() >= deadline)
            return 0;
    }
}

// The --fork-child process: one "chain" thread, gone when the parent goes.
[[noreturn]] void runChild(int readyFd, pid_t parent, const sigset_t& stopSignals)
{
    prctl(PR_SET_PDEATHSIG, SIGTERM);
    if (getppid() != parent)
        _exit(0);
    std::latch started(1);
    g_started = &started;
    if (!startDetachedThread(chainThread, const_cast<char*>("chain")))
        _exit(1);
    started.wait();
    const char byte = 1;
    while (write(readyFd, &byte, 1) < 0 && errno == EINTR) { }
    close(readyFd);
    mainWait(stopSignals, 0);
    _exit(0);
}

pid_t forkChild(const sigset_t& stopSignals)
{
    int ready[2];
    if (pipe(ready) != 0)
        return -1;
    const pid_t parent = getpid();
    const pid_t child = fork();
    if (child == 0)
        runChild(ready[1], parent, stopSignals);
    close(ready[1]);
    char byte = 0;
    while (child > 0 && read(ready[0], &byte, 1) < 0 && errno == EINTR) { }
    close(ready[0]);
    return child;
}

bool parseOptions(int argc, char** argv, Options& options)
{
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        const bool hasValue = i + 1 < argc;
        if (arg == "--no-signals")
            options.signals = false;
        else if (arg == "--no-churn")
            options.churn = false;
        else if (arg == "--chain2")
            options.chain2 = true;
        else if (arg == "--clock")
            options.clock = true;
        else if (arg == "--in-handler")
            options.inHandler = true;
        else if (arg == "--fork-child")
            options.forkChild = true;
        else if (arg == "--seconds" && hasValue)
            options.seconds = std::strtol(argv[++i], nullptr, 10);
        else if (arg == "--round-units" && hasValue)
            options.roundUnits = std::strtol(argv[++i], nullptr, 10);
        else
            return false;
    }
    return options.seconds >= 0 && options.roundUnits >= 0;
}

int run(const Options& options)
{
    if (options.roundUnits > 0)
        return runWorkload(options.roundUnits);

    // Stop signals are blocked everywhere (inherited by threads and the child) and taken by mainWait.
    sigset_t stopSignals;
    sigemptyset(&stopSignals);
    sigaddset(&stopSignals, SIGTERM);
    sigaddset(&stopSignals, SIGINT);
    pthread_sigmask(SIG_BLOCK, &stopSignals, nullptr);

    pid_t child = -1;
    if (options.forkChild) { // before any thread exists: fork() copies only the calling thread
        child = forkChild(stopSignals);
        if (child < 0)
            return 1;
        std::printf("child pid=%d\n", child);
    }
    if (pipe(g_pipe) != 0)
        return 1;

    const int threads = 4 + (options.chain2 ? 1 : 0) + (options.clock ? 1 : 0) + (options.inHandler ? 1 : 0)
        + (options.churn ? 1 : 0);
    std::latch started(threads);
    g_started = &started;
    bool ok = startDetachedThread(chainThread, const_cast<char*>("chain"))
        && startDetachedThread(sleeperThread, nullptr) && startDetachedThread(condvarThread, nullptr)
        && startDetachedThread(pipeReadThread, nullptr);
    if (ok && options.chain2)
        ok = startDetachedThread(chainThread, const_cast<char*>("chain2"));
    if (ok && options.clock)
        ok = startDetachedThread(clockThread, nullptr);
    if (ok && options.inHandler)
        ok = startDetachedThread(inHandlerThread, nullptr);
    if (ok && options.churn)
        ok = startDetachedThread(churnThread, nullptr);
    if (!ok || (options.signals && !startSignalTimer()))
        return 1;
    started.wait();
    std::printf("ready pid=%d\n", getpid());
    std::fflush(stdout);

    mainWait(stopSignals, options.seconds);
    if (child > 0) {
        kill(child, SIGTERM);
        waitpid(child, nullptr, 0);
    }
    std::printf("signals=%ld\n", static_cast<long>(g_signalCount));
    std::fflush(stdout);
    _exit(0); // the other threads never return; skip static destructors they might still use
}

} // namespace wpm_target

int main(int argc, char** argv)
{
    wpm_target::Options options;
    if (!wpm_target::parseOptions(argc, argv, options)) {
        std::fprintf(stderr,
            "usage: %s [--no-signals] [--no-churn] [--chain2] [--clock] [--in-handler] [--seconds N] [--fork-child] "
            "[--round-units "
            "N]\n",
            argv[0]);
        return 2;
    }
    return wpm_target::run(options);
}
