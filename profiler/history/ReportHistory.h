#pragma once
// The history of log_path's reports: an SQLite index (one row per report, a table of notification
// outcomes) that can always be rebuilt from the report files. It decides de-duplication, so an
// endpoint notifies at most once per alert window across restarts, and applies retention.
//
// One ReportHistory per thread (each holds its own connection); any number of them, in any number
// of processes, may use one log_path at a time.

#include "core/Result.h"
#include "history/HistoryDatabase.h"
#include "history/HistoryEntry.h"
#include "report/ReportMetadata.h"

#include <QDir>

#include <atomic>
#include <functional>
#include <memory>

namespace wpm {

struct ReindexSummary {
    qsizetype indexed = 0;
    QStringList skipped; // one message per HTML file that is not a readable report
};

struct HistoryOptions {
    int alertWindowDays = 0;
    RetentionPolicy retention;
};

class ReportHistory {
public:
    using Progress = std::function<void(qsizetype done, qsizetype total)>;

    // Opens (or creates) log_path's database. When it was missing or corrupt, the index is rebuilt
    // from the report files first; openNote() then says so.
    static Result<std::unique_ptr<ReportHistory>> open(const QString& logPath, const HistoryOptions& options);

    QString databasePath() const { return m_database->path(); }
    QString openNote() const { return m_openNote; }

    // Adds the report just written as `baseName` in log_path, deciding its de-duplication in the same
    // transaction. The returned entry carries the decision.
    Result<HistoryEntry> addReport(const QString& baseName, const ReportMetadata& metadata);
    // Whether a report of `endpoint` at `now` would notify (read only).
    Result<DedupDecision> decide(const QString& endpoint, const QDateTime& now) const;
    Status recordNotification(const QString& reportId, const QString& notifier, NotificationResult outcome,
        const QString& reason, const QDateTime& time = QDateTime::currentDateTimeUtc());

    Result<QList<HistoryEntry>> entries() const; // oldest first
    // By id, or by the six hex digits that end it when they match one report only.
    Result<HistoryEntry> find(const QString& idOrSuffix) const;
    Result<QList<NotificationRecord>> notifications(const QString& reportId) const;

    // Rebuilds the report rows from the report files in log_path; keeps the notification rows of the
    // reports still there. Replays de-duplication with the current alert window. Setting `cancel` stops it
    // before anything is written: the history is then unchanged and the Error says so.
    Result<ReindexSummary> reindex(const Progress& progress = {}, const std::atomic_bool* cancel = nullptr);
    // Deletes report `id`: its files (the HTML first) and its rows.
    Status remove(const QString& id);
    // Removes the reports (files and rows) that the retention policy no longer allows; returns their ids.
    Result<QStringList> applyRetention(const QDateTime& now = QDateTime::currentDateTimeUtc());

    QDir directory() const { return m_directory; }

    struct Recorded {
        HistoryEntry entry;
        QStringList removedByRetention;
    };
    // What `record` does with each report it wrote: adds it, records a `suppressed` outcome for each of
    // `notifiers` when de-duplication holds it back, then applies retention.
    Result<Recorded> recordWritten(
        const QString& baseName, const ReportMetadata& metadata, const QStringList& notifiers);

private:
    ReportHistory(const QDir& directory, const HistoryOptions& options, std::unique_ptr<HistoryDatabase> database);
    Status insert(const HistoryEntry& entry) const;
    Status deleteRows(const QStringList& ids) const;
    Result<DedupDecision> decideExcluding(const QString& endpoint, const QDateTime& now, const QString& reportId) const;
    Result<QList<HistoryEntry>> select(const QString& where, const QVariantList& values) const;

    QDir m_directory;
    HistoryOptions m_options;
    std::unique_ptr<HistoryDatabase> m_database;
    QString m_openNote;
};

} // namespace wpm
