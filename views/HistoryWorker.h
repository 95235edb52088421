#pragma once
// The history page's work off the GUI thread: it lives on a thread of its own and holds that thread's
// ReportHistory (one connection per thread). Requests arrive as queued calls, results leave as signals.

#include "history/ReportHistory.h"

#include <QObject>

#include <atomic>

namespace wpm {

class HistoryWorker : public QObject {
    Q_OBJECT
public:
    HistoryWorker(QString logPath, HistoryOptions options);
    ~HistoryWorker() override;

    QString logPath() const { return m_logPath; }
    // Thread-safe: stops a reindex in progress, leaving the history unchanged.
    void cancel() { m_cancel = true; }

    // Call these through QMetaObject::invokeMethod (queued): they run on the worker's thread.
    void load();
    void reindex();
    void remove(const QString& reportId);
    void exportZip(const QString& reportId, const QString& zipPath);

Q_SIGNALS:
    void entriesAvailable(const QList<wpm::HistoryEntry>& entries);
    void reindexProgress(qint64 done, qint64 total);
    void reindexFinished(qint64 indexed, const QStringList& skipped);
    void exportFinished(const QString& zipPath);
    void removeFinished(const QString& reportId);
    void failed(const QString& message);

private:
    ReportHistory* history(); // opened at first use; null after failed()

    QString m_logPath;
    HistoryOptions m_options;
    std::unique_ptr<ReportHistory> m_history;
    std::atomic_bool m_cancel = false;
};

} // namespace wpm
