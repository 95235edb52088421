#pragma once
// Nanoseconds of CLOCK_MONOTONIC: the one time base of samples, requests and costs
// (QElapsedTimer uses the same clock on Linux, so request times and sample times compare).

#include <QtGlobal>

#include <ctime>

namespace wpm {

inline qint64 monotonicNs()
{
    timespec now {};
    clock_gettime(CLOCK_MONOTONIC, &now);
    return qint64(now.tv_sec) * 1'000'000'000 + now.tv_nsec;
}

} // namespace wpm
