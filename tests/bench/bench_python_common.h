#pragma once
// What bench_python's measurements share: the targets it runs, their CPU-bound workload, and small statistics.

#include "PairedRounds.h"

#include <QString>
#include <QThread>

#include <algorithm>
#include <functional>

namespace bench {

inline const QString kTruthScript = QStringLiteral(WPM_SOURCE_DIR "/tests/targets/python/truth_target.py");
inline const QString kWorkloadScript = QStringLiteral(WPM_SOURCE_DIR "/tests/targets/python/cpu_workload.py");

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

// The slowdown of cpu_workload.py while sampled, in percent (see pairedRounds).
inline double pairedSlowdownPct(
    const QString& python, int pairs, const std::function<void(pid_t)>& attach, const std::function<void()>& detach)
{
    const QList<double> ratios = pairedRounds(python, { kWorkloadScript }, pairs, attach, detach).ratios();
    return ratios.isEmpty() ? 0 : 100.0 * (median(ratios) - 1.0);
}

} // namespace bench
