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
    // Interned frames: equal frames are one object, so its address stands for its value.
    for (const PythonFrameRef& frame : stack.python) {
        const quintptr address = quintptr(frame.get());
        key.append(reinterpret_cast<const char*>(&address), sizeof address);
    }
    return key;
}

qint64 costOf(const RawStack& stack)
{
    return 64 + stack.frames.size() * qint64(sizeof(FrameAddress) + 12)
        + stack.python.size() * qint64(sizeof(PythonFrameRef) + sizeof(quintptr));
}

qint64 costOf(const PythonFrame& frame)
{
    // The hash node, the shared object and the two strings (the file is often shared with other frames).
    return 128 + 2 * (frame.qualifiedName.size() + frame.file.size());
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

PythonFrameRef StackTable::internPythonFrame(const PythonFrame& frame)
{
    InternedPythonFrame& interned = m_pythonFrames[frame];
    if (!interned.frame) {
        interned.frame = std::make_shared<const PythonFrame>(frame);
        m_bytes += costOf(frame);
    }
    return interned.frame;
}

void StackTable::releasePythonFrames(const RawStack& stack)
{
    for (const PythonFrameRef& frame : stack.python) {
        if (!frame)
            continue;
        const auto interned = m_pythonFrames.find(*frame);
        if (--interned->references == 0) {
            m_bytes -= costOf(*frame);
            m_pythonFrames.erase(interned);
        }
    }
}

StackId StackTable::intern(RawStack stack, const PythonThreadStack& python)
{
    stack.python.reserve(python.frames.size() + python.framesPerEvaluation.size());
    qsizetype next = 0;
    for (int count : python.framesPerEvaluation) {
        for (int i = 0; i < count && next < python.frames.size(); ++i)
            stack.python.append(internPythonFrame(python.frames[next++]));
        stack.python.append(nullptr);
    }
    return intern(std::move(stack));
}

StackId StackTable::intern(RawStack stack)
{
    QByteArray key = keyOf(stack);
    if (auto found = m_index.constFind(key); found != m_index.constEnd())
        return *found;
    m_bytes += costOf(stack);
    for (const PythonFrameRef& frame : stack.python)
        if (frame)
            ++m_pythonFrames[*frame].references;
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
    releasePythonFrames(entry.stack);
    entry.stack = RawStack {};
    m_free.append(id);
}

} // namespace wpm
