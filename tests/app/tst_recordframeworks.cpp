// `web-perfmonitor record` in front of real Python web frameworks (Debian's Flask, alone and under gunicorn's
// pre-fork workers, FastAPI on uvicorn, Django's development server with and without its autoreloader), run by
// /usr/bin/python3:
// one report per slow request the URL filters allow, none for fast or filtered-out ones, the
// request's metadata in the report, and the serving thread's own frames in its call tree.

#include "FoldedReport.h"
#include "RecordingProcess.h"

#include <QTemporaryDir>
#include <QTest>

using namespace wpm::test;

namespace {

const QString kExecutable = QStringLiteral(WPM_EXECUTABLE);
const QString kApps = QStringLiteral(WPM_HTTP_APPS);
const QString kPython = QStringLiteral("/usr/bin/python3");
// The shares below are counted in samples, and a request's edges are not its handler's work: the accept
// loop or event loop taking it in, a first call's set-up, the handler's thread waiting for a CPU or the GIL.
// On a loaded machine those edges grow to 100-200 ms, and the default 5% overhead budget slows sampling to
// 2-6 Hz (a few stops that wait for a CPU weigh on the rate), leaving 2-5 samples per request, of which one
// edge sample fails a 90% share. So the handlers work long enough for the edges to stay under 10%, and a
// larger budget keeps 20+ samples per request; fewer than kMinSamples make a share meaningless.
constexpr int kSlowMs = 2000;
constexpr double kThresholdSeconds = 0.4;
const QString kOverheadBudget = QStringLiteral("0.5");
constexpr quint64 kMinSamples = 20;

// What a slow endpoint's report must hold. Native names are what the stacks have today; the Python
// handler's name is checked as soon as the stacks carry Python frames.
struct SlowEndpoint {
    QByteArray path;
    QString pythonFunction;
    std::function<void(const FoldedReport&)> checkNativeFrames;
};

QList<SlowEndpoint> slowEndpoints()
{
    return {
        { "/cpu", QStringLiteral("burn_cpu"),
            [](const FoldedReport& report) {
                // A pure-Python loop, never asleep; its Python frames replace the interpreter's loop.
                const double sleeping = report.shareInLeaf(QStringLiteral("clock_nanosleep"));
                const double interpreterLoop = report.shareUnder(QStringLiteral("_PyEval_EvalFrameDefault"));
                qInfo("  /cpu: %.0f%% asleep, %.0f%% under a bare interpreter loop", sleeping * 100,
                    interpreterLoop * 100);
                QVERIFY2(sleeping <= 0.1, qPrintable(QString::number(sleeping)));
                QVERIFY2(interpreterLoop <= 0.1, qPrintable(QString::number(interpreterLoop)));
            } },
        { "/sleep", QStringLiteral("sleep_bound"),
            [](const FoldedReport& report) {
                const double sleeping = report.shareInLeaf(QStringLiteral("clock_nanosleep"));
                qInfo("  /sleep: %.0f%% of the samples in clock_nanosleep", sleeping * 100);
                QVERIFY2(sleeping >= 0.9, qPrintable(QString::number(sleeping)));
            } },
    };
}

QString reportWith(const QString& logPath, const QByteArray& path, const QString& suffix)
{
    const QString marker = QStringLiteral("_GET_") + QString::fromLatin1(path.mid(1)) + u'_';
    const QStringList found = QDir(logPath).entryList({ QStringLiteral("*") + suffix });
    for (const QString& name : found)
        if (name.contains(marker))
            return QDir(logPath).filePath(name);
    return {};
}

} // namespace

