// Tests for CallTree: building from stacks, counts, deterministic sibling order and sameAs().

#include "profile/CallTree.h"
#include "FrameBuilders.h"

#include <QHash>
#include <QRandomGenerator>
#include <QTest>

#include <limits>

using namespace wpm;
using testframes::native;
using testframes::python;

namespace {

// "a;b;c" -> native frames a, b, c (root first).
QList<Frame> stack(const QString& text)
{
    QList<Frame> frames;
    if (!text.isEmpty()) {
        for (const QString& name : text.split(u';'))
            frames.append(native(name));
    }
    return frames;
}

// Follows a path of native names from the root; kNoNode when it does not exist.
NodeId find(const CallTree& tree, const QString& path)
{
    NodeId id = kRootNode;
    for (const Frame& frame : stack(path)) {
        const FrameId frameId = tree.frames().find(frame);
        id = frameId == kNoFrame ? kNoNode : tree.child(id, frameId);
        if (id == kNoNode)
            break;
    }
    return id;
}

CallTree build(const QList<std::pair<QString, quint64>>& stacks)
{
    CallTree tree;
    for (const auto& [text, samples] : stacks)
        tree.addStack(stack(text), samples, qint64(samples) * 10);
    return tree;
}

} // namespace

class TestCallTree : public QObject {
    Q_OBJECT

private slots:
    void countsSelfAndTotal()
    {
        CallTree tree;
        tree.addStack(stack("a;b;c"), 3, 300);
        tree.addStack(stack("a;b"), 2, 200);
        tree.addStack(stack("a;d"), 1, 100);

        QCOMPARE(tree.nodeCount(), 5);
        QCOMPARE(tree.totalSamples(), 6u);
        QCOMPARE(tree.totalNs(), 600);
        QCOMPARE(tree.maxDepth(), 3);
        QCOMPARE(tree.node(kRootNode).selfSamples, 0u);
        QCOMPARE(tree.node(kRootNode).frame, kNoFrame);
        QCOMPARE(tree.node(kRootNode).parent, kNoNode);

        struct Expected {
            const char* path;
            quint64 self, total;
            qint64 selfNs, totalNs;
        };
        const Expected expected[] = { { "a", 0, 6, 0, 600 }, { "a;b", 2, 5, 200, 500 }, { "a;b;c", 3, 3, 300, 300 },
            { "a;d", 1, 1, 100, 100 } };
        for (const Expected& e : expected) {
            const NodeId id = find(tree, QString::fromLatin1(e.path));
            QVERIFY2(id != kNoNode, e.path);
            const CallTree::Node& node = tree.node(id);
            QCOMPARE(node.selfSamples, e.self);
            QCOMPARE(node.totalSamples, e.total);
            QCOMPARE(node.selfNs, e.selfNs);
            QCOMPARE(node.totalNs, e.totalNs);
        }
        const NodeId b = find(tree, "a;b");
        QCOMPARE(tree.node(b).parent, find(tree, "a"));
        QCOMPARE(tree.frame(tree.node(b).frame), native("b"));
    }

    void nodesPerStacks_data()
    {
        QTest::addColumn<QStringList>("stacks");
        QTest::addColumn<int>("nodes");
        QTest::newRow("shared prefix merges") << QStringList { "a;b", "a;c" } << 4;
        QTest::newRow("same stack twice") << QStringList { "a;b", "a;b" } << 3;
        QTest::newRow("same frames, other order") << QStringList { "a;b", "b;a" } << 5;
        QTest::newRow("recursion is a path") << QStringList { "a;a;a" } << 4;
        QTest::newRow("prefix of another") << QStringList { "a;b;c", "a;b", "a" } << 4;
        QTest::newRow("empty stack") << QStringList { "" } << 1;
    }

    void nodesPerStacks()
    {
        QFETCH(QStringList, stacks);
        QFETCH(int, nodes);
        CallTree tree;
        for (const QString& text : stacks)
            tree.addStack(stack(text));
        QCOMPARE(tree.nodeCount(), nodes);
        QCOMPARE(tree.totalSamples(), quint64(stacks.size()));
    }

