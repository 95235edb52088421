#include "report/SpeedscopeExport.h"

#include "core/Version.h"
#include "report/ProfileJson.h"
#include "report/TextEscape.h"

namespace wpm {

QString speedscopeJson(const CallTree& tree, const QString& name)
{
    QString out;
    out.reserve(tree.nodeCount() * 48 + tree.frames().size() * 64 + 512);
    out += QLatin1String("{\"$schema\":\"https://www.speedscope.app/file-format-schema.json\",\"exporter\":");
    appendJsonString(out, QStringLiteral("web-perfmonitor %1").arg(QLatin1String(kVersion)));
    out += QLatin1String(",\"name\":");
    appendJsonString(out, name);
    out += QLatin1String(",\"activeProfileIndex\":0,\"shared\":{\"frames\":[");
    const QList<Frame>& frames = tree.frames().frames();
    for (qsizetype i = 0; i < frames.size(); ++i) {
        const Frame& frame = frames.at(i);
        out += i ? QLatin1String(",{\"name\":") : QLatin1String("{\"name\":");
        appendJsonString(out, frame.function);
        const QString& file = frame.file.isEmpty() ? frame.module : frame.file;
        if (!file.isEmpty()) {
            out += QLatin1String(",\"file\":");
            appendJsonString(out, file);
        }
        if (frame.line > 0)
            out += QLatin1String(",\"line\":") + QString::number(frame.line);
        out += u'}';
    }
    out += QLatin1String("]},\"profiles\":[{\"type\":\"sampled\",\"name\":");
    appendJsonString(out, name);
    out += QLatin1String(",\"unit\":\"none\",\"startValue\":0,\"endValue\":") + QString::number(tree.totalSamples());

    // Paths are built from the root down, so each sample is its parent's path plus one frame.
    QString weights;
    out += QLatin1String(",\"samples\":[");
    QList<QString> pathOf(tree.nodeCount()); // "i,j,k" per node, released when no longer needed
    bool first = true;
    for (const NodeId id : preorderNodes(tree)) {
        const CallTree::Node& node = tree.node(id);
        if (id != kRootNode) {
            const QString& parentPath = pathOf.at(node.parent);
            pathOf[id]
                = parentPath.isEmpty() ? QString::number(node.frame) : parentPath + u',' + QString::number(node.frame);
        }
        if (node.selfSamples > 0) {
            if (!first) {
                out += u',';
                weights += u',';
            }
            first = false;
            out += u'[' + pathOf.at(id) + u']';
            weights += QString::number(node.selfSamples);
        }
        if (node.children.isEmpty())
            pathOf[id].clear();
    }
    out += QLatin1String("],\"weights\":[") + weights + QLatin1String("]}]}");
    return out;
}

} // namespace wpm
