#pragma once
// `web-perfmonitor sample`: samples a server (attached by PID, or launched from a command line) for
// a while, then writes its call stacks as folded stacks and prints where its time went. Ends early,
// still writing what it has, when the server exits or on SIGINT/SIGTERM.

#include "config/MonitorConfig.h"
#include "profile/CallTree.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTextStream>
#include <QTimer>

namespace wpm {

class CommandLine;
class ServerSession;

struct SampleRequest {
    pid_t pid = 0; // attach to this process, or
    QStringList command; // launch this one
    double durationSeconds = 10;
    QString outputPath; // empty: a file named after the target in log_path
    MonitorConfig config;
};

class SampleSession : public QObject {
    Q_OBJECT
public:
    SampleSession(SampleRequest request, QTextStream& out, QTextStream& err, QObject* parent = nullptr);

    // Starts asynchronously; when done, finished(exit status) is emitted.
    void start();
    // SIGINT/SIGTERM: stop now, still writing what was sampled.
    void stopEarly(int signalNumber);

Q_SIGNALS:
    void finished(int exitStatus);

private:
    void finish(const QString& reason);
    void fail(const QString& message);
    void endWith(int status);
    QString outputPath() const;
    void printSummary(const CallTree& tree, const QString& path);

    SampleRequest m_request;
    QTextStream& m_out;
    QTextStream& m_err;
    ServerSession* m_server;
    QTimer m_duration;
    QElapsedTimer m_elapsed;
    bool m_done = false;
};

// Parses `sample` arguments from the command line and runs a session; returns the exit status.
int runSampleCommand(const CommandLine& commandLine, const MonitorConfig& config, QTextStream& out, QTextStream& err);

} // namespace wpm
