// The Python stack reader against real CPython interpreters (pyenv 3.9-3.13 and Debian's python3.11)
// running tests/targets/python/stack_target.py (with known_threads.py): known chains, names, files, lines and OS thread
// ids; clear errors for unsupported interpreters, non-Python processes and vanished ones.

#include "../sampling/TargetProcess.h"
#include "ChainStacks.h"
#include "PythonInterpreters.h"
#include "python/PythonInterpreterLocator.h"
#include "python/PythonStackReader.h"
#include "target/ProcFs.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTest>

#include <algorithm>

using namespace wpm;

namespace {

const QString kScript = QStringLiteral(WPM_SOURCE_DIR "/tests/targets/python/stack_target.py");

bool isTargetFile(const QString& file)
{
    return file.endsWith(QLatin1String("/stack_target.py")) || file.endsWith(QLatin1String("/known_threads.py"));
}

// Each function of the script (qualified name) with the range of lines of its body: [def line, next def line).
QHash<QString, std::pair<int, int>> functionRanges(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QList<QByteArray> lines = file.readAll().split('\n');
    QList<std::pair<QString, int>> defs;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QByteArray line = lines[i];
        const qsizetype def = line.indexOf("def ");
        if (def < 0 || !line.trimmed().startsWith("def "))
            continue;
        const QString name = QString::fromLatin1(line.mid(def + 4, line.indexOf('(') - def - 4));
        defs.append({ def > 0 ? QStringLiteral("Chain.") + name : name, int(i + 1) });
        if (def > 0)
            defs.append({ name, int(i + 1) }); // the name before 3.11
    }
    QHash<QString, std::pair<int, int>> ranges;
    for (qsizetype i = 0; i < defs.size(); ++i) {
        qsizetype next = i + 1;
        while (next < defs.size() && defs[next].second == defs[i].second)
            ++next;
        ranges.insert(defs[i].first, { defs[i].second, next < defs.size() ? defs[next].second : int(lines.size()) });
    }
    return ranges;
}

} // namespace

class TestPythonStacks : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void threadStacks_data();
    void threadStacks();
    void racyReads_data() { threadStacks_data(); }
    void racyReads();
    void nativeThread_data() { addSupportedInterpreterRows(); }
    void nativeThread();
    void unsupportedVersions_data();
    void unsupportedVersions();
    void notPython();
    void vanishedProcess();
};

void TestPythonStacks::threadStacks_data()
{
    addSupportedInterpreterRows();
}

