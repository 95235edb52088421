#include "NamespaceTids.h"

#include "target/ProcFs.h"

#include <QFile>

namespace wpm {
namespace {

// The ids of an NSpid line ("NSpid:\t4711\t1"), outermost first; empty when there is none.
QList<pid_t> namespaceIds(const QString& statusPath)
{
    QFile status(statusPath);
    if (!status.open(QIODevice::ReadOnly))
        return {};
    // Read whole: a /proc file's size is 0, so QFile::atEnd() cannot tell when it ends.
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (!line.startsWith("NSpid:"))
            continue;
        QList<pid_t> ids;
        for (const QByteArray& field : line.mid(6).simplified().split(' '))
            if (const int id = field.toInt(); id > 0)
                ids.append(pid_t(id));
        return ids;
    }
    return {};
}

} // namespace

NamespaceTids::NamespaceTids(pid_t pid)
    : m_pid(pid)
    , m_differ(namespaceIds(QStringLiteral("/proc/%1/status").arg(pid)).size() > 1)
{
}

pid_t NamespaceTids::outerOf(pid_t inner)
{
    return translated(m_outerOf, inner);
}

pid_t NamespaceTids::innerOf(pid_t outer)
{
    return translated(m_innerOf, outer);
}

pid_t NamespaceTids::translated(const QHash<pid_t, pid_t>& ids, pid_t id)
{
    if (!m_differ)
        return id;
    if (!ids.contains(id))
        refresh(); // fills `ids` anew
    return ids.value(id, 0);
}

void NamespaceTids::refresh()
{
    QList<pid_t> threads = listThreads(m_pid);
    if (threads == m_threads)
        return; // no thread came or went: an id missing now stays missing
    m_threads = std::move(threads);
    m_outerOf.clear();
    m_innerOf.clear();
    for (pid_t tid : std::as_const(m_threads)) {
        const QList<pid_t> ids = namespaceIds(QStringLiteral("/proc/%1/task/%2/status").arg(m_pid).arg(tid));
        if (ids.isEmpty())
            continue;
        m_outerOf.insert(ids.last(), tid);
        m_innerOf.insert(tid, ids.last());
    }
}

} // namespace wpm