    void framesDifferingInAnyFieldAreDistinct()
    {
        Frame other = python("f", "a.py", 1);
        const QList<Frame> variants { python("f", "a.py", 1), python("f", "a.py", 2), python("f", "b.py", 1),
            native("f"), native("f", "libf.so") };
        CallTree tree;
        for (const Frame& frame : variants)
            tree.addStack(QList<Frame> { frame });
        tree.addStack(QList<Frame> { other }); // equal to the first: merges
        QCOMPARE(tree.nodeCount(), 1 + variants.size());
        QCOMPARE(tree.frames().size(), variants.size());
        QCOMPARE(tree.node(tree.child(kRootNode, tree.frames().find(other))).totalSamples, 2u);
    }

    void emptyStackCountsOnRoot()
    {
        CallTree tree;
        tree.addStack(std::span<const Frame>(), 2, 50);
        QCOMPARE(tree.nodeCount(), 1);
        QCOMPARE(tree.node(kRootNode).selfSamples, 2u);
        QCOMPARE(tree.node(kRootNode).selfNs, 50);
        QCOMPARE(tree.totalSamples(), 2u);
        QCOMPARE(tree.maxDepth(), 0);
    }

    void frameIdOverloadMatchesFrames()
    {
        CallTree byFrames;
        byFrames.addStack(stack("a;b"), 4, 40);
        CallTree byIds;
        const QList<FrameId> ids { byIds.internFrame(native("a")), byIds.internFrame(native("b")) };
        byIds.addStack(ids, 4, 40);
        QVERIFY(byIds.sameAs(byFrames));
        QCOMPARE(byIds.internFrame(native("a")), ids[0]); // interning is idempotent
    }

    void durationsSaturate()
    {
        constexpr qint64 big = std::numeric_limits<qint64>::max() - 10;
        CallTree tree;
        tree.addStack(stack("a"), 1, big);
        tree.addStack(stack("a"), 1, big);
        QCOMPARE(tree.totalNs(), std::numeric_limits<qint64>::max());
    }

    void sortedChildrenIsDeterministic()
    {
        // Expected sibling order: function, then file, module, line, kind.
        // Each neighbour pair differs first in the field that decides its order.
        const QList<Frame> expected {
            native("a"),
            python("a", "", 0), // kind: native first
            python("a", "", 3), // line
            native("a", "liba.so"), // module
            python("a", "x.py", 1), // file
            python("a", "x.py", 2),
            native("b"), // function
            native("z"),
        };
        QList<Frame> a = expected;
        QList<Frame> b = expected;
        std::reverse(b.begin(), b.end());
        std::swap(a[0], a[4]);

        for (const QList<Frame>& order : { a, b }) {
            CallTree tree;
            for (const Frame& frame : order)
                tree.addStack(QList<Frame> { frame });
            QList<Frame> sorted;
            for (const NodeId id : tree.sortedChildren(kRootNode))
                sorted.append(tree.frame(tree.node(id).frame));
            QCOMPARE(sorted, expected);
        }
    }

    void sameAsIgnoresInsertionOrder()
    {
        const QList<std::pair<QString, quint64>> stacks { { "a;b;c", 3 }, { "a;d", 1 }, { "e", 2 }, { "a;b", 5 },
            { "", 1 } };
        QList<std::pair<QString, quint64>> reversed = stacks;
        std::reverse(reversed.begin(), reversed.end());
        const CallTree one = build(stacks);
        const CallTree two = build(reversed);
        QVERIFY(one.sameAs(two));
        QVERIFY(two.sameAs(one));
        QVERIFY(one.sameAs(one));
    }

    void sameAsDetectsDifferences_data()
    {
        QTest::addColumn<QString>("extraStack");
        QTest::addColumn<quint64>("samples");
        QTest::newRow("one more sample on a leaf") << "a;b;c" << quint64(1);
        QTest::newRow("one more sample on an inner node") << "a;b" << quint64(1);
        QTest::newRow("a new leaf") << "a;b;x" << quint64(1);
        QTest::newRow("a new root child") << "x" << quint64(1);
        QTest::newRow("a node without samples") << "a;y" << quint64(0);
        QTest::newRow("root samples") << "" << quint64(1);
    }

