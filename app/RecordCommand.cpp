#include "RecordCommand.h"

#include "CommandLine.h"
#include "Commands.h"
#include "Recording.h"
#include "ReportCommand.h"
#include "ServerSession.h"
#include "TargetArguments.h"

#include <QDir>

namespace wpm {

RecordSession::RecordSession(RecordRequest request, QTextStream& out, QTextStream& err, QObject* parent)
    : QObject(parent)
    , m_request(std::move(request))
    , m_out(out)
    , m_err(err)
    , m_recording(new Recording(m_request.config, Recording::CaptureThread::Caller, this))
    , m_server(m_recording->server())
    , m_keeper(m_request.config, [this](const NotificationOutcome& outcome, const QString& historyError) {
        showNotification(outcome, historyError);
    })
{
    m_duration.setSingleShot(true);
    connect(&m_duration, &QTimer::timeout, this, [this] { stop(tr("duration reached"), ExitOk); });
    echoServerConsole(*m_server, *this, m_out, m_err);
    connect(m_server, &ServerSession::failed, this, [this](const QString& message) { stop(message, ExitFailure); });
    connect(m_recording, &Recording::failed, this, [this](const QString& message) { stop(message, ExitFailure); });
    connect(m_server, &ServerSession::serverExited, this,
        [this](const QString& description) { stop(description, ExitOk); });
    connect(m_server, &ServerSession::samplingStarted, this, [this] {
        if (m_request.durationSeconds > 0)
            m_duration.start(int(m_request.durationSeconds * 1000));
    });
    connect(m_recording, &Recording::proxyStarted, this, &RecordSession::announceProxy);
    connect(m_recording, &Recording::requestCaptured, this, &RecordSession::writeReport);
    connect(m_recording, &Recording::callCaptured, this, &RecordSession::writeCallReport);
}

void RecordSession::start()
{
    m_recording->start(m_request.pid, LaunchSpec { m_request.command, {}, QProcessEnvironment::systemEnvironment() });
}

void RecordSession::announceProxy(const QString& address, const QString& host, quint16 port)
{
    m_out << tr("Recording: send requests to http://%1 (forwarded to %2:%3). Requests slower than %4 s are "
                "reported in %5. Ctrl+C stops.")
                 .arg(address, host)
                 .arg(port)
                 .arg(m_request.config.thresholdSeconds)
                 .arg(m_request.config.logPath)
          << Qt::endl;
}

void RecordSession::keepReport(
    const CallTree& tree, const ReportMetadata& metadata, const std::function<QString(const QString& html)>& line)
{
    const Result<ReportKeeper::Kept> kept = m_keeper.keep(tree, metadata);
    if (!kept) {
        m_err << kept.error().message << Qt::endl;
        return;
    }
    ++m_reports;
    for (const QString& error : kept->historyErrors) // history (issue #5)
        m_err << error << Qt::endl;
    m_out << line(kept->files.html) << Qt::endl;
    for (const QString& note : kept->notes) // under the report's line
        m_out << note << Qt::endl;
}

void RecordSession::writeReport(const std::shared_ptr<const CapturedRequest>& captured)
{
    keepReport(captured->tree, m_recording->reportMetadata(*captured), [&](const QString& html) {
        const RequestRecord& request = captured->request;
        QStringList threads; // "TID (samples)": which threads the report's samples come from
        for (auto it = captured->samplesByThread.cbegin(); it != captured->samplesByThread.cend(); ++it)
            threads.append(QStringLiteral("%1 (%2)").arg(it.key()).arg(it.value()));
        return tr("Slow: %1 %2 took %3 s (status %4); %5 samples from thread(s) %6: %7")
            .arg(request.method, request.target)
            .arg(request.durationSeconds(), 0, 'f', 3)
            .arg(request.status)
            .arg(captured->samples)
            .arg(threads.join(QStringLiteral(", ")), html);
    });
}

void RecordSession::writeCallReport(const std::shared_ptr<const WatchedCall>& call)
{
    keepReport(call->tree, m_recording->reportMetadata(*call), [&](const QString& html) {
        return tr("Long call: %1 stayed %2 s on thread %3 (threshold %4 s); %5 samples: %6")
            .arg(call->function)
            .arg(call->durationSeconds(), 0, 'f', 3)
            .arg(call->tid)
            .arg(call->thresholdSeconds)
            .arg(call->samples)
            .arg(html);
    });
}

void RecordSession::showNotification(const NotificationOutcome& outcome, const QString& historyError)
{
    const QString kind = NotificationOutcome::kindName(outcome.kind);
    m_out << (outcome.reason.isEmpty() ? tr("  notified %1: %2").arg(outcome.notifier, kind)
                                       : tr("  notified %1: %2: %3").arg(outcome.notifier, kind, outcome.reason))
          << Qt::endl;
    if (!historyError.isEmpty())
        m_err << historyError << Qt::endl;
}

void RecordSession::stopEarly(int signalNumber)
{
    stop(tr("interrupted by signal %1").arg(signalNumber), ExitOk);
}

void RecordSession::stop(const QString& reason, int status)
{
    if (m_done)
        return;
    m_done = true;
    m_duration.stop();
    m_recording->stop();
    (status == ExitOk ? m_out : m_err) << stoppedLine(reason) << Qt::endl;
    if (m_recording->capture()) {
        const CaptureEngine::Counters counters = m_recording->capture()->counters();
        m_out << tr("%1 requests, %2 slower than the threshold, %3 left out by the URL filters, %4 reports.")
                     .arg(counters.finished)
                     .arg(counters.slow)
                     .arg(counters.filteredOut)
                     .arg(m_reports)
              << Qt::endl;
    }
    m_keeper.finishNotifications(); // bounded by graceful_shutdown_seconds
    connect(m_server, &ServerSession::serverStopped, this, [this, status] { Q_EMIT finished(status); });
    m_server->stopServer();
}

int runRecordCommand(const CommandLine& commandLine, const MonitorConfig& config, QTextStream& out, QTextStream& err)
{
    const Result<TargetArguments> target = parseTargetArguments(commandLine, QStringLiteral("record"), 31 * 86400);
    if (!target) {
        err << target.error().message << Qt::endl;
        return ExitUsage;
    }
    RecordRequest request;
    request.config = config;
    request.pid = target->pid;
    request.command = target->command;
    request.durationSeconds = target->durationSeconds;
    RecordSession session(request, out, err);
    return runSession(session);
}

} // namespace wpm
