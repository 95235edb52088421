// Launching a server: console lines on the right channel, exit status and signals described, clear start
// failures, the environment and directory applied, and stopping that reaches the whole process group.

#include "target/LaunchedProcess.h"
#include "target/ProcFs.h"

#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

#include <csignal>
#include <unistd.h>

using namespace wpm;
using namespace Qt::StringLiterals;

namespace {

// A launched process with a spy on each of its signals.
struct Launch {
    explicit Launch(QStringList argv, const QString& workingDirectory = {})
        : process(std::make_unique<LaunchedProcess>())
        , started(process.get(), &LaunchedProcess::started)
        , startFailed(process.get(), &LaunchedProcess::startFailed)
        , output(process.get(), &LaunchedProcess::outputAvailable)
        , finished(process.get(), &LaunchedProcess::finished)
    {
        spec.argv = std::move(argv);
        spec.workingDirectory = workingDirectory;
    }

    void start() { process->start(spec); }

    QStringList lines(bool isError) const
    {
        QStringList result;
        for (const QList<QVariant>& arguments : output) {
            if (arguments.at(1).toBool() == isError)
                result.append(arguments.at(0).toString());
        }
        return result;
    }

    LaunchSpec spec;
    std::unique_ptr<LaunchedProcess> process;
    QSignalSpy started;
    QSignalSpy startFailed;
    QSignalSpy output;
    QSignalSpy finished;
};

bool isGone(pid_t pid)
{
    // Orphans may stay zombies where init does not reap them; a zombie runs nothing either.
    const std::optional<ThreadStat> stat = readThreadStat(pid, pid);
    return !stat || stat->state == ThreadState::Zombie || stat->state == ThreadState::Dead;
}

QString writeFile(
    const QTemporaryDir& directory, const QString& name, const QByteArray& content, QFile::Permissions permissions)
{
    QString path = directory.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
        return {};
    file.close();
    QFile::setPermissions(path, permissions);
    return path;
}

const QString ignoresTerm = u"trap '' TERM; sleep 60"_s; // sleep inherits the ignored SIGTERM

} // namespace

class TestLaunchedProcess : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void capturesLinesAndExitStatus();
    void describesCrash();
    void runsInItsOwnProcessGroup();
    void appliesEnvironmentAndWorkingDirectory();
    void resolvesRelativeProgramFromWorkingDirectory();
    void failsToStart_data();
    void failsToStart();
    void failsToStartUnrunnableFile();
    void refusesSecondStart();
    void stopsGracefully();
    void killsGroupThatIgnoresTerm();
    void stopReachesLeftoverChildren();
    void destructorStopsWithinGrace();
    void boundsConsole();
};

void TestLaunchedProcess::capturesLinesAndExitStatus()
{
    Launch run({ u"sh"_s, u"-c"_s, u"echo out; echo err >&2; echo 'two words'; printf partial; exit 3"_s });
    run.start();
    QVERIFY(run.finished.wait(5000));
    QCOMPARE(run.started.size(), 1);
    QCOMPARE(run.startFailed.size(), 0);
    QCOMPARE(run.lines(false), QStringList({ u"out"_s, u"two words"_s, u"partial"_s }));
    QCOMPARE(run.lines(true), QStringList({ u"err"_s }));

    const QList<QVariant> finished = run.finished.takeFirst();
    QCOMPARE(finished.at(0).toInt(), 3);
    QCOMPARE(finished.at(1).toBool(), false);
    QCOMPARE(finished.at(2).toString(), u"sh exited with status 3."_s);

    const QList<ConsoleLine> console = run.process->console().lines();
    QCOMPARE(console.size(), 4);
    QVERIFY(console.contains(ConsoleLine { u"err"_s, true }));
    QVERIFY(console.contains(ConsoleLine { u"partial"_s, false }));
    QCOMPARE(run.process->console().droppedLineCount(), 0u);
    QCOMPARE(run.process->pid(), 0);
    QVERIFY(!run.process->isRunning());
}

