#pragma once
// What bench_python's measurements share: the targets it runs, their CPU-bound workload, and small statistics.

#include "../profiler/sampling/TargetProcess.h"

#include <QString>

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

// Runs cpu_workload.py with `attach(pid)` called before its first round and `detach()` after its last; returns
// the median duration of a round in seconds (0 when the target failed).
inline double workloadRound(const QString& python, const std::function<void(pid_t)>& attach,
    const std::function<void()>& detach)
{
    TargetProcess target(python, { kWorkloadScript });
    if (!target.waitReady())
        return 0;
    attach(target.pid());
    target.process().write("go\n");
    QList<double> rounds;
    while (target.process().state() == QProcess::Running || target.process().canReadLine()) {
        if (!target.process().canReadLine() && !target.process().waitForReadyRead(20000))
            break;
        while (target.process().canReadLine()) {
            const QByteArray line = target.process().readLine().trimmed();
            if (line.startsWith("round "))
                rounds.append(line.mid(6).toDouble());
        }
    }
    detach();
    return median(rounds);
}

inline double slowdownPct(double sampled, double unsampled)
{
    return unsampled > 0 && sampled > 0 ? 100.0 * (sampled / unsampled - 1.0) : 0;
}

} // namespace bench
