#include "report/MarkdownReport.h"

#include "report/FunctionStats.h"
#include "report/ReportTexts.h"
#include "report/TextEscape.h"

#include <QFileInfo>

#include <algorithm>
#include <cmath>

namespace wpm {
namespace {

constexpr qsizetype kMaxUrl = 500;
constexpr qsizetype kMaxTitleUrl = 100;
constexpr qsizetype kMaxCommand = 300;
constexpr qsizetype kMaxNote = 300;
constexpr qsizetype kMaxName = 120;

QString percent(quint64 part, quint64 whole)
{
    return QString::number(whole ? 100.0 * double(part) / double(whole) : 0.0, 'f', 1) + u'%';
}

// Where a frame lives, for humans: file:line when known, else the module's file name.
QString location(const Frame& frame)
{
    if (!frame.file.isEmpty())
        return frame.line > 0 ? frame.file + u':' + QString::number(frame.line) : frame.file;
    return frame.module.isEmpty() ? QString() : QFileInfo(frame.module).fileName();
}

// Code-block text: literal, but one line and bounded.
QString plain(QString text, qsizetype maxLength = kMaxName)
{
    for (QChar& c : text) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            c = u' ';
    }
    if (text.size() > maxLength)
        text = text.left(maxLength) + QChar(0x2026);
    return text;
}

void appendSummary(QString& out, const CallTree& tree, const ReportMetadata& meta)
{
    out += QLatin1String("### ") + reportText(u"slowRequest") + QLatin1String(": ") + markdownEscaped(meta.method, 16)
        + u' ' + markdownEscaped(meta.url, kMaxTitleUrl) + QLatin1String(" (") + secondsText(meta.durationS)
        + QLatin1String(")\n\n");
    out += QLatin1String("| | |\n|---|---|\n");
    for (const SummaryField& field : summaryFields(tree, meta)) {
        using Kind = SummaryField::Kind;
        const qsizetype limit = field.kind == Kind::Method ? 16
            : field.kind == Kind::Url                       ? kMaxUrl
            : field.kind == Kind::Command                   ? kMaxCommand
            : field.kind == Kind::Note                      ? kMaxNote
                                                            : 0;
        const QString value = field.value.isEmpty() ? QStringLiteral("\\-")
            : field.kind == Kind::Figure               ? field.value
                                                       : markdownEscaped(field.value, limit);
        out += QLatin1String("| ") + markdownEscaped(field.label) + QLatin1String(" | ") + value + QLatin1String(" |\n");
    }
    out += u'\n';
}

void appendHotPath(QString& out, const CallTree& tree, const MarkdownLimits& limits)
{
    out += QLatin1String("#### ") + reportText(u"hottestPath") + QLatin1String("\n\n");
    const quint64 total = tree.totalSamples();
    NodeId id = kRootNode;
    int step = 0;
    QString section;
    while (!tree.node(id).children.isEmpty()) {
        const QList<NodeId>& children = tree.node(id).children;
        id = *std::max_element(children.begin(), children.end(), [&tree](NodeId a, NodeId b) {
            const quint64 ta = tree.node(a).totalSamples, tb = tree.node(b).totalSamples;
            return ta != tb ? ta < tb
                            : compareFrames(tree.frame(tree.node(a).frame), tree.frame(tree.node(b).frame)) > 0;
        });
        if (++step > limits.maxHotPath) {
            section += QStringLiteral("%1. \u2026\n").arg(step);
            break;
        }
        const CallTree::Node& node = tree.node(id);
        const Frame& frame = tree.frame(node.frame);
        QString line = QString::number(step) + QLatin1String(". ") + percent(node.totalSamples, total)
            + QLatin1String(" **") + markdownEscaped(frame.function, kMaxName) + QLatin1String("**");
        if (const QString where = location(frame); !where.isEmpty())
            line += QStringLiteral(" \u2014 ") + markdownEscaped(where, kMaxName);
        if (section.size() + line.size() > limits.maxHotPathChars) {
            section += QStringLiteral("%1. \u2026\n").arg(step);
            break;
        }
        section += line + u'\n';
    }
    out += section;
    if (step == 0)
        out += reportText(u"noSamples") + u'\n';
    out += u'\n';
}

QString treeBlock(const CallTree& tree, const MarkdownLimits& limits)
{
    const quint64 total = tree.totalSamples();
    const quint64 minSamples = std::max<quint64>(1, quint64(std::ceil(limits.minFraction * double(total))));
    QString body = QLatin1String("  total    self  function\n");
    int lines = 0;
    // Depth first, siblings biggest first (reads better than alphabetical in a post). An entry with
    // node kNoNode is the "… N more calls" line of its parent, popped after the parent's children.
    struct Entry {
        NodeId node;
        int depth;
        quint64 hiddenSamples = 0;
        int hiddenCount = 0;
    };
    QList<Entry> stack { { kRootNode, 0 } };
    while (!stack.isEmpty()) {
        const Entry entry = stack.takeLast();
        if (entry.node != kRootNode && (++lines > limits.maxTreeLines || body.size() > limits.maxTreeChars)) {
            body += QStringLiteral("\u2026 ") + reportText(u"treeCut") + u'\n';
            break;
        }
        const QString indent(2 * std::max(0, entry.depth - 1), u' ');
        if (entry.node == kNoNode) {
            body += percent(entry.hiddenSamples, total).rightJustified(7) + QString(10, u' ') + indent
                + QStringLiteral("\u2026 ") + reportText(u"moreCalls").arg(entry.hiddenCount) + u'\n';
            continue;
        }
        const CallTree::Node& node = tree.node(entry.node);
        if (entry.node != kRootNode) {
            const Frame& frame = tree.frame(node.frame);
            body += percent(node.totalSamples, total).rightJustified(7)
                + percent(node.selfSamples, total).rightJustified(8) + QLatin1String("  ") + indent
                + plain(frame.function);
            if (const QString where = location(frame); !where.isEmpty())
                body += QLatin1String("  (") + plain(where) + u')';
            body += u'\n';
        }
        QList<NodeId> kept;
        Entry hidden { kNoNode, entry.depth + 1 };
        for (const NodeId child : node.children) {
            if (tree.node(child).totalSamples >= minSamples && entry.depth < limits.maxDepth) {
                kept.append(child);
            } else {
                hidden.hiddenSamples += tree.node(child).totalSamples;
                ++hidden.hiddenCount;
            }
        }
        std::sort(kept.begin(), kept.end(), [&tree](NodeId a, NodeId b) {
            const quint64 ta = tree.node(a).totalSamples, tb = tree.node(b).totalSamples;
            return ta != tb ? ta > tb
                            : compareFrames(tree.frame(tree.node(a).frame), tree.frame(tree.node(b).frame)) < 0;
        });
        if (hidden.hiddenCount > 0)
            stack.append(hidden);
        for (auto it = kept.crbegin(); it != kept.crend(); ++it)
            stack.append({ *it, entry.depth + 1 });
    }
    return body;
}

// A backtick fence longer than any backtick run in `body`, so the body cannot close it.
QString fenceFor(const QString& body)
{
    qsizetype longest = 0, run = 0;
    for (const QChar c : body) {
        run = c == u'`' ? run + 1 : 0;
        longest = std::max(longest, run);
    }
    return QString(std::max<qsizetype>(3, longest + 1), u'`');
}

void appendTopFunctions(QString& out, const CallTree& tree, const MarkdownLimits& limits)
{
    out += QLatin1String("#### ") + reportText(u"topFunctions") + QLatin1String("\n\n| ") + reportText(u"self")
        + QLatin1String(" | ") + reportText(u"total") + QLatin1String(" | ") + reportText(u"function")
        + QLatin1String(" | ") + reportText(u"location") + QLatin1String(" |\n|---:|---:|---|---|\n");
    const quint64 total = tree.totalSamples();
    qsizetype size = 0;
    for (const FunctionStat& stat : topFunctions(tree, limits.topFunctions)) {
        const QString row = QLatin1String("| ") + percent(stat.selfSamples, total) + QLatin1String(" | ")
            + percent(stat.totalSamples, total) + QLatin1String(" | ") + markdownEscaped(stat.function, kMaxName)
            + QLatin1String(" | ") + markdownEscaped(stat.file, kMaxName) + QLatin1String(" |\n");
        if ((size += row.size()) > limits.maxTopFunctionsChars)
            break;
        out += row;
    }
    out += u'\n';
}

} // namespace

QString markdownReport(const CallTree& tree, const ReportMetadata& metadata, const MarkdownLimits& limits)
{
    QString out;
    appendSummary(out, tree, metadata);
    appendHotPath(out, tree, limits);
    out += QLatin1String("#### ") + reportText(u"callTree") + QLatin1String("\n\n");
    const QString body = treeBlock(tree, limits);
    const QString fence = fenceFor(body);
    out += fence + QLatin1String("text\n") + body + fence + QLatin1String("\n\n");
    appendTopFunctions(out, tree, limits);
    return out;
}

} // namespace wpm
