// Tests for the flame-graph layout and the frame colours.

#include "profile/FlameLayout.h"
#include "FrameBuilders.h"

#include <QHash>
#include <QRandomGenerator>
#include <QTest>

using namespace wpm;
using testframes::native;
using testframes::python;

namespace {

CallTree build(const QList<std::pair<QString, quint64>>& stacks)
{
    CallTree tree;
    for (const auto& [text, samples] : stacks) {
        QList<Frame> frames;
        for (const QString& name : text.split(u';', Qt::SkipEmptyParts))
            frames.append(name.endsWith(QStringLiteral(".py")) ? python(name) : native(name));
        tree.addStack(frames, samples);
    }
    return tree;
}

// A rectangle described without node ids, which depend on insertion order.
QString describe(const CallTree& tree, const FlameRect& rect)
{
    const QString name
        = rect.node == kRootNode ? QStringLiteral("all") : tree.frame(tree.node(rect.node).frame).function;
    return QStringLiteral("%1@%2 x=%3 w=%4 #%5")
        .arg(name)
        .arg(rect.depth)
        .arg(rect.x, 0, 'g', 17)
        .arg(rect.width, 0, 'g', 17)
        .arg(rect.colour, 8, 16, QChar(u'0'));
}

QStringList describe(const CallTree& tree, const QList<FlameRect>& rects)
{
    QStringList lines;
    for (const FlameRect& rect : rects)
        lines.append(describe(tree, rect));
    return lines;
}

QList<std::pair<QString, quint64>> randomStacks(quint32 seed, int count)
{
    QRandomGenerator random(seed);
    QList<std::pair<QString, quint64>> stacks;
    for (int i = 0; i < count; ++i) {
        QStringList frames;
        const int depth = random.bounded(0, 10);
        for (int d = 0; d < depth; ++d)
            frames.append(QStringLiteral("f%1%2").arg(random.bounded(0, 6)).arg(d % 2 ? ".py" : ""));
        stacks.append({ frames.join(u';'), quint64(random.bounded(1, 50)) });
    }
    return stacks;
}

constexpr double kEpsilon = 1e-9;

} // namespace

class TestFlameLayout : public QObject {
    Q_OBJECT

private slots:
    void smallExample()
    {
        const CallTree tree = build({ { "d", 1 }, { "a;c", 1 }, { "a;b", 2 } });
        const QStringList expected {
            QStringLiteral("all@0 x=0 w=400 #%1").arg(kRootColour, 8, 16, QChar(u'0')),
            QStringLiteral("a@1 x=0 w=300 #%1").arg(frameColour(native("a")), 8, 16, QChar(u'0')),
            QStringLiteral("d@1 x=300 w=100 #%1").arg(frameColour(native("d")), 8, 16, QChar(u'0')),
            QStringLiteral("b@2 x=0 w=200 #%1").arg(frameColour(native("b")), 8, 16, QChar(u'0')),
            QStringLiteral("c@2 x=200 w=100 #%1").arg(frameColour(native("c")), 8, 16, QChar(u'0')),
        };
        QCOMPARE(describe(tree, layoutFlameGraph(tree, 400, 0)), expected);
    }

    void selfTimeLeavesAGapOnTheRight()
    {
        const CallTree tree = build({ { "a", 3 }, { "a;b", 1 } });
        const QList<FlameRect> rects = layoutFlameGraph(tree, 100, 0);
        QCOMPARE(rects.size(), 3);
        QCOMPARE(rects[2].x, 0.0);
        QCOMPARE(rects[2].width, 25.0);
    }

    void independentOfInsertionOrder()
    {
        const QList<std::pair<QString, quint64>> stacks = randomStacks(99, 400);
        QList<std::pair<QString, quint64>> shuffled = stacks;
        std::reverse(shuffled.begin(), shuffled.end());
        std::rotate(shuffled.begin(), shuffled.begin() + 137, shuffled.end());
        const CallTree one = build(stacks);
        const CallTree two = build(shuffled);
        QVERIFY(one.sameAs(two));

        const QStringList first = describe(one, layoutFlameGraph(one, 1200, 0.5));
        QVERIFY(first.size() > 100);
        QCOMPARE(describe(two, layoutFlameGraph(two, 1200, 0.5)), first);
        QCOMPARE(describe(one, layoutFlameGraph(one, 1200, 0.5)), first);
    }

    void geometryNests_data()
    {
        QTest::addColumn<quint32>("seed");
        QTest::addColumn<double>("minWidth");
        QTest::newRow("everything") << 1u << 0.0;
        QTest::newRow("min width 2") << 2u << 2.0;
        QTest::newRow("min width 30") << 3u << 30.0;
    }

