// PythonStackReader::readStopped against real interpreters (pyenv 3.9-3.13, Debian's python3.11): the chain thread of
// stack_target.py, held stopped by ThreadCapture as the sampler holds it for a mixed stack, reads exactly, with no
// retry, and once its code objects are known in two system calls (thread states, then frames with the code objects'
// headers): no second read of what cannot move while the thread is stopped.

#include "../sampling/TargetProcess.h"
#include "ChainStacks.h"
#include "PythonInterpreters.h"
#include "python/PythonStackReader.h"
#include "sampling/ThreadCapture.h"

#include <QTest>

#include <optional>

using namespace wpm;

class TestStoppedReads : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void heldChain_data() { addSupportedInterpreterRows(); }
    void heldChain();
};

void TestStoppedReads::heldChain()
{
    QFETCH(QString, python);
    QFETCH(int, minor);
    SKIP_WITHOUT_PYTHON(python, minor);
    const QHash<QString, int> lines = expectedChainLines();
    QCOMPARE(lines.size(), 10);
    TargetProcess target(python, { QStringLiteral(WPM_SOURCE_DIR "/tests/targets/python/stack_target.py") });
    QVERIFY2(target.waitReady(), qPrintable(target.output()));
    const pid_t chain = target.reportedThreads().value(QStringLiteral("chain"));
    QVERIFY(chain > 0);

    ElfImageCache images;
    Result<ModuleMap> modules = ModuleMap::read(target.pid(), images);
    QVERIFY2(modules.ok(), qPrintable(modules ? QString() : modules.error().message));
    Result<std::unique_ptr<PythonStackReader>> created = PythonStackReader::create(target.pid(), *modules);
    QVERIFY2(created.ok(), qPrintable(created ? QString() : created.error().message));
    PythonStackReader& reader = *created.value();
    QVERIFY(reader.read().ok()); // on 3.9 and 3.10 a thread's tid is learnt from a read of every thread state

    ThreadCapture capture;
    for (int i = 0; i < 20; ++i) {
        std::optional<Result<PythonStacks>> held;
        const CaptureResult captured
            = capture.capture(target.pid(), chain, *modules, false, [&] { held = reader.readStopped(chain); });
        QCOMPARE(captured.outcome, CaptureOutcome::Captured);
        QVERIFY(held && held->ok());
        const PythonStacks& stacks = held->value();
        QVERIFY(stacks.threads.contains(chain));
        QVERIFY(stacks.threads.value(chain).consistent);
        const QString problem = chainProblem(stacks.threads.value(chain).frames, lines, minor >= 11);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        QCOMPARE(stacks.retries, 0);
        if (i > 0) // the first held read checks the code objects in a call of its own
            QVERIFY2(stacks.syscalls <= 2, qPrintable(QStringLiteral("%1 system calls").arg(stacks.syscalls)));
    }
}

QTEST_GUILESS_MAIN(TestStoppedReads)
#include "tst_stoppedreads.moc"
