// ProfileBuilder on stored samples: frames in no file make one "[unknown]" node under their caller, whatever their
// addresses, and frames of a module one node per function.

#include "sampling/ProfileBuilder.h"
#include "symbols/Symbolizer.h"

#include <QTest>

#include <limits>

using namespace wpm;

class TestProfileBuilder : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void codeInNoFileIsOneUnknownNode();
};

void TestProfileBuilder::codeInNoFileIsOneUnknownNode()
{
    SampleStore store;
    const quint32 module = store.internModule(QStringLiteral("/nonexistent/libserver.so"));
    // Innermost first: three different addresses of anonymous code, all called from the same place.
    for (const quint64 address : { 0x7f0000001000ull, 0x7f0000002345ull, 0x7f00000abcdeull }) {
        RawStack stack;
        stack.complete = true;
        stack.frames = { { 0, address }, { module, 0x100 } };
        store.append(1, 1, qint64(address), ThreadState::Running, stack);
    }
    Symbolizer symbolizer;
    ProfileBuilder builder(store.modules(), symbolizer);
    for (const StoredSample& stored : store.window(0, std::numeric_limits<qint64>::max()))
        builder.add(stored, 10'000'000);
    const CallTree& tree = builder.tree();
    QCOMPARE(tree.totalSamples(), 3u);
    const QList<NodeId>& roots = tree.node(kRootNode).children;
    QCOMPARE(roots.size(), 1);
    const QList<NodeId>& callees = tree.node(roots.front()).children;
    QCOMPARE(callees.size(), 1);
    QCOMPARE(tree.frame(tree.node(callees.front()).frame).function, QStringLiteral("[unknown]"));
    QCOMPARE(tree.node(callees.front()).totalSamples, 3u);
}

QTEST_GUILESS_MAIN(TestProfileBuilder)
#include "tst_profilebuilder.moc"
