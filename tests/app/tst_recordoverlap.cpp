// Overlapping requests under `web-perfmonitor record`: four slow requests sent at once to a
// threaded server. Each handler names the thread that served it, which is the ground truth: the
// test prints the share of each report's samples that came from its own serving thread, and the
// share over all four reports (the figure in the README).

#include "RecordingProcess.h"

#include <QTemporaryDir>
#include <QTest>

using namespace wpm::test;

namespace {

const QString kExecutable = QStringLiteral(WPM_EXECUTABLE);
const QString kApps = QStringLiteral(WPM_HTTP_APPS);
const QString kPython = QStringLiteral("/usr/bin/python3");
// Below this share over all reports, attribution is broken, not just blurred at the edges.
constexpr double kMinimumCorrectShare = 0.9;

} // namespace

class TestRecordOverlap : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void eachReportHoldsItsOwnThread_data()
    {
        QTest::addColumn<QString>("module");
        QTest::addColumn<QStringList>("server");
        QTest::addColumn<QList<QByteArray>>("targets");
        // A thread per request; two handlers burn CPU (sharing the GIL), two sleep.
        QTest::newRow("flask-threads") << QStringLiteral("flask")
                                       << QStringList { kPython, QStringLiteral("-m"), QStringLiteral("flask"),
                                              QStringLiteral("--app"), kApps + QStringLiteral("/flask_app.py"),
                                              QStringLiteral("run"), QStringLiteral("--port"), QStringLiteral("0") }
                                       << QList<QByteArray> { "/cpu?ms=600", "/sleep?ms=1100", "/cpu?ms=1600",
                                              "/sleep?ms=2100" };
        // A pool of worker threads, reused from request to request.
        QTest::newRow("fastapi-pool") << QStringLiteral("uvicorn")
                                      << QStringList { kPython, QStringLiteral("-m"), QStringLiteral("uvicorn"),
                                             QStringLiteral("--app-dir"), kApps, QStringLiteral("--port"),
                                             QStringLiteral("0"), QStringLiteral("fastapi_app:app") }
                                      << QList<QByteArray> { "/sleep?ms=600", "/sleep?ms=1100", "/sleep?ms=1600",
                                             "/sleep?ms=2100" };
    }

    void eachReportHoldsItsOwnThread()
    {
        QFETCH(QString, module);
        QFETCH(QStringList, server);
        QFETCH(QList<QByteArray>, targets);
        if (!QFile::exists(kPython) || !pythonImports(kPython, { module }))
            QSKIP(qPrintable(QStringLiteral("%1 cannot import %2: install Debian's packages (scripts/setup.sh)")
                                 .arg(kPython, module)));
        QTemporaryDir logs;
        QVERIFY(logs.isValid());
        RecordingProcess recording;
        QVERIFY2(recording.start(kExecutable, { QStringLiteral("--threshold-seconds"), QStringLiteral("0.4") },
                     logs.path(), server),
            qPrintable(recording.output));
        QTest::qWait(1200); // the server idling: how its threads wait when not serving
        const QList<HttpAnswer> answers = httpGetConcurrently(recording.port, targets);
        QCOMPARE(answers.size(), targets.size());
        QTest::qWait(500);
        QCOMPARE(recording.stop(), 0);

        quint64 correct = 0;
        quint64 total = 0;
        for (qsizetype i = 0; i < targets.size(); ++i) {
            QCOMPARE(answers[i].status, 200);
            const qint64 tid = bodyField(answers[i].body, "tid");
            const QString line = recording.slowLine(QStringLiteral("GET ") + QString::fromLatin1(targets[i]));
            QVERIFY2(!line.isEmpty(), qPrintable(recording.output));
            const QHash<qint64, quint64> byThread = RecordingProcess::samplesByThread(line);
            quint64 samples = 0;
            for (quint64 count : byThread)
                samples += count;
            qInfo("%s served by thread %lld: %llu of %llu samples from it", targets[i].constData(), tid,
                byThread.value(tid), samples);
            QVERIFY2(byThread.value(tid) > 0, qPrintable(recording.tail()));
            correct += byThread.value(tid);
            total += samples;
        }
        const double share = double(correct) / double(total);
        qInfo("attributed to the right request: %.1f%% of %llu samples", share * 100, total);
        QVERIFY2(share >= kMinimumCorrectShare, qPrintable(QString::number(share)));
    }
};

QTEST_GUILESS_MAIN(TestRecordOverlap)
#include "tst_recordoverlap.moc"
