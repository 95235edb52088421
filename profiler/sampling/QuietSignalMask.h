#pragma once
// libunwind's global cache masks every signal around each lookup in it (two sigprocmask system calls per frame), so
// that a signal handler unwinding on the same thread cannot deadlock on the cache's lock. No handler of ours unwinds,
// and those calls were most of an unwind's time here (median 10.7-12.6 -> 2.0 µs, bench_sampler at 1 kHz). While a
// thread holds a QuietSignalMask, its sigprocmask calls leave the mask as it is without a system call: what each
// pair of libunwind's calls leaves it as anyway. Every other call goes to the C library's.

#include <QtGlobal>

#include <csignal>

namespace wpm {

class QuietSignalMask {
public:
    QuietSignalMask();
    ~QuietSignalMask();
    QuietSignalMask(const QuietSignalMask&) = delete;
    QuietSignalMask& operator=(const QuietSignalMask&) = delete;

    // How many sigprocmask calls this thread had answered so.
    static quint64 answeredCalls();
};

} // namespace wpm
