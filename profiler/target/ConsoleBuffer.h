#pragma once
// The launched server's recent console output, bounded by lines and by memory: the oldest lines are
// dropped first and counted, so a chatty server cannot fill the workbench's memory.

#include <QList>
#include <QString>

#include <deque>

namespace wpm {

struct ConsoleLine {
    QString text;
    bool isError = false; // from stderr

    bool operator==(const ConsoleLine&) const = default;
};

class ConsoleBuffer {
public:
    static constexpr qsizetype defaultMaxLines = 10'000;
    static constexpr qsizetype defaultMaxBytes = qsizetype { 4 } * 1024 * 1024;

    explicit ConsoleBuffer(qsizetype maxLines = defaultMaxLines, qsizetype maxBytes = defaultMaxBytes);

    // Drops the oldest lines as needed; the newest line is always kept, even when larger than maxBytes.
    void append(ConsoleLine line);
    void setLimits(qsizetype maxLines, qsizetype maxBytes);
    void clear();

    QList<ConsoleLine> lines() const;
    qsizetype lineCount() const { return qsizetype(m_lines.size()); }
    qsizetype byteCount() const { return m_bytes; } // memory held by the texts (UTF-16)
    quint64 droppedLineCount() const { return m_dropped; }
    qsizetype maxLines() const { return m_maxLines; }
    qsizetype maxBytes() const { return m_maxBytes; }

private:
    void dropToLimits();

    std::deque<ConsoleLine> m_lines;
    qsizetype m_bytes = 0;
    quint64 m_dropped = 0;
    qsizetype m_maxLines;
    qsizetype m_maxBytes;
};

} // namespace wpm
