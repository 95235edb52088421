// Where the sampler reads a target's files from when its own paths do not lead to them: a server in a container (its
// paths are relative to its own root, and the host's file of the same name is another one), and a server whose
// executable was deleted after it started (an upgrade, a rebuild). Stacks stay complete and named, or the user is
// told why not.

#include "SamplerRecording.h"
#include "StackChecks.h"
#include "TargetProcess.h"
#include "TargetThreads.h"
#include "sampling/ModuleMap.h"
#include "symbols/Symbolizer.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

using namespace wpm;
using namespace wpm::test;

namespace {

const QString kTarget = QStringLiteral(WPM_NATIVE_TARGET);
const QString kRunInOwnRoot = QStringLiteral(WPM_RUN_IN_OWN_ROOT);

// The first mapping whose path ends with `suffix`.
std::optional<MemoryMapping> mappingEndingWith(const ModuleMap& modules, const QString& suffix)
{
    for (const MemoryMapping& mapping : modules.mappings())
        if (mapping.path.endsWith(suffix))
            return mapping;
    return std::nullopt;
}

// What is wrong with a recording of the chain thread: too few samples, more than 0.1% of them not complete with the
// whole chain, or a warning; empty when nothing is.
QString chainSamplesProblem(const Recording& recording, pid_t tid)
{
    Symbolizer symbolizer;
    const QStringList modules = recording.store->modules();
    const QList<StoredSample> samples = recording.store->window(0, std::numeric_limits<qint64>::max(), tid);
    qsizetype good = 0;
    QString firstBad;
    for (const StoredSample& stored : samples) {
        const QStringList functions = functionsOf(stored.stack, modules, symbolizer);
        if (stored.stack.complete && containsInOrder(functions, chainFunctions()))
            ++good;
        else if (firstBad.isEmpty())
            firstBad = functions.join(QStringLiteral(" <- "));
    }
    if (samples.size() <= 20 || samples.size() - good > samples.size() / 1000)
        return QStringLiteral("%1 of %2 good; first bad: %3").arg(good).arg(samples.size()).arg(firstBad);
    return recording.stats.warnings.join(u'\n');
}

Recording record(pid_t pid)
{
    SamplerOptions options;
    options.rateHz = 200;
    options.maxOverhead = 0.5; // these tests check stacks, not the adaptive rate
    return wpm::test::record(pid, options, 800);
}

} // namespace

class TestTargetFiles : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void containerFilesAreReadUnderItsRoot()
    {
        TargetProcess target(kRunInOwnRoot, { kTarget, QStringLiteral("--no-churn"), QStringLiteral("--no-signals") });
        if (!target.waitReady()) {
            target.process().waitForFinished(5000);
            const QString output = target.output() + QString::fromUtf8(target.process().readAll());
            if (target.process().exitCode() == 77)
                QSKIP(qPrintable(output.trimmed()));
            QFAIL(qPrintable(QStringLiteral("the target did not start in its own root: %1").arg(output)));
        }
        const pid_t pid = target.pid();
        const QString root = QStringLiteral("/proc/%1/root").arg(pid);

        ElfImageCache images;
        const Result<ModuleMap> modules = ModuleMap::read(pid, images);
        QVERIFY(modules.ok());
        // The executable exists only in the target's root; libc exists here too, but as another file.
        const std::optional<MemoryMapping> executable
            = mappingEndingWith(*modules, QStringLiteral("/opt/app/wpm_native_target"));
        const std::optional<MemoryMapping> libc = mappingEndingWith(*modules, QStringLiteral("/libc.so.6"));
        QVERIFY(executable && libc);
        QCOMPARE(executable->path, root + QStringLiteral("/opt/app/wpm_native_target"));
        QVERIFY(QFile::exists(QStringLiteral("/lib/x86_64-linux-gnu/libc.so.6")));
        QVERIFY2(libc->path.startsWith(root + u'/'), qPrintable(libc->path));
        QVERIFY(executable->fileMatches && libc->fileMatches);
        QVERIFY(modules->image(*executable) && modules->image(*libc));
        QVERIFY(modules->unmatchedCode().isEmpty());

        const pid_t chain = threadsByName(pid).value(QStringLiteral("chain"));
        QVERIFY(chain > 0);
        const Recording recording = record(pid);
        const QString problem = chainSamplesProblem(recording, chain);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        QVERIFY(tracedTasks(pid).isEmpty());
    }

    void deletedExecutableIsReadThroughItsMappingOrSaidSo()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString copy = dir.filePath(QStringLiteral("server"));
        QVERIFY(QFile::copy(kTarget, copy));
        TargetProcess target(copy, { QStringLiteral("--no-churn"), QStringLiteral("--no-signals") });
        QVERIFY(target.waitReady());
        QVERIFY(QFile::remove(copy)); // as an upgrade or a rebuild does: the running server keeps the old file
        const pid_t pid = target.pid();
        const pid_t chain = threadsByName(pid).value(QStringLiteral("chain"));
        QVERIFY(chain > 0);

        const Recording recording = record(pid);
        if (geteuid() == 0) {
            // Root opens the deleted file through /proc/PID/map_files: complete stacks, and the module named so.
            const QString problem = chainSamplesProblem(recording, chain);
            QVERIFY2(problem.isEmpty(), qPrintable(problem));
            Symbolizer symbolizer;
            const QStringList modules = recording.store->modules();
            const QList<StoredSample> samples = recording.store->window(0, std::numeric_limits<qint64>::max(), chain);
            const FrameAddress leaf = samples.first().stack.frames.first();
            QCOMPARE(symbolizer.symbolize(modules[qsizetype(leaf.module)], leaf.offset).module,
                QStringLiteral("server (deleted)"));
        } else {
            // Without root the file cannot be opened: said once, naming it.
            QCOMPARE(recording.stats.warnings.size(), 1);
            QVERIFY2(recording.stats.warnings.first().contains(copy + QStringLiteral(" (deleted)")),
                qPrintable(recording.stats.warnings.first()));
        }
    }

    void ownFilesKeepTheirPaths()
    {
        // The common case costs nothing: a process's files are read where its maps say.
        ElfImageCache images;
        const Result<ModuleMap> modules = ModuleMap::read(getpid(), images);
        QVERIFY(modules.ok());
        const std::optional<MemoryMapping> libc = mappingEndingWith(*modules, QStringLiteral("/libc.so.6"));
        QVERIFY(libc);
        QVERIFY(libc->fileMatches);
        QVERIFY2(!libc->path.startsWith(QLatin1String("/proc/")), qPrintable(libc->path));
        QVERIFY(modules->unmatchedCode().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestTargetFiles)
#include "tst_targetfiles.moc"
