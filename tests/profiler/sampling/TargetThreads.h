#pragma once
// What a test sees of a target's threads from /proc: their names and which of them are traced.

#include "target/ProcFs.h"

#include <QFile>
#include <QHash>

namespace wpm::test {

inline QHash<QString, pid_t> threadsByName(pid_t pid)
{
    QHash<QString, pid_t> threads;
    for (pid_t tid : listThreads(pid))
        if (const std::optional<ThreadStat> stat = readThreadStat(pid, tid))
            threads.insert(stat->name, tid);
    return threads;
}

inline QList<pid_t> tracedTasks(pid_t pid)
{
    QList<pid_t> traced;
    for (pid_t tid : listThreads(pid)) {
        QFile status(QStringLiteral("/proc/%1/task/%2/status").arg(pid).arg(tid));
        if (!status.open(QIODevice::ReadOnly))
            continue;
        for (const QByteArray& line : status.readAll().split('\n'))
            if (line.startsWith("TracerPid:") && line.mid(10).trimmed() != "0")
                traced.append(tid);
    }
    return traced;
}

} // namespace wpm::test
