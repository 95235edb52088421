#pragma once
// Code objects of a target interpreter, read once and kept by address. Because CPython frees and
// reuses memory, an entry is trusted only while a cheap fingerprint (type, name, file and line-table
// pointers, first line) read again from the target still matches.

#include "PythonInterpreter.h"
#include "RemoteMemory.h"

#include <QByteArray>
#include <QHash>
#include <QString>

namespace wpm {

struct PythonCodeInfo {
    QString qualifiedName;
    QString file;
    int firstLine = 0;
    int firstTraceable = 0; // code units before it belong to the frame's set-up: such a frame is incomplete
    QByteArray lineTable;
    QByteArray fingerprint; // the header fields compared on validation
};

class PythonCodeCache {
public:
    PythonCodeCache(const PythonInterpreter& interpreter, RemoteMemory& memory);

    // The cached entry without validation, nullptr when unknown.
    const PythonCodeInfo* cached(quint64 address) const;
    // Reads the code object at `address`; nullptr when it is not a readable code object. Replaces any entry.
    const PythonCodeInfo* load(quint64 address);
    // How many bytes of a code object's header to read again for validation, and the check itself.
    quint64 headerSize() const { return m_layout.codeHeaderSize; }
    bool matches(quint64 address, QByteArrayView header) const;
    void forget(quint64 address) { m_entries.remove(address); }
    qsizetype size() const { return m_entries.size(); }

    // A compact str object's text; nullopt when `address` is not one (wrong type, legacy or torn string).
    std::optional<QString> readString(quint64 address);

private:
    QByteArray fingerprintOf(QByteArrayView header) const;
    std::optional<QByteArray> readBytes(quint64 address);

    const PythonInterpreter& m_interpreter;
    const PythonLayout& m_layout;
    RemoteMemory& m_memory;
    QHash<quint64, PythonCodeInfo> m_entries;
};

} // namespace wpm