void TestPythonStacks::threadStacks()
{
    QFETCH(QString, python);
    QFETCH(int, minor);
    SKIP_WITHOUT_PYTHON(python, minor);
    const QHash<QString, int> lines = expectedChainLines();
    QCOMPARE(lines.size(), 10);

    TargetProcess target(python, { kScript });
    QVERIFY2(target.waitReady(), qPrintable(target.output()));
    const QHash<QString, pid_t> tids = target.reportedThreads();
    QCOMPARE(tids.size(), 3);

    ElfImageCache images;
    QElapsedTimer attachTimer;
    attachTimer.start();
    Result<std::unique_ptr<PythonStackReader>> created = PythonStackReader::create(target.pid(), images);
    const qint64 attachMs = attachTimer.elapsed();
    QVERIFY2(created.ok(), qPrintable(created ? QString() : created.error().message));
    PythonStackReader& reader = *created.value();
    QCOMPARE(reader.interpreter().major, 3);
    QCOMPARE(reader.interpreter().minor, minor);

    constexpr int kReads = 200;
    quint64 syscalls = 0;
    int retries = 0;
    int inconsistent = 0;
    int chainHoldsGil = 0;
    QList<qint64> readNs;
    for (int i = 0; i < kReads; ++i) {
        QElapsedTimer timer;
        timer.start();
        Result<PythonStacks> read = reader.read();
        const qint64 ns = timer.nsecsElapsed();
        QVERIFY2(read.ok(), qPrintable(read ? QString() : read.error().message));
        const PythonStacks& stacks = read.value();
        if (i > 0) { // the first read fills the caches
            syscalls += stacks.syscalls;
            readNs.append(ns);
        }
        retries += stacks.retries;

        const QList<pid_t> osThreads = listThreads(target.pid());
        for (auto it = stacks.threads.cbegin(); it != stacks.threads.cend(); ++it)
            QVERIFY2(osThreads.contains(it.key()), qPrintable(QStringLiteral("tid %1 is not a thread").arg(it.key())));
        QVERIFY(stacks.threads.contains(target.pid())); // the main thread
        QCOMPARE(stacks.threads.size(), 4);
        int gilHolders = 0;
        for (const PythonThreadStack& stack : stacks.threads) {
            gilHolders += stack.holdsGil ? 1 : 0;
            inconsistent += stack.consistent ? 0 : 1;
        }
        QVERIFY(gilHolders <= 1);

        QVERIFY(stacks.threads.contains(tids.value(QStringLiteral("chain"))));
        chainHoldsGil += stacks.threads.value(tids.value(QStringLiteral("chain"))).holdsGil ? 1 : 0;
        QVERIFY(!stacks.threads.value(tids.value(QStringLiteral("waiter"))).holdsGil); // blocked on a lock
        const QString problem
            = chainProblem(stacks.threads.value(tids.value(QStringLiteral("chain"))).frames, lines, minor >= 11);
        QVERIFY2(problem.isEmpty(), qPrintable(QStringLiteral("read %1: %2").arg(i).arg(problem)));

        const QList<PythonFrame> sleeping = stacks.threads.value(tids.value(QStringLiteral("sleeper"))).frames;
        QVERIFY2(!sleeping.isEmpty() && sleeping.front().qualifiedName == QLatin1String("sleeper"),
            qPrintable(namesOf(sleeping).join(QLatin1Char(' '))));
        const QList<PythonFrame> waiting = stacks.threads.value(tids.value(QStringLiteral("waiter"))).frames;
        QVERIFY2(std::any_of(waiting.begin(), waiting.end(),
                     [](const PythonFrame& frame) { return frame.qualifiedName == QLatin1String("waiter"); }),
            qPrintable(namesOf(waiting).join(QLatin1Char(' '))));
        QVERIFY2(!waiting.isEmpty() && waiting.front().qualifiedName.endsWith(QLatin1String("wait")),
            qPrintable(namesOf(waiting).join(QLatin1Char(' '))));
    }
    const double perSample = double(syscalls) / (kReads - 1);
    std::sort(readNs.begin(), readNs.end());
    qInfo("Python %s (%s): %.2f syscalls and %.1f us (median; min %.1f) per sample of 4 threads, so %.2f syscalls "
          "and %.1f us per thread-sample; %d retries, %d inconsistent thread stacks, %lld code objects cached, "
          "chain thread holds the GIL in %d of %d reads; locating the interpreter took %lld ms",
        qPrintable(reader.interpreter().versionString()), qPrintable(python), perSample,
        double(readNs[readNs.size() / 2]) / 1000.0, double(readNs.front()) / 1000.0, perSample / 4,
        double(readNs[readNs.size() / 2]) / 4000.0, retries, inconsistent, qlonglong(reader.cachedCodeObjects()),
        chainHoldsGil, kReads, qlonglong(attachMs));
    // The CPU-bound chain is the only thread that wants the GIL for long, but how often it has it at the instant
    // of a read depends on the machine's load: wrong GIL offsets would give zero.
    QVERIFY(chainHoldsGil > 0);
    // The batching is the point: a few calls for the whole process, not one per frame.
    QVERIFY2(perSample <= 6.0, qPrintable(QString::number(perSample)));
}

