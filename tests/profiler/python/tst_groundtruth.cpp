// Python samples checked against the stacks the target recorded of itself (tests/targets/python/truth_target.py:
// a 10-deep CPU chain, time.sleep, Event.wait, an http.server handler and its client, a churning thread), for
// every interpreter present, through each python_sampling mode of the sampler: no wrong sample when it holds each
// thread stopped (mixed stacks) or the GIL holder (Python frames only), at most 0.1% when it stops none
// (nonblocking); and the same bound for the reader alone.

#include "../sampling/TargetProcess.h"
#include "GroundTruth.h"
#include "PythonInterpreters.h"
#include "python/PythonStackReader.h"
#include "sampling/Sampler.h"

#include <QTemporaryDir>
#include <QTest>

#include <limits>

using namespace wpm;

namespace {

const QString kScript = QStringLiteral(WPM_SOURCE_DIR "/tests/targets/python/truth_target.py");

// truth_target.py with its churning thread, recording its own stacks for fetchTruth().
struct TruthTarget {
    QTemporaryDir directory;
    QString truthPath = directory.filePath(QStringLiteral("truth.json"));
    TargetProcess process;

    explicit TruthTarget(const QString& python)
        : process(python, { kScript, QStringLiteral("--churn"), QStringLiteral("--record"), truthPath })
    {
    }
    std::optional<GroundTruth> fetchTruth() { return GroundTruth::fetch(process.pid(), truthPath); }
};

QString describe(const QList<PythonFrame>& frames)
{
    QStringList names;
    for (const PythonFrame& frame : frames)
        names.append(QStringLiteral("%1:%2").arg(frame.qualifiedName).arg(frame.line));
    return names.join(QLatin1Char(' '));
}

// Counts the samples of the target's named threads that no recorded stack explains.
struct Verdict {
    quint64 checked = 0;
    quint64 wrong = 0;
    QStringList examples;

    void check(const GroundTruth& truth, pid_t tid, const QList<PythonFrame>& frames)
    {
        ++checked;
        if (truth.plausible(tid, frames))
            return;
        ++wrong;
        if (examples.size() < 5)
            examples.append(QStringLiteral("%1: %2").arg(truth.names().value(tid), describe(frames)));
    }
    QString summary() const
    {
        return QStringLiteral("%1 wrong of %2 thread-samples; e.g. %3")
            .arg(wrong)
            .arg(checked)
            .arg(examples.join(QLatin1String(" | ")));
    }
};

} // namespace

class TestGroundTruth : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void samplerModes_data();
    void samplerModes();
    void nonBlockingReads_data() { addSupportedInterpreterRows(); }
    void nonBlockingReads();
};

// Each interpreter three times: every thread held stopped for mixed stacks, the GIL holder alone for Python frames,
// and no thread stopped.
void TestGroundTruth::samplerModes_data()
{
    QTest::addColumn<QString>("python");
    QTest::addColumn<int>("minor");
    QTest::addColumn<int>("reading");
    for (const PythonInterpreterRow& row : supportedInterpreters()) {
        for (PythonReading reading :
            { PythonReading::Mixed, PythonReading::GilHolderStopped, PythonReading::NonBlocking })
            QTest::newRow(qPrintable(row.label + u'-' + pythonReadingName(reading)))
                << row.python << row.minor << int(reading);
    }
}

