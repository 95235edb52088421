#pragma once
// What the history database knows about one report, one notification attempt and one de-duplication
// decision: plain values handed out by ReportHistory.

#include <QDateTime>
#include <QList>
#include <QString>
#include <QtGlobal>

#include <optional>

namespace wpm {

// Whether a report's endpoint was notified about, or had already been within alert_window_days.
enum class DedupStatus { Notify, Suppressed };

struct DedupDecision {
    DedupStatus status = DedupStatus::Notify;
    QDateTime suppressedUntil; // only for Suppressed: when the endpoint may notify again (UTC)
};

struct HistoryEntry {
    QString id; // the report's base name (ReportFileName.h): stable, and a reindex gives it back
    QDateTime time; // request start, UTC
    QString endpoint; // method + path pattern, e.g. "GET /users/{id}" (EndpointPattern.h)
    QString method;
    QString url;
    int status = 0;
    double durationS = 0;
    double thresholdS = 0;
    quint64 samples = 0;
    qint64 bytes = 0; // the four files together
    DedupDecision dedup;

    QStringList fileNames() const; // the four files' names, HTML first, relative to log_path
};

// The four files of report `id`, HTML first, relative to log_path.
QStringList reportFileNames(const QString& id);
// The zip a notification attached (`<id>.zip`), kept beside the four files; only reports that notified
// have one. Deleting a report deletes it too; reindex and sizes ignore it.
QString reportZipName(const QString& id);
// What deleting report `id` removes: its four files, HTML first, then its zip.
QStringList reportFileNamesAndZip(const QString& id);

// What a notifier did with a report, as the history stores it (notify's NotificationOutcome is the live
// value). `Dropped`: the queue was full; `Suppressed`: de-duplicated; `NotSent`: still queued at shutdown.
enum class NotificationResult { Sent, Failed, Dropped, Suppressed, NotSent };

struct NotificationRecord {
    QString reportId;
    QString notifier; // e.g. "mattermost"
    NotificationResult outcome = NotificationResult::Sent;
    QString reason; // why it failed or was not sent; empty when sent
    QDateTime time;
};

QString outcomeName(NotificationResult outcome); // "sent", "failed", "dropped", "suppressed", "not sent"
std::optional<NotificationResult> outcomeFromName(QStringView name);

// Limits on what log_path keeps; 0 means unlimited. The oldest reports go first.
struct RetentionPolicy {
    int maxAgeDays = 0;
    int maxReports = 0;
    int maxMegabytes = 0; // MiB of report files
};

} // namespace wpm
