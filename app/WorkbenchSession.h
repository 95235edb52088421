#pragma once
// One recording as the workbench runs it: the shared Recording (server, proxy, capture), the live
// profiler feeding the flame graph, and each slow request's report kept off the GUI thread (written into
// log_path and added to the history) by the same ReportKeeper `record` uses. The main window connects its
// pages to these signals.

#include "LiveProfiler.h"
#include "Recording.h"
#include "ReportKeeper.h"

#include <QObject>
#include <QThread>

#include <functional>

namespace wpm {

class WorkbenchSession : public QObject {
    Q_OBJECT
public:
    explicit WorkbenchSession(const MonitorConfig& config, QObject* parent = nullptr);
    ~WorkbenchSession() override; // waits for a report being written

    void start(pid_t pid, const LaunchSpec& launch);
    // Stops the proxy and the sampler, then a launched server; stopped() follows once.
    void stop(const QString& reason);

    Recording* recording() const { return m_recording; }
    LiveProfiler* liveProfiler() const { return m_live; } // null until sampling starts
    bool isStopping() const { return m_stopping; }

Q_SIGNALS:
    void liveProfilerStarted(wpm::LiveProfiler* profiler);
    void reportWritten(quint64 requestId, const QString& htmlPath);
    void reportFailed(const QString& message);
    // The report of reportWritten() is in the history; `notes` are what `record` would print about it.
    void reportAddedToHistory(const QString& reportId, const QStringList& notes);
    // One notifier's outcome for a report, once the history holds it (a de-duplicated report's
    // "suppressed" outcomes too); `historyError` says why it could not be recorded, if it could not.
    void notificationOutcomeAvailable(const wpm::NotificationOutcome& outcome, const QString& historyError);
    void stopped(const QString& reason);

private:
    void writeReport(const std::shared_ptr<const CapturedRequest>& captured);
    // Queues `job` on the report thread, after the jobs before it.
    void onReportThread(std::function<void()> job);
    void announceSuppressed(const HistoryEntry& entry);

    Recording* m_recording;
    LiveProfiler* m_live = nullptr;
    // Reports are written one after the other on this thread; its event loop lets the notifications'
    // outcomes reach the history (and this window) as they arrive, not at the next report.
    QThread m_reportThread;
    QObject* m_reportContext; // lives on m_reportThread
    std::unique_ptr<ReportKeeper> m_keeper; // used on m_reportThread only
    bool m_stopping = false;
};

} // namespace wpm
