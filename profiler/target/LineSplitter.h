#pragma once
// Cuts a byte stream (a child's stdout or stderr, read in arbitrary chunks) into text lines.
// A line longer than maxLineBytes is cut, so a program that never prints a newline cannot grow it forever.

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace wpm {

class LineSplitter {
public:
    static constexpr qsizetype defaultMaxLineBytes = qsizetype { 64 } * 1024;

    explicit LineSplitter(qsizetype maxLineBytes = defaultMaxLineBytes);

    // The lines completed by chunk, without their "\n" or "\r\n"; the rest waits for the next chunk.
    QList<QString> feed(QByteArrayView chunk);

    // The unterminated last line, if any, at end of stream.
    std::optional<QString> flush();

private:
    QByteArray m_pending;
    qsizetype m_maxLineBytes;
};

} // namespace wpm
