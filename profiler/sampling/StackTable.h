#pragma once
// Interns the stacks samples point to. A frame is stored as (module, offset in the module's file)
// — resolved while the process's memory map is known — so symbolization can happen any time later.

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <span>

namespace wpm {

struct FrameAddress {
    quint32 module = 0; // index into StackTable::modules(); 0 = no module (anonymous memory, JIT)
    quint64 offset = 0; // file offset for a module, else the raw address; already pc-1 for return addresses
    bool operator==(const FrameAddress&) const = default;
};

struct RawStack {
    QList<FrameAddress> frames; // innermost first
    bool complete = false;
};

using StackId = quint32;

class StackTable {
public:
    StackTable();

    quint32 internModule(const QString& path);
    StackId intern(RawStack stack);
    // Reference counts let the store free stacks no sample uses any more.
    void retain(StackId id);
    void release(StackId id);

    const RawStack& stack(StackId id) const { return m_stacks[qsizetype(id)].stack; }
    const QStringList& modules() const { return m_modules; }
    qint64 memoryBytes() const { return m_bytes; }
    qsizetype liveStacks() const { return m_index.size(); }

private:
    struct Entry {
        RawStack stack;
        quint64 references = 0;
    };

    QList<Entry> m_stacks;
    QList<StackId> m_free;
    QHash<QByteArray, StackId> m_index; // key: the frames' bytes
    QStringList m_modules;
    QHash<QString, quint32> m_moduleIndex;
    qint64 m_bytes = 0;
};

} // namespace wpm
