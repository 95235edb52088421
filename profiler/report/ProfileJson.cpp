#include "report/ProfileJson.h"

#include "report/TextEscape.h"

#include <QHash>

#include <cmath>

namespace wpm {
namespace {

QString number(double value)
{
    return std::isfinite(value) ? QString::number(value, 'g', 12) : QStringLiteral("0");
}

void appendMeta(QString& out, const ReportMetadata& meta)
{
    const auto field = [&out](QLatin1String key, bool first = false) {
        if (!first)
            out += u',';
        out += u'"';
        out += key;
        out += QLatin1String("\":");
    };
    out += u'{';
    field(QLatin1String("method"), true);
    appendJsonString(out, meta.method);
    field(QLatin1String("url"));
    appendJsonString(out, meta.url);
    field(QLatin1String("status"));
    out += QString::number(meta.status);
    field(QLatin1String("durationS"));
    out += number(meta.durationS);
    field(QLatin1String("thresholdS"));
    out += number(meta.thresholdS);
    field(QLatin1String("time"));
    appendJsonString(out, meta.time.isValid() ? meta.time.toUTC().toString(Qt::ISODateWithMs) : QString());
    field(QLatin1String("command"));
    appendJsonString(out, meta.command);
    field(QLatin1String("pid"));
    out += QString::number(meta.pid);
    field(QLatin1String("samples"));
    out += QString::number(meta.samples);
    field(QLatin1String("rateHz"));
    out += number(meta.rateHz);
    field(QLatin1String("overhead"));
    out += number(meta.overhead);
    out += u'}';
}

} // namespace

QList<NodeId> preorderNodes(const CallTree& tree)
{
    QList<NodeId> order;
    order.reserve(tree.nodeCount());
    QList<NodeId> stack { kRootNode };
    while (!stack.isEmpty()) {
        const NodeId id = stack.takeLast();
        order.append(id);
        const QList<NodeId> children = tree.sortedChildren(id);
        for (auto it = children.crbegin(); it != children.crend(); ++it)
            stack.append(*it);
    }
    return order;
}

QString profileJson(const CallTree& tree, const ReportMetadata& metadata)
{
    QString out;
    out.reserve(tree.nodeCount() * 24 + tree.frames().size() * 64 + 1024);
    out += QLatin1String("{\"format\":\"wpm-profile\",\"version\":1,\"meta\":");
    appendMeta(out, metadata);
    out += QLatin1String(",\"totalSamples\":") + QString::number(tree.totalSamples());
    out += QLatin1String(",\"totalNs\":") + QString::number(tree.totalNs());

    out += QLatin1String(",\"frames\":[");
    const QList<Frame>& frames = tree.frames().frames();
    for (qsizetype i = 0; i < frames.size(); ++i) {
        const Frame& frame = frames.at(i);
        out += i ? QLatin1String(",[") : QLatin1String("[");
        appendJsonString(out, frame.function);
        out += u',';
        appendJsonString(out, frame.file);
        out += u',' + QString::number(frame.line) + u',';
        appendJsonString(out, frame.module);
        out += frame.kind == FrameKind::Python ? QLatin1String(",1]") : QLatin1String(",0]");
    }

    out += QLatin1String("],\"nodes\":[");
    const QList<NodeId> order = preorderNodes(tree);
    QHash<NodeId, qsizetype> position; // node id -> index in `order`
    position.reserve(order.size());
    for (qsizetype i = 0; i < order.size(); ++i) {
        const NodeId id = order.at(i);
        position.insert(id, i);
        const CallTree::Node& node = tree.node(id);
        if (i)
            out += u',';
        out += QString::number(node.frame) + u','
            + QString::number(node.parent == kNoNode ? -1 : position.value(node.parent)) + u','
            + QString::number(node.selfSamples) + u',' + QString::number(node.totalSamples);
    }
    out += QLatin1String("]}");
    return out;
}

} // namespace wpm
