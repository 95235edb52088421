#include "report/FunctionStats.h"

#include <QHash>

#include <algorithm>

namespace wpm {

QList<FunctionStat> topFunctions(const CallTree& tree, qsizetype limit)
{
    // Frames differing only by line (or module) are one function.
    QList<FunctionStat> stats;
    QList<qsizetype> statOfFrame(tree.frames().size(), -1);
    QHash<std::pair<QString, QString>, qsizetype> index;
    for (FrameId id = 0; id < tree.frames().size(); ++id) {
        const Frame& frame = tree.frame(id);
        const auto key = std::make_pair(frame.function, frame.file);
        auto it = index.find(key);
        if (it == index.end()) {
            it = index.insert(key, stats.size());
            stats.append({ frame.function, frame.file, frame.kind, 0, 0 });
        }
        statOfFrame[id] = *it;
    }

    // Depth-first with enter/leave events, counting how often each function is on the current path.
    QList<int> onPath(stats.size(), 0);
    QList<std::pair<NodeId, bool>> stack; // (node, leaving)
    for (const NodeId child : tree.node(kRootNode).children)
        stack.append({ child, false });
    while (!stack.isEmpty()) {
        const auto [id, leaving] = stack.takeLast();
        const CallTree::Node& node = tree.node(id);
        const qsizetype stat = statOfFrame.at(node.frame);
        if (leaving) {
            --onPath[stat];
            continue;
        }
        stats[stat].selfSamples += node.selfSamples;
        if (onPath.at(stat) == 0)
            stats[stat].totalSamples += node.totalSamples;
        ++onPath[stat];
        stack.append({ id, true });
        for (const NodeId child : node.children)
            stack.append({ child, false });
    }

    stats.removeIf([](const FunctionStat& s) { return s.totalSamples == 0; });
    std::sort(stats.begin(), stats.end(), [](const FunctionStat& a, const FunctionStat& b) {
        if (a.selfSamples != b.selfSamples)
            return a.selfSamples > b.selfSamples;
        if (a.totalSamples != b.totalSamples)
            return a.totalSamples > b.totalSamples;
        return a.function != b.function ? a.function < b.function : a.file < b.file;
    });
    if (limit >= 0 && stats.size() > limit)
        stats.resize(limit);
    return stats;
}

} // namespace wpm
