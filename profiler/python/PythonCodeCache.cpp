#include "PythonCodeCache.h"

#include "ByteFields.h"

#include <cstring>

namespace wpm {
namespace {

// Names and file names are short: one read of the header plus this many bytes usually gets all of it.
constexpr quint64 kSpeculativeBytes = 192;
constexpr quint64 kMaxStringBytes = 16 * 1024;
constexpr quint64 kMaxLineTableBytes = 1024 * 1024;
// A server that keeps compiling code (templates, exec) would grow the cache forever: start over past this.
constexpr qsizetype kMaxEntries = 100000;

} // namespace

PythonCodeCache::PythonCodeCache(const PythonInterpreter& interpreter, RemoteMemory& memory)
    : m_interpreter(interpreter)
    , m_layout(interpreter.layout)
    , m_memory(memory)
{
}

const PythonCodeInfo* PythonCodeCache::cached(quint64 address) const
{
    const auto found = m_entries.constFind(address);
    return found == m_entries.constEnd() ? nullptr : &*found;
}

QByteArray PythonCodeCache::fingerprintOf(QByteArrayView header) const
{
    QByteArray fingerprint;
    for (quint64 offset : { m_layout.objectType, m_layout.codeFilename, m_layout.codeQualname, m_layout.codeLineTable })
        fingerprint.append(header.data() + offset, 8);
    fingerprint.append(header.data() + m_layout.codeFirstLineNo, 4);
    return fingerprint;
}

bool PythonCodeCache::matches(quint64 address, QByteArrayView header) const
{
    const PythonCodeInfo* info = cached(address);
    return info && quint64(header.size()) >= m_layout.codeHeaderSize && fingerprintOf(header) == info->fingerprint;
}

const PythonCodeInfo* PythonCodeCache::load(quint64 address)
{
    m_entries.remove(address);
    QByteArray header(qsizetype(m_layout.codeHeaderSize), '\0');
    if (address == 0 || !m_memory.read(address, header.data(), size_t(header.size()))
        || fieldAt<quint64>(header, m_layout.objectType) != m_interpreter.codeTypeAddress)
        return nullptr;
    PythonCodeInfo info;
    const std::optional<QString> qualifiedName = readString(fieldAt<quint64>(header, m_layout.codeQualname));
    const std::optional<QString> file = readString(fieldAt<quint64>(header, m_layout.codeFilename));
    std::optional<QByteArray> lineTable = readBytes(fieldAt<quint64>(header, m_layout.codeLineTable));
    if (!qualifiedName || !file || !lineTable)
        return nullptr;
    info.qualifiedName = *qualifiedName;
    info.file = *file;
    info.lineTable = std::move(*lineTable);
    info.firstLine = fieldAt<qint32>(header, m_layout.codeFirstLineNo);
    if (m_layout.codeFirstTraceable)
        info.firstTraceable = fieldAt<qint32>(header, *m_layout.codeFirstTraceable);
    info.fingerprint = fingerprintOf(header);
    if (m_entries.size() >= kMaxEntries)
        m_entries.clear();
    return &*m_entries.insert(address, std::move(info));
}

std::optional<QString> PythonCodeCache::readString(quint64 address)
{
    if (address == 0)
        return std::nullopt;
    QByteArray object(qsizetype(m_layout.compactObjectSize + kSpeculativeBytes), '\0');
    if (!m_memory.read(address, object.data(), size_t(object.size()))) {
        // Near the end of a mapping: read just the header.
        object.resize(qsizetype(m_layout.compactObjectSize));
        if (!m_memory.read(address, object.data(), size_t(object.size())))
            return std::nullopt;
    }
    if (fieldAt<quint64>(object, m_layout.objectType) != m_interpreter.unicodeTypeAddress)
        return std::nullopt;
    // PyASCIIObject.state bits: interned:2, kind:3, compact:1, ascii:1 (3.9 to 3.13).
    const quint32 state = fieldAt<quint32>(object, m_layout.unicodeState);
    const quint32 kind = (state >> 2) & 7;
    const bool compact = (state >> 5) & 1;
    const bool ascii = (state >> 6) & 1;
    const qint64 length = fieldAt<qint64>(object, m_layout.unicodeLength);
    if (!compact || (kind != 1 && kind != 2 && kind != 4) || length < 0 || quint64(length) * kind > kMaxStringBytes)
        return std::nullopt;
    const quint64 dataOffset = ascii ? m_layout.asciiObjectSize : m_layout.compactObjectSize;
    const quint64 dataSize = quint64(length) * kind;
    if (dataOffset + dataSize > quint64(object.size())) {
        object.resize(qsizetype(dataOffset + dataSize));
        if (!m_memory.read(address + dataOffset, object.data() + dataOffset, size_t(dataSize)))
            return std::nullopt;
    }
    const char* data = object.constData() + dataOffset;
    switch (kind) {
    case 1:
        return QString::fromLatin1(data, qsizetype(length));
    case 2:
        return QString::fromUtf16(reinterpret_cast<const char16_t*>(data), qsizetype(length));
    default:
        return QString::fromUcs4(reinterpret_cast<const char32_t*>(data), qsizetype(length));
    }
}

std::optional<QByteArray> PythonCodeCache::readBytes(quint64 address)
{
    if (address == 0)
        return std::nullopt;
    QByteArray object(qsizetype(m_layout.bytesData + kSpeculativeBytes), '\0');
    if (!m_memory.read(address, object.data(), size_t(object.size()))) {
        object.resize(qsizetype(m_layout.bytesData));
        if (!m_memory.read(address, object.data(), size_t(object.size())))
            return std::nullopt;
    }
    if (fieldAt<quint64>(object, m_layout.objectType) != m_interpreter.bytesTypeAddress)
        return std::nullopt;
    const qint64 size = fieldAt<qint64>(object, m_layout.bytesSize);
    if (size < 0 || quint64(size) > kMaxLineTableBytes)
        return std::nullopt;
    if (m_layout.bytesData + quint64(size) > quint64(object.size())) {
        object.resize(qsizetype(m_layout.bytesData + quint64(size)));
        if (!m_memory.read(address + m_layout.bytesData, object.data() + m_layout.bytesData, size_t(size)))
            return std::nullopt;
    }
    return object.mid(qsizetype(m_layout.bytesData), qsizetype(size));
}

} // namespace wpm
