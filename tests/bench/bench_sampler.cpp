// bench_sampler: what sampling costs the target. Runs rounds of the native target's fixed CPU work
// (--round-units) sampled at 100, 500 and 1000 Hz, each beside an unsampled round in the same process
// (PairedRounds.h: the time the target waited for a CPU is taken out), and prints the target's
// slowdown, the sampler's CPU, and the unwind and stop times. Last line: one JSON object.
//
// Usage: bench_sampler [--pairs N] [--round-units N] [--fixed-rate] [--control] [--rates LIST] [--pair-ratios]
//                      [--engines LIST]
//   --fixed-rate   turn the adaptive rate off, to see the raw cost of the asked rate
//   --control      add a "0 Hz" row: pairs of which neither round is sampled, the noise floor of the figures
//   --rates LIST   the rates to measure, comma-separated (default 100,500,1000; 0 is the control): many pairs of
//                  one rate in the time of few of three, for a median that the machine's noise moves less
//   --pair-ratios  print every pair's sampled/unsampled ratio, to see the noise the medians come from
//   --engines LIST how running threads are sampled, comma-separated (default ptrace,kernel): "ptrace" stops them
//                  (native_sampling=ptrace, the default), "kernel" has the kernel sample them (KernelSampler,
//                  native_sampling=kernel). The first engine's figures are the JSON line's; the others' are under
//                  "engines".

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
    double fresh = 0, kernelSamples = 0; // samples not reused (of running threads, and blocked ones that moved)
};

RateFigures measureRate(int rateHz, bool kernelSampling, bool adaptive, int pairs, int roundUnits)
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
        options.kernelSampling = kernelSampling;
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
        figures.fresh += double(stats.samples - stats.reusedSamples);
        figures.kernelSamples += double(stats.kernelSamples);
        sampler.reset();
    };
    const bench::PairedRounds rounds = bench::pairedRounds(QStringLiteral(WPM_NATIVE_TARGET),
        { QStringLiteral("--round-units"), QString::number(roundUnits) }, pairs, attach, detach);
    for (double ratio : rounds.ratios())
        figures.slowdownPct.append(100.0 * (ratio - 1.0));
    figures.lowerQuartileSlowdownPct = rounds.lowerQuartileSlowdownPct();
    return figures;
}

// What one engine gave at every rate.
struct EngineFigures {
    QString name;
    QList<int> rates;
    QHash<int, RateFigures> byRate;
    QList<double> unwindUs, stopUs;
    double complete = 0, unwound = 0;
};

double rounded(double value)
{
    return std::round(value * 100) / 100;
}

