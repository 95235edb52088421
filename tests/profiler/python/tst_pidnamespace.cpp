// Python stacks of a server in a PID namespace of its own, as in a container: its thread states hold the thread ids
// it knows (1 for its main thread), not ours. Read alone and through the sampler, each stack comes under our id of
// its thread. Needs root (unshare --pid); each interpreter row is skipped without it.

#include "../sampling/SamplerRecording.h"
#include "../sampling/TargetProcess.h"
#include "ChainStacks.h"
#include "PythonInterpreters.h"
#include "python/PythonStackReader.h"
#include "target/ProcFs.h"

#include <QFile>
#include <QTest>

using namespace wpm;

namespace {

const QString kScript = QStringLiteral(WPM_SOURCE_DIR "/tests/targets/python/stack_target.py");

// The last id of a task's NSpid line: the one the process knows the thread by.
pid_t innermostId(pid_t pid, pid_t tid)
{
    QFile status(QStringLiteral("/proc/%1/task/%2/status").arg(pid).arg(tid));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray& line : status.readAll().split('\n'))
        if (line.startsWith("NSpid:"))
            return pid_t(line.mid(6).simplified().split(' ').last().toInt());
    return 0;
}

} // namespace

class TestPidNamespace : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void stacksComeUnderOurThreadIds_data() { addSupportedInterpreterRows(); }
    void stacksComeUnderOurThreadIds()
    {
        QFETCH(QString, python);
        QFETCH(int, minor);
        SKIP_WITHOUT_PYTHON(python, minor);
        // --kill-child: the server goes with unshare, which is what the test stops at its end.
        TargetProcess target(QStringLiteral("unshare"),
            { QStringLiteral("--pid"), QStringLiteral("--fork"), QStringLiteral("--kill-child"),
                QStringLiteral("--mount-proc"), python, kScript });
        if (!target.waitReady()) {
            target.process().waitForFinished(5000);
            QSKIP(qPrintable(QStringLiteral("no PID namespace here (unshare --pid needs root): %1")
                                 .arg(target.output() + QString::fromUtf8(target.process().readAll()))));
        }
        QVERIFY2(target.output().contains(QStringLiteral("ready pid=1")), qPrintable(target.output()));
        const QList<pid_t> children = listChildProcesses(target.pid()); // unshare forked the server
        QCOMPARE(children.size(), 1);
        const pid_t server = children.first();
        const QList<pid_t> ourThreads = listThreads(server);
        pid_t chain = 0;
        for (pid_t tid : ourThreads)
            if (innermostId(server, tid) == target.reportedThreads().value(QStringLiteral("chain")))
                chain = tid;
        QVERIFY(chain != 0 && chain != target.reportedThreads().value(QStringLiteral("chain")));

        ElfImageCache images;
        Result<std::unique_ptr<PythonStackReader>> created = PythonStackReader::create(server, images);
        QVERIFY2(created.ok(), qPrintable(created ? QString() : created.error().message));
        const QHash<QString, int> lines = expectedChainLines();
        for (int i = 0; i < 20; ++i) {
            const Result<PythonStacks> read = created.value()->read();
            QVERIFY(read.ok());
            QCOMPARE(read->threads.size(), 4);
            for (auto it = read->threads.cbegin(); it != read->threads.cend(); ++it) {
                QVERIFY2(ourThreads.contains(it.key()), qPrintable(QString::number(it.key())));
                QCOMPARE(it->tid, it.key());
            }
            QVERIFY(read->threads.contains(server)); // the main thread, 1 inside
            const QString problem = chainProblem(read->threads.value(chain).frames, lines, minor >= 11);
            QVERIFY2(problem.isEmpty(), qPrintable(problem));
        }
        const Result<PythonStacks> stopped = created.value()->readStopped(chain); // asked for by our id
        QVERIFY(stopped.ok());
        QVERIFY(stopped->threads.contains(chain));

        // Through the sampler (mixed stacks): the chain thread's samples carry its Python frames.
        SamplerOptions options;
        options.rateHz = 200;
        options.maxOverhead = 0.5;
        const wpm::test::Recording recording = wpm::test::record(server, options, 600);
        const QList<StoredSample> samples = recording.store->window(0, std::numeric_limits<qint64>::max(), chain);
        QVERIFY(samples.size() > 20);
        const qsizetype withPython = std::count_if(
            samples.begin(), samples.end(), [](const StoredSample& stored) { return !stored.stack.python.isEmpty(); });
        QVERIFY2(withPython * 10 >= samples.size() * 9,
            qPrintable(QStringLiteral("%1 of %2 samples with Python frames").arg(withPython).arg(samples.size())));
    }
};

QTEST_GUILESS_MAIN(TestPidNamespace)
#include "tst_pidnamespace.moc"
