#include "ReportCommand.h"

#include "CommandLine.h"
#include "Commands.h"
#include "history/ReportZip.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace wpm {
namespace {

// Gives the free functions below a translation context of their own.
struct ReportCommand {
    Q_DECLARE_TR_FUNCTIONS(wpm::ReportCommand)
};

QString shownTime(const QDateTime& time)
{
    return time.isValid() ? time.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")) : QStringLiteral("-");
}

QString dedupText(const DedupDecision& dedup)
{
    return dedup.status == DedupStatus::Notify
        ? ReportCommand::tr("notify")
        : ReportCommand::tr("suppressed until %1").arg(shownTime(dedup.suppressedUntil));
}

QJsonObject toJson(const HistoryEntry& entry, const QDir& directory)
{
    QJsonArray files;
    for (const QString& name : entry.fileNames())
        files.append(directory.absoluteFilePath(name));
    return { { "id", entry.id }, { "time", entry.time.toString(Qt::ISODateWithMs) }, { "endpoint", entry.endpoint },
        { "method", entry.method }, { "url", entry.url }, { "status", entry.status }, { "duration_s", entry.durationS },
        { "threshold_s", entry.thresholdS }, { "samples", qint64(entry.samples) }, { "bytes", entry.bytes },
        { "files", files }, { "dedup", entry.dedup.status == DedupStatus::Notify ? "notify" : "suppressed" },
        { "suppressed_until",
            entry.dedup.suppressedUntil.isValid() ? QJsonValue(entry.dedup.suppressedUntil.toString(Qt::ISODateWithMs))
                                                  : QJsonValue() } };
}

int list(const ReportHistory& history, bool json, QTextStream& out, QTextStream& err)
{
    const Result<QList<HistoryEntry>> entries = history.entries();
    if (!entries) {
        err << entries.error().message << Qt::endl;
        return ExitFailure;
    }
    if (json) {
        QJsonArray array;
        for (const HistoryEntry& entry : *entries)
            array.append(toJson(entry, history.directory()));
        out << QJsonDocument(array).toJson(QJsonDocument::Indented);
        out.flush();
        return ExitOk;
    }
    if (entries->isEmpty()) {
        err << ReportCommand::tr("No reports in %1 yet: 'web-perfmonitor record' writes one for every slow request.")
                   .arg(QDir::toNativeSeparators(history.directory().absolutePath()))
            << Qt::endl;
        return ExitOk;
    }
    out << ReportCommand::tr("ID      TIME (UTC)           STATUS  DURATION  NOTIFY      ENDPOINT") << '\n';
    for (const HistoryEntry& entry : *entries) {
        out << entry.id.right(6) << "  " << shownTime(entry.time) << "  "
            << QString::number(entry.status).leftJustified(6) << "  "
            << (QString::number(entry.durationS, 'f', 3) + QLatin1String(" s")).rightJustified(8) << "  "
            << (entry.dedup.status == DedupStatus::Notify ? ReportCommand::tr("yes") : ReportCommand::tr("suppressed"))
                   .leftJustified(10)
            << "  " << entry.endpoint << '\n';
    }
    out << ReportCommand::tr("%n report(s) in %1. 'report show ID' for one of them.", nullptr, int(entries->size()))
               .arg(QDir::toNativeSeparators(history.directory().absolutePath()))
        << Qt::endl;
    return ExitOk;
}

int show(const ReportHistory& history, const QString& id, QTextStream& out, QTextStream& err)
{
    const Result<HistoryEntry> entry = history.find(id);
    if (!entry) {
        err << entry.error().message << Qt::endl;
        return ExitFailure;
    }
    const auto line
        = [&out](const QString& key, const QString& value) { out << key.leftJustified(14) << value << '\n'; };
    line(ReportCommand::tr("id"), entry->id);
    line(ReportCommand::tr("time"), shownTime(entry->time) + QLatin1String(" UTC"));
    line(ReportCommand::tr("request"), entry->method + u' ' + entry->url);
    line(ReportCommand::tr("endpoint"), entry->endpoint);
    line(ReportCommand::tr("status"), QString::number(entry->status));
    line(ReportCommand::tr("duration"),
        ReportCommand::tr("%1 s (threshold %2 s)").arg(entry->durationS, 0, 'f', 3).arg(entry->thresholdS, 0, 'f', 3));
    line(ReportCommand::tr("samples"), QString::number(entry->samples));
    line(ReportCommand::tr("notification"), dedupText(entry->dedup));
    for (const QString& name : entry->fileNames())
        line(ReportCommand::tr("file"), QDir::toNativeSeparators(history.directory().absoluteFilePath(name)));
    const Result<QList<NotificationRecord>> notifications = history.notifications(entry->id);
    if (!notifications) {
        err << notifications.error().message << Qt::endl;
        return ExitFailure;
    }
    for (const NotificationRecord& record : *notifications) {
        line(ReportCommand::tr("notified"),
            QStringLiteral("%1 %2 %3%4")
                .arg(shownTime(record.time), record.notifier, outcomeName(record.outcome),
                    record.reason.isEmpty() ? QString() : QLatin1String(": ") + record.reason));
    }
    out.flush();
    return ExitOk;
}

int exportZip(
    const ReportHistory& history, const QString& id, const QString& output, QTextStream& out, QTextStream& err)
{
    if (output.isEmpty()) {
        err << ReportCommand::tr("Usage: web-perfmonitor report export ID -o FILE.zip") << Qt::endl;
        return ExitUsage;
    }
    const Result<HistoryEntry> entry = history.find(id);
    if (!entry) {
        err << entry.error().message << Qt::endl;
        return ExitFailure;
    }
    if (const Status written = writeReportZip(history.directory(), entry->id, output); !written) {
        err << written.error().message << Qt::endl;
        return ExitFailure;
    }
    out << ReportCommand::tr("Wrote %1 (%2 bytes): the HTML, Markdown, speedscope and folded files of %3.")
               .arg(QDir::toNativeSeparators(QFileInfo(output).absoluteFilePath()))
               .arg(QFileInfo(output).size())
               .arg(entry->id)
        << Qt::endl;
    return ExitOk;
}

int reindex(ReportHistory& history, QTextStream& out, QTextStream& err)
{
    qsizetype lastShown = -1;
    const Result<ReindexSummary> summary = history.reindex([&](qsizetype done, qsizetype total) {
        // About ten progress lines, whatever the number of reports.
        if (total >= 20 && done * 10 / total != lastShown) {
            lastShown = done * 10 / total;
            err << ReportCommand::tr("Reading reports: %1 of %2").arg(done).arg(total) << Qt::endl;
        }
    });
    if (!summary) {
        err << summary.error().message << Qt::endl;
        return ExitFailure;
    }
    for (const QString& skipped : summary->skipped)
        err << ReportCommand::tr("warning: %1").arg(skipped) << Qt::endl;
    out << ReportCommand::tr("Indexed %n report(s) into %1.", nullptr, int(summary->indexed))
               .arg(QDir::toNativeSeparators(history.databasePath()))
        << Qt::endl;
    return ExitOk;
}

} // namespace

