#include "LineSplitter.h"

namespace wpm {

namespace {

QString decodeLine(QByteArrayView bytes)
{
    if (bytes.endsWith('\r'))
        bytes.chop(1);
    return QString::fromUtf8(bytes);
}

// Where to cut an over-long line: not inside a UTF-8 sequence (continuation bytes are 10xxxxxx).
qsizetype cutPosition(const QByteArray& bytes, qsizetype limit)
{
    qsizetype cut = limit;
    while (cut > 0 && (static_cast<uchar>(bytes.at(cut)) & 0xC0) == 0x80)
        --cut;
    return cut > 0 ? cut : limit;
}

} // namespace

LineSplitter::LineSplitter(qsizetype maxLineBytes)
    : m_maxLineBytes(qMax<qsizetype>(maxLineBytes, 4)) // room for one UTF-8 sequence
{
}

QList<QString> LineSplitter::feed(QByteArrayView chunk)
{
    QList<QString> lines;
    m_pending.append(chunk);
    qsizetype start = 0;
    while (start < m_pending.size()) {
        const qsizetype newline = m_pending.indexOf('\n', start);
        const qsizetype end = newline < 0 ? m_pending.size() : newline;
        if (end - start > m_maxLineBytes) {
            const QByteArray rest = m_pending.mid(start, m_maxLineBytes + 1);
            const qsizetype cut = cutPosition(rest, m_maxLineBytes);
            lines.append(QString::fromUtf8(rest.first(cut)));
            start += cut;
            continue;
        }
        if (newline < 0)
            break;
        lines.append(decodeLine(QByteArrayView(m_pending).sliced(start, end - start)));
        start = newline + 1;
    }
    m_pending.remove(0, start);
    return lines;
}

std::optional<QString> LineSplitter::flush()
{
    if (m_pending.isEmpty())
        return std::nullopt;
    const QString line = decodeLine(m_pending);
    m_pending.clear();
    return line;
}

} // namespace wpm
