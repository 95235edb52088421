// Threads a CPython target starts after the sampler began (tests/targets/python/late_threads.py): on every
// interpreter present and in each python_sampling mode, their samples carry their Python frames from kGraceMs after
// they entered their function on, not only after some later full read of the interpreter's thread list. (Before they
// enter it they may wait a long time for the GIL, with no Python frame yet.)

#include "../sampling/TargetProcess.h"
#include "PythonInterpreters.h"
#include "sampling/Sampler.h"

#include <QTest>

#include <limits>

using namespace wpm;

namespace {

const QString kScript = QStringLiteral(WPM_SOURCE_DIR "/tests/targets/python/late_threads.py");
constexpr int kThreads = 8;
constexpr qint64 kGraceMs = 100;

bool hasFunction(const RawStack& stack, const QString& name)
{
    return std::ranges::any_of(
        stack.python, [&](const PythonFrameRef& frame) { return frame && frame->qualifiedName == name; });
}

QString describe(const RawStack& stack)
{
    QStringList names;
    for (const PythonFrameRef& frame : stack.python)
        names.append(frame ? frame->qualifiedName : QStringLiteral("|"));
    return QStringLiteral("%1 native frames; Python: %2").arg(stack.frames.size()).arg(names.join(u' '));
}

struct LateThread {
    pid_t tid = 0;
    qint64 enteredNs = 0; // CLOCK_MONOTONIC, when it entered late_worker
};

// The threads the target printed as "thread late<i> tid=<id> at=<ns>", once `count` are known.
QList<LateThread> waitForLateThreads(QProcess& process, int count)
{
    static const QRegularExpression line(QStringLiteral("thread late\\d+ tid=(\\d+) at=(\\d+)"));
    QList<LateThread> tids;
    QElapsedTimer timer;
    timer.start();
    while (tids.size() < count && timer.elapsed() < 10000) {
        if (!process.canReadLine() && !process.waitForReadyRead(100))
            continue;
        while (process.canReadLine())
            if (const QRegularExpressionMatch match = line.match(QString::fromUtf8(process.readLine()));
                match.hasMatch())
                tids.append({ pid_t(match.captured(1).toInt()), match.captured(2).toLongLong() });
    }
    return tids;
}

} // namespace

class TestLateThreads : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void pythonFramesFromTheStart_data();
    void pythonFramesFromTheStart();
};

void TestLateThreads::pythonFramesFromTheStart_data()
{
    QTest::addColumn<QString>("python");
    QTest::addColumn<int>("minor");
    QTest::addColumn<int>("reading");
    for (const PythonInterpreterRow& row : supportedInterpreters())
        for (PythonReading reading :
            { PythonReading::Mixed, PythonReading::GilHolderStopped, PythonReading::NonBlocking })
            QTest::newRow(qPrintable(row.label + u'-' + pythonReadingName(reading)))
                << row.python << row.minor << int(reading);
}

void TestLateThreads::pythonFramesFromTheStart()
{
    QFETCH(QString, python);
    QFETCH(int, minor);
    QFETCH(int, reading);
    SKIP_WITHOUT_PYTHON(python, minor);
    TargetProcess target(python, { kScript });
    QVERIFY2(target.waitReady(), qPrintable(target.output()));

    auto store = std::make_shared<SampleStore>();
    SamplerOptions options;
    options.rateHz = 500;
    options.adaptiveRate = false; // each sample is checked: as many as the load allows
    options.pythonReading = PythonReading(reading);
    Sampler sampler(store, options);
    const Status started = sampler.start(target.pid());
    QVERIFY2(started.ok(), qPrintable(started ? QString() : started.error().message));
    QTest::qWait(300); // the sampler has read the interpreter's threads before any late one exists
    target.process().write("start " + QByteArray::number(kThreads) + "\n");
    const QList<LateThread> late = waitForLateThreads(target.process(), kThreads);
    QTest::qWait(800);
    sampler.stop();
    QCOMPARE(late.size(), kThreads);

    const QString function = QStringLiteral("late_worker");
    quint64 checked = 0;
    quint64 early = 0; // samples before the thread entered its function or inside the grace period
    QStringList missing;
    for (const auto& [tid, enteredNs] : late) {
        const QList<StoredSample> samples = store->window(0, std::numeric_limits<qint64>::max(), tid);
        QVERIFY2(!samples.isEmpty(), qPrintable(QStringLiteral("no sample of thread %1").arg(tid)));
        const qint64 graceEndNs = enteredNs + kGraceMs * 1'000'000;
        quint64 without = 0;
        QString example; // the first sample without the function: when, and what it held instead
        for (const StoredSample& stored : samples) {
            if (stored.sample.timeNs < graceEndNs) {
                ++early;
                continue;
            }
            ++checked;
            if (hasFunction(stored.stack, function))
                continue;
            if (without++ == 0)
                example = QStringLiteral(", the first %1 ms after it entered late_worker: [%2]")
                              .arg((stored.sample.timeNs - enteredNs) / 1'000'000)
                              .arg(describe(stored.stack));
        }
        if (without > 0)
            missing.append(
                QStringLiteral("thread %1: %2 of %3 samples%4").arg(tid).arg(without).arg(samples.size()).arg(example));
    }
    qInfo("Python 3.%d, python_sampling=%s: %llu samples of %d late threads checked (%llu before they had run %lld ms)",
        minor, qPrintable(pythonReadingName(options.pythonReading)), qulonglong(checked), kThreads, qulonglong(early),
        kGraceMs);
    QVERIFY2(checked >= kThreads * 5, qPrintable(QString::number(checked)));
    QVERIFY2(missing.isEmpty(), qPrintable(QStringLiteral("without %1: ").arg(function) + missing.join(u"; ")));
}

QTEST_GUILESS_MAIN(TestLateThreads)
#include "tst_latethreads.moc"
