#include "history/ReportHistory.h"

#include "history/Deduplication.h"
#include "history/EndpointPattern.h"
#include "history/HistoryRetention.h"
#include "history/ReportScan.h"

#include <QCoreApplication>
#include <QFile>
#include <QRegularExpression>

namespace wpm {
namespace {

const QString kColumns = QStringLiteral(
    "id, time, endpoint, method, url, status, duration_s, threshold_s, samples, files, bytes, dedup, suppressed_until");

// UTC with milliseconds and a Z: sorts as text in time order.
QString storedTime(const QDateTime& time)
{
    return time.isValid() ? time.toUTC().toString(Qt::ISODateWithMs) : QString();
}

QDateTime loadedTime(const QVariant& value)
{
    return QDateTime::fromString(value.toString(), Qt::ISODateWithMs).toUTC();
}

QString dedupName(DedupStatus status)
{
    return status == DedupStatus::Notify ? QStringLiteral("notify") : QStringLiteral("suppressed");
}

HistoryEntry entryFromRow(const QSqlQuery& row)
{
    HistoryEntry entry;
    entry.id = row.value(0).toString();
    entry.time = loadedTime(row.value(1));
    entry.endpoint = row.value(2).toString();
    entry.method = row.value(3).toString();
    entry.url = row.value(4).toString();
    entry.status = row.value(5).toInt();
    entry.durationS = row.value(6).toDouble();
    entry.thresholdS = row.value(7).toDouble();
    entry.samples = row.value(8).toULongLong();
    entry.bytes = row.value(10).toLongLong();
    entry.dedup.status
        = row.value(11).toString() == QLatin1String("notify") ? DedupStatus::Notify : DedupStatus::Suppressed;
    entry.dedup.suppressedUntil = loadedTime(row.value(12));
    return entry;
}

Error historyError(const char* text, const QString& argument)
{
    return Error { QCoreApplication::translate("wpm::ReportHistory", text).arg(argument) };
}

} // namespace

ReportHistory::ReportHistory(
    const QDir& directory, const HistoryOptions& options, std::unique_ptr<HistoryDatabase> database)
    : m_directory(directory)
    , m_options(options)
    , m_database(std::move(database))
{
}

Result<std::unique_ptr<ReportHistory>> ReportHistory::open(const QString& logPath, const HistoryOptions& options)
{
    QDir directory(logPath);
    if (!directory.mkpath(QStringLiteral("."))) {
        return historyError(QT_TRANSLATE_NOOP("wpm::ReportHistory",
                                "Could not create the report directory %1. Check the log path setting and its "
                                "permissions."),
            QDir::toNativeSeparators(logPath));
    }
    Result<std::unique_ptr<HistoryDatabase>> database
        = HistoryDatabase::open(directory.absoluteFilePath(kHistoryFileName));
    if (!database)
        return database.error();
    const HistoryDatabase::Origin origin = (*database)->origin();
    const QString movedAside = (*database)->movedAsideTo();
    std::unique_ptr<ReportHistory> history(new ReportHistory(directory, options, std::move(database).value()));
    if (origin == HistoryDatabase::Origin::Existing)
        return history;
    if (origin == HistoryDatabase::Origin::Created && reportBaseNames(history->m_directory).isEmpty())
        return history;
    const Result<ReindexSummary> rebuilt = history->reindex();
    if (!rebuilt)
        return rebuilt.error();
    history->m_openNote = origin == HistoryDatabase::Origin::Recovered
        ? QCoreApplication::translate("wpm::ReportHistory",
            "The history database was damaged: it was moved to %1 and rebuilt from %n report(s).", nullptr,
            int(rebuilt->indexed))
              .arg(QDir::toNativeSeparators(movedAside))
        : QCoreApplication::translate("wpm::ReportHistory",
            "The history database was missing: it was rebuilt from %n report(s).", nullptr, int(rebuilt->indexed));
    return history;
}

Status ReportHistory::insert(const HistoryEntry& entry) const
{
    const Result<QSqlQuery> inserted = m_database->run(
        QStringLiteral("INSERT OR REPLACE INTO reports (%1) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)").arg(kColumns),
        { entry.id, storedTime(entry.time), entry.endpoint, entry.method, entry.url, entry.status, entry.durationS,
            entry.thresholdS, qint64(entry.samples), entry.fileNames().join(u'\n'), entry.bytes,
            dedupName(entry.dedup.status), storedTime(entry.dedup.suppressedUntil) });
    if (!inserted)
        return inserted.error();
    return success();
}

Result<QList<HistoryEntry>> ReportHistory::select(const QString& where, const QVariantList& values) const
{
    Result<QSqlQuery> found
        = m_database->run(QStringLiteral("SELECT %1 FROM reports %2 ORDER BY time, id").arg(kColumns, where), values);
    if (!found)
        return found.error();
    QSqlQuery rows = std::move(found).value();
    QList<HistoryEntry> entries;
    while (rows.next())
        entries.append(entryFromRow(rows));
    return entries;
}

Result<DedupDecision> ReportHistory::decide(const QString& endpoint, const QDateTime& now) const
{
    return decideExcluding(endpoint, now, QString());
}

Result<DedupDecision> ReportHistory::decideExcluding(
    const QString& endpoint, const QDateTime& now, const QString& reportId) const
{
    // The report itself is left out: a reindex on opening may already have indexed it.
    Result<QSqlQuery> found = m_database->run(QStringLiteral("SELECT max(time) FROM reports WHERE endpoint = ? AND "
                                                             "dedup = 'notify' AND time <= ? AND id <> ?"),
        { endpoint, storedTime(now), reportId.isNull() ? QString(QLatin1String("")) : reportId });
    if (!found)
        return found.error();
    QSqlQuery last = std::move(found).value();
    std::optional<QDateTime> lastNotified;
    if (last.next() && !last.value(0).isNull())
        lastNotified = loadedTime(last.value(0));
    return decideAfter(lastNotified, now, m_options.alertWindowDays);
}

Result<HistoryEntry> ReportHistory::addReport(const QString& baseName, const ReportMetadata& metadata)
{
    HistoryEntry entry = entryFor(m_directory, baseName, metadata);
    if (Status begun = m_database->beginWrite(); !begun)
        return begun.error();
    Result<DedupDecision> decision = decideExcluding(entry.endpoint, entry.time, entry.id);
    if (!decision) {
        m_database->rollback();
        return decision.error();
    }
    entry.dedup = *decision;
    if (Status inserted = insert(entry); !inserted) {
        m_database->rollback();
        return inserted.error();
    }
    if (Status committed = m_database->commit(); !committed)
        return committed.error();
    return entry;
}

Status ReportHistory::recordNotification(const QString& reportId, const QString& notifier, NotificationResult outcome,
    const QString& reason, const QDateTime& time)
{
    const Result<QSqlQuery> inserted = m_database->run(
        QStringLiteral("INSERT INTO notifications (report_id, notifier, outcome, reason, time) VALUES (?,?,?,?,?)"),
        { reportId, notifier, outcomeName(outcome), reason.isNull() ? QString(QLatin1String("")) : reason,
            storedTime(time) });
    if (!inserted)
        return inserted.error();
    return success();
}

Result<QList<HistoryEntry>> ReportHistory::entries() const
{
    return select(QString(), {});
}

Result<HistoryEntry> ReportHistory::find(const QString& idOrSuffix) const
{
    static const QRegularExpression suffix(QStringLiteral("^[0-9a-f]{6}$"));
    Result<QList<HistoryEntry>> found = suffix.match(idOrSuffix).hasMatch()
        ? select(QStringLiteral("WHERE substr(id, -7) = ?"), { u'_' + idOrSuffix })
        : select(QStringLiteral("WHERE id = ?"), { idOrSuffix });
    if (!found)
        return found.error();
    if (found->size() == 1)
        return found->first();
    if (found->isEmpty()) {
        return historyError(QT_TRANSLATE_NOOP("wpm::ReportHistory",
                                "There is no report \"%1\" in this log path. 'web-perfmonitor report list' shows "
                                "the ids."),
            idOrSuffix.left(120));
    }
    return historyError(QT_TRANSLATE_NOOP("wpm::ReportHistory",
                            "\"%1\" ends more than one report's id; give the whole id (see 'web-perfmonitor "
                            "report list')."),
        idOrSuffix);
}

Result<QList<NotificationRecord>> ReportHistory::notifications(const QString& reportId) const
{
    Result<QSqlQuery> found = m_database->run(QStringLiteral("SELECT notifier, outcome, reason, time FROM "
                                                             "notifications WHERE report_id = ? ORDER BY time, rowid"),
        { reportId });
    if (!found)
        return found.error();
    QSqlQuery rows = std::move(found).value();
    QList<NotificationRecord> records;
    while (rows.next()) {
        records.append({ reportId, rows.value(0).toString(),
            outcomeFromName(rows.value(1).toString()).value_or(NotificationResult::Failed), rows.value(2).toString(),
            loadedTime(rows.value(3)) });
    }
    return records;
}

Result<ReindexSummary> ReportHistory::reindex(const Progress& progress, const std::atomic_bool* cancel)
{
    // Read every file before taking the write lock: other writers wait only for the inserts.
    ReindexSummary summary;
    const QStringList names = reportBaseNames(m_directory);
    QList<HistoryEntry> scanned;
    for (qsizetype i = 0; i < names.size(); ++i) {
        if (cancel && cancel->load())
            return historyError(
                QT_TRANSLATE_NOOP("wpm::ReportHistory", "Reindexing %1 was cancelled; the history is unchanged."),
                QDir::toNativeSeparators(m_directory.path()));
        if (progress)
            progress(i, names.size());
        Result<HistoryEntry> entry = scanReport(m_directory, names.at(i));
        if (entry)
            scanned.append(std::move(entry).value());
        else
            summary.skipped.append(entry.error().message);
    }
    std::stable_sort(
        scanned.begin(), scanned.end(), [](const HistoryEntry& a, const HistoryEntry& b) { return a.time < b.time; });
    replayDeduplication(scanned, m_options.alertWindowDays);

    if (Status begun = m_database->beginWrite(); !begun)
        return begun.error();
    const Result<QSqlQuery> cleared = m_database->run(QStringLiteral("DELETE FROM reports"));
    Status status = cleared ? success() : Status(cleared.error());
    for (const HistoryEntry& entry : scanned) {
        if (status)
            status = insert(entry);
    }
    if (status) {
        const Result<QSqlQuery> orphans = m_database->run(
            QStringLiteral("DELETE FROM notifications WHERE report_id NOT IN (SELECT id FROM reports)"));
        status = orphans ? success() : Status(orphans.error());
    }
    if (!status) {
        m_database->rollback();
        return status.error();
    }
    if (Status committed = m_database->commit(); !committed)
        return committed.error();
    if (progress)
        progress(names.size(), names.size());
    summary.indexed = scanned.size();
    return summary;
}

Result<ReportHistory::Recorded> ReportHistory::recordWritten(
    const QString& baseName, const ReportMetadata& metadata, const QStringList& notifiers)
{
    Result<HistoryEntry> added = addReport(baseName, metadata);
    if (!added)
        return added.error();
    Recorded recorded { std::move(added).value(), {} };
    if (recorded.entry.dedup.status == DedupStatus::Suppressed) {
        const QString reason
            = QCoreApplication::translate(
                "wpm::ReportHistory", "%1 was reported less than alert_window_days ago; next notification from %2")
                  .arg(recorded.entry.endpoint, recorded.entry.dedup.suppressedUntil.toString(Qt::ISODate));
        for (const QString& notifier : notifiers) {
            if (Status status = recordNotification(recorded.entry.id, notifier, NotificationResult::Suppressed, reason);
                !status)
                return status.error();
        }
    }
    Result<QStringList> removed = applyRetention();
    if (!removed)
        return removed.error();
    recorded.removedByRetention = std::move(removed).value();
    return recorded;
}

Result<QStringList> ReportHistory::applyRetention(const QDateTime& now)
{
    Result<QList<HistoryEntry>> all = entries();
    if (!all)
        return all.error();
    QStringList removed;
    QString stuck; // the first report whose files could not be removed
    for (const QString& id : reportsToRemove(*all, m_options.retention, now)) {
        // The HTML first: without it the rest is no longer a report, even if a later removal fails.
        bool gone = true;
        for (const QString& name : reportFileNamesAndZip(id))
            gone = gone && (!m_directory.exists(name) || m_directory.remove(name));
        if (!gone) {
            stuck = id;
            break;
        }
        removed.append(id);
    }
    if (Status deleted = deleteRows(removed); !deleted)
        return deleted.error();
    if (!stuck.isEmpty()) {
        return historyError(QT_TRANSLATE_NOOP("wpm::ReportHistory",
                                "Could not remove the old report %1 that the retention settings "
                                "(history_max_*) drop. Check the permissions of the log path."),
            stuck);
    }
    return removed;
}

Status ReportHistory::remove(const QString& id)
{
    // The HTML first: without it the rest is no longer a report, even if a later removal fails.
    for (const QString& name : reportFileNamesAndZip(id)) {
        if (m_directory.exists(name) && !m_directory.remove(name)) {
            return historyError(
                QT_TRANSLATE_NOOP("wpm::ReportHistory", "Could not delete %1. Check the permissions of the log path."),
                QDir::toNativeSeparators(m_directory.filePath(name)));
        }
    }
    return deleteRows({ id });
}

Status ReportHistory::deleteRows(const QStringList& ids) const
{
    if (ids.isEmpty())
        return success();
    // One transaction: one sync for any number of rows.
    if (Status begun = m_database->beginWrite(); !begun)
        return begun.error();
    for (const QString& id : ids) {
        for (const QString& sql : { QStringLiteral("DELETE FROM reports WHERE id = ?"),
                 QStringLiteral("DELETE FROM notifications WHERE report_id = ?") }) {
            if (const Result<QSqlQuery> deleted = m_database->run(sql, { id }); !deleted) {
                m_database->rollback();
                return deleted.error();
            }
        }
    }
    return m_database->commit();
}

} // namespace wpm
