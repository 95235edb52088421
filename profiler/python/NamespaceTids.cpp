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
    if (!m_differ)
        return inner;
    if (!m_outerOf.contains(inner))
        refresh();
    return m_outerOf.value(inner, 0);
}

pid_t NamespaceTids::innerOf(pid_t outer)
{
    if (!m_differ)
        return outer;
    if (!m_innerOf.contains(outer))
        refresh();
    return m_innerOf.value(outer, 0);
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
