#pragma once
// `web-perfmonitor record`: the workbench without a window. Samples the server, puts the
// recording proxy in front of it, and for every request slower than the threshold writes a
// report of that request's own call tree to log_path, one line per report on the console.

#include "ReportKeeper.h"
#include "capture/CaptureEngine.h"
#include "capture/FunctionWatcher.h"
#include "config/MonitorConfig.h"

#include <QObject>
#include <QTextStream>
#include <QTimer>

#include <functional>

namespace wpm {

class CommandLine;
class Recording;
class ServerSession;

struct RecordRequest {
    pid_t pid = 0;
    QStringList command;
    double durationSeconds = 0; // 0: until Ctrl+C or the server exits
    MonitorConfig config;
};

class RecordSession : public QObject {
    Q_OBJECT
public:
    RecordSession(RecordRequest request, QTextStream& out, QTextStream& err, QObject* parent = nullptr);

    void start();
    void stopEarly(int signalNumber);

Q_SIGNALS:
    void finished(int exitStatus);

private:
    void announceProxy(const QString& address, const QString& host, quint16 port);
    void writeReport(const std::shared_ptr<const CapturedRequest>& captured);
    void writeCallReport(const std::shared_ptr<const WatchedCall>& call);
    // The common part of both: the report's files and history, then `line(html path)` and the history's notes.
    void keepReport(
        const CallTree& tree, const ReportMetadata& metadata, const std::function<QString(const QString& html)>& line);
    void stop(const QString& reason, int status);
    void showNotification(const NotificationOutcome& outcome, const QString& historyError);

    RecordRequest m_request;
    QTextStream& m_out;
    QTextStream& m_err;
    Recording* m_recording;
    ServerSession* m_server;
    QTimer m_duration;
    int m_reports = 0;
    ReportKeeper m_keeper; // reports and their history (issue #5)
    bool m_done = false;
};

int runRecordCommand(const CommandLine& commandLine, const MonitorConfig& config, QTextStream& out, QTextStream& err);

} // namespace wpm
