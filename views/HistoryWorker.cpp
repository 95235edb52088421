#include "HistoryWorker.h"

#include "history/ReportZip.h"

namespace wpm {

HistoryWorker::HistoryWorker(QString logPath, HistoryOptions options)
    : m_logPath(std::move(logPath))
    , m_options(options)
{
}

HistoryWorker::~HistoryWorker() = default;

ReportHistory* HistoryWorker::history()
{
    if (!m_history) {
        Result<std::unique_ptr<ReportHistory>> opened = ReportHistory::open(m_logPath, m_options);
        if (!opened) {
            Q_EMIT failed(opened.error().message);
            return nullptr;
        }
        m_history = std::move(opened).value();
    }
    return m_history.get();
}

void HistoryWorker::load()
{
    ReportHistory* opened = history();
    if (!opened)
        return;
    const Result<QList<HistoryEntry>> entries = opened->entries();
    if (entries)
        Q_EMIT entriesAvailable(*entries);
    else
        Q_EMIT failed(entries.error().message);
}

void HistoryWorker::reindex()
{
    m_cancel = false;
    ReportHistory* opened = history();
    if (!opened)
        return;
    const Result<ReindexSummary> summary
        = opened->reindex([this](qsizetype done, qsizetype total) { Q_EMIT reindexProgress(done, total); }, &m_cancel);
    if (!summary) {
        Q_EMIT failed(summary.error().message);
        return;
    }
    Q_EMIT reindexFinished(summary->indexed, summary->skipped);
    load();
}

void HistoryWorker::remove(const QString& reportId)
{
    ReportHistory* opened = history();
    if (!opened)
        return;
    if (const Status removed = opened->remove(reportId); !removed) {
        Q_EMIT failed(removed.error().message);
        return;
    }
    Q_EMIT removeFinished(reportId);
    load();
}

void HistoryWorker::exportZip(const QString& reportId, const QString& zipPath)
{
    if (const Status written = writeReportZip(QDir(m_logPath), reportId, zipPath); !written) {
        Q_EMIT failed(written.error().message);
        return;
    }
    Q_EMIT exportFinished(zipPath);
}

} // namespace wpm
