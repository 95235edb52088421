#include "PythonLineTable.h"

namespace wpm {
namespace {

// Reads the table's variable-length integers: 6 bits per byte, 0x40 means "more follows".
class TableReader {
public:
    explicit TableReader(QByteArrayView table)
        : m_table(table)
    {
    }

    bool atEnd() const { return m_position >= m_table.size(); }
    quint8 byte() { return atEnd() ? 0 : quint8(m_table[m_position++]); }
    quint32 varint()
    {
        quint8 current = byte();
        quint32 value = current & 0x3f;
        for (int shift = 6; (current & 0x40) && !atEnd() && shift < 32; shift += 6) {
            current = byte();
            value |= quint32(current & 0x3f) << shift;
        }
        return value;
    }
    qint32 signedVarint()
    {
        const quint32 value = varint();
        return (value & 1) ? -qint32(value >> 1) : qint32(value >> 1);
    }
    void skipVarint() { (void)varint(); }

private:
    QByteArrayView m_table;
    qsizetype m_position = 0;
};

enum Code { kNoColumns = 13, kLong = 14, kNone = 15 };

} // namespace

int pythonLineForInstruction(QByteArrayView lineTable, int firstLine, int codeUnit)
{
    if (codeUnit < 0)
        return firstLine;
    TableReader reader(lineTable);
    int line = firstLine;
    int address = 0;
    while (!reader.atEnd()) {
        const quint8 first = reader.byte();
        if (!(first & 0x80))
            return 0; // not at an entry start: a corrupt or torn table
        const int code = (first >> 3) & 0x0f;
        const int length = (first & 0x07) + 1;
        int delta = 0;
        if (code == kNone) {
        } else if (code == kLong) {
            delta = reader.signedVarint();
            reader.skipVarint(); // end line delta
            reader.skipVarint(); // column + 1
            reader.skipVarint(); // end column + 1
        } else if (code == kNoColumns) {
            delta = reader.signedVarint();
        } else if (code >= 10) {
            delta = code - 10; // one-line form: columns in the next two bytes
            reader.byte();
            reader.byte();
        } else {
            reader.byte(); // short form: same line, columns in one byte
        }
        line += delta;
        if (codeUnit < address + length)
            return code == kNone ? 0 : line;
        address += length;
    }
    return 0;
}

int pythonLineFromAddressPairs(QByteArrayView lineTable, int firstLine, int byteOffset)
{
    if (byteOffset < 0)
        return firstLine;
    int line = firstLine;
    int end = 0;
    for (qsizetype i = 0; i + 1 < lineTable.size(); i += 2) {
        const int start = end;
        end += quint8(lineTable[i]);
        const int delta = qint8(lineTable[i + 1]);
        if (delta != -128)
            line += delta;
        // Empty ranges only carry line deltas forward.
        if (end > start && byteOffset < end)
            return delta == -128 ? 0 : line;
    }
    return 0;
}

int pythonLineFromLnotab(QByteArrayView lnotab, int firstLine, int byteOffset)
{
    int line = firstLine;
    int address = 0;
    for (qsizetype i = 0; i + 1 < lnotab.size(); i += 2) {
        address += quint8(lnotab[i]);
        if (address > byteOffset)
            break;
        line += qint8(lnotab[i + 1]);
    }
    return line;
}

} // namespace wpm
