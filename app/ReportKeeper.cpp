#include "ReportKeeper.h"

#include "ReportCommand.h"

namespace wpm {

ReportKeeper::ReportKeeper(MonitorConfig config, ReportNotifications::OutcomeShown shown)
    : m_config(std::move(config))
    , m_shown(std::move(shown))
{
}

ReportKeeper::~ReportKeeper() = default;

void ReportKeeper::finishNotifications()
{
    if (m_notifications)
        m_notifications->finish();
}

Result<ReportKeeper::Kept> ReportKeeper::keep(const CallTree& tree, const ReportMetadata& metadata)
{
    Kept kept;
    // Opened before this report's files exist: a history created in a fresh log path then finds no reports to
    // rebuild from, rather than this one (and says no more about it).
    openHistory(kept);
    Result<ReportFiles> written = ReportWriter::write(tree, metadata, m_config.logPath);
    if (!written)
        return written.error();
    kept.files = std::move(written).value();
    if (m_notifications)
        m_notifications->recordArrived(); // a thread without an event loop records them here
    addToHistory(kept, metadata);
    if (m_notifications && kept.entry && kept.entry->dedup.status == DedupStatus::Notify)
        m_notifications->notify(*kept.entry, kept.files);
    return kept;
}

void ReportKeeper::openHistory(Kept& kept)
{
    if (m_history)
        return;
    Result<std::unique_ptr<ReportHistory>> opened = ReportHistory::open(m_config.logPath, historyOptions(m_config));
    if (!opened) {
        kept.historyErrors.append(opened.error().message);
        return;
    }
    m_history = std::move(opened).value();
    if (!m_history->openNote().isEmpty())
        kept.notes.append(m_history->openNote());
    if (!m_config.noticeList.isEmpty())
        m_notifications = std::make_unique<ReportNotifications>(m_config, *m_history, m_shown);
}

void ReportKeeper::addToHistory(Kept& kept, const ReportMetadata& metadata)
{
    if (!m_history)
        return; // it could not be opened: said in kept.historyErrors
    QStringList notifiers;
    for (qsizetype i = 0; i < m_config.noticeList.size(); ++i)
        notifiers.append(ReportNotifications::notifierName(i, m_config.noticeList.at(i)));
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