// A thread whose stack changes all the time, read without stopping it: no garbage, only stacks that exist;
// and a stack deeper than a data-stack chunk.
void TestPythonStacks::racyReads()
{
    QFETCH(QString, python);
    QFETCH(int, minor);
    SKIP_WITHOUT_PYTHON(python, minor);
    QHash<QString, std::pair<int, int>> ranges = functionRanges(kScript);
    ranges.insert(functionRanges(kKnownThreads));
    const QHash<QString, int> chainLines = expectedChainLines();
    const QStringList churnCalls { QStringLiteral("churn_c"), QStringLiteral("churn_b"), QStringLiteral("churn_a"),
        QStringLiteral("churn") };
    TargetProcess target(python, { kScript, QStringLiteral("--churn"), QStringLiteral("--deep") });
    QVERIFY2(target.waitReady(), qPrintable(target.output()));
    const QHash<QString, pid_t> tids = target.reportedThreads();
    QCOMPARE(tids.size(), 5);
    ElfImageCache images;
    Result<std::unique_ptr<PythonStackReader>> created = PythonStackReader::create(target.pid(), images);
    QVERIFY2(created.ok(), qPrintable(created ? QString() : created.error().message));

    constexpr int kReads = 500;
    int retries = 0;
    int inconsistent = 0;
    quint64 syscalls = 0;
    for (int i = 0; i < kReads; ++i) {
        const Result<PythonStacks> read = created.value()->read();
        QVERIFY2(read.ok(), qPrintable(read ? QString() : read.error().message));
        retries += read->retries;
        syscalls += read->syscalls;
        for (const PythonThreadStack& stack : read->threads) {
            if (!stack.consistent) {
                ++inconsistent; // still moving after the retries: flagged, so a sampler drops it
                continue;
            }
            QStringList ours; // the script's own frames, innermost first
            for (const PythonFrame& frame : stack.frames) {
                // Messages are built only on failure: QVERIFY2 would build them for each of the deep frames.
                if (frame.qualifiedName.isEmpty() || !frame.file.endsWith(QLatin1String(".py")) || frame.line <= 0)
                    QFAIL(qPrintable(namesOf(stack.frames).join(QLatin1Char(' '))));
                if (!isTargetFile(frame.file) || frame.qualifiedName == QLatin1String("<module>"))
                    continue;
                const auto range = ranges.constFind(frame.qualifiedName);
                // A function of the script, on a line of its body (RESUME is on the def line).
                if (range == ranges.cend() || frame.line < range->first || frame.line >= range->second)
                    QFAIL(qPrintable(QStringLiteral("%1:%2").arg(frame.qualifiedName).arg(frame.line)));
                ours.append(frame.qualifiedName);
            }
            if (stack.tid == tids.value(QStringLiteral("churn"))) {
                // Innermost first, a tail of churn_c -> churn_b -> churn_a -> churn.
                if (ours.isEmpty() || ours.size() > churnCalls.size()
                    || churnCalls.sliced(churnCalls.size() - ours.size()) != ours)
                    QFAIL(qPrintable(namesOf(stack.frames).join(QLatin1Char(' '))));
            } else if (stack.tid == tids.value(QStringLiteral("deep"))) {
                // bottom, then 300 recurse frames (more than the first data-stack chunk holds), then deep.
                if (ours.size() != 302 || ours.front() != QLatin1String("bottom")
                    || ours.count(QStringLiteral("recurse")) != 300 || ours.back() != QLatin1String("deep"))
                    QFAIL(qPrintable(
                        QStringLiteral("%1 frames: %2").arg(ours.size()).arg(ours.mid(0, 4).join(QLatin1Char(' ')))));
            } else if (stack.tid == tids.value(QStringLiteral("chain"))) {
                const QString problem = chainProblem(stack.frames, chainLines, minor >= 11);
                QVERIFY2(problem.isEmpty(), qPrintable(problem));
            }
        }
    }
    qInfo("Python %s with a churning and a 300-deep thread: %.2f syscalls per sample of 6 threads, %d whole "
          "re-reads in %d reads, %d thread stacks flagged inconsistent",
        qPrintable(created.value()->interpreter().versionString()), double(syscalls) / kReads, retries, kReads,
        inconsistent);
}

