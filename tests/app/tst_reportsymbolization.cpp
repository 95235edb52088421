// A slow request's report symbolized on the capture thread shows progress on the Live page, and Cancel has the
// report written at once with the frames not symbolized yet left as module and file offset. The sample store
// holds one request's window of samples whose frames are 150,000 distinct code addresses in this test's own
// executable (symbolized for real); the capture engine runs on a thread of its own as in the workbench, wired
// to the page as the main window wires it. Also: the report pane's share of the page, and its minimum width.

#include "LivePage.h"
#include "ManyFramesStore.h"
#include "Recording.h"
#include "ReportSymbolization.h"
#include "report/HtmlReport.h"
#include "report/MarkdownReport.h"
#include "report/TextEscape.h"
#include "symbols/Symbolizer.h"

#include <QDir>
#include <QElapsedTimer>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QTest>
#include <QThread>

using namespace wpm;

namespace {

constexpr test::ManyFrames kShape { 1500, 100 }; // 150,000 frames: more than a second of symbolization
constexpr qint64 kFrames = qint64(kShape.samples) * kShape.framesPerSample;

struct CaptureThread {
    QThread thread;
    CaptureEngine* engine;

    CaptureThread(std::shared_ptr<SampleStore> store, const MonitorConfig& config)
        : engine(new CaptureEngine(std::move(store), config, kShape.sampleNs))
    {
        engine->moveToThread(&thread);
        QObject::connect(&thread, &QThread::finished, engine, &QObject::deleteLater);
        thread.start();
    }
    ~CaptureThread()
    {
        engine->cancelSymbolization(1); // a test that failed half-way does not wait for the whole job
        thread.quit();
        thread.wait();
    }
    void requestServed(const RequestRecord& record)
    {
        QMetaObject::invokeMethod(engine, [engine = engine, record] {
            engine->onRequestStarted(record);
            engine->onRequestFinished(record);
        });
    }
};

// With WPM_SCREENSHOT_DIR set, what the page shows is saved there (scripts/screenshots.sh).
void saveScreenshot(QWidget& widget, const QString& name)
{
    if (const QString directory = qEnvironmentVariable("WPM_SCREENSHOT_DIR"); !directory.isEmpty())
        QVERIFY(widget.grab().save(QDir(directory).filePath(name + QStringLiteral(".png"))));
}

} // namespace

