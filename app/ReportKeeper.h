#pragma once
// Keeps a slow request's report: writes its files into log_path, then adds it to the history with its
// de-duplication decision and applies retention. `record` and the workbench both keep reports through
// it, so both fill the history the same way. It holds a ReportHistory: use one keeper on one thread.

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

    explicit ReportKeeper(MonitorConfig config);
    ~ReportKeeper();

    // Fails only when the report's files could not be written.
    Result<Kept> keep(const CallTree& tree, const ReportMetadata& metadata);

private:
    void addToHistory(Kept& kept, const ReportMetadata& metadata);

    MonitorConfig m_config;
    std::unique_ptr<ReportHistory> m_history; // opened at the first report
};

} // namespace wpm
