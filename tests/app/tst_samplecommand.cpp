// `web-perfmonitor sample` end to end, with the real executable and the native test target:
// launch and attach, folded output, SIGTERM mid-sampling, and the errors.

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

namespace {

const QString kExecutable = QStringLiteral(WPM_EXECUTABLE);
const QString kTarget = QStringLiteral(WPM_NATIVE_TARGET);

bool anyTaskTraced(qint64 pid)
{
    const QStringList tasks
        = QDir(QStringLiteral("/proc/%1/task").arg(pid)).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString& tid : tasks) {
        QFile status(QStringLiteral("/proc/%1/task/%2/status").arg(pid).arg(tid));
        if (status.open(QIODevice::ReadOnly) && !status.readAll().contains("TracerPid:\t0\n"))
            return true;
    }
    return false;
}

char processState(qint64 pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return '?';
    const QByteArray text = stat.readAll();
    const qsizetype close = text.lastIndexOf(')');
    return close > 0 && close + 2 < text.size() ? text[close + 2] : '?';
}

// The count of the summary's "N samples of running threads taken by the kernel"; -1 when it is not there.
int kernelSamples(const QString& out)
{
    const QRegularExpressionMatch match
        = QRegularExpression(QStringLiteral("(\\d+) samples of running threads taken by the kernel")).match(out);
    return match.hasMatch() ? match.captured(1).toInt() : -1;
}

} // namespace