void TestLaunchedProcess::describesCrash()
{
    Launch run({ u"sh"_s, u"-c"_s, u"kill -SEGV $$"_s });
    run.start();
    QVERIFY(run.finished.wait(5000));
    const QList<QVariant> finished = run.finished.takeFirst();
    QCOMPARE(finished.at(0).toInt(), SIGSEGV);
    QCOMPARE(finished.at(1).toBool(), true);
    QCOMPARE(finished.at(2).toString(), u"sh was killed by signal SIGSEGV (11)."_s);
}

void TestLaunchedProcess::runsInItsOwnProcessGroup()
{
    Launch run({ u"sleep"_s, u"30"_s });
    run.start();
    QCOMPARE(run.started.size(), 0); // never from within start()
    QVERIFY(run.started.wait(5000));
    const auto pid = run.started.takeFirst().at(0).value<pid_t>();
    QVERIFY(pid > 0);
    QCOMPARE(run.process->pid(), pid);
    QVERIFY(run.process->isRunning());
    const std::optional<ThreadStat> stat = readThreadStat(pid, pid);
    QVERIFY(stat);
    QCOMPARE(stat->ppid, ::getpid());
    QCOMPARE(stat->processGroup, pid);
    QVERIFY(stat->processGroup != ::getpgrp());
    // The kernel fills the command line a moment after the exec reported as "started".
    const auto commandLine = [pid] { return readProcessInfo(pid).value_or(ProcessInfo {}).commandLine; };
    QTRY_COMPARE_WITH_TIMEOUT(
        commandLine(), QStringList({ QStandardPaths::findExecutable(u"sleep"_s), u"30"_s }), 3000);

    run.process->stop(2.0);
    QVERIFY(run.finished.wait(5000));
    QVERIFY(isGone(pid));
}

void TestLaunchedProcess::appliesEnvironmentAndWorkingDirectory()
{
    QTemporaryDir directory;
    QVERIFY(directory.isValid());
    Launch run({ u"sh"_s, u"-c"_s, u"pwd -P; echo \"$FOO\""_s }, directory.path());
    run.spec.environment.insert(u"FOO"_s, u"bar baz"_s);
    run.start();
    QVERIFY(run.finished.wait(5000));
    QCOMPARE(run.lines(false), QStringList({ QFileInfo(directory.path()).canonicalFilePath(), u"bar baz"_s }));
    QCOMPARE(run.finished.takeFirst().at(0).toInt(), 0);
}

void TestLaunchedProcess::resolvesRelativeProgramFromWorkingDirectory()
{
    QTemporaryDir directory;
    QVERIFY(directory.isValid());
    QVERIFY(!writeFile(directory, u"run.sh"_s, "#!/bin/sh\necho ran\n", QFile::ReadOwner | QFile::ExeOwner).isEmpty());
    Launch run({ u"./run.sh"_s }, directory.path());
    run.start();
    QVERIFY(run.finished.wait(5000));
    QCOMPARE(run.lines(false), QStringList({ u"ran"_s }));
}

void TestLaunchedProcess::failsToStart_data()
{
    QTest::addColumn<QStringList>("argv");
    QTest::addColumn<QString>("workingDirectory");
    QTest::addColumn<QStringList>("mustMention");

    QTest::newRow("not in PATH") << QStringList { u"wpm-no-such-server"_s, u"--port=1"_s } << QString()
                                 << QStringList { u"Cannot launch wpm-no-such-server"_s, u"PATH"_s,
                                        u"give its full path"_s };
    QTest::newRow("no such path") << QStringList { u"/nonexistent/wpm/server"_s } << QString()
                                  << QStringList { u"/nonexistent/wpm/server does not exist"_s, u"Check the path"_s };
    QTest::newRow("a directory") << QStringList { u"/tmp"_s } << QString()
                                 << QStringList { u"/tmp is not an executable program"_s };
    QTest::newRow("no working directory")
        << QStringList { u"sh"_s } << u"/nonexistent/wpm-dir"_s
        << QStringList { u"Cannot launch sh"_s, u"working directory /nonexistent/wpm-dir does not exist"_s,
               u"Create it or choose another one"_s };
    QTest::newRow("working directory is a file")
        << QStringList { u"sh"_s } << u"/etc/passwd"_s
        << QStringList { u"working directory /etc/passwd is not a directory"_s };
    QTest::newRow("empty command") << QStringList {} << QString() << QStringList { u"command is empty"_s };
}