void TestGroundTruth::samplerModes()
{
    QFETCH(QString, python);
    QFETCH(int, minor);
    QFETCH(int, reading);
    SKIP_WITHOUT_PYTHON(python, minor);
    TruthTarget target(python);
    QVERIFY2(target.process.waitReady(), qPrintable(target.process.output()));

    auto store = std::make_shared<SampleStore>();
    SamplerOptions options;
    options.rateHz = 1000;
    options.adaptiveRate = false; // what is checked is each sample, not the overhead: as many as the load allows
    options.pythonReading = PythonReading(reading);
    Sampler sampler(store, options);
    const Status started = sampler.start(target.process.pid());
    QVERIFY2(started.ok(), qPrintable(started ? QString() : started.error().message));
    QTest::qWait(2000);
    sampler.stop();
    const std::optional<GroundTruth> truth = target.fetchTruth();
    QVERIFY2(truth, "the target wrote no recorded stacks");
    QCOMPARE(truth->names().size(), 8);

    Verdict verdict;
    Verdict mutated; // each sample with a caller moved one line: the check must see it
    for (const StoredSample& stored : store->window(0, std::numeric_limits<qint64>::max())) {
        if (!truth->names().contains(stored.sample.tid))
            continue; // the recorder
        QList<PythonFrame> frames;
        for (const PythonFrameRef& frame : stored.stack.python)
            if (frame)
                frames.append(*frame);
        verdict.check(*truth, stored.sample.tid, frames);
        // Native frames come with every thread stopped, not with Python frames only.
        if (stored.stack.frames.isEmpty() != (options.pythonReading != PythonReading::Mixed))
            QFAIL(qPrintable(QStringLiteral("%1 native frames").arg(stored.stack.frames.size())));
        if (frames.size() >= 2) {
            ++frames.back().line;
            mutated.check(*truth, stored.sample.tid, frames);
        }
    }
    QVERIFY(mutated.checked > 0);
    QCOMPARE(mutated.wrong, mutated.checked);
    const SamplerStats stats = sampler.stats();
    qInfo("Python 3.%d, python_sampling=%s: %s; %.0f Hz, stops of %.1f us (median)", minor,
        qPrintable(pythonReadingName(options.pythonReading)), qPrintable(verdict.summary()), stats.effectiveHz,
        stats.stopUsMedian);
    QVERIFY2(verdict.checked >= 8 * 50, qPrintable(verdict.summary()));
    if (options.pythonReading == PythonReading::NonBlocking)
        QVERIFY2(verdict.wrong * 1000 <= verdict.checked, qPrintable(verdict.summary()));
    else
        QVERIFY2(verdict.wrong == 0, qPrintable(verdict.summary()));
    QVERIFY2(stats.warnings.isEmpty(), qPrintable(stats.warnings.join(u'\n')));
}

void TestGroundTruth::nonBlockingReads()
{
    QFETCH(QString, python);
    QFETCH(int, minor);
    SKIP_WITHOUT_PYTHON(python, minor);
    TruthTarget target(python);
    QVERIFY2(target.process.waitReady(), qPrintable(target.process.output()));
    ElfImageCache images;
    Result<std::unique_ptr<PythonStackReader>> reader = PythonStackReader::create(target.process.pid(), images);
    QVERIFY2(reader.ok(), qPrintable(reader ? QString() : reader.error().message));

    QList<PythonStacks> reads;
    QElapsedTimer timer;
    timer.start();
    while (reads.size() < 1000 && timer.elapsed() < 20000) {
        Result<PythonStacks> read = reader.value()->read();
        QVERIFY2(read.ok(), qPrintable(read ? QString() : read.error().message));
        reads.append(std::move(read).value());
        QThread::usleep(500);
    }
    const std::optional<GroundTruth> truth = target.fetchTruth();
    QVERIFY2(truth, "the target wrote no recorded stacks");

    Verdict verdict;
    quint64 flagged = 0; // still moving after the re-reads: a sampler drops them, so they are not wrong
    for (const PythonStacks& read : std::as_const(reads))
        for (const PythonThreadStack& stack : read.threads) {
            if (!truth->names().contains(stack.tid))
                continue;
            if (stack.consistent)
                verdict.check(*truth, stack.tid, stack.frames);
            else
                ++flagged;
        }
    qInfo("Python 3.%d, threads not stopped: %s; %llu flagged inconsistent", minor, qPrintable(verdict.summary()),
        qulonglong(flagged));
    QVERIFY2(verdict.checked >= 8 * 500, qPrintable(verdict.summary()));
    QVERIFY2(verdict.wrong * 1000 <= verdict.checked, qPrintable(verdict.summary()));
}

QTEST_GUILESS_MAIN(TestGroundTruth)
#include "tst_groundtruth.moc"
