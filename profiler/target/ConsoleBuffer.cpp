#include "ConsoleBuffer.h"

namespace wpm {

namespace {

qsizetype bytesOf(const ConsoleLine& line)
{
    return line.text.size() * qsizetype(sizeof(QChar));
}

} // namespace

ConsoleBuffer::ConsoleBuffer(qsizetype maxLines, qsizetype maxBytes)
    : m_maxLines(qMax<qsizetype>(maxLines, 1))
    , m_maxBytes(qMax<qsizetype>(maxBytes, 0))
{
}

void ConsoleBuffer::append(ConsoleLine line)
{
    m_bytes += bytesOf(line);
    m_lines.push_back(std::move(line));
    dropToLimits();
}

void ConsoleBuffer::setLimits(qsizetype maxLines, qsizetype maxBytes)
{
    m_maxLines = qMax<qsizetype>(maxLines, 1);
    m_maxBytes = qMax<qsizetype>(maxBytes, 0);
    dropToLimits();
}

void ConsoleBuffer::clear()
{
    m_lines.clear();
    m_bytes = 0;
    m_dropped = 0;
}

QList<ConsoleLine> ConsoleBuffer::lines() const
{
    return { m_lines.begin(), m_lines.end() };
}

void ConsoleBuffer::dropToLimits()
{
    while (m_lines.size() > 1 && (qsizetype(m_lines.size()) > m_maxLines || m_bytes > m_maxBytes)) {
        m_bytes -= bytesOf(m_lines.front());
        m_lines.pop_front();
        ++m_dropped;
    }
}

} // namespace wpm