HistoryOptions historyOptions(const MonitorConfig& config)
{
    return { config.alertWindowDays, { config.historyMaxAgeDays, config.historyMaxReports, config.historyMaxMb } };
}

int runReportCommand(const CommandLine& commandLine, const MonitorConfig& config, QTextStream& out, QTextStream& err)
{
    const QStringList positional = commandLine.positionalArguments();
    const QString action = positional.value(1);
    const bool needsId = action == QLatin1String("show") || action == QLatin1String("export");
    const bool known = needsId || action == QLatin1String("list") || action == QLatin1String("reindex");
    if (!known || positional.size() != (needsId ? 3 : 2)) {
        err << ReportCommand::tr("Usage: web-perfmonitor report list [--json] | show ID | export ID -o FILE.zip | "
                                 "reindex, with --log-path DIR; see --help.")
            << Qt::endl;
        return ExitUsage;
    }
    Result<std::unique_ptr<ReportHistory>> history = ReportHistory::open(config.logPath, historyOptions(config));
    if (!history) {
        err << history.error().message << Qt::endl;
        return ExitFailure;
    }
    if (!(*history)->openNote().isEmpty())
        err << (*history)->openNote() << Qt::endl;
    ReportHistory& opened = **history;
    if (action == QLatin1String("list"))
        return list(opened, commandLine.parser().isSet(QStringLiteral("json")), out, err);
    if (action == QLatin1String("show"))
        return show(opened, positional.at(2), out, err);
    if (action == QLatin1String("export"))
        return exportZip(opened, positional.at(2), commandLine.parser().value(QStringLiteral("output")), out, err);
    return reindex(opened, out, err);
}

} // namespace wpm
