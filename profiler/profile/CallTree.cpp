#include "profile/CallTree.h"

#include <QVarLengthArray>
#include <QtNumeric>

#include <algorithm>
#include <limits>
#include <utility>

namespace wpm {
namespace {

// Durations come from untrusted input (folded files); saturate rather than overflow.
qint64 saturatingAdd(qint64 a, qint64 b)
{
    qint64 sum = 0;
    if (qAddOverflow(a, b, &sum))
        return b > 0 ? std::numeric_limits<qint64>::max() : std::numeric_limits<qint64>::min();
    return sum;
}

} // namespace

CallTree::CallTree()
{
    m_nodes.append(Node {});
}

void CallTree::addStack(std::span<const Frame> rootFirst, quint64 samples, qint64 durationNs)
{
    QVarLengthArray<FrameId, 128> ids; // no allocation for typical stack depths
    for (const Frame& frame : rootFirst)
        ids.append(m_frames.intern(frame));
    addStack(std::span<const FrameId>(ids.data(), size_t(ids.size())), samples, durationNs);
}

void CallTree::addStack(std::span<const FrameId> rootFirst, quint64 samples, qint64 durationNs)
{
    NodeId current = kRootNode;
    Node& root = m_nodes[kRootNode];
    root.totalSamples += samples;
    root.totalNs = saturatingAdd(root.totalNs, durationNs);
    for (const FrameId frame : rootFirst) {
        Q_ASSERT(m_frames.contains(frame));
        current = findOrAddChild(current, frame);
        Node& node = m_nodes[current];
        node.totalSamples += samples;
        node.totalNs = saturatingAdd(node.totalNs, durationNs);
    }
    Node& leaf = m_nodes[current];
    leaf.selfSamples += samples;
    leaf.selfNs = saturatingAdd(leaf.selfNs, durationNs);
    m_maxDepth = std::max(m_maxDepth, int(rootFirst.size()));
}

NodeId CallTree::child(NodeId parent, FrameId frame) const
{
    return m_childIndex.value(childKey(parent, frame), kNoNode);
}

NodeId CallTree::findOrAddChild(NodeId parent, FrameId frame)
{
    const quint64 key = childKey(parent, frame);
    if (const auto it = m_childIndex.constFind(key); it != m_childIndex.cend())
        return it.value();
    const auto id = NodeId(m_nodes.size());
    Node node;
    node.frame = frame;
    node.parent = parent;
    m_nodes.append(std::move(node));
    m_nodes[parent].children.append(id);
    m_childIndex.insert(key, id);
    return id;
}

QList<NodeId> CallTree::sortedChildren(NodeId id) const
{
    QList<NodeId> children = m_nodes.at(id).children;
    std::sort(children.begin(), children.end(), [this](NodeId a, NodeId b) {
        return compareFrames(frame(m_nodes.at(a).frame), frame(m_nodes.at(b).frame)) < 0;
    });
    return children;
}

bool CallTree::sameAs(const CallTree& other) const
{
    // Walk both trees in step; siblings are paired through the insertion-independent sorted order.
    // An explicit stack, because sampled stacks can be thousands of frames deep.
    QList<std::pair<NodeId, NodeId>> pending { { kRootNode, kRootNode } };
    while (!pending.isEmpty()) {
        const auto [a, b] = pending.takeLast();
        const Node& na = node(a);
        const Node& nb = other.node(b);
        if (na.selfSamples != nb.selfSamples || na.totalSamples != nb.totalSamples || na.selfNs != nb.selfNs
            || na.totalNs != nb.totalNs || na.children.size() != nb.children.size())
            return false;
        const QList<NodeId> ca = sortedChildren(a);
        const QList<NodeId> cb = other.sortedChildren(b);
        for (qsizetype i = 0; i < ca.size(); ++i) {
            if (frame(node(ca[i]).frame) != other.frame(other.node(cb[i]).frame))
                return false;
            pending.append({ ca[i], cb[i] });
        }
    }
    return true;
}

} // namespace wpm