void TestLaunchedProcess::failsToStart()
{
    QFETCH(QStringList, argv);
    QFETCH(QString, workingDirectory);
    QFETCH(QStringList, mustMention);
    Launch run(argv, workingDirectory);
    run.start();
    QCOMPARE(run.startFailed.size(), 0); // never from within start()
    QVERIFY(run.startFailed.wait(5000));
    const QString message = run.startFailed.takeFirst().at(0).toString();
    for (const QString& fragment : mustMention)
        QVERIFY2(message.contains(fragment), qPrintable(message));
    QCOMPARE(run.started.size(), 0);
    QCOMPARE(run.finished.size(), 0);
    QVERIFY(!run.process->isRunning());
}

void TestLaunchedProcess::failsToStartUnrunnableFile()
{
    QTemporaryDir directory;
    QVERIFY(directory.isValid());
    const QString notExecutable = writeFile(directory, u"server.py"_s, "print(1)\n", QFile::ReadOwner);
    Launch plain({ notExecutable });
    plain.start();
    QVERIFY(plain.startFailed.wait(5000));
    const QString message = plain.startFailed.takeFirst().at(0).toString();
    QVERIFY2(message.contains(u"%1 is not an executable program"_s.arg(notExecutable)), qPrintable(message));
    QVERIFY2(message.contains(u"chmod +x %1"_s.arg(notExecutable)), qPrintable(message));

    // Executable, but not a format the kernel runs: only exec itself can tell.
    const QString garbage
        = writeFile(directory, u"garbage"_s, QByteArray(64, '\x01'), QFile::ReadOwner | QFile::ExeOwner);
    Launch exec({ garbage });
    exec.start();
    QVERIFY(exec.startFailed.wait(5000));
    const QString execMessage = exec.startFailed.takeFirst().at(0).toString();
    QVERIFY2(execMessage.contains(u"Cannot launch %1 in "_s.arg(garbage)), qPrintable(execMessage));
    QVERIFY2(execMessage.contains(u"a program this system can run"_s), qPrintable(execMessage));
    QCOMPARE(exec.started.size(), 0);
}

void TestLaunchedProcess::refusesSecondStart()
{
    Launch run({ u"sleep"_s, u"30"_s });
    run.start();
    QVERIFY(run.started.wait(5000));
    run.start();
    QVERIFY(run.startFailed.wait(5000));
    QVERIFY(run.startFailed.takeFirst().at(0).toString().contains(u"already running sleep"_s));
    QVERIFY(run.process->isRunning());
}

void TestLaunchedProcess::stopsGracefully()
{
    Launch run({ u"sleep"_s, u"30"_s });
    run.start();
    QVERIFY(run.started.wait(5000));
    QElapsedTimer timer;
    timer.start();
    run.process->stop(5.0);
    QVERIFY(run.finished.wait(5000));
    QVERIFY(timer.elapsed() < 2000); // SIGTERM was enough: no waiting for the grace period
    const QList<QVariant> finished = run.finished.takeFirst();
    QCOMPARE(finished.at(0).toInt(), SIGTERM);
    QCOMPARE(finished.at(1).toBool(), true);
    QCOMPARE(finished.at(2).toString(), u"sleep was stopped by the workbench with signal SIGTERM (15)."_s);
}

