#include "StackTable.h"

namespace wpm {
namespace {

QByteArray keyOf(const RawStack& stack)
{
    QByteArray key;
    key.reserve(stack.frames.size() * 12 + 1);
    for (const FrameAddress& frame : stack.frames) {
        key.append(reinterpret_cast<const char*>(&frame.module), sizeof frame.module);
        key.append(reinterpret_cast<const char*>(&frame.offset), sizeof frame.offset);
    }
    key.append(stack.complete ? '1' : '0');
    return key;
}

qint64 costOf(const RawStack& stack)
{
    return 64 + stack.frames.size() * qint64(sizeof(FrameAddress) + 12);
}

} // namespace

StackTable::StackTable()
{
    m_modules.append(QString()); // module 0: none
}

quint32 StackTable::internModule(const QString& path)
{
    if (auto found = m_moduleIndex.constFind(path); found != m_moduleIndex.constEnd())
        return *found;
    const auto index = quint32(m_modules.size());
    m_modules.append(path);
    m_moduleIndex.insert(path, index);
    return index;
}

StackId StackTable::intern(RawStack stack)
{
    QByteArray key = keyOf(stack);
    if (auto found = m_index.constFind(key); found != m_index.constEnd())
        return *found;
    m_bytes += costOf(stack);
    StackId id;
    if (!m_free.isEmpty()) {
        id = m_free.takeLast();
        m_stacks[qsizetype(id)] = Entry { std::move(stack), 0 };
    } else {
        id = StackId(m_stacks.size());
        m_stacks.append(Entry { std::move(stack), 0 });
    }
    m_index.insert(std::move(key), id);
    return id;
}

void StackTable::retain(StackId id)
{
    ++m_stacks[qsizetype(id)].references;
}

void StackTable::release(StackId id)
{
    Entry& entry = m_stacks[qsizetype(id)];
    if (--entry.references > 0)
        return;
    m_bytes -= costOf(entry.stack);
    m_index.remove(keyOf(entry.stack));
    entry.stack = RawStack {};
    m_free.append(id);
}

} // namespace wpm
