#include "WorkbenchSession.h"

namespace wpm {

WorkbenchSession::WorkbenchSession(const MonitorConfig& config, QObject* parent)
    : QObject(parent)
    , m_recording(new Recording(config, Recording::CaptureThread::Own, this))
    , m_reportContext(new QObject)
{
    qRegisterMetaType<wpm::NotificationOutcome>();
    // Called on the report thread: the outcome crosses to this object's thread as a value.
    m_keeper = std::make_unique<ReportKeeper>(config, [this](const NotificationOutcome& outcome, const QString& error) {
        QMetaObject::invokeMethod(
            this, [this, outcome, error] { Q_EMIT notificationOutcomeAvailable(outcome, error); },
            Qt::QueuedConnection);
    });
    m_reportThread.setObjectName(QStringLiteral("wpm-reports"));
    m_reportContext->moveToThread(&m_reportThread);
    connect(&m_reportThread, &QThread::finished, m_reportContext, &QObject::deleteLater);
    m_reportThread.start();
    ServerSession* server = m_recording->server();
    connect(server, &ServerSession::samplingStarted, this, [this, server] {
        m_live = new LiveProfiler(server->store(), server->sampleIntervalNs(), this);
        m_live->start();
        Q_EMIT liveProfilerStarted(m_live);
    });
    connect(server, &ServerSession::failed, this, &WorkbenchSession::stop);
    connect(server, &ServerSession::serverExited, this, &WorkbenchSession::stop);
    connect(m_recording, &Recording::failed, this, &WorkbenchSession::stop);
    connect(m_recording, &Recording::requestCaptured, this, &WorkbenchSession::writeReport);
}

WorkbenchSession::~WorkbenchSession()
{
    // The history's connection is closed on the thread that opened it, after the reports before it.
    QMetaObject::invokeMethod(
        m_reportContext, [keeper = m_keeper.release()] { delete keeper; }, Qt::BlockingQueuedConnection);
    m_reportThread.quit();
    m_reportThread.wait();
}

void WorkbenchSession::onReportThread(std::function<void()> job)
{
    QMetaObject::invokeMethod(m_reportContext, std::move(job), Qt::QueuedConnection);
}

void WorkbenchSession::start(pid_t pid, const LaunchSpec& launch)
{
    m_recording->start(pid, launch);
}

void WorkbenchSession::stop(const QString& reason)
{
    if (m_stopping)
        return;
    m_stopping = true;
    if (m_live)
        m_live->stop();
    m_recording->stop();
    // On the report thread, after the reports before it: the GUI never waits on the network.
    onReportThread([this] { m_keeper->finishNotifications(); });
    connect(m_recording->server(), &ServerSession::serverStopped, this, [this, reason] { Q_EMIT stopped(reason); });
    m_recording->server()->stopServer();
}

void WorkbenchSession::writeReport(const std::shared_ptr<const CapturedRequest>& captured)
{
    const ReportMetadata metadata = m_recording->reportMetadata(*captured);
    // The destructor waits for the report thread's jobs, so `this` outlives every one.
    onReportThread([this, captured, metadata] {
        const Result<ReportKeeper::Kept> kept = m_keeper->keep(captured->tree, metadata);
        QMetaObject::invokeMethod(
            this,
            [this, kept, id = captured->request.id] {
                if (!kept) {
                    Q_EMIT reportFailed(kept.error().message);
                    return;
                }
                Q_EMIT reportWritten(id, kept->files.html);
                for (const QString& error : kept->historyErrors)
                    Q_EMIT reportFailed(error);
                if (!kept->entry)
                    return;
                Q_EMIT reportAddedToHistory(kept->entry->id, kept->notes);
                if (kept->entry->dedup.status == DedupStatus::Suppressed)
                    announceSuppressed(*kept->entry);
            },
            Qt::QueuedConnection);
    });
}

void WorkbenchSession::announceSuppressed(const HistoryEntry& entry)
{
    // The history recorded these when it decided de-duplication; no notifier was asked.
    const QList<NotifierSettings>& notifiers = m_recording->config().noticeList;
    for (qsizetype i = 0; i < notifiers.size(); ++i) {
        Q_EMIT notificationOutcomeAvailable(
            { NotificationOutcome::Kind::Suppressed, entry.id, ReportNotifications::notifierName(i, notifiers.at(i)),
                {}, 0, QDateTime::currentDateTimeUtc() },
            {});
    }
}

} // namespace wpm
