#pragma once
// austin (the Debian package) run beside the workbench's Python reader on the same targets: started on a pid,
// stopped with SIGINT; its samples parsed and checked against the target's own record, its system calls counted
// with strace -c, its CPU time read from /proc.

#include "../profiler/python/GroundTruth.h"
#include "bench_python_common.h"

#include <QProcess>
#include <QStandardPaths>

namespace bench {

class AustinSession {
public:
    // Samples `pid` every `intervalUs` into `outputPath`; with `straceSummaryPath`, under strace -f -c.
    bool start(pid_t pid, int intervalUs, const QString& outputPath, const QString& straceSummaryPath = {});
    // Stops it (SIGINT, as austin expects) and returns the CPU time it used, in ns.
    qint64 stop();

private:
    pid_t austinPid() const;
    QProcess m_process;
    bool m_underStrace = false;
};

// austin's figures, in bench_python's terms.
struct AustinFigures {
    bool available = false;
    double usPerThreadSample = 0; // its CPU time per thread-sample
    double syscallsPerThreadSample = 0;
    Accuracy accuracy;
    double slowdown100Pct = 0;
    double slowdown1000Pct = 0;
};

struct AustinSamples {
    quint64 threadSamples = 0;
    Accuracy accuracy; // samples of the target's named threads checked against `truth`
};

// austin 1.x's collapsed stacks: "Thread <PyThreadState address in hex>;<name> (<file>);L<line>;... <metric>",
// outermost first. `tidOfThreadState` maps those addresses to OS tids (the workbench's reader tells both).
AustinSamples readAustinSamples(
    const QString& outputPath, const GroundTruth* truth, const QHash<quint64, pid_t>& tidOfThreadState = {});
// The number of system calls in a strace -c summary ("total" row); 0 when unreadable.
quint64 straceCalls(const QString& summaryPath);

inline bool austinInstalled()
{
    return !QStandardPaths::findExecutable(QStringLiteral("austin")).isEmpty();
}

} // namespace bench
