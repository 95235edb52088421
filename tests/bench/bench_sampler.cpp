// bench_sampler: what sampling costs the target. Runs rounds of the native target's fixed CPU work
// (--round-units) sampled at 100, 500 and 1000 Hz, each beside an unsampled round in the same process
// (PairedRounds.h: the time the target waited for a CPU is taken out), and prints the target's
// slowdown, the sampler's CPU, and the unwind and stop times. Last line: one JSON object.
//
// Usage: bench_sampler [--pairs N] [--round-units N] [--fixed-rate] [--control] [--rates LIST] [--pair-ratios]
//   --fixed-rate   turn the adaptive rate off, to see the raw cost of the asked rate
//   --control      add a "0 Hz" row: pairs of which neither round is sampled, the noise floor of the figures
//   --rates LIST   the rates to measure, comma-separated (default 100,500,1000; 0 is the control): many pairs of
//                  one rate in the time of few of three, for a median that the machine's noise moves less
//   --pair-ratios  print every pair's sampled/unsampled ratio, to see the noise the medians come from

#include "PairedRounds.h"
#include "sampling/Sampler.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ctime>

using namespace wpm;

namespace {

using bench::percentile;

double seconds(clockid_t clock)
{
    timespec now {};
    clock_gettime(clock, &now);
    return double(now.tv_sec) + double(now.tv_nsec) / 1e9;
}

// What the sampled rounds at one rate gave.
struct RateFigures {
    QList<double> slowdownPct, samplerCpuPct, achievedHz;
    double lowerQuartileSlowdownPct = 0;
    QList<double> unwindUs, stopUs;
    double complete = 0, unwound = 0;
};

RateFigures measureRate(int rateHz, bool adaptive, int pairs, int roundUnits)
{
    RateFigures figures;
    std::unique_ptr<Sampler> sampler;
    double cpuStart = 0, wallStart = 0;
    const auto attach = [&](pid_t pid) {
        if (rateHz == 0) // the control: two unsampled rounds, the noise floor of the measurement
            return;
        SamplerOptions options;
        options.rateHz = rateHz;
        options.adaptiveRate = adaptive;
        sampler = std::make_unique<Sampler>(std::make_shared<SampleStore>(), options);
        if (Status started = sampler->start(pid); !started)
            std::fprintf(stderr, "bench_sampler: %s\n", qPrintable(started.error().message));
        cpuStart = seconds(CLOCK_PROCESS_CPUTIME_ID);
        wallStart = seconds(CLOCK_MONOTONIC);
    };
    const auto detach = [&] {
        if (!sampler)
            return;
        const double cpu = seconds(CLOCK_PROCESS_CPUTIME_ID) - cpuStart;
        const double wall = seconds(CLOCK_MONOTONIC) - wallStart;
        sampler->stop();
        const SamplerStats stats = sampler->stats();
        figures.samplerCpuPct.append(100.0 * cpu / wall);
        figures.achievedHz.append(stats.achievedHz);
        figures.unwindUs.append(stats.unwindUsMedian);
        figures.stopUs.append(stats.stopUsMedian);
        figures.complete += double(stats.completeStacks);
        figures.unwound += double(stats.unwoundStacks);
        sampler.reset();
    };
    const bench::PairedRounds rounds = bench::pairedRounds(QStringLiteral(WPM_NATIVE_TARGET),
        { QStringLiteral("--round-units"), QString::number(roundUnits) }, pairs, attach, detach);
    for (double ratio : rounds.ratios())
        figures.slowdownPct.append(100.0 * (ratio - 1.0));
    figures.lowerQuartileSlowdownPct = rounds.lowerQuartileSlowdownPct();
    return figures;
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
    const int pairs = option("--pairs", 15);
    const int roundUnits = option("--round-units", 10000);
    const bool adaptive = !arguments.contains(QStringLiteral("--fixed-rate"));
    QList<int> rates { 100, 500, 1000 };
    if (const qsizetype at = arguments.indexOf(QStringLiteral("--rates")); at >= 0 && at + 1 < arguments.size()) {
        rates.clear();
        for (const QString& rate : arguments[at + 1].split(u','))
            rates.append(rate.toInt());
    }
    if (arguments.contains(QStringLiteral("--control")) && !rates.contains(0))
        rates.prepend(0);
    const bool pairRatios = arguments.contains(QStringLiteral("--pair-ratios"));

    std::printf("bench_sampler: %d pairs of rounds of %d work units per rate, adaptive rate %s\n", pairs, roundUnits,
        adaptive ? "on" : "off");
    QHash<int, QList<double>> slowdown, samplerCpu, achieved;
    QHash<int, double> quartileSlowdown;
    QList<double> unwindUs, stopUs;
    double complete = 0, unwound = 0;
    for (int rate : rates) {
        const RateFigures figures = measureRate(rate, adaptive, pairs, roundUnits);
        if (figures.slowdownPct.isEmpty())
            return 1;
        slowdown[rate] = figures.slowdownPct;
        if (pairRatios) {
            std::printf("%5d Hz pairs, slowdown %%:", rate);
            for (double pct : figures.slowdownPct)
                std::printf(" %.2f", pct);
            std::printf("\n");
        }
        quartileSlowdown[rate] = figures.lowerQuartileSlowdownPct;
        samplerCpu[rate] = figures.samplerCpuPct;
        achieved[rate] = figures.achievedHz;
        unwindUs += figures.unwindUs;
        stopUs += figures.stopUs;
        complete += figures.complete;
        unwound += figures.unwound;
    }

    const auto rounded = [](double value) { return std::round(value * 100) / 100; };
    QJsonObject slowdownJson, intervalJson, quartileJson, cpuJson;
    std::printf("         slowdown: median of pairs [95%% interval] (p99) | of lower quartiles\n");
    for (int rate : rates) {
        const bench::Interval interval = bench::medianInterval(slowdown[rate]);
        std::printf("%5d Hz: %6.2f%% [%5.2f, %5.2f] (%6.2f%%) | %6.2f%%", rate, percentile(slowdown[rate], 0.5),
            interval.low, interval.high, percentile(slowdown[rate], 0.99), quartileSlowdown[rate]);
        intervalJson.insert(QString::number(rate), QJsonArray { rounded(interval.low), rounded(interval.high) });
        if (rate == 0) {
            std::printf(" | control: neither round sampled\n");
            continue;
        }
        std::printf(" | sampler CPU median %5.1f%% p99 %5.1f%% | achieved %6.1f Hz\n", percentile(samplerCpu[rate], 0.5),
            percentile(samplerCpu[rate], 0.99), percentile(achieved[rate], 0.5));
        slowdownJson.insert(QString::number(rate), rounded(percentile(slowdown[rate], 0.5)));
        quartileJson.insert(QString::number(rate), rounded(quartileSlowdown[rate]));
        cpuJson.insert(QString::number(rate), rounded(percentile(samplerCpu[rate], 0.5)));
    }
    const double completePct = unwound > 0 ? 100.0 * complete / unwound : 0;
    std::printf("unwind median %.2f us, stop median %.2f us, complete unwinds %.2f%%\n", percentile(unwindUs, 0.5),
        percentile(stopUs, 0.5), completePct);
    QJsonObject summary { { "slowdown_pct", slowdownJson }, { "slowdown_pct_interval95", intervalJson },
        { "slowdown_pct_lower_quartiles", quartileJson },
        { "sampler_cpu_pct", cpuJson }, { "unwind_us_median", rounded(percentile(unwindUs, 0.5)) },
        { "stop_us_median", rounded(percentile(stopUs, 0.5)) }, { "complete_unwind_pct", rounded(completePct) } };
    if (rates.contains(0))
        summary.insert("control_slowdown_pct", rounded(percentile(slowdown[0], 0.5)));
    std::printf("%s\n", QJsonDocument(summary).toJson(QJsonDocument::Compact).constData());
    return 0;
}
