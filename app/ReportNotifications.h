#pragma once
// Notifies notice_list about the reports a ReportKeeper keeps: one NotificationQueue per recording, the
// report's zip written beside its files (`<id>.zip`, the one the user finds in log_path), and every
// outcome recorded in the keeper's history on the keeper's thread. The queue sends on its own thread, so
// neither the capture nor the GUI waits on the network.

#include "history/ReportHistory.h"
#include "notify/NotificationQueue.h"
#include "report/ReportWriter.h"

#include <QObject>

#include <functional>
#include <mutex>

namespace wpm {

class ReportNotifications : public QObject {
    Q_OBJECT

public:
    using OutcomeShown = std::function<void(const NotificationOutcome& outcome, const QString& historyError)>;

    // Lives on the thread that owns `history`; `shown` hears of each outcome once it is recorded.
    ReportNotifications(const MonitorConfig& config, ReportHistory& history, OutcomeShown shown);
    ~ReportNotifications() override; // finish()es

    // The name notice_list entry `index` has in outcomes and in the history.
    static QString notifierName(qsizetype index, const NotifierSettings& settings);

    // Writes the report's zip and queues it for every notifier; a zip that cannot be written fails each
    // notifier's outcome with the reason, the report itself stays.
    void notify(const HistoryEntry& entry, const ReportFiles& files);
    // Records the outcomes that arrived. Runs by itself where the thread has an event loop; the keeper
    // also calls it, for threads without one.
    void recordArrived();
    // Sends what is pending within graceful_shutdown_seconds, then records every outcome.
    void finish();

private:
    NotificationPayload payloadFor(const HistoryEntry& entry, const ReportFiles& files) const;

    QList<NotifierSettings> m_notifiers;
    ReportHistory& m_history;
    OutcomeShown m_shown;
    NotificationQueue m_queue;
    std::mutex m_mutex;
    QList<NotificationOutcome> m_arrived; // from the queue's worker thread, guarded by m_mutex
};

} // namespace wpm
