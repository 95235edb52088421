// The live flame graph page: the report renderer loaded from the resources receives profiles through
// the web channel, draws them, redraws when a new snapshot differs, and keeps its zoom across updates
// (found again by the path of names).

#include "FlameGraphView.h"
#include "PageScript.h"
#include "profile/FoldedStacks.h"
#include "report/ProfileJson.h"

#include <QFile>
#include <QSignalSpy>
#include <QTest>

using namespace wpm;

namespace {

QVariant evaluate(FlameGraphView& view, const QString& script)
{
    return evaluateInPage(view.page(), script);
}

QString fixture(const QString& name)
{
    QFile file(QStringLiteral(WPM_TEST_DATA_DIR "/") + name);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

QString profileOf(const QString& folded)
{
    const Result<CallTree> tree = readFolded(folded);
    return tree ? profileJson(*tree, ReportMetadata {}) : QString();
}

} // namespace

class TestFlameGraphView : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void receivesAndRedrawsSnapshots()
    {
        FlameGraphView view;
        view.resize(900, 500);
        view.show();
        QSignalSpy loaded(&view, &FlameGraphView::pageLoaded);
        QVERIFY(loaded.wait(20000));
        QVERIFY(loaded.first().first().toBool());
        QTRY_VERIFY_WITH_TIMEOUT(
            evaluate(view, QStringLiteral("!!(window.wpmLive && wpmLive.connected)")).toBool(), 10000);
        QCOMPARE(evaluate(view, QStringLiteral("wpmLive.updates")).toInt(), 0);

        const QString small = fixture(QStringLiteral("native-small.folded"));
        const QString first = profileOf(small);
        QVERIFY(!first.isEmpty());
        view.setProfile(first);
        QTRY_COMPARE_WITH_TIMEOUT(evaluate(view, QStringLiteral("wpmLive.updates")).toInt(), 1, 5000);
        const int firstSamples = evaluate(view, QStringLiteral("wpmLive.totalSamples")).toInt();
        QVERIFY(firstSamples > 0);
        // Drawn: the canvas is as tall as the deepest stack's rows.
        QVERIFY(evaluate(view, QStringLiteral("document.querySelector('#flame canvas').height")).toInt() > 18 * 3);
        QVERIFY(evaluate(view, QStringLiteral("document.getElementById('flame-status').textContent"))
                    .toString()
                    .contains(QString::number(firstSamples)));

        // Zoomed into the heaviest path's second level, a grown snapshot keeps that zoom.
        const QString zoomed = evaluate(view, QStringLiteral(R"((() => {
            const v = wpmLive.view, t = v.tree;
            const heaviest = (id) => t.nodes[id].children.reduce((a, b) => t.nodes[a].total >= t.nodes[b].total ? a : b);
            v.zoom(heaviest(heaviest(0)));
            return WpmFlame.nodeName(t, v.focus);
        })())"))
                                   .toString();
        QVERIFY2(!zoomed.isEmpty() && zoomed != QLatin1String("all"), qPrintable(zoomed));
        view.setProfile(profileOf(small + QStringLiteral("\n_start [server];__libc_start_main [libc.so.6];exit 7\n")));
        QTRY_COMPARE_WITH_TIMEOUT(evaluate(view, QStringLiteral("wpmLive.updates")).toInt(), 2, 5000);
        QCOMPARE(evaluate(view, QStringLiteral("wpmLive.totalSamples")).toInt(), firstSamples + 7);
        QCOMPARE(evaluate(view, QStringLiteral("WpmFlame.nodeName(wpmLive.view.tree, wpmLive.view.focus)")).toString(),
            zoomed);

        // A snapshot without that path shows everything again.
        const QString other = profileOf(fixture(QStringLiteral("flask-request.folded")));
        QVERIFY(!other.isEmpty() && other != first);
        view.setProfile(other);
        QTRY_COMPARE_WITH_TIMEOUT(evaluate(view, QStringLiteral("wpmLive.updates")).toInt(), 3, 5000);
        QVERIFY(evaluate(view, QStringLiteral("wpmLive.totalSamples")).toInt() != firstSamples);
        QCOMPARE(evaluate(view, QStringLiteral("wpmLive.view.focus")).toInt(), 0);
    }
};

QTEST_MAIN(TestFlameGraphView)
#include "tst_flamegraphview.moc"
