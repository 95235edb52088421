// bench_history: what the history costs as log_path fills up. Writes N small reports (real files),
// then measures rebuilding the database from them (what opening does when it is missing), adding
// one report with its de-duplication decision, listing, exporting a zip and a retention pass that
// removes half. Last line: one JSON object.
//
// Usage: bench_history [--reports N] [--adds N]

#include "history/ReportHistory.h"
#include "history/ReportZip.h"
#include "profile/FoldedStacks.h"
#include "report/ReportWriter.h"

#include <QCoreApplication>
#include <QFile>
#include <QTemporaryDir>

#include <algorithm>
#include <chrono>
#include <cstdio>

using namespace wpm;

namespace {

double msSince(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

double median(QList<double> values)
{
    std::sort(values.begin(), values.end());
    return values.isEmpty() ? 0 : values.at(values.size() / 2);
}

ReportMetadata requestNumber(int i, const QDateTime& start)
{
    ReportMetadata meta;
    meta.method = QStringLiteral("GET");
    meta.url = QStringLiteral("/api/endpoint%1/items/%2?page=3").arg(i % 20).arg(i);
    meta.status = 200;
    meta.durationS = 1.5;
    meta.thresholdS = 1.0;
    meta.time = start.addSecs(60LL * i);
    meta.command = QStringLiteral("gunicorn app:wsgi");
    meta.samples = 150;
    return meta;
}

int intOption(const QStringList& args, const QString& name, int fallback)
{
    const qsizetype at = args.indexOf(name);
    return at >= 0 && at + 1 < args.size() ? args.at(at + 1).toInt() : fallback;
}

int fail(const QString& message)
{
    std::fprintf(stderr, "bench_history: %s\n", qPrintable(message));
    return 1;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const int reports = std::max(2, intOption(args, QStringLiteral("--reports"), 1000));
    const int adds = std::max(1, intOption(args, QStringLiteral("--adds"), 200));

    QFile folded(QStringLiteral(WPM_TEST_DATA_DIR "/native-small.folded"));
    if (!folded.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("cannot read %1").arg(folded.fileName()));
    const Result<CallTree> tree = readFolded(QString::fromUtf8(folded.readAll()), 1000000);
    QTemporaryDir dir;
    if (!tree || !dir.isValid())
        return fail(QStringLiteral("no tree or no temporary directory"));
    const QDateTime start(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC);
    for (int i = 0; i < reports; ++i) {
        if (const Result<ReportFiles> files = ReportWriter::write(*tree, requestNumber(i, start), dir.path()); !files)
            return fail(files.error().message);
    }

    const HistoryOptions options { 7, { 0, reports / 2, 0 } };
    auto timer = std::chrono::steady_clock::now();
    Result<std::unique_ptr<ReportHistory>> opened = ReportHistory::open(dir.path(), options);
    const double rebuildMs = msSince(timer);
    if (!opened)
        return fail(opened.error().message);
    ReportHistory& history = **opened;

    QList<double> addMs;
    for (int i = reports; i < reports + adds; ++i) {
        const ReportMetadata meta = requestNumber(i, start);
        const Result<ReportFiles> files = ReportWriter::write(*tree, meta, dir.path());
        if (!files)
            return fail(files.error().message);
        timer = std::chrono::steady_clock::now();
        if (const Result<HistoryEntry> added = history.addReport(files->baseName, meta); !added)
            return fail(added.error().message);
        addMs.append(msSince(timer));
    }

    timer = std::chrono::steady_clock::now();
    const Result<QList<HistoryEntry>> entries = history.entries();
    const double listMs = msSince(timer);
    if (!entries || entries->size() != reports + adds)
        return fail(QStringLiteral("listing gave the wrong number of reports"));

    timer = std::chrono::steady_clock::now();
    if (const Status zipped = writeReportZip(dir.path(), entries->last().id, dir.filePath("one.zip")); !zipped)
        return fail(zipped.error().message);
    const double zipMs = msSince(timer);

    timer = std::chrono::steady_clock::now();
    const Result<QStringList> removed = history.applyRetention(start.addYears(1));
    const double retentionMs = msSince(timer);
    if (!removed)
        return fail(removed.error().message);

    std::printf("%d reports of %lld bytes each in %s\n", reports, static_cast<long long>(entries->first().bytes),
        qPrintable(dir.path()));
    std::printf("  rebuild the database from the files (open)  %8.1f ms\n", rebuildMs);
    std::printf("  add one report with its decision, median   %8.2f ms (%d adds)\n", median(addMs), adds);
    std::printf("  list every report                           %8.1f ms\n", listMs);
    std::printf("  zip one report                              %8.1f ms\n", zipMs);
    std::printf("  retention removing %lld reports              %8.1f ms\n", static_cast<long long>(removed->size()),
        retentionMs);
    std::printf("{\"reports\":%d,\"rebuild_ms\":%.1f,\"add_ms_median\":%.2f,\"list_ms\":%.1f,\"zip_ms\":%.1f,"
                "\"retention_removed\":%lld,\"retention_ms\":%.1f}\n",
        reports, rebuildMs, median(addMs), listMs, zipMs, static_cast<long long>(removed->size()), retentionMs);
    return 0;
}
