// An HTML report loaded the way the workbench's viewer loads it: a QWebEnginePage, offscreen. Its
// scripts run without console errors, the embedded profile parses, the flame graph draws on its
// canvas, search finds a known frame, and a hostile URL stays text.

#include "../views/PageScript.h"
#include "ReportTestTrees.h"
#include "report/ReportWriter.h"

#include <QApplication>
#include <QEventLoop>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QWebEnginePage>

using namespace wpm;

namespace {

const QString kHostileUrl
    = QStringLiteral("/search?q=</script><script>alert(1)</script>&x=<img src=x onerror=alert(2)>");

// Keeps every console message, so a script error fails the test with the browser's own words.
class RecordingPage : public QWebEnginePage {
public:
    using QWebEnginePage::QWebEnginePage;
    QStringList errors;
    QStringList messages;

protected:
    void javaScriptConsoleMessage(
        JavaScriptConsoleMessageLevel level, const QString& message, int line, const QString&) override
    {
        const QString text = QStringLiteral("line %1: %2").arg(line).arg(message);
        messages.append(text);
        if (level == ErrorMessageLevel)
            errors.append(text);
    }
};

QVariant evaluate(QWebEnginePage& page, const QString& script)
{
    return evaluateInPage(&page, script);
}

} // namespace

class TestHtmlReportPage : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void scriptsRunWithoutErrors();
    void embeddedDataParses();
    void flameGraphIsDrawn();
    void searchFindsAKnownFrame();
    void hostileUrlStaysText();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<RecordingPage> m_page;
};

void TestHtmlReportPage::initTestCase()
{
    const CallTree tree = reporttest::foldedTree(QStringLiteral("native-small.folded"));
    const Result<ReportFiles> files = ReportWriter::write(tree, reporttest::metadata(kHostileUrl), m_dir.path());
    QVERIFY2(files, files ? "" : qPrintable(files.error().message));
    m_page = std::make_unique<RecordingPage>();
    QSignalSpy loaded(m_page.get(), &QWebEnginePage::loadFinished);
    m_page->load(QUrl::fromLocalFile(files->html));
    QVERIFY(loaded.wait(60000));
    QVERIFY(loaded.first().first().toBool());
    // The report builds its views on DOMContentLoaded; wait until it has published them.
    QTRY_VERIFY_WITH_TIMEOUT(evaluate(*m_page, QStringLiteral("!!window.wpmReport")).toBool(), 10000);
}

void TestHtmlReportPage::scriptsRunWithoutErrors()
{
    QVERIFY2(m_page->errors.isEmpty(), qPrintable(m_page->errors.join(u'\n')));
}

void TestHtmlReportPage::embeddedDataParses()
{
    const QVariantMap data = evaluate(*m_page, QStringLiteral(R"(
        (() => { const d = JSON.parse(document.getElementById('wpm-profile').textContent);
                 return { format: d.format, samples: d.totalSamples, frames: d.frames.length, url: d.meta.url }; })()
    )"))
                                 .toMap();
    QCOMPARE(data.value("format").toString(), QStringLiteral("wpm-profile"));
    QVERIFY(data.value("samples").toInt() > 0);
    QVERIFY(data.value("frames").toInt() > 10);
    QCOMPARE(data.value("url").toString(), kHostileUrl);
}

void TestHtmlReportPage::flameGraphIsDrawn()
{
    const QVariantMap drawn = evaluate(*m_page, QStringLiteral(R"(
        (() => { const c = document.querySelector('#flame canvas');
                 const px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                 let painted = 0;
                 for (let i = 3; i < px.length; i += 4) if (px[i] > 0) ++painted;
                 return { rects: window.wpmReport.view.rects.length, width: c.width, height: c.height,
                          painted: painted, rows: document.querySelectorAll('#topfunctions tbody tr').length,
                          tree: document.querySelectorAll('#topdown details').length }; })()
    )"))
                                  .toMap();
    QVERIFY2(drawn.value("rects").toInt() > 5, qPrintable(QString::number(drawn.value("rects").toInt())));
    QVERIFY(drawn.value("width").toInt() >= 100);
    QVERIFY(drawn.value("height").toInt() >= 18 * 5);
    // Rectangles cover most of the canvas; an unpainted one would be all transparent.
    const double share
        = drawn.value("painted").toDouble() / (drawn.value("width").toDouble() * drawn.value("height").toDouble());
    QVERIFY2(share > 0.3, qPrintable(QString::number(share)));
    QVERIFY(drawn.value("rows").toInt() > 5);
    QVERIFY(drawn.value("tree").toInt() > 0);
}

void TestHtmlReportPage::searchFindsAKnownFrame()
{
    const QVariantMap found = evaluate(*m_page, QStringLiteral(R"(
        (() => { const box = document.getElementById('flame-search');
                 box.value = 'compress_bl';
                 box.dispatchEvent(new Event('input'));
                 const view = window.wpmReport.view;
                 const names = Array.from(view.matches.nodes).map((n) => WpmFlame.nodeName(view.tree, n));
                 return { names: names, status: document.getElementById('flame-status').textContent }; })()
    )"))
                                  .toMap();
    QCOMPARE(found.value("names").toStringList(), QStringList { QStringLiteral("compress_block") });
    QVERIFY2(found.value("status").toString().startsWith(QLatin1String("1 frames, ")),
        qPrintable(found.value("status").toString()));
    QVERIFY2(m_page->errors.isEmpty(), qPrintable(m_page->errors.join(u'\n')));
}

void TestHtmlReportPage::hostileUrlStaysText()
{
    const QVariantMap page = evaluate(*m_page, QStringLiteral(R"(
        ({ scripts: document.scripts.length, images: document.images.length, title: document.title,
           summary: document.querySelector('.summary code').textContent })
    )"))
                                 .toMap();
    QCOMPARE(page.value("scripts").toInt(), 3); // the data, the texts and the renderer, nothing injected
    QCOMPARE(page.value("images").toInt(), 0);
    QCOMPARE(page.value("summary").toString(), kHostileUrl);
    QVERIFY(page.value("title").toString().contains(kHostileUrl));
}

int main(int argc, char** argv)
{
    QCoreApplication::setAttribute(Qt::AA_ShareOpenGLContexts); // before the application, as WebEngine asks
    QApplication app(argc, argv);
    TestHtmlReportPage test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_htmlreportpage.moc"
