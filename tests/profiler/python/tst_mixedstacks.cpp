// The sampler against real CPython interpreters running tests/targets/python/mixed_target.py: the call tree
// built from its samples reads handler -> view -> (libc) clock_nanosleep and handler -> view -> (libz) deflate,
// Python frames in place of the evaluation loop; an unsupported Python is said once and sampled natively.

#include "../sampling/TargetProcess.h"
#include "PythonInterpreters.h"
#include "sampling/ProfileBuilder.h"
#include "sampling/Sampler.h"
#include "symbols/Symbolizer.h"

#include <QTest>

#include <algorithm>
#include <functional>

#include <limits>

using namespace wpm;

namespace {

const QString kScript = QStringLiteral(WPM_SOURCE_DIR "/tests/targets/python/mixed_target.py");

// A frame as the test writes it: "py:name@file:line" for Python, "name (module)" for native code.
QString describe(const Frame& frame)
{
    if (frame.kind == FrameKind::Python)
        return QStringLiteral("py:%1@%2:%3")
            .arg(frame.function, frame.file.section(QLatin1Char('/'), -1))
            .arg(frame.line);
    return QStringLiteral("%1 (%2)").arg(frame.function, frame.module);
}

// Every stack of the tree, root first, with its sample count.
QList<std::pair<QList<Frame>, quint64>> stacksOf(const CallTree& tree)
{
    QList<std::pair<QList<Frame>, quint64>> stacks;
    for (NodeId id = kRootNode + 1; id < tree.nodeCount(); ++id) {
        if (tree.node(id).selfSamples == 0)
            continue;
        QList<Frame> frames;
        for (NodeId node = id; node != kRootNode; node = tree.node(node).parent)
            frames.prepend(tree.frame(tree.node(node).frame));
        stacks.append({ frames, tree.node(id).selfSamples });
    }
    return stacks;
}

using FramePredicate = std::function<bool(const Frame&)>;

FramePredicate pythonFrame(const QString& function)
{
    return [function](const Frame& frame) {
        return frame.kind == FrameKind::Python && frame.function == function
            && frame.file.endsWith(QLatin1String("mixed_target.py")) && frame.line > 0;
    };
}

FramePredicate nativeFrame(const QString& functionPart, const QString& modulePrefix)
{
    return [=](const Frame& frame) {
        return frame.kind == FrameKind::Native && frame.function.contains(functionPart)
            && frame.module.startsWith(modulePrefix);
    };
}

// Whether the stack holds frames matching `expected` in this order (others may come between), and no frame of
// the evaluation loop.
bool readsAs(const QList<Frame>& stack, const QList<FramePredicate>& expected)
{
    qsizetype next = 0;
    for (const Frame& frame : stack) {
        if (frame.function == QLatin1String("_PyEval_EvalFrameDefault"))
            return false;
        if (next < expected.size() && expected[next](frame))
            ++next;
    }
    return next == expected.size();
}

} // namespace

class TestMixedStacks : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void handlerStacks_data();
    void handlerStacks();
    void unsupportedPython();
};

void TestMixedStacks::handlerStacks_data()
{
    QTest::addColumn<QString>("python");
    QTest::addColumn<int>("minor");
    QTest::addColumn<bool>("perfSupport");
    for (const PythonInterpreterRow& row : supportedInterpreters()) {
        QTest::newRow(qPrintable(row.label)) << row.python << row.minor << false;
        // 3.12+ with perf support: each Python call goes through a trampoline copy no unwind information covers.
        if (row.minor >= 12)
            QTest::newRow(qPrintable(row.label + QStringLiteral("-X-perf"))) << row.python << row.minor << true;
    }
}

