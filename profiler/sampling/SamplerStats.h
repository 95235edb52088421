#pragma once
// What the sampler reports about itself a few times a second: rates, overhead, costs, health.

#include "PythonReading.h"

#include <QMetaType>
#include <QStringList>
#include <QtGlobal>

namespace wpm {

struct SamplerOptions {
    int rateHz = 100;
    double maxOverhead = 0.05; // share of a thread's time it may be kept stopped
    size_t stackBytes = 32 * 1024; // stack copied per stopped thread
    int maxFrames = 256;
    bool followChildren = true;
    bool adaptiveRate = true;
    PythonReading pythonReading = PythonReading::Mixed;
    // Running threads of a native process are sampled by the kernel (KernelSampler) instead of stopped, where
    // the kernel allows it: on the 2-core VM it was measured on, that cost a server running all along a third of
    // what stopping it did at 100 Hz (README, bench_sampler). Off: every sample of a running thread is a stop.
    bool kernelSampling = true;
};

struct SamplerStats {
    double requestedHz = 0;
    double effectiveHz = 0; // after the adaptive rate
    double achievedHz = 0; // ticks really taken per second
    double overhead = 0; // measured since the start: the share of a sampled thread's time spent stopped
    bool fallingBehind = false;
    quint64 ticks = 0;
    quint64 lateTicks = 0;
    quint64 samples = 0;
    quint64 reusedSamples = 0;
    quint64 completeStacks = 0;
    quint64 unwoundStacks = 0;
    quint64 redeliveredSignals = 0;
    quint64 unresponsiveThreads = 0;
    quint64 pythonStacks = 0; // samples with Python frames (CPython targets)
    quint64 kernelSamples = 0; // running threads' samples taken by the kernel, without a stop
    double unwindUsMedian = 0;
    double stopUsMedian = 0;
    int processes = 0;
    int threads = 0;
    // Things the user should know that do not stop sampling, each said once, e.g. "Unsupported Python 3.8
    // in process 123 (...): ... Native sampling continues."
    QStringList warnings;
};

} // namespace wpm

Q_DECLARE_METATYPE(wpm::SamplerStats)
