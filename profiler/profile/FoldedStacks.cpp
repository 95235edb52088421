#include "profile/FoldedStacks.h"

#include "profile/FoldedFrame.h"

#include <QCoreApplication>
#include <QHash>
#include <QtNumeric>

#include <algorithm>
#include <limits>

namespace wpm {
namespace {

// UTF-16 code-unit order differs from code-point order (= UTF-8 byte order) only where surrogates
// meet U+E000..U+FFFF; shifting those two ranges makes the sort match `LC_ALL=C sort`.
bool codePointLess(const QString& a, const QString& b)
{
    const auto key = [](QChar c) {
        const char16_t u = c.unicode();
        return u < 0xD800 ? u : char16_t(u < 0xE000 ? u + 0x2000 : u - 0x800);
    };
    return std::lexicographical_compare(
        a.cbegin(), a.cend(), b.cbegin(), b.cend(), [&key](QChar x, QChar y) { return key(x) < key(y); });
}

QString quoted(QStringView text, qsizetype limit)
{
    if (text.size() <= limit)
        return text.toString();
    return text.first(limit - 1).toString() + QChar(0x2026); // an ellipsis
}

bool isAsciiDigits(QStringView text)
{
    return !text.isEmpty() && std::all_of(text.begin(), text.end(), [](QChar c) { return c >= u'0' && c <= u'9'; });
}

struct FoldedLine {
    QStringView stack;
    quint64 count = 0;
    qint64 durationNs = 0;
};

// Splits `stack COUNT` (at the last space or tab, as flamegraph.pl does). The Error holds only the
// reason; the caller adds the line number and the line.
Result<FoldedLine> splitLine(QStringView line, qint64 nsPerSample)
{
    const qsizetype separator = std::max(line.lastIndexOf(u' '), line.lastIndexOf(u'\t'));
    if (separator < 0)
        return Error { QCoreApplication::translate(
            "wpm::FoldedStacks", "it has no sample count after the last space") };
    FoldedLine result;
    result.stack = line.first(separator);
    const QStringView countText = line.sliced(separator + 1);
    const QString shown = quoted(countText, 24);
    if (countText.startsWith(u'-') && isAsciiDigits(countText.sliced(1)))
        return Error {
            QCoreApplication::translate("wpm::FoldedStacks", "the sample count \"%1\" is negative").arg(shown)
        };
    if (!isAsciiDigits(countText))
        return Error {
            QCoreApplication::translate("wpm::FoldedStacks", "the sample count \"%1\" is not a whole number").arg(shown)
        };
    bool ok = false;
    result.count = countText.toULongLong(&ok);
    if (!ok || result.count > quint64(std::numeric_limits<qint64>::max())
        || qMulOverflow(qint64(result.count), nsPerSample, &result.durationNs))
        return Error {
            QCoreApplication::translate("wpm::FoldedStacks", "the sample count \"%1\" is too large").arg(shown)
        };
    if (result.stack.isEmpty())
        return Error { QCoreApplication::translate("wpm::FoldedStacks", "it has a sample count but no frames") };
    return result;
}

} // namespace

QString writeFolded(const CallTree& tree)
{
    QList<QString> frameTexts; // indexed by FrameId: each distinct frame is encoded once
    frameTexts.reserve(tree.frames().size());
    for (const Frame& frame : tree.frames().frames())
        frameTexts.append(encodeFoldedFrame(frame));

    QList<QString> lines;
    QList<FrameId> path;
    for (NodeId id = kRootNode + 1; id < tree.nodeCount(); ++id) {
        const CallTree::Node& node = tree.node(id);
        if (node.selfSamples == 0)
            continue;
        path.clear();
        for (NodeId n = id; n != kRootNode; n = tree.node(n).parent)
            path.append(tree.node(n).frame);
        QString line;
        for (auto it = path.crbegin(); it != path.crend(); ++it) {
            if (it != path.crbegin())
                line += u';';
            line += frameTexts.at(*it);
        }
        if (line.startsWith(u'#'))
            line[0] = u'_';
        line += u' ';
        line += QString::number(node.selfSamples);
        lines.append(line);
    }
    std::sort(lines.begin(), lines.end(), codePointLess);

    QString text;
    for (const QString& line : lines) {
        text += line;
        text += u'\n';
    }
    return text;
}

Result<CallTree> readFolded(QStringView text, qint64 nsPerSample)
{
    if (text.startsWith(QChar(0xFEFF)))
        text = text.sliced(1);

    CallTree tree;
    QHash<QStringView, FrameId> frameIds; // frame text -> id, so each distinct text is decoded once
    QList<FrameId> path;
    qsizetype lineNumber = 0;
    for (qsizetype start = 0; start < text.size();) {
        qsizetype end = text.indexOf(u'\n', start);
        if (end < 0)
            end = text.size();
        QStringView line = text.sliced(start, end - start);
        start = end + 1;
        ++lineNumber;

        while (!line.isEmpty() && (line.back() == u' ' || line.back() == u'\t' || line.back() == u'\r'))
            line.chop(1);
        if (line.isEmpty() || line.startsWith(u'#'))
            continue;

        const Result<FoldedLine> parsed = splitLine(line, nsPerSample);
        if (!parsed) {
            return Error { QCoreApplication::translate("wpm::FoldedStacks",
                "Line %1 of the folded stacks is invalid: %2. Each line must be "
                "\"frame;frame;frame COUNT\"; the line reads \"%3\".")
                               .arg(lineNumber)
                               .arg(parsed.error().message, quoted(line, 80)) };
        }
        if (parsed->count == 0)
            continue;
        const QStringView stack = parsed->stack;

        path.clear();
        for (qsizetype from = 0;;) {
            qsizetype to = stack.indexOf(u';', from);
            if (to < 0)
                to = stack.size();
            const QStringView frameText = stack.sliced(from, to - from);
            FrameId id = frameIds.value(frameText, kNoFrame);
            if (id == kNoFrame) {
                id = tree.internFrame(decodeFoldedFrame(frameText));
                frameIds.insert(frameText, id);
            }
            path.append(id);
            if (to == stack.size())
                break;
            from = to + 1;
        }
        tree.addStack(std::span<const FrameId>(path), parsed->count, parsed->durationNs);
    }
    return tree;
}

} // namespace wpm