void TestMixedStacks::handlerStacks()
{
    QFETCH(QString, python);
    QFETCH(int, minor);
    QFETCH(bool, perfSupport);
    SKIP_WITHOUT_PYTHON(python, minor);
    TargetProcess target(python,
        perfSupport ? QStringList { QStringLiteral("-X"), QStringLiteral("perf"), kScript } : QStringList { kScript });
    QVERIFY2(target.waitReady(), qPrintable(target.output()));
    const QHash<QString, pid_t> tids = target.reportedThreads();
    QCOMPARE(tids.size(), 2);

    auto store = std::make_shared<SampleStore>();
    SamplerOptions options;
    options.rateHz = 100;
    options.adaptiveRate = false;
    Sampler sampler(store, options);
    const Status started = sampler.start(target.pid());
    QVERIFY2(started.ok(), qPrintable(started ? QString() : started.error().message));
    QTest::qWait(1500);
    sampler.stop();
    const SamplerStats stats = sampler.stats();
    QVERIFY2(stats.warnings.isEmpty(), qPrintable(stats.warnings.join(QLatin1Char('\n'))));
    QVERIFY(stats.pythonStacks > 0);
    QVERIFY(store->counters().pythonFrames > 0);
    QVERIFY2(stats.completeStacks * 1000 >= stats.unwoundStacks * 999,
        qPrintable(QStringLiteral("%1 of %2 unwinds complete").arg(stats.completeStacks).arg(stats.unwoundStacks)));

    // Before 3.11 code objects have no qualified names; these functions are module-level either way. Before
    // 3.11 time.sleep waits in select().
    const QString sleepCall = minor >= 11 ? QStringLiteral("clock_nanosleep") : QStringLiteral("select");
    const QList<std::pair<QString, QList<FramePredicate>>> expectations {
        { QStringLiteral("sleeper"),
            { pythonFrame(QStringLiteral("handle_sleep")), pythonFrame(QStringLiteral("sleepy_view")),
                nativeFrame(sleepCall, QStringLiteral("libc")) } },
        { QStringLiteral("compressor"),
            { pythonFrame(QStringLiteral("handle_compress")), pythonFrame(QStringLiteral("compress_view")),
                nativeFrame(QString(), QStringLiteral("libz")) } },
    };
    Symbolizer symbolizer;
    for (const auto& [thread, expected] : expectations) {
        ProfileBuilder builder(store->modules(), symbolizer);
        for (const StoredSample& stored : store->window(0, std::numeric_limits<qint64>::max(), tids.value(thread)))
            builder.add(stored, 10'000'000);
        quint64 matching = 0;
        QStringList others;
        for (const auto& [stack, samples] : stacksOf(builder.tree())) {
            QStringList names;
            for (const Frame& frame : stack)
                names.append(describe(frame));
            const QString text = QStringLiteral("%1x %2").arg(samples).arg(names.join(QLatin1String(" -> ")));
            // Whole from the thread's start, no frame outside every module (a wrong step lands on such addresses;
            // libz's unnamed static functions are in a module, with their offsets for names), and the perf
            // trampolines hidden among the interpreter's plumbing.
            const bool whole = !stack.isEmpty() && stack.front().function.contains(QLatin1String("clone"));
            const bool clean = std::none_of(stack.begin(), stack.end(), [](const Frame& frame) {
                return frame.function.startsWith(QLatin1String("[unknown]")) || frame.function.contains(u"trampoline");
            });
            if (whole && clean && readsAs(stack, expected)) {
                if (matching == 0)
                    qInfo("%s", qPrintable(text));
                matching += samples;
            } else {
                others.append(text);
            }
        }
        const quint64 total = builder.tree().totalSamples();
        QVERIFY2(total >= 50, qPrintable(QStringLiteral("%1: %2 samples").arg(thread).arg(total)));
        // The thread is in its native call nearly all the time: between two calls it is briefly in Python.
        QVERIFY2(matching >= total * 9 / 10,
            qPrintable(QStringLiteral("%1: %2 of %3 samples read as expected; the others:\n%4")
                           .arg(thread)
                           .arg(matching)
                           .arg(total)
                           .arg(others.join(QLatin1Char('\n')))));
    }
}

void TestMixedStacks::unsupportedPython()
{
    const QString python = pyenvPython(8);
    if (python.isEmpty())
        QSKIP(qPrintable(QStringLiteral("No pyenv Python 3.8 under %1").arg(pyenvRoot())));
    TargetProcess target(python,
        { QStringLiteral("-c"),
            QStringLiteral("import os, sys, time; sys.stdout.write('ready pid=%d\\n' % os.getpid()); "
                           "sys.stdout.flush(); time.sleep(60)") });
    QVERIFY2(target.waitReady(), qPrintable(target.output()));
    auto store = std::make_shared<SampleStore>();
    Sampler sampler(store, SamplerOptions {});
    QVERIFY(sampler.start(target.pid()).ok());
    QTRY_VERIFY_WITH_TIMEOUT(sampler.stats().samples >= 5 && !sampler.stats().warnings.isEmpty(), 5000);
    sampler.stop();
    const SamplerStats stats = sampler.stats();
    QCOMPARE(stats.warnings.size(), 1); // said once, not once per tick
    QVERIFY2(stats.warnings.front().contains(QLatin1String("Unsupported Python 3.8"))
            && stats.warnings.front().contains(QLatin1String("Native sampling continues")),
        qPrintable(stats.warnings.front()));
    QCOMPARE(stats.pythonStacks, 0u);
    QVERIFY(store->counters().samples >= 5); // native stacks all the same
}

QTEST_GUILESS_MAIN(TestMixedStacks)
#include "tst_mixedstacks.moc"