// One thread at a time, as the sampler reads each thread it holds stopped: a thread that runs no Python has no
// stack, and once a read found none, asking again costs only the re-read of the thread states (on 3.9 and 3.10
// too, whose thread states keep no tid) until they change.
void TestPythonStacks::nativeThread()
{
    QFETCH(QString, python);
    QFETCH(int, minor);
    SKIP_WITHOUT_PYTHON(python, minor);
    TargetProcess target(python, { kScript, QStringLiteral("--native-thread") });
    QVERIFY2(target.waitReady(), qPrintable(target.output()));
    const QHash<QString, pid_t> tids = target.reportedThreads();
    QList<pid_t> native = listThreads(target.pid());
    native.removeAll(target.pid());
    for (pid_t tid : tids)
        native.removeAll(tid);
    QCOMPARE(native.size(), 1);
    ElfImageCache images;
    Result<std::unique_ptr<PythonStackReader>> created = PythonStackReader::create(target.pid(), images);
    QVERIFY2(created.ok(), qPrintable(created ? QString() : created.error().message));
    PythonStackReader& reader = *created.value();

    for (pid_t tid : tids) {
        const Result<PythonStacks> read = reader.read(tid);
        QVERIFY(read.ok());
        QVERIFY(read->threads.contains(tid));
        QVERIFY(!read->threads.value(tid).frames.isEmpty());
    }
    for (int attempt = 0; attempt < 3; ++attempt) {
        const Result<PythonStacks> read = reader.read(native.front());
        QVERIFY(read.ok());
        QVERIFY(!read->threads.contains(native.front()));
        if (attempt > 0)
            QVERIFY2(read->syscalls <= 1, qPrintable(QString::number(read->syscalls)));
    }
    const Result<PythonStacks> chain = reader.read(tids.value(QStringLiteral("chain")));
    QVERIFY(chain.ok());
    QCOMPARE(chain->threads.size(), 1);
    QVERIFY(chain->threads.contains(tids.value(QStringLiteral("chain"))));
}

void TestPythonStacks::unsupportedVersions_data()
{
    QTest::addColumn<int>("minor");
    QTest::newRow("3.8") << 8;
    QTest::newRow("3.7") << 7;
    QTest::newRow("3.6") << 6;
}

void TestPythonStacks::unsupportedVersions()
{
    QFETCH(int, minor);
    const QString python = pyenvPython(minor);
    if (python.isEmpty())
        QSKIP(qPrintable(QStringLiteral("No pyenv Python 3.%1 under %2").arg(minor).arg(pyenvRoot())));
    // Older than the stack target's needs (threading.get_native_id is 3.8+): a one-liner that waits.
    TargetProcess target(python,
        { QStringLiteral("-c"),
            QStringLiteral("import os, sys, time; sys.stdout.write('ready pid=%d\\n' % os.getpid()); "
                           "sys.stdout.flush(); time.sleep(60)") });
    QVERIFY2(target.waitReady(), qPrintable(target.output()));
    ElfImageCache images;
    const Result<std::unique_ptr<PythonStackReader>> created = PythonStackReader::create(target.pid(), images);
    QVERIFY(!created.ok());
    QVERIFY2(created.error().message.contains(QStringLiteral("Unsupported Python 3.%1").arg(minor)),
        qPrintable(created.error().message));
}

void TestPythonStacks::notPython()
{
    QProcess sleeper;
    sleeper.start(QStringLiteral("/bin/sleep"), { QStringLiteral("30") });
    QVERIFY(sleeper.waitForStarted());
    ElfImageCache images;
    const Result<PythonInterpreter> located = PythonInterpreterLocator::locate(pid_t(sleeper.processId()), images);
    sleeper.kill();
    sleeper.waitForFinished();
    QVERIFY(!located.ok());
    QVERIFY2(located.error().message.contains(QLatin1String("runs no CPython")), qPrintable(located.error().message));
}

void TestPythonStacks::vanishedProcess()
{
    const QString python = pyenvPython(11).isEmpty() ? QStringLiteral("/usr/bin/python3.11") : pyenvPython(11);
    if (!QFile::exists(python))
        QSKIP("No Python 3.11 interpreter found (pyenv or /usr/bin/python3.11)");
    auto target = std::make_unique<TargetProcess>(python, QStringList { kScript });
    QVERIFY2(target->waitReady(), qPrintable(target->output()));
    const pid_t pid = target->pid();
    ElfImageCache images;
    Result<std::unique_ptr<PythonStackReader>> created = PythonStackReader::create(pid, images);
    QVERIFY2(created.ok(), qPrintable(created ? QString() : created.error().message));
    QVERIFY(created.value()->read().ok());
    target.reset(); // SIGTERM, waited for
    const Result<PythonStacks> read = created.value()->read();
    QVERIFY(!read.ok());
    QVERIFY2(read.error().message.contains(QLatin1String("has exited")), qPrintable(read.error().message));
    const Result<PythonInterpreter> located = PythonInterpreterLocator::locate(pid, images);
    QVERIFY(!located.ok());
}

QTEST_GUILESS_MAIN(TestPythonStacks)
#include "tst_pythonstacks.moc"