class TestRecordFrameworks : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void slowRequestsOfEachFramework_data()
    {
        QTest::addColumn<QStringList>("modules");
        QTest::addColumn<QStringList>("server");
        QTest::addColumn<QStringList>("filters");
        QTest::addColumn<bool>("servedByChild");
        const QStringList blacklist { QStringLiteral("--url-blacklist"), QStringLiteral("/hidden") };
        const QString django = kApps + QStringLiteral("/django_app.py");
        QTest::newRow("flask") << QStringList { QStringLiteral("flask") }
                               << QStringList { kPython, QStringLiteral("-m"), QStringLiteral("flask"),
                                      QStringLiteral("--app"), kApps + QStringLiteral("/flask_app.py"),
                                      QStringLiteral("run"), QStringLiteral("--port"), QStringLiteral("0") }
                               << blacklist << false;
        QTest::newRow("fastapi-uvicorn") << QStringList { QStringLiteral("fastapi"), QStringLiteral("uvicorn") }
                                         << QStringList { kPython, QStringLiteral("-m"), QStringLiteral("uvicorn"),
                                                QStringLiteral("--app-dir"), kApps, QStringLiteral("--port"),
                                                QStringLiteral("0"), QStringLiteral("--workers"), QStringLiteral("1"),
                                                QStringLiteral("fastapi_app:app") }
                                         << QStringList { QStringLiteral("--url-whitelist"),
                                                QStringLiteral("/cpu,/sleep") }
                                         << false;
        QTest::newRow("django-noreload") << QStringList { QStringLiteral("django") }
                                         << QStringList { kPython, django, QStringLiteral("runserver"),
                                                QStringLiteral("--noreload"), QStringLiteral("127.0.0.1:0") }
                                         << blacklist << false;
        // A pre-fork server: the master listens, its worker processes serve.
        QTest::newRow("flask-gunicorn-prefork")
            << QStringList { QStringLiteral("flask"), QStringLiteral("gunicorn") }
            << QStringList { kPython, QStringLiteral("-m"), QStringLiteral("gunicorn"), QStringLiteral("--workers"),
                   QStringLiteral("2"), QStringLiteral("--bind"), QStringLiteral("127.0.0.1:0"),
                   QStringLiteral("--chdir"), kApps, QStringLiteral("flask_app:app") }
            << blacklist << true;
        // The autoreloader serves from a child process: record must find and sample it.
        QTest::newRow("django-autoreloader")
            << QStringList { QStringLiteral("django") }
            << QStringList { kPython, django, QStringLiteral("runserver"), QStringLiteral("127.0.0.1:0") } << blacklist
            << true;
    }

    void slowRequestsOfEachFramework()
    {
        QFETCH(QStringList, modules);
        QFETCH(QStringList, server);
        QFETCH(QStringList, filters);
        QFETCH(bool, servedByChild);
        if (!QFile::exists(kPython) || !pythonImports(kPython, modules))
            QSKIP(qPrintable(QStringLiteral("%1 cannot import %2: install Debian's packages (scripts/setup.sh)")
                                 .arg(kPython, modules.join(QStringLiteral(", ")))));

        QTemporaryDir logs;
        QVERIFY(logs.isValid());
        RecordingProcess recording;
        QVERIFY2(recording.start(kExecutable,
                     QStringList { QStringLiteral("--threshold-seconds"), QString::number(kThresholdSeconds),
                         QStringLiteral("--max-performance-overhead"), kOverheadBudget }
                         + filters,
                     logs.path(), server),
            qPrintable(recording.output));
        QTest::qWait(1200); // the server idling: how its threads wait when not serving

        QCOMPARE(httpGet(recording.port, "/fast").status, 200);
        QHash<QByteArray, HttpAnswer> answers;
        for (const SlowEndpoint& endpoint : slowEndpoints()) {
            answers[endpoint.path] = httpGet(recording.port, endpoint.path + "?ms=" + QByteArray::number(kSlowMs));
            QCOMPARE(answers[endpoint.path].status, 200);
        }
        QCOMPARE(httpGet(recording.port, "/hidden?ms=" + QByteArray::number(kSlowMs)).status, 200);
        QTest::qWait(500);
        QCOMPARE(recording.stop(), 0);

        QVERIFY2(recording.output.contains(QStringLiteral(
                     "4 requests, 3 slower than the threshold, 1 left out by the URL filters, 2 reports.")),
            qPrintable(recording.tail()));
        QCOMPARE(QDir(logs.path()).entryList({ QStringLiteral("*.folded") }).size(), 2);
        for (const SlowEndpoint& endpoint : slowEndpoints())
            checkReport(recording, logs.path(), endpoint, answers[endpoint.path], servedByChild);
    }

private:
    static void checkReport(const RecordingProcess& recording, const QString& logPath, const SlowEndpoint& endpoint,
        const HttpAnswer& answer, bool servedByChild)
    {
        const QString target = QString::fromLatin1(endpoint.path) + QStringLiteral("?ms=%1").arg(kSlowMs);
        const QString markdown = reportWith(logPath, endpoint.path, QStringLiteral(".md"));
        QVERIFY2(!markdown.isEmpty(), qPrintable(target));
        const QHash<QString, QString> metadata = markdownMetadata(markdown);
        QCOMPARE(metadata.value(QStringLiteral("Method")), QStringLiteral("GET"));
        QCOMPARE(metadata.value(QStringLiteral("URL")), target);
        QCOMPARE(metadata.value(QStringLiteral("Status")), QStringLiteral("200"));
        const double duration = metadata.value(QStringLiteral("Duration")).section(u' ', 0, 0).toDouble();
        QVERIFY2(duration >= kSlowMs / 1000.0 && duration <= answer.elapsedMs / 1000.0 + 0.02,
            qPrintable(QStringLiteral("%1 s reported, %2 ms seen by the client").arg(duration).arg(answer.elapsedMs)));

        // The serving thread, as the handler named it, gave (nearly) all the samples.
        const qint64 servingPid = bodyField(answer.body, "pid");
        const qint64 servingTid = bodyField(answer.body, "tid");
        QVERIFY2(servingTid > 0, answer.body.constData());
        const bool childServed = servingPid != metadata.value(QStringLiteral("PID")).toLongLong();
        QCOMPARE(childServed, servedByChild);
        const QString line = recording.slowLine(QStringLiteral("GET ") + target);
        QVERIFY2(!line.isEmpty(), qPrintable(recording.output));
        const QHash<qint64, quint64> byThread = RecordingProcess::samplesByThread(line);
        quint64 samples = 0;
        for (quint64 count : byThread)
            samples += count;
        const quint64 fromServing = byThread.value(servingTid);
        qInfo("%s: %llu of %llu samples from the serving thread %lld", qPrintable(target), fromServing, samples,
            servingTid);
        QVERIFY2(samples >= kMinSamples, qPrintable(QStringLiteral("too few samples for a share: ") + line));
        QVERIFY2(fromServing >= 0.9 * double(samples), qPrintable(line));

        const FoldedReport report = FoldedReport::read(reportWith(logPath, endpoint.path, QStringLiteral(".folded")));
        QCOMPARE(report.total, samples);
        endpoint.checkNativeFrames(report);
        if (QTest::currentTestFailed())
            return;
        // Debian's python3 is a supported CPython: the handler's own Python frame is in the stacks.
        QVERIFY2(report.hasPythonFrames(), "no Python frames in the stacks");
        const double underHandler = report.shareUnder(endpoint.pythonFunction);
        qInfo("  %.0f%% of the samples under the handler %s", underHandler * 100, qPrintable(endpoint.pythonFunction));
        QVERIFY2(underHandler >= 0.9, qPrintable(QString::number(underHandler)));
    }
};

QTEST_GUILESS_MAIN(TestRecordFrameworks)
#include "tst_recordframeworks.moc"
