#include "bench_python_austin.h"

#include "target/ProcFs.h"

#include <QFile>
#include <QThread>

#include <csignal>

namespace bench {
namespace {

// Nanoseconds the task ran on a CPU (the first field of /proc/PID/schedstat), summed over its threads.
qint64 cpuNs(pid_t pid)
{
    qint64 total = 0;
    for (pid_t tid : wpm::listThreads(pid)) {
        QFile file(QStringLiteral("/proc/%1/task/%2/schedstat").arg(pid).arg(tid));
        if (file.open(QIODevice::ReadOnly))
            total += file.readAll().split(' ').value(0).toLongLong();
    }
    return total;
}

} // namespace

bool AustinSession::start(pid_t pid, int intervalUs, const QString& outputPath, const QString& straceSummaryPath)
{
    QStringList arguments { QStringLiteral("-i"), QString::number(intervalUs), QStringLiteral("-p"),
        QString::number(pid), QStringLiteral("-o"), outputPath };
    m_underStrace = !straceSummaryPath.isEmpty();
    if (m_underStrace) {
        arguments = QStringList { QStringLiteral("-f"), QStringLiteral("-c"), QStringLiteral("-o"), straceSummaryPath,
            QStringLiteral("austin") }
            + arguments;
        m_process.start(QStringLiteral("strace"), arguments);
    } else {
        m_process.start(QStringLiteral("austin"), arguments);
    }
    if (!m_process.waitForStarted())
        return false;
    QThread::msleep(200); // austin's start-up wait for the interpreter
    return m_process.state() == QProcess::Running;
}

pid_t AustinSession::austinPid() const
{
    const pid_t started = pid_t(m_process.processId());
    if (!m_underStrace)
        return started;
    const QList<pid_t> children = wpm::listDescendants(started);
    return children.isEmpty() ? 0 : children.front();
}

qint64 AustinSession::stop()
{
    const pid_t austin = austinPid();
    const qint64 used = austin > 0 ? cpuNs(austin) : 0;
    if (austin > 0)
        ::kill(austin, SIGINT);
    if (!m_process.waitForFinished(5000)) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
    return used;
}

AustinSamples readAustinSamples(
    const QString& outputPath, const GroundTruth* truth, const QHash<quint64, pid_t>& tidOfThreadState)
{
    AustinSamples samples;
    QFile file(outputPath);
    if (!file.open(QIODevice::ReadOnly))
        return samples;
    while (!file.atEnd()) {
        const QString line = QString::fromUtf8(file.readLine()).trimmed();
        if (!line.startsWith(QLatin1String("Thread ")))
            continue; // austin's closing statistics
        ++samples.threadSamples;
        const QStringList fields = line.left(line.lastIndexOf(QLatin1Char(' '))).split(QLatin1Char(';'));
        const pid_t tid = tidOfThreadState.value(fields.front().mid(7).toULongLong(nullptr, 16));
        if (!truth || !truth->names().contains(tid))
            continue;
        QList<wpm::PythonFrame> frames; // innermost first
        for (qsizetype i = 1; i + 1 < fields.size(); i += 2) {
            const QString& function = fields[i];
            const qsizetype open = function.lastIndexOf(QLatin1String(" ("));
            frames.prepend({ function.left(open), function.mid(open + 2).chopped(1), fields[i + 1].mid(1).toInt() });
        }
        ++samples.accuracy.checked;
        if (!truth->plausible(tid, frames))
            ++samples.accuracy.wrong;
    }
    return samples;
}

quint64 straceCalls(const QString& summaryPath)
{
    QFile file(summaryPath);
    if (!file.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray& line : file.readAll().split('\n')) {
        const QList<QByteArray> fields = line.simplified().split(' ');
        if (fields.size() >= 5 && fields.last() == "total")
            return fields[3].toULongLong();
    }
    return 0;
}

} // namespace bench