class TestSampleCommand : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void launchesSamplesAndWritesFoldedStacks()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString output = dir.filePath(QStringLiteral("out.folded"));
        QProcess cli;
        cli.start(kExecutable,
            { QStringLiteral("sample"), QStringLiteral("--duration"), QStringLiteral("1"), QStringLiteral("--output"),
                output, QStringLiteral("--"), kTarget, QStringLiteral("--no-churn") });
        QVERIFY(cli.waitForFinished(20000));
        const QString out = QString::fromUtf8(cli.readAllStandardOutput());
        const QString err = QString::fromUtf8(cli.readAllStandardError());
        QVERIFY2(cli.exitCode() == 0, qPrintable(err));
        QVERIFY2(out.contains(QStringLiteral("Folded stacks written to ") + output), qPrintable(out));
        QVERIFY(out.contains(QStringLiteral("wpm_target::chainLevel20(int)")));
        QVERIFY(out.contains(QStringLiteral("| ready pid="))); // the server's console is shown
        // native_sampling=kernel by default: the chain thread runs all along, and the kernel takes about one sample
        // per tick of the second.
        QVERIFY2(kernelSamples(out) > 20, qPrintable(out));
        QFile folded(output);
        QVERIFY(folded.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(folded.readAll());
        QVERIFY(text.contains(QStringLiteral("wpm_target::chainThread(void*) [wpm_native_target]")));
        QVERIFY(text.contains(QStringLiteral("wpm_target::blockInPipeRead()")));
        // The launched server was stopped at the end.
        const QRegularExpressionMatch ready = QRegularExpression(QStringLiteral("ready pid=(\\d+)")).match(out);
        QVERIFY(ready.hasMatch());
        const qint64 serverPid = ready.captured(1).toLongLong();
        QTRY_VERIFY_WITH_TIMEOUT(processState(serverPid) == '?' || processState(serverPid) == 'Z', 5000);
    }

    void nativeSamplingPtraceStopsEveryThread()
    {
        QProcess cli;
        cli.start(kExecutable,
            { QStringLiteral("sample"), QStringLiteral("--duration"), QStringLiteral("1"),
                QStringLiteral("--native-sampling"), QStringLiteral("ptrace"), QStringLiteral("--output"),
                QStringLiteral("/dev/null"), QStringLiteral("--"), kTarget, QStringLiteral("--no-churn") });
        QVERIFY(cli.waitForFinished(20000));
        const QString out = QString::fromUtf8(cli.readAllStandardOutput());
        QVERIFY2(cli.exitCode() == 0, qPrintable(QString::fromUtf8(cli.readAllStandardError())));
        QVERIFY2(kernelSamples(out) == 0, qPrintable(out));
        QVERIFY(out.contains(QStringLiteral("wpm_target::chainLevel20(int)")));
    }

    void unsupportedPythonIsSaidOnceAndSampledNatively()
    {
        QProcess pyenv;
        pyenv.start(QStringLiteral("pyenv"), { QStringLiteral("root") });
        const QString root
            = pyenv.waitForFinished(10000) ? QString::fromUtf8(pyenv.readAllStandardOutput()).trimmed() : QString();
        const QString python38 = root + QStringLiteral("/versions/3.8.18/bin/python3.8");
        if (root.isEmpty() || !QFile::exists(python38))
            QSKIP("No pyenv CPython 3.8.18 here: the unsupported-version warning is not checked");
        QTemporaryDir dir;
        const QString output = dir.filePath(QStringLiteral("py38.folded"));
        QProcess cli;
        cli.start(kExecutable,
            { QStringLiteral("sample"), QStringLiteral("--duration"), QStringLiteral("1.5"), QStringLiteral("--output"),
                output, QStringLiteral("--"), python38, QStringLiteral("-c"),
                QStringLiteral("import time\nwhile True: time.sleep(0.01)") });
        QVERIFY(cli.waitForFinished(20000));
        const QString err = QString::fromUtf8(cli.readAllStandardError());
        QVERIFY2(cli.exitCode() == 0, qPrintable(err));
        QCOMPARE(err.count(QStringLiteral("warning: Unsupported Python 3.8")), 1);
        QVERIFY2(err.contains(QStringLiteral("Native sampling continues.")), qPrintable(err));
        QFile folded(output);
        QVERIFY(folded.open(QIODevice::ReadOnly));
        const QByteArray stacks = folded.readAll();
        // Native frames as ever (3.8's time.sleep waits in select), the evaluation loop left in place.
        QVERIFY2(stacks.contains("_PyEval_EvalFrameDefault") && stacks.contains("select"), stacks.left(2000));
    }

    void terminatingTheSamplerLeavesAnAttachedServerRunningAndUntraced()
    {
        QProcess server;
        server.start(kTarget);
        QVERIFY(server.waitForReadyRead(10000));
        QTemporaryDir dir;
        const QString output = dir.filePath(QStringLiteral("attached.folded"));
        QProcess cli;
        cli.start(kExecutable,
            { QStringLiteral("sample"), QStringLiteral("--pid"), QString::number(server.processId()),
                QStringLiteral("--duration"), QStringLiteral("60"), QStringLiteral("--output"), output,
                QStringLiteral("--sampling-rate-hz"), QStringLiteral("1000") });
        cli.setReadChannel(QProcess::StandardError);
        QVERIFY(cli.waitForReadyRead(10000)); // "Sampling PID ..." on stderr once running
        QTest::qWait(700);
        ::kill(pid_t(cli.processId()), SIGTERM);
        QVERIFY(cli.waitForFinished(10000));
        QCOMPARE(cli.exitCode(), 0);
        QVERIFY(QFile::exists(output)); // what was sampled is still written
        QVERIFY(!anyTaskTraced(server.processId()));
        const char state = processState(server.processId());
        QVERIFY2(state == 'R' || state == 'S', &state);
        server.terminate();
        QVERIFY(server.waitForFinished(5000));
        QCOMPARE(server.exitCode(), 0);
    }

    void errors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("mentioned");
        QTest::newRow("nothing to sample") << QStringList { "sample" } << 2 << "--pid";
        QTest::newRow("nothing to record") << QStringList { "record" } << 2 << "web-perfmonitor record --pid";
        QTest::newRow("both pid and command")
            << QStringList { "sample", "--pid", "1", "--", "true" } << 2 << "not both";
        QTest::newRow("bad duration") << QStringList { "sample", "--pid", "1", "--duration", "-3" } << 2 << "-3";
        QTest::newRow("no such process") << QStringList { "sample", "--pid", "999999999" } << 1 << "999999999";
        QTest::newRow("no such program") << QStringList { "sample", "--", "/nonexistent/server" } << 1
                                         << "/nonexistent/server";
    }

    void errors()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, status);
        QFETCH(QString, mentioned);
        QProcess cli;
        cli.start(kExecutable, arguments);
        QVERIFY(cli.waitForFinished(20000));
        QCOMPARE(cli.exitCode(), status);
        const QString err = QString::fromUtf8(cli.readAllStandardError());
        QVERIFY2(err.contains(mentioned), qPrintable(err));
    }
};

QTEST_GUILESS_MAIN(TestSampleCommand)
#include "tst_samplecommand.moc"