    void sameAsDetectsDifferences()
    {
        QFETCH(QString, extraStack);
        QFETCH(quint64, samples);
        const QList<std::pair<QString, quint64>> stacks { { "a;b;c", 3 }, { "a;d", 1 } };
        const CallTree base = build(stacks);
        CallTree changed = build(stacks);
        changed.addStack(stack(extraStack), samples, 0);
        QVERIFY(!base.sameAs(changed));
        QVERIFY(!changed.sameAs(base));
    }

    void sameAsComparesLabelsAndDurations()
    {
        CallTree one;
        one.addStack(stack("a;b"));
        CallTree relabelled;
        relabelled.addStack(stack("a;c"));
        QVERIFY(!one.sameAs(relabelled));

        CallTree otherModule;
        otherModule.addStack(QList<Frame> { native("a"), native("b", "libb.so") });
        QVERIFY(!one.sameAs(otherModule));

        CallTree slower;
        slower.addStack(stack("a;b"), 1, 5);
        QVERIFY(!one.sameAs(slower));
    }

    void wideNode()
    {
        // 20k distinct children under one node: insertion must not scan siblings.
        CallTree tree;
        for (int i = 0; i < 20000; ++i)
            tree.addStack(stack(QStringLiteral("main;f%1").arg(i)));
        for (int i = 0; i < 20000; i += 7)
            tree.addStack(stack(QStringLiteral("main;f%1").arg(i)));
        QCOMPARE(tree.nodeCount(), 20002);
        const NodeId main = find(tree, "main");
        QCOMPARE(tree.node(main).children.size(), 20000);
        QCOMPARE(tree.node(find(tree, "main;f7")).selfSamples, 2u);
        QCOMPARE(tree.node(find(tree, "main;f8")).selfSamples, 1u);
    }

    void randomBuildMatchesNaiveRecount()
    {
        QRandomGenerator random(20240611);
        QList<Frame> alphabet;
        for (int i = 0; i < 12; ++i)
            alphabet.append(i % 3 == 0 ? python(QStringLiteral("f%1").arg(i), QStringLiteral("m%1.py").arg(i % 4), i)
                                       : native(QStringLiteral("s%1").arg(i), QStringLiteral("lib%1.so").arg(i % 2)));

        CallTree tree;
        // Naive model: every prefix of every stack, keyed by its frame indices.
        QHash<QList<int>, quint64> naiveTotal;
        QHash<QList<int>, quint64> naiveSelf;
        QHash<QList<int>, qint64> naiveTotalNs;
        int deepest = 0;
        for (int sample = 0; sample < 5000; ++sample) {
            const int depth = random.bounded(0, 16);
            QList<int> indices;
            QList<Frame> frames;
            for (int d = 0; d < depth; ++d) {
                indices.append(random.bounded(0, d < 3 ? 3 : int(alphabet.size())));
                frames.append(alphabet[indices.back()]);
            }
            const quint64 count = random.bounded(1, 4);
            const qint64 ns = random.bounded(0, 1000);
            tree.addStack(frames, count, ns);
            deepest = std::max(deepest, depth);
            naiveSelf[indices] += count;
            for (int d = 0; d <= depth; ++d) {
                naiveTotal[indices.first(d)] += count;
                naiveTotalNs[indices.first(d)] += ns;
            }
        }

        QCOMPARE(tree.nodeCount(), naiveTotal.size());
        QCOMPARE(tree.maxDepth(), deepest);
        for (NodeId id = 0; id < tree.nodeCount(); ++id) {
            QList<int> indices;
            for (NodeId n = id; n != kRootNode; n = tree.node(n).parent)
                indices.prepend(int(alphabet.indexOf(tree.frame(tree.node(n).frame))));
            const CallTree::Node& node = tree.node(id);
            QCOMPARE(node.totalSamples, naiveTotal.value(indices));
            QCOMPARE(node.selfSamples, naiveSelf.value(indices));
            QCOMPARE(node.totalNs, naiveTotalNs.value(indices));
            quint64 childTotals = 0;
            for (const NodeId child : node.children) {
                QCOMPARE(tree.node(child).parent, id);
                childTotals += tree.node(child).totalSamples;
            }
            QCOMPARE(node.totalSamples, node.selfSamples + childTotals);
        }
    }
};

QTEST_GUILESS_MAIN(TestCallTree)
#include "tst_calltree.moc"
