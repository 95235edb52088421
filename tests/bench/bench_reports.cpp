// bench_reports: what writing a slow request's report costs. Builds a synthetic, seeded profile of
// ~100k samples and ~20k call-tree nodes, then renders and writes (QSaveFile) the HTML, Markdown and
// speedscope files, median of several runs, and the whole ReportWriter::write() (which adds the folded
// file). Goal: HTML + Markdown + speedscope in < 300 ms. Last line: one JSON object.
//
// Usage: bench_reports [--runs N] [--samples N] [--nodes N] [--seed N]

#include "report/HtmlReport.h"
#include "report/MarkdownReport.h"
#include "report/ReportWriter.h"
#include "report/SpeedscopeExport.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QSaveFile>
#include <QTemporaryDir>

#include <algorithm>
#include <chrono>
#include <cstdio>

using namespace wpm;

namespace {

struct Options {
    int runs = 5;
    quint64 samples = 100000;
    qsizetype nodes = 20000;
    quint32 seed = 42;
};

Options parse(const QStringList& args)
{
    Options options;
    for (qsizetype i = 1; i + 1 < args.size(); i += 2) {
        const QString& key = args.at(i);
        const qulonglong value = args.at(i + 1).toULongLong();
        if (key == QLatin1String("--runs"))
            options.runs = std::max(1, int(value));
        else if (key == QLatin1String("--samples"))
            options.samples = value;
        else if (key == QLatin1String("--nodes"))
            options.nodes = qsizetype(value);
        else if (key == QLatin1String("--seed"))
            options.seed = quint32(value);
    }
    return options;
}

// Stacks from a random walk over a web server's shape: a few entry points, handlers, then library code;
// native C++ symbols and Python frames with files, as real profiles mix them.
CallTree syntheticTree(const Options& options)
{
    QRandomGenerator random(options.seed);
    CallTree tree;
    QList<FrameId> pool;
    for (int i = 0; i < 4000; ++i) {
        Frame frame;
        if (i % 3 == 0) {
            frame = { QStringLiteral("app.handlers.module_%1.view_function_%2").arg(i / 40).arg(i),
                QStringLiteral("/srv/app/handlers/module_%1.py").arg(i / 40), 10 + i % 300, {}, FrameKind::Python };
        } else {
            frame = { QStringLiteral(
                          "server::detail::Component%1::process<std::vector<int>>(Request const&, int) [clone %2]")
                          .arg(i / 16)
                          .arg(i % 16),
                {}, 0, QStringLiteral("/usr/lib/libserver%1.so").arg(i % 7), FrameKind::Native };
        }
        pool.append(tree.internFrame(frame));
    }
    QList<QList<FrameId>> stacks;
    quint64 added = 0;
    const auto addRandomStack = [&]() {
        QList<FrameId> stack;
        const int depth = random.bounded(6, 36);
        quint32 state = 0;
        for (int level = 0; level < depth; ++level) {
            // Low branching near the root, more in the leaves, like real call trees.
            const quint32 branching = level < 4 ? 2 : level < 12 ? 3 : 5;
            state = state * 7 + quint32(random.bounded(branching)) + 1;
            stack.append(pool.at(qsizetype((state * 2654435761u + quint32(level)) % quint32(pool.size()))));
        }
        const quint64 samples = random.bounded(1, 8);
        tree.addStack(stack, samples, qint64(samples) * 1000000);
        added += samples;
        stacks.append(stack);
    };
    while (tree.nodeCount() < options.nodes && added < options.samples)
        addRandomStack();
    while (added < options.samples) { // the rest of the samples on paths already seen
        const quint64 samples = std::min<quint64>(options.samples - added, random.bounded(1, 20));
        tree.addStack(stacks.at(random.bounded(qsizetype(stacks.size()))), samples, qint64(samples) * 1000000);
        added += samples;
    }
    return tree;
}

bool save(const QString& path, const QString& text, qint64* bytes)
{
    QSaveFile file(path);
    const QByteArray data = text.toUtf8();
    *bytes = data.size();
    return file.open(QIODevice::WriteOnly) && file.write(data) == data.size() && file.commit();
}

// Milliseconds since `start` (std::chrono: QElapsedTimer reported whole milliseconds on this machine).
double msSince(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

double median(QList<double> values)
{
    std::sort(values.begin(), values.end());
    return values.at(values.size() / 2);
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const Options options = parse(app.arguments());
    QElapsedTimer timer;
    timer.start();
    const CallTree tree = syntheticTree(options);
    std::printf("profile: %llu samples, %lld nodes, %lld frames, depth %d (built in %lld ms)\n",
        static_cast<unsigned long long>(tree.totalSamples()), static_cast<long long>(tree.nodeCount()),
        static_cast<long long>(tree.frames().size()), tree.maxDepth(), static_cast<long long>(timer.elapsed()));

    ReportMetadata meta;
    meta.method = QStringLiteral("GET");
    meta.url = QStringLiteral("/api/orders/12345?expand=items");
    meta.status = 200;
    meta.durationS = 1000.0;
    meta.thresholdS = 1.0;
    meta.time = QDateTime::currentDateTimeUtc();
    meta.command = QStringLiteral("gunicorn app:wsgi -w 4");
    meta.pid = 1;
    meta.samples = tree.totalSamples();
    meta.rateHz = 100;

    QTemporaryDir dir;
    if (!dir.isValid()) {
        std::fprintf(stderr, "bench_reports: no temporary directory\n");
        return 1;
    }
    QList<double> htmlMs, mdMs, speedscopeMs, writerMs;
    qint64 htmlBytes = 0, mdBytes = 0, speedscopeBytes = 0;
    bool ok = true;
    for (int run = 0; run < options.runs; ++run) {
        auto start = std::chrono::steady_clock::now();
        const Result<QString> html = htmlReport(tree, meta);
        ok = ok && html.ok() && save(dir.filePath(QStringLiteral("r.html")), *html, &htmlBytes);
        htmlMs.append(msSince(start));
        start = std::chrono::steady_clock::now();
        ok = ok && save(dir.filePath(QStringLiteral("r.md")), markdownReport(tree, meta), &mdBytes);
        mdMs.append(msSince(start));
        start = std::chrono::steady_clock::now();
        ok = ok
            && save(
                dir.filePath(QStringLiteral("r.speedscope.json")), speedscopeJson(tree, meta.url), &speedscopeBytes);
        speedscopeMs.append(msSince(start));
        start = std::chrono::steady_clock::now();
        ok = ok && ReportWriter::write(tree, meta, dir.filePath(QStringLiteral("reports"))).ok();
        writerMs.append(msSince(start));
    }
    if (!ok) {
        std::fprintf(stderr, "bench_reports: writing failed\n");
        return 1;
    }
    const double writeMs = median(htmlMs) + median(mdMs) + median(speedscopeMs);
    std::printf("median of %d runs:\n", options.runs);
    std::printf("  html        %8.1f ms %10lld bytes\n", median(htmlMs), static_cast<long long>(htmlBytes));
    std::printf("  markdown    %8.1f ms %10lld bytes\n", median(mdMs), static_cast<long long>(mdBytes));
    std::printf("  speedscope  %8.1f ms %10lld bytes\n", median(speedscopeMs), static_cast<long long>(speedscopeBytes));
    std::printf("  html+md+speedscope %.1f ms (goal < 300 ms); ReportWriter::write with folded: %.1f ms\n", writeMs,
        median(writerMs));
    std::printf("{\"write_ms\":%.1f,\"html_bytes\":%lld,\"md_bytes\":%lld,\"speedscope_bytes\":%lld}\n", writeMs,
        static_cast<long long>(htmlBytes), static_cast<long long>(mdBytes), static_cast<long long>(speedscopeBytes));
    return 0;
}
