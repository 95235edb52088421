#include "profile/FlameLayout.h"

namespace wpm {
namespace {

constexpr Rgb opaque(int r, int g, int b)
{
    return 0xff000000u | (quint32(r) << 16) | (quint32(g) << 8) | quint32(b);
}

} // namespace

quint32 fnv1a32(QByteArrayView bytes)
{
    quint32 hash = 0x811c9dc5u;
    for (const char byte : bytes) {
        hash ^= quint8(byte);
        hash *= 0x01000193u;
    }
    return hash;
}

Rgb frameColour(const Frame& frame)
{
    const quint32 hash = fnv1a32(frame.function.toUtf8());
    const int b0 = int(hash & 0xff);
    const int b1 = int((hash >> 8) & 0xff);
    const int b2 = int((hash >> 16) & 0xff);
    if (frame.kind == FrameKind::Python)
        return opaque(40 + b0 * 80 / 255, 170 + b1 * 70 / 255, 140 + b2 * 100 / 255);
    return opaque(205 + b2 * 50 / 255, b0 * 230 / 255, b1 * 55 / 255);
}

QList<FlameRect> layoutFlameGraph(const CallTree& tree, double width, double minWidth)
{
    QList<FlameRect> rects;
    const quint64 rootTotal = tree.totalSamples();
    if (rootTotal == 0 || !(width > 0) || width < minWidth)
        return rects;
    const double scale = width / double(rootTotal);

    // Breadth first: each level is produced left to right inside its parents, which yields the
    // (depth, x) order without sorting. `offsets` holds each rectangle's left edge in samples.
    QList<quint64> offsets;
    QList<Rgb> colours(tree.frames().size(), 0); // by FrameId, computed once per frame (0 = not yet)
    const auto colourOf = [&](FrameId frame) {
        if (colours[frame] == 0)
            colours[frame] = frameColour(tree.frame(frame));
        return colours[frame];
    };
    rects.append({ kRootNode, 0, 0.0, width, kRootColour });
    offsets.append(0);
    for (qsizetype i = 0; i < rects.size(); ++i) {
        const FlameRect parent = rects.at(i);
        quint64 offset = offsets.at(i);
        for (const NodeId child : tree.sortedChildren(parent.node)) {
            const CallTree::Node& node = tree.node(child);
            const double childWidth = double(node.totalSamples) * scale;
            if (childWidth >= minWidth) {
                rects.append({ child, parent.depth + 1, double(offset) * scale, childWidth, colourOf(node.frame) });
                offsets.append(offset);
            }
            offset += node.totalSamples; // dropped siblings still take their space
        }
    }
    return rects;
}

} // namespace wpm
