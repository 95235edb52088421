#include "profile/FoldedFrame.h"

#include <optional>

namespace wpm {
namespace {

// Start of the bracket group `open ... close` that ends `text`, if that group is balanced and
// preceded by a space (the separator). Scanning from the end lets names contain anything.
std::optional<qsizetype> trailingGroup(QStringView text, QChar open, QChar close)
{
    if (!text.endsWith(close))
        return std::nullopt;
    int depth = 0;
    for (qsizetype i = text.size() - 1; i >= 0; --i) {
        if (text[i] == close) {
            ++depth;
        } else if (text[i] == open && --depth == 0) {
            if (i >= 1 && text[i - 1] == u' ')
                return i;
            return std::nullopt;
        }
    }
    return std::nullopt;
}

// Splits `file:line`; the line is a trailing `:digits` (optionally negative) that fits an int.
bool splitLineNumber(QStringView location, QStringView* file, int* line)
{
    const qsizetype colon = location.lastIndexOf(u':');
    if (colon < 0)
        return false;
    const QStringView digits = location.sliced(colon + 1);
    const QStringView unsignedDigits = digits.startsWith(u'-') ? digits.sliced(1) : digits;
    if (unsignedDigits.isEmpty())
        return false;
    for (const QChar c : unsignedDigits) {
        if (c < u'0' || c > u'9')
            return false;
    }
    bool ok = false;
    const int value = digits.toInt(&ok);
    if (!ok)
        return false;
    *file = location.first(colon);
    *line = value;
    return true;
}

QString sanitized(QString text)
{
    text.replace(u';', u':');
    text.replace(u'\n', u' ');
    text.replace(u'\r', u' ');
    return text;
}

QString locationText(const QString& file, int line)
{
    if (line != 0)
        return file + u':' + QString::number(line);
    QStringView ignoredFile;
    int ignoredLine = 0;
    if (splitLineNumber(file, &ignoredFile, &ignoredLine))
        return file + QStringLiteral(":0"); // else `a.py:3` with no line would read back as line 3
    return file;
}

} // namespace

QString encodeFoldedFrame(const Frame& frame)
{
    const QString function = sanitized(frame.function);
    const QString file = sanitized(frame.file);
    if (frame.kind == FrameKind::Python)
        return function + QStringLiteral(" (") + locationText(file, frame.line) + u')';

    const QString module = sanitized(frame.module);
    const bool hasLocation = !file.isEmpty() || frame.line != 0;
    Frame bare;
    bare.function = function;
    QString text = function;
    if (!module.isEmpty() || hasLocation || function.isEmpty() || decodeFoldedFrame(function) != bare)
        text += QStringLiteral(" [") + module + u']';
    if (hasLocation)
        text += QStringLiteral(" (") + locationText(file, frame.line) + u')';
    return text;
}

Frame decodeFoldedFrame(QStringView text)
{
    Frame frame;
    QStringView rest = text;

    std::optional<QStringView> location;
    if (const auto open = trailingGroup(rest, u'(', u')')) {
        location = rest.sliced(*open + 1, rest.size() - *open - 2);
        rest = rest.first(*open - 1);
    }
    std::optional<QStringView> module;
    if (const auto open = trailingGroup(rest, u'[', u']')) {
        module = rest.sliced(*open + 1, rest.size() - *open - 2);
        rest = rest.first(*open - 1);
    }

    frame.function = rest.toString();
    if (module)
        frame.module = module->toString();
    else if (location)
        frame.kind = FrameKind::Python;
    if (location) {
        QStringView file = *location;
        splitLineNumber(*location, &file, &frame.line); // leaves both alone when there is no line
        frame.file = file.toString();
    }
    return frame;
}

} // namespace wpm
