#pragma once
// Keeps a slow request's report: writes its files into log_path, then adds it to the history with its
// de-duplication decision and applies retention. `record` and the workbench both keep reports through
// it, so both fill the history the same way. With a notice_list it notifies about each report that
// de-duplication lets through (ReportNotifications). It holds a ReportHistory: use one keeper on one thread.

#include "ReportNotifications.h"
#include "capture/CaptureEngine.h"
#include "config/MonitorConfig.h"
#include "history/ReportHistory.h"
#include "report/ReportWriter.h"

#include <QCoreApplication>

#include <memory>
#include <optional>

namespace wpm {

class ReportKeeper {
    Q_DECLARE_TR_FUNCTIONS(wpm::ReportKeeper)

public:
    struct Kept {
        ReportFiles files;
        std::optional<HistoryEntry> entry; // none when the history failed: historyErrors says why
        QStringList notes; // for the user: the database was rebuilt, not notified, retention removed reports
        QStringList historyErrors; // a failing history costs the history, never the report
    };

    // `shown` hears of every notification outcome once it is in the history, on the keeper's thread.
    explicit ReportKeeper(MonitorConfig config, ReportNotifications::OutcomeShown shown = {});
    ~ReportKeeper(); // finishes the notifications, within graceful_shutdown_seconds

    // Fails only when the report's files could not be written.
    Result<Kept> keep(const CallTree& tree, const ReportMetadata& metadata);
    // Sends what is still queued within graceful_shutdown_seconds and records every outcome.
    void finishNotifications();

private:
    void openHistory(Kept& kept);
    void addToHistory(Kept& kept, const ReportMetadata& metadata);

    MonitorConfig m_config;
    ReportNotifications::OutcomeShown m_shown;
    std::unique_ptr<ReportHistory> m_history; // opened at the first report
    std::unique_ptr<ReportNotifications> m_notifications; // with the history, when notice_list is not empty
};

} // namespace wpm
