#pragma once
// The call tree of a set of samples: one node per distinct call path, with sample and time counts.
// Every later stage uses it: capture builds one per slow request, reports and the flame graph render it.
// Const members keep no caches, so a finished tree can be shared as std::shared_ptr<const CallTree>.

#include "profile/FrameTable.h"

#include <QHash>
#include <QList>

#include <span>

namespace wpm {

using NodeId = qint32;
inline constexpr NodeId kNoNode = -1;
inline constexpr NodeId kRootNode = 0;

class CallTree {
public:
    struct Node {
        FrameId frame = kNoFrame; // kNoFrame for the root
        NodeId parent = kNoNode; // kNoNode for the root
        QList<NodeId> children; // in insertion order; see sortedChildren()
        quint64 selfSamples = 0; // samples whose innermost frame is this node
        quint64 totalSamples = 0; // samples passing through this node (self + children)
        qint64 selfNs = 0;
        qint64 totalNs = 0;
    };

    CallTree();

    // Adds one stack, outermost frame first, seen `samples` times over `durationNs`.
    // Every node on the path gains the totals, the innermost one the self counts;
    // an empty stack counts on the root. Cost: O(depth), one hash lookup per frame.
    void addStack(std::span<const Frame> rootFirst, quint64 samples = 1, qint64 durationNs = 0);
    // The same with ids from internFrame() of this tree (a sampler interns each frame once).
    void addStack(std::span<const FrameId> rootFirst, quint64 samples = 1, qint64 durationNs = 0);
    FrameId internFrame(const Frame& frame) { return m_frames.intern(frame); }

    const Node& node(NodeId id) const { return m_nodes.at(id); }
    qsizetype nodeCount() const { return m_nodes.size(); }
    const Frame& frame(FrameId id) const { return m_frames.frame(id); }
    const FrameTable& frames() const { return m_frames; }
    // The child of `parent` for `frame`, or kNoNode.
    NodeId child(NodeId parent, FrameId frame) const;

    quint64 totalSamples() const { return m_nodes.front().totalSamples; }
    qint64 totalNs() const { return m_nodes.front().totalNs; }
    // Depth of the deepest node; the root is at depth 0, its children at depth 1.
    int maxDepth() const { return m_maxDepth; }

    // Children ordered by their frames (compareFrames: function, file, module, line, kind),
    // the alphabetical sibling order of flame graphs; independent of insertion order.
    QList<NodeId> sortedChildren(NodeId id) const;

    // True when both trees have the same labelled shape and the same sample and time counts,
    // whatever order the stacks were added in (node and frame ids are ignored).
    bool sameAs(const CallTree& other) const;

private:
    static quint64 childKey(NodeId parent, FrameId frame) { return (quint64(quint32(parent)) << 32) | quint32(frame); }
    NodeId findOrAddChild(NodeId parent, FrameId frame);

    FrameTable m_frames;
    QList<Node> m_nodes;
    QHash<quint64, NodeId> m_childIndex; // (parent, frame) -> child, so wide nodes are not scanned
    int m_maxDepth = 0;
};

} // namespace wpm