    void geometryNests()
    {
        QFETCH(quint32, seed);
        QFETCH(double, minWidth);
        const CallTree tree = build(randomStacks(seed, 500));
        const double width = 1000;
        const QList<FlameRect> rects = layoutFlameGraph(tree, width, minWidth);
        QVERIFY(!rects.isEmpty());
        QCOMPARE(rects.front().node, kRootNode);
        QCOMPARE(rects.front().depth, 0);
        QCOMPARE(rects.front().x, 0.0);
        QCOMPARE(rects.front().width, width);

        QHash<NodeId, FlameRect> byNode;
        QHash<NodeId, double> childWidths;
        for (qsizetype i = 0; i < rects.size(); ++i) {
            const FlameRect& rect = rects[i];
            if (i > 0) {
                const FlameRect& previous = rects[i - 1];
                QVERIFY(previous.depth < rect.depth
                    || (previous.depth == rect.depth && previous.x + previous.width <= rect.x + kEpsilon));
            }
            QVERIFY(rect.width >= minWidth);
            const CallTree::Node& node = tree.node(rect.node);
            QCOMPARE(rect.width, double(node.totalSamples) / double(tree.totalSamples()) * width);
            byNode.insert(rect.node, rect);
            if (rect.node == kRootNode)
                continue;
            QCOMPARE(rect.colour, frameColour(tree.frame(node.frame)));
            QVERIFY2(byNode.contains(node.parent), "a parent is laid out before its children");
            const FlameRect parent = byNode.value(node.parent);
            QCOMPARE(rect.depth, parent.depth + 1);
            QVERIFY(rect.x >= parent.x - kEpsilon);
            QVERIFY(rect.x + rect.width <= parent.x + parent.width + kEpsilon);
            childWidths[node.parent] += rect.width;
        }
        for (auto it = childWidths.cbegin(); it != childWidths.cend(); ++it)
            QVERIFY(it.value() <= byNode.value(it.key()).width + kEpsilon);

        // Exactly the nodes at least minWidth wide whose ancestors are all kept are laid out.
        qsizetype expected = 0;
        for (NodeId id = 0; id < tree.nodeCount(); ++id) {
            bool kept = true;
            for (NodeId n = id; n != kNoNode && kept; n = tree.node(n).parent)
                kept = double(tree.node(n).totalSamples) / double(tree.totalSamples()) * width >= minWidth;
            expected += kept ? 1 : 0;
        }
        QCOMPARE(rects.size(), expected);
    }

    void minWidthDropsSubtrees_data()
    {
        QTest::addColumn<double>("minWidth");
        QTest::addColumn<QStringList>("names");
        // Widths at 100 px: all 100, big 85, child 80, small 10, deep 10, deeper 6, tiny 5.
        QTest::newRow("keep all") << 0.0 << QStringList { "all", "big", "small", "tiny", "child", "deep", "deeper" };
        QTest::newRow("min width equal to a width keeps it")
            << 10.0 << QStringList { "all", "big", "small", "child", "deep" };
        QTest::newRow("drop deeper") << 7.0 << QStringList { "all", "big", "small", "child", "deep" };
        QTest::newRow("drop the small subtree") << 11.0 << QStringList { "all", "big", "child" };
        QTest::newRow("drop all children") << 90.0 << QStringList { "all" };
        QTest::newRow("drop everything") << 101.0 << QStringList {};
    }

    void minWidthDropsSubtrees()
    {
        QFETCH(double, minWidth);
        QFETCH(QStringList, names);
        const CallTree tree = build(
            { { "big;child", 80 }, { "big", 5 }, { "small;deep;deeper", 6 }, { "small;deep", 4 }, { "tiny", 5 } });
        QStringList laidOut;
        for (const FlameRect& rect : layoutFlameGraph(tree, 100, minWidth))
            laidOut.append(describe(tree, rect).section(u'@', 0, 0));
        QCOMPARE(laidOut, names);
    }

    void droppedSiblingsKeepTheirSpace()
    {
        const CallTree tree = build({ { "a", 5 }, { "b", 95 } });
        const QList<FlameRect> rects = layoutFlameGraph(tree, 100, 10);
        QCOMPARE(rects.size(), 2);
        QCOMPARE(rects[1].x, 5.0);
        QCOMPARE(rects[1].width, 95.0);
    }

    void nothingToLayOut()
    {
        QVERIFY(layoutFlameGraph(CallTree(), 100, 0).isEmpty());
        const CallTree tree = build({ { "a", 1 } });
        QVERIFY(layoutFlameGraph(tree, 0, 0).isEmpty());
        QVERIFY(layoutFlameGraph(tree, -5, 0).isEmpty());
    }

    void fnv1aVectors_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<quint32>("hash");
        QTest::newRow("empty") << QByteArray() << 0x811c9dc5u;
        QTest::newRow("a") << QByteArray("a") << 0xe40c292cu;
        QTest::newRow("foobar") << QByteArray("foobar") << 0xbf9cf968u;
    }

    void fnv1aVectors()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(quint32, hash);
        QCOMPARE(fnv1a32(bytes), hash);
    }

    void knownColours()
    {
        // fnv1a32("a") = 0xe40c292c: b0 = 0x2c, b1 = 0x29, b2 = 0x0c (see the formula in FlameLayout.h).
        QCOMPARE(frameColour(native("a")), 0xffcf2708u);
        QCOMPARE(frameColour(python("a")), 0xff35b590u);
    }

    void colourDependsOnlyOnNameAndKind()
    {
        QCOMPARE(frameColour(native("malloc", "libc.so.6")), frameColour(native("malloc")));
        QCOMPARE(frameColour(python("handle", "a.py", 1)), frameColour(python("handle", "b.py", 7)));
        QVERIFY(frameColour(native("malloc")) != frameColour(native("free")));
        QVERIFY(frameColour(native("handle")) != frameColour(python("handle")));
    }

    void palettesDiffer()
    {
        QRandomGenerator random(5);
        for (int i = 0; i < 500; ++i) {
            const QString name = QString::number(random.generate64(), 36);
            const Rgb warm = frameColour(native(name));
            const Rgb cool = frameColour(python(name));
            QCOMPARE(warm >> 24, 0xffu);
            QCOMPARE(cool >> 24, 0xffu);
            const auto red = [](Rgb c) { return int((c >> 16) & 0xff); };
            const auto green = [](Rgb c) { return int((c >> 8) & 0xff); };
            const auto blue = [](Rgb c) { return int(c & 0xff); };
            QVERIFY(red(warm) >= 205 && green(warm) <= 230 && blue(warm) <= 55);
            QVERIFY(red(cool) <= 120 && green(cool) >= 170 && blue(cool) >= 140);
        }
    }
};

QTEST_GUILESS_MAIN(TestFlameLayout)
#include "tst_flamelayout.moc"
