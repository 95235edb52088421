#include "WorkbenchSession.h"

namespace wpm {

WorkbenchSession::WorkbenchSession(const MonitorConfig& config, QObject* parent)
    : QObject(parent)
    , m_recording(new Recording(config, Recording::CaptureThread::Own, this))
    , m_keeper(std::make_unique<ReportKeeper>(config))
{
    m_reportWriter.setMaxThreadCount(1); // reports are written one after the other, in order
    m_reportWriter.setExpiryTimeout(-1);
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
    // The history's connection is closed on the thread that opened it.
    m_reportWriter.start([keeper = m_keeper.release()] { delete keeper; });
    m_reportWriter.waitForDone();
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
    m_reportWriter.start([this] { m_keeper->finishNotifications(); });
    connect(m_recording->server(), &ServerSession::serverStopped, this, [this, reason] { Q_EMIT stopped(reason); });
    m_recording->server()->stopServer();
}

void WorkbenchSession::writeReport(const std::shared_ptr<const CapturedRequest>& captured)
{
    const ReportMetadata metadata = m_recording->reportMetadata(*captured);
    // The pool is waited for in the destructor, so `this` outlives every job.
    m_reportWriter.start([this, captured, metadata] {
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
                if (kept->entry)
                    Q_EMIT reportAddedToHistory(kept->entry->id, kept->notes);
            },
            Qt::QueuedConnection);
    });
}

} // namespace wpm
