#pragma once
// What bench_python's measurements share: the targets it runs, their CPU-bound workload, and small statistics.

#include "../profiler/sampling/TargetProcess.h"

#include <QString>
#include <QThread>

#include <algorithm>
#include <functional>

namespace bench {

inline const QString kTruthScript = QStringLiteral(WPM_SOURCE_DIR "/tests/targets/python/truth_target.py");
inline const QString kWorkloadScript = QStringLiteral(WPM_SOURCE_DIR "/tests/targets/python/cpu_workload.py");

inline double median(QList<double> values)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

inline double percent(double part, double whole)
{
    return whole > 0 ? 100.0 * part / whole : 0;
}

// Counts of checked samples, for a wrong-sample percentage.
struct Accuracy {
    quint64 checked = 0;
    quint64 wrong = 0;
    double wrongPct() const { return percent(double(wrong), double(checked)); }
};

// One round of cpu_workload.py in `target`: its duration less the time it waited for a CPU (the load of the rest
// of the machine), in seconds; 0 when it failed.
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

// The slowdown of cpu_workload.py while sampled, in percent: the median ratio of a sampled round to the unsampled
// round beside it in the same process (`attach(pid)` before, `detach()` after the sampled one), over `pairs`
// pairs in alternating order. Rounds side by side see the same load from the rest of the machine.
inline double pairedSlowdownPct(
    const QString& python, int pairs, const std::function<void(pid_t)>& attach, const std::function<void()>& detach)
{
    TargetProcess target(python, { kWorkloadScript });
    if (!target.waitReady())
        return 0;
    workloadRound(target); // warm-up
    const auto sampledRound = [&] {
        attach(target.pid());
        QThread::msleep(200); // the sampler's start (locating the interpreter, first reads) is not the steady cost
        const double seconds = workloadRound(target);
        detach();
        return seconds;
    };
    QList<double> ratios;
    for (int pair = 0; pair < pairs; ++pair) {
        const bool sampledFirst = pair % 2 == 1;
        const double first = sampledFirst ? sampledRound() : workloadRound(target);
        const double second = sampledFirst ? workloadRound(target) : sampledRound();
        const double sampled = sampledFirst ? first : second;
        const double unsampled = sampledFirst ? second : first;
        if (sampled > 0 && unsampled > 0)
            ratios.append(sampled / unsampled);
    }
    return ratios.isEmpty() ? 0 : 100.0 * (median(ratios) - 1.0);
}

} // namespace bench
