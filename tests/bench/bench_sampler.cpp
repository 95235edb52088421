// bench_sampler: what sampling costs the target. Runs the native target's fixed CPU workload
// (--workload-ms) unsampled and sampled at 100, 500 and 1000 Hz, interleaved, and prints the
// target's slowdown, the sampler's CPU, and the unwind and stop times. Last line: one JSON object.
//
// Usage: bench_sampler [--repetitions N] [--workload-ms MS] [--fixed-rate]
//   --fixed-rate  turn the adaptive rate off, to see the raw cost of the asked rate

#include "sampling/Sampler.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QThread>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ctime>

using namespace wpm;

namespace {

double percentile(QList<double> values, double fraction)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    const auto index = qsizetype(fraction * double(values.size() - 1) + 0.5);
    return values[std::clamp<qsizetype>(index, 0, values.size() - 1)];
}

double seconds(clockid_t clock)
{
    timespec now {};
    clock_gettime(clock, &now);
    return double(now.tv_sec) + double(now.tv_nsec) / 1e9;
}

struct RunResult {
    double units = 0;
    double samplerCpuPct = 0;
    SamplerStats stats;
};

// One run of the workload; rateHz 0 = not sampled.
RunResult runWorkload(int workloadMs, int rateHz, bool adaptive)
{
    RunResult result;
    QProcess target;
    target.start(QStringLiteral(WPM_NATIVE_TARGET), { QStringLiteral("--workload-ms"), QString::number(workloadMs) });
    if (!target.waitForReadyRead(10000)) {
        std::fprintf(stderr, "bench_sampler: the target did not start\n");
        return result;
    }
    std::unique_ptr<Sampler> sampler;
    const double cpuStart = seconds(CLOCK_PROCESS_CPUTIME_ID);
    const double wallStart = seconds(CLOCK_MONOTONIC);
    if (rateHz > 0) {
        SamplerOptions options;
        options.rateHz = rateHz;
        options.adaptiveRate = adaptive;
        sampler = std::make_unique<Sampler>(std::make_shared<SampleStore>(), options);
        if (Status started = sampler->start(pid_t(target.processId())); !started) {
            std::fprintf(stderr, "bench_sampler: %s\n", qPrintable(started.error().message));
            return result;
        }
    }
    target.waitForFinished(workloadMs + 10000);
    if (sampler) {
        sampler->stop();
        result.stats = sampler->stats();
        result.samplerCpuPct
            = 100.0 * (seconds(CLOCK_PROCESS_CPUTIME_ID) - cpuStart) / (seconds(CLOCK_MONOTONIC) - wallStart);
    }
    static const QRegularExpression units(QStringLiteral("units=(\\d+)"));
    result.units = units.match(QString::fromUtf8(target.readAllStandardOutput())).captured(1).toDouble();
    return result;
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList arguments = app.arguments();
    const auto option = [&](const char* name, int fallback) {
        const qsizetype at = arguments.indexOf(QString::fromLatin1(name));
        return at >= 0 && at + 1 < arguments.size() ? arguments[at + 1].toInt() : fallback;
    };
    const int repetitions = option("--repetitions", 5);
    const int workloadMs = option("--workload-ms", 1000);
    const bool adaptive = !arguments.contains(QStringLiteral("--fixed-rate"));
    const QList<int> rates { 100, 500, 1000 };

    QHash<int, QList<double>> slowdown, samplerCpu, achieved;
    QList<double> unwindUs, stopUs;
    double complete = 0, unwound = 0;
    std::printf("bench_sampler: %d repetitions of a %d ms workload, adaptive rate %s\n", repetitions, workloadMs,
        adaptive ? "on" : "off");
    for (int repetition = 0; repetition < repetitions; ++repetition) {
        const double baseline = runWorkload(workloadMs, 0, adaptive).units;
        for (int rate : rates) {
            const RunResult sampled = runWorkload(workloadMs, rate, adaptive);
            if (baseline <= 0 || sampled.units <= 0)
                return 1;
            slowdown[rate].append(100.0 * (1.0 - sampled.units / baseline));
            samplerCpu[rate].append(sampled.samplerCpuPct);
            achieved[rate].append(sampled.stats.achievedHz);
            unwindUs.append(sampled.stats.unwindUsMedian);
            stopUs.append(sampled.stats.stopUsMedian);
            complete += double(sampled.stats.completeStacks);
            unwound += double(sampled.stats.unwoundStacks);
        }
    }

    QJsonObject slowdownJson, cpuJson;
    for (int rate : rates) {
        std::printf("%5d Hz: slowdown median %6.2f%% p99 %6.2f%% | sampler CPU median %5.1f%% p99 %5.1f%% | "
                    "achieved %6.1f Hz\n",
            rate, percentile(slowdown[rate], 0.5), percentile(slowdown[rate], 0.99), percentile(samplerCpu[rate], 0.5),
            percentile(samplerCpu[rate], 0.99), percentile(achieved[rate], 0.5));
        slowdownJson.insert(QString::number(rate), std::round(percentile(slowdown[rate], 0.5) * 100) / 100);
        cpuJson.insert(QString::number(rate), std::round(percentile(samplerCpu[rate], 0.5) * 100) / 100);
    }
    const double completePct = unwound > 0 ? 100.0 * complete / unwound : 0;
    std::printf("unwind median %.2f us, stop median %.2f us, complete unwinds %.2f%%\n", percentile(unwindUs, 0.5),
        percentile(stopUs, 0.5), completePct);
    QJsonObject summary { { "slowdown_pct", slowdownJson }, { "sampler_cpu_pct", cpuJson },
        { "unwind_us_median", std::round(percentile(unwindUs, 0.5) * 100) / 100 },
        { "stop_us_median", std::round(percentile(stopUs, 0.5) * 100) / 100 },
        { "complete_unwind_pct", std::round(completePct * 100) / 100 } };
    std::printf("%s\n", QJsonDocument(summary).toJson(QJsonDocument::Compact).constData());
    return 0;
}