// Prints one engine's table; returns its figures as JSON.
QJsonObject report(const EngineFigures& engine)
{
    QJsonObject slowdownJson, intervalJson, quartileJson, cpuJson, kernelJson;
    std::printf("%s: slowdown median of pairs [95%% interval] (p99) | of lower quartiles\n", qPrintable(engine.name));
    for (int rate : engine.rates) {
        const RateFigures& figures = engine.byRate[rate];
        const QList<double>& slowdown = figures.slowdownPct;
        const bench::Interval interval = bench::medianInterval(slowdown);
        std::printf("%5d Hz: %6.2f%% [%5.2f, %5.2f] (%6.2f%%) | %6.2f%%", rate, percentile(slowdown, 0.5), interval.low,
            interval.high, percentile(slowdown, 0.99), figures.lowerQuartileSlowdownPct);
        intervalJson.insert(QString::number(rate), QJsonArray { rounded(interval.low), rounded(interval.high) });
        if (rate == 0) {
            std::printf(" | control: neither round sampled\n");
            continue;
        }
        const double kernelPct = figures.fresh > 0 ? 100.0 * figures.kernelSamples / figures.fresh : 0;
        std::printf(
            " | sampler CPU median %5.1f%% p99 %5.1f%% | achieved %6.1f Hz | %5.1f%% of fresh samples by the kernel\n",
            percentile(figures.samplerCpuPct, 0.5), percentile(figures.samplerCpuPct, 0.99),
            percentile(figures.achievedHz, 0.5), kernelPct);
        slowdownJson.insert(QString::number(rate), rounded(percentile(slowdown, 0.5)));
        quartileJson.insert(QString::number(rate), rounded(figures.lowerQuartileSlowdownPct));
        cpuJson.insert(QString::number(rate), rounded(percentile(figures.samplerCpuPct, 0.5)));
        kernelJson.insert(QString::number(rate), rounded(kernelPct));
    }
    const double completePct = engine.unwound > 0 ? 100.0 * engine.complete / engine.unwound : 0;
    std::printf("%s: unwind median %.2f us, stop median %.2f us, complete unwinds %.2f%%\n", qPrintable(engine.name),
        percentile(engine.unwindUs, 0.5), percentile(engine.stopUs, 0.5), completePct);
    QJsonObject json { { "slowdown_pct", slowdownJson }, { "slowdown_pct_interval95", intervalJson },
        { "slowdown_pct_lower_quartiles", quartileJson }, { "sampler_cpu_pct", cpuJson },
        { "kernel_samples_pct", kernelJson }, { "unwind_us_median", rounded(percentile(engine.unwindUs, 0.5)) },
        { "stop_us_median", rounded(percentile(engine.stopUs, 0.5)) },
        { "complete_unwind_pct", rounded(completePct) } };
    if (engine.rates.contains(0))
        json.insert("control_slowdown_pct", rounded(percentile(engine.byRate[0].slowdownPct, 0.5)));
    return json;
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
    const auto list = [&](const char* name, const QString& fallback) {
        const qsizetype at = arguments.indexOf(QString::fromLatin1(name));
        return (at >= 0 && at + 1 < arguments.size() ? arguments[at + 1] : fallback).split(u',');
    };
    const int pairs = option("--pairs", 15);
    const int roundUnits = option("--round-units", 10000);
    const bool adaptive = !arguments.contains(QStringLiteral("--fixed-rate"));
    QList<int> rates;
    for (const QString& rate : list("--rates", QStringLiteral("100,500,1000")))
        rates.append(rate.toInt());
    if (arguments.contains(QStringLiteral("--control")) && !rates.contains(0))
        rates.prepend(0);
    const bool pairRatios = arguments.contains(QStringLiteral("--pair-ratios"));
    const QStringList engineNames = list("--engines", QStringLiteral("ptrace,kernel"));
    for (const QString& name : engineNames) {
        if (name != QLatin1String("kernel") && name != QLatin1String("ptrace")) {
            std::fprintf(stderr, "bench_sampler: unknown engine %s (kernel or ptrace)\n", qPrintable(name));
            return 2;
        }
    }

    std::printf("bench_sampler: %d pairs of rounds of %d work units per rate and engine, adaptive rate %s\n", pairs,
        roundUnits, adaptive ? "on" : "off");
    QList<EngineFigures> engines;
    for (const QString& name : engineNames)
        engines.append({ name, rates, {}, {}, {}, 0, 0 });
    // Rate by rate, the engines one after the other: what the machine does meanwhile touches both alike.
    for (int rate : rates) {
        for (EngineFigures& engine : engines) {
            if (rate == 0 && &engine != &engines.first()) {
                engine.byRate[0] = engines.first().byRate[0]; // the control samples nothing: one for all
                continue;
            }
            const RateFigures figures
                = measureRate(rate, engine.name == QLatin1String("kernel"), adaptive, pairs, roundUnits);
            if (figures.slowdownPct.isEmpty())
                return 1;
            if (pairRatios) {
                std::printf("%s %5d Hz pairs, slowdown %%:", qPrintable(engine.name), rate);
                for (double pct : figures.slowdownPct)
                    std::printf(" %.2f", pct);
                std::printf("\n");
            }
            engine.byRate[rate] = figures;
            engine.unwindUs += figures.unwindUs;
            engine.stopUs += figures.stopUs;
            engine.complete += figures.complete;
            engine.unwound += figures.unwound;
        }
    }

    QJsonObject summary = report(engines.first());
    QJsonObject others;
    for (qsizetype i = 1; i < engines.size(); ++i)
        others.insert(engines[i].name, report(engines[i]));
    summary.insert("engine", engines.first().name);
    if (!others.isEmpty())
        summary.insert("engines", others);
    std::printf("%s\n", QJsonDocument(summary).toJson(QJsonDocument::Compact).constData());
    return 0;
}