class TestReportSymbolization : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void cancelWritesTheReportWithAddresses()
    {
        const QString self = QCoreApplication::applicationFilePath();
        const std::optional<quint64> first
            = Symbolizer().fileOffsetOfSymbol(self, QStringLiteral("wpm::LivePage::LivePage(QWidget*)"));
        QVERIFY(first);
        MonitorConfig config;
        config.thresholdSeconds = 0.5; // the request lasts 1.5 s
        LivePage page;
        page.resize(1200, 800);
        page.show();
        CaptureThread capture(test::storeOfManyFrames(self, *first, kShape), config);
        showReportSymbolization(capture.engine, &page);
        std::shared_ptr<const CapturedRequest> captured;
        connect(capture.engine, &CaptureEngine::requestCaptured, this,
            [&captured](std::shared_ptr<const CapturedRequest> request) { captured = std::move(request); });
        const RequestRecord request = test::requestOverManyFrames(QStringLiteral("/many-frames?q=100%"), kShape);
        capture.requestServed(request);

        // Progress shows with the request's name while its frames are symbolized.
        QTRY_VERIFY_WITH_TIMEOUT(page.reportSymbolizationBar()->isVisible(), 20000);
        QVERIFY(page.cancelReportSymbolizationButton()->isVisible());
        const QString progress = page.reportStatusLabel()->text();
        QVERIFY2(progress.startsWith(QStringLiteral("Symbolizing the report of GET /many-frames?q=100%: ")),
            qPrintable(progress));
        QVERIFY2(progress.endsWith(QStringLiteral(" of %1 frames").arg(kFrames)), qPrintable(progress));
        QVERIFY(!captured);
        saveScreenshot(page, QStringLiteral("live-report-symbolizing"));

        // Cancel: the report comes at once, the frames not symbolized yet as addresses of the module.
        QTest::mouseClick(page.cancelReportSymbolizationButton(), Qt::LeftButton);
        QElapsedTimer sinceCancel;
        sinceCancel.start();
        QTRY_VERIFY_WITH_TIMEOUT(captured, 10000);
        qInfo("the report's tree came %lld ms after the click", sinceCancel.elapsed());
        QCOMPARE(captured->samples, quint64(kShape.samples));
        QVERIFY2(captured->framesLeftAsAddresses > 0 && captured->framesLeftAsAddresses < quint64(kFrames),
            qPrintable(QString::number(captured->framesLeftAsAddresses)));
        quint64 asAddresses = 0;
        bool named = false;
        const QString moduleName = QFileInfo(self).fileName();
        for (qsizetype id = 0; id < captured->tree.frames().size(); ++id) {
            const Frame& frame = captured->tree.frame(FrameId(id));
            QCOMPARE(frame.module, moduleName);
            if (frame.function.startsWith(QStringLiteral("0x")))
                ++asAddresses;
            else if (frame.function == QStringLiteral("wpm::LivePage::LivePage(QWidget*)"))
                named = true; // the first frames were symbolized before the click
        }
        // Besides those, a few addresses that fall between two functions have no symbol (also shown as 0x...).
        QVERIFY2(asAddresses >= captured->framesLeftAsAddresses
                && asAddresses - captured->framesLeftAsAddresses < quint64(kFrames / 100),
            qPrintable(QStringLiteral("%1 of %2").arg(asAddresses).arg(captured->framesLeftAsAddresses)));
        QVERIFY(named);

        // The page says so; the report's summary too.
        QVERIFY(!page.reportSymbolizationBar()->isVisible());
        QVERIFY(!page.cancelReportSymbolizationButton()->isVisible());
        QTRY_VERIFY(page.reportStatusLabel()->text().contains(QStringLiteral("was cancelled")));
        QVERIFY(page.reportStatusLabel()->text().contains(QString::number(captured->framesLeftAsAddresses)));
        QVERIFY(page.reportStatusLabel()->isVisible());
        saveScreenshot(page, QStringLiteral("live-report-symbolization-cancelled"));
        const ReportMetadata metadata = Recording(config).reportMetadata(*captured);
        QCOMPARE(metadata.notes.size(), 1);
        const QString note = QStringLiteral("Symbolization was cancelled: %1 frames show as module and file offset")
                                 .arg(captured->framesLeftAsAddresses);
        QVERIFY2(metadata.notes.first().startsWith(note), qPrintable(metadata.notes.first()));
        const Result<QString> html = htmlReport(captured->tree, metadata);
        QVERIFY2(html, html ? "" : qPrintable(html.error().message));
        QVERIFY(html->contains(note));
        QVERIFY(markdownReport(captured->tree, metadata).contains(markdownEscaped(note, 0)));
    }

    void cancelOfAnotherRequestIsIgnored()
    {
        // A small tree, symbolized in full: a cancel that names another request changes nothing.
        const QString self = QCoreApplication::applicationFilePath();
        const std::optional<quint64> first
            = Symbolizer().fileOffsetOfSymbol(self, QStringLiteral("wpm::LivePage::LivePage(QWidget*)"));
        QVERIFY(first);
        constexpr test::ManyFrames kSmall { 600, 5 };
        MonitorConfig config;
        config.thresholdSeconds = 0.1;
        CaptureThread capture(test::storeOfManyFrames(self, *first, kSmall), config);
        capture.engine->cancelSymbolization(2);
        std::shared_ptr<const CapturedRequest> captured;
        connect(capture.engine, &CaptureEngine::requestCaptured, this,
            [&captured](std::shared_ptr<const CapturedRequest> request) { captured = std::move(request); });
        capture.requestServed(test::requestOverManyFrames(QStringLiteral("/small"), kSmall));
        QTRY_VERIFY_WITH_TIMEOUT(captured, 20000);
        QCOMPARE(captured->framesLeftAsAddresses, quint64(0));
        QVERIFY(Recording(config).reportMetadata(*captured).notes.isEmpty());
    }

    void aWrittenReportEndsItsBarEvenWithoutTheLastProgress()
    {
        // A job cancelled when every frame left was already named reports no "done == total": the written
        // report must end the bar all the same, and only its own.
        MonitorConfig config;
        CaptureEngine engine(std::make_shared<SampleStore>(), config, 10'000'000);
        LivePage page;
        page.show();
        showReportSymbolization(&engine, &page);
        Q_EMIT engine.symbolizationProgress(test::requestOverManyFrames(QStringLiteral("/x"), { 10, 1 }), 3, 10);
        QVERIFY(page.reportSymbolizationBar()->isVisible());
        auto other = std::make_shared<CapturedRequest>();
        other->request.id = 999;
        Q_EMIT engine.requestCaptured(other);
        QVERIFY(page.reportSymbolizationBar()->isVisible());
        auto written = std::make_shared<CapturedRequest>();
        written->request = test::requestOverManyFrames(QStringLiteral("/x"), { 10, 1 });
        Q_EMIT engine.requestCaptured(written);
        QVERIFY(!page.reportSymbolizationBar()->isVisible());
        QVERIFY(!page.cancelReportSymbolizationButton()->isVisible());
    }

    void reportPaneHasHalfThePage()
    {
        LivePage page;
        page.resize(1200, 800);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QSplitter* splitter = page.reportSplitter();
        const QList<int> sizes = splitter->sizes();
        QCOMPARE(sizes.size(), 2);
        QVERIFY2(qAbs(sizes[0] - sizes[1]) <= 2, qPrintable(QStringLiteral("%1 | %2").arg(sizes[0]).arg(sizes[1])));

        // Dragged narrower than its minimum, the report keeps a readable width; it cannot be collapsed.
        splitter->setSizes({ sizes[0] + sizes[1], 0 });
        QVERIFY2(splitter->sizes()[1] >= 360, qPrintable(QString::number(splitter->sizes()[1])));
    }
};

QTEST_MAIN(TestReportSymbolization)
#include "tst_reportsymbolization.moc"
