#include "ReportKeeper.h"

#include "ReportCommand.h"

namespace wpm {

ReportKeeper::ReportKeeper(MonitorConfig config)
    : m_config(std::move(config))
{
}

ReportKeeper::~ReportKeeper() = default;

Result<ReportKeeper::Kept> ReportKeeper::keep(const CallTree& tree, const ReportMetadata& metadata)
{
    Result<ReportFiles> written = ReportWriter::write(tree, metadata, m_config.logPath);
    if (!written)
        return written.error();
    Kept kept;
    kept.files = std::move(written).value();
    addToHistory(kept, metadata);
    return kept;
}

void ReportKeeper::addToHistory(Kept& kept, const ReportMetadata& metadata)
{
    if (!m_history) {
        Result<std::unique_ptr<ReportHistory>> opened = ReportHistory::open(m_config.logPath, historyOptions(m_config));
        if (!opened) {
            kept.historyErrors.append(opened.error().message);
            return;
        }
        m_history = std::move(opened).value();
        if (!m_history->openNote().isEmpty())
            kept.notes.append(m_history->openNote());
    }
    QStringList notifiers;
    for (const NotifierSettings& notifier : m_config.noticeList)
        notifiers.append(notifier.type);
    const Result<ReportHistory::Recorded> recorded = m_history->recordWritten(kept.files.baseName, metadata, notifiers);
    if (!recorded) {
        kept.historyErrors.append(recorded.error().message);
        return;
    }
    kept.entry = recorded->entry;
    if (recorded->entry.dedup.status == DedupStatus::Suppressed) {
        kept.notes.append(
            tr("  not notified: %1 was reported less than %n day(s) ago (alert_window_days); next from %2.", nullptr,
                m_config.alertWindowDays)
                .arg(recorded->entry.endpoint, recorded->entry.dedup.suppressedUntil.toString(Qt::ISODate)));
    }
    if (!recorded->removedByRetention.isEmpty()) {
        kept.notes.append(tr("  retention (history_max_*) removed %n old report(s).", nullptr,
            int(recorded->removedByRetention.size())));
    }
}

} // namespace wpm