void TestLaunchedProcess::killsGroupThatIgnoresTerm()
{
    Launch run({ u"sh"_s, u"-c"_s, ignoresTerm });
    run.start();
    QVERIFY(run.started.wait(5000));
    const pid_t pid = run.process->pid();
    QTRY_COMPARE_WITH_TIMEOUT(listChildProcesses(pid).size(), 1, 3000);
    const pid_t grandchild = listChildProcesses(pid).constFirst();
    QTRY_COMPARE_WITH_TIMEOUT(readProcessInfo(grandchild).value_or(ProcessInfo {}).name, u"sleep"_s, 3000);

    QElapsedTimer timer;
    timer.start();
    run.process->stop(0.3);
    QVERIFY(run.finished.wait(5000));
    QVERIFY2(timer.elapsed() >= 300, qPrintable(QString::number(timer.elapsed())));
    const QList<QVariant> finished = run.finished.takeFirst();
    QCOMPARE(finished.at(0).toInt(), SIGKILL);
    QCOMPARE(finished.at(1).toBool(), true);
    QCOMPARE(finished.at(2).toString(), u"sh was stopped by the workbench with signal SIGKILL (9)."_s);
    QTRY_VERIFY_WITH_TIMEOUT(isGone(grandchild), 3000);
    QVERIFY(listProcessGroup(pid).isEmpty());
}

void TestLaunchedProcess::stopReachesLeftoverChildren()
{
    // The leader exits on its own, leaving a child in its group that ignores SIGTERM.
    Launch run({ u"sh"_s, u"-c"_s, u"trap '' TERM; sleep 60 & echo $!"_s });
    run.start();
    QVERIFY(run.finished.wait(5000));
    QCOMPARE(run.finished.takeFirst().at(0).toInt(), 0);
    QCOMPARE(run.lines(false).size(), 1);
    const pid_t leftover = run.lines(false).constFirst().toInt();
    QVERIFY(leftover > 0);
    QVERIFY(!isGone(leftover));

    run.process->stop(0.2);
    QTest::qWait(100);
    QVERIFY(!isGone(leftover)); // SIGTERM is ignored: still there within the grace period
    QTRY_VERIFY_WITH_TIMEOUT(isGone(leftover), 3000);
}

void TestLaunchedProcess::destructorStopsWithinGrace()
{
    Launch run({ u"sh"_s, u"-c"_s, ignoresTerm });
    run.process->setDestructorGraceSeconds(0.3);
    run.start();
    QVERIFY(run.started.wait(5000));
    const pid_t pid = run.process->pid();
    QTRY_COMPARE_WITH_TIMEOUT(listChildProcesses(pid).size(), 1, 3000);
    const pid_t grandchild = listChildProcesses(pid).constFirst();

    QElapsedTimer timer;
    timer.start();
    run.process.reset();
    QVERIFY2(timer.elapsed() >= 300 && timer.elapsed() < 1500, qPrintable(QString::number(timer.elapsed())));
    QVERIFY(isGone(pid));
    QTRY_VERIFY_WITH_TIMEOUT(isGone(grandchild), 3000);
    QCOMPARE(run.finished.size(), 0); // nothing is emitted by an object being destroyed
}

void TestLaunchedProcess::boundsConsole()
{
    Launch run({ u"seq"_s, u"1"_s, u"250"_s });
    run.process->setConsoleLimits(100, qsizetype { 1024 } * 1024);
    run.start();
    QVERIFY(run.finished.wait(5000));
    QCOMPARE(run.output.size(), 250); // every line is still announced
    const ConsoleBuffer& console = run.process->console();
    QCOMPARE(console.lineCount(), 100);
    QCOMPARE(console.droppedLineCount(), 150u);
    QCOMPARE(console.lines().constFirst().text, u"151"_s);
    QCOMPARE(console.lines().constLast().text, u"250"_s);

    // The byte bound: "151".."250" are 3 characters, 6 bytes each in UTF-16.
    Launch bytes({ u"seq"_s, u"101"_s, u"200"_s });
    bytes.process->setConsoleLimits(10'000, 60);
    bytes.start();
    QVERIFY(bytes.finished.wait(5000));
    QCOMPARE(bytes.process->console().lineCount(), 10);
    QCOMPARE(bytes.process->console().droppedLineCount(), 90u);
    QCOMPARE(bytes.process->console().lines().constFirst().text, u"191"_s);
}

QTEST_GUILESS_MAIN(TestLaunchedProcess)
#include "tst_launchedprocess.moc"
