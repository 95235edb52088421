#pragma once
// Slowdown of a CPU-bound target measured so that a busy, shared machine drops out: the target runs one round
// of fixed work per line on its stdin and answers "round <wall s> <s waiting for a CPU>" (from its thread's
// schedstat); sampled and unsampled rounds alternate in the same process, so both see the same load, and the
// time spent waiting for a CPU is taken out of each. Used by bench_sampler (the native target's --round-units)
// and bench_python (cpu_workload.py).

#include "../profiler/sampling/TargetProcess.h"

#include <QList>
#include <QString>
#include <QThread>

#include <algorithm>
#include <functional>
#include <random>

namespace bench {

inline double median(QList<double> values)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

inline double percentile(QList<double> values, double fraction)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    const auto index = qsizetype(fraction * double(values.size() - 1) + 0.5);
    return values[std::clamp<qsizetype>(index, 0, values.size() - 1)];
}

// A 95% confidence interval of the median of `values`, by resampling them (bootstrap, a fixed seed so that a run
// prints the same interval for the same values): how far the machine's noise may have moved a median of pairs.
struct Interval {
    double low = 0;
    double high = 0;
};
inline Interval medianInterval(const QList<double>& values, int resamples = 2000)
{
    if (values.size() < 2)
        return { median(values), median(values) };
    std::mt19937 random(42);
    std::uniform_int_distribution<qsizetype> pick(0, values.size() - 1);
    QList<double> medians, resampled(values.size());
    medians.reserve(resamples);
    for (int i = 0; i < resamples; ++i) {
        for (double& value : resampled)
            value = values[pick(random)];
        medians.append(median(resampled));
    }
    return { percentile(medians, 0.025), percentile(medians, 0.975) };
}

// One round in `target`: its duration less the time it waited for a CPU, in seconds; 0 when it failed.
inline double workloadRound(TargetProcess& target)
{
    target.process().write("go\n");
    while (target.process().canReadLine() || target.process().waitForReadyRead(20000)) {
        const QList<QByteArray> fields = target.process().readLine().trimmed().split(' ');
        if (fields.size() == 3 && fields[0] == "round")
            return fields[1].toDouble() - fields[2].toDouble();
    }
    return 0;
}

// The rounds of `pairs` pairs, each pair one sampled round and one unsampled round beside it.
struct PairedRounds {
    QList<double> sampled, unsampled; // seconds, pair by pair

    QList<double> ratios() const
    {
        QList<double> result;
        for (qsizetype pair = 0; pair < sampled.size(); ++pair)
            result.append(sampled[pair] / unsampled[pair]);
        return result;
    }
    // Slowdown in percent from the lower quartile of each kind of round. The rest of the machine only
    // ever adds time to a round, so the quick rounds of each kind are the least disturbed ones; this
    // is steadier than the median of the pairs' ratios when the disturbances come in bursts.
    double lowerQuartileSlowdownPct() const
    {
        const double unsampledQuartile = percentile(unsampled, 0.25);
        return unsampledQuartile > 0 ? 100.0 * (percentile(sampled, 0.25) / unsampledQuartile - 1.0) : 0;
    }
};

// `pairs` pairs in alternating order: a sampled round (`attach(pid)` before it, `detach()` after) and an
// unsampled one. The sampler's start (reading the target's modules, locating an interpreter) is left out
// of the sampled round: it is a one-time cost, not the steady one. Empty when the target failed.
inline PairedRounds pairedRounds(const QString& program, const QStringList& arguments, int pairs,
    const std::function<void(pid_t)>& attach, const std::function<void()>& detach)
{
    TargetProcess target(program, arguments);
    if (!target.waitReady())
        return {};
    workloadRound(target); // warm-up
    // Both rounds start after the same 200 ms pause: an idle pause alone makes the next round about 1% slower
    // here (the control row of bench_sampler showed it), which would otherwise be charged to sampling.
    const auto sampledRound = [&] {
        attach(target.pid());
        QThread::msleep(200);
        const double seconds = workloadRound(target);
        detach();
        return seconds;
    };
    const auto unsampledRound = [&] {
        QThread::msleep(200);
        return workloadRound(target);
    };
    PairedRounds rounds;
    for (int pair = 0; pair < pairs; ++pair) {
        const bool sampledFirst = pair % 2 == 1;
        const double first = sampledFirst ? sampledRound() : unsampledRound();
        const double second = sampledFirst ? unsampledRound() : sampledRound();
        const double sampled = sampledFirst ? first : second;
        const double unsampled = sampledFirst ? second : first;
        if (sampled > 0 && unsampled > 0) {
            rounds.sampled.append(sampled);
            rounds.unsampled.append(unsampled);
        }
    }
    return rounds;
}

} // namespace bench
