#pragma once
// For the tests that run web-perfmonitor as a process: one command to its end, with what it printed.

#include <QProcess>
#include <QProcessEnvironment>

namespace wpm::test {

struct ExecutableRun {
    int exitCode = -1; // -1: crashed or did not finish in time
    QString out;
    QString err;
};

// The environment of the tests without PERF_* settings (they would override the ones under test), in English.
inline QProcessEnvironment cleanEnvironment()
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const QString& name : environment.keys())
        if (name.startsWith(QLatin1String("PERF_")))
            environment.remove(name);
    environment.insert(QStringLiteral("LC_ALL"), QStringLiteral("C.UTF-8"));
    return environment;
}

inline ExecutableRun runExecutable(const QString& executable, const QStringList& arguments,
    const QProcessEnvironment& environment = cleanEnvironment())
{
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(executable, arguments);
    ExecutableRun run;
    if (!process.waitForFinished(60000)) {
        process.kill();
        process.waitForFinished();
        return run;
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

} // namespace wpm::test
