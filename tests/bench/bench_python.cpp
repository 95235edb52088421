// bench_python: what reading Python stacks from outside costs and how often it is wrong, for every CPython
// interpreter present (pyenv 3.9-3.13, Debian's /usr/bin/python3.11), and austin beside it on a 3.9 target:
//  - µs and system calls per thread-sample of the non-blocking reader, at 1 kHz on truth_target.py;
//  - wrong samples (against the stacks the target recorded of itself) when reading without stopping the threads,
//    when the sampler holds each thread stopped (mixed Python + native stacks), and when it holds only the GIL
//    holder stopped (Python frames only), all at 1 kHz;
//  - the slowdown of a CPU-bound Python workload (cpu_workload.py) sampled by the Sampler at 100 Hz and 1 kHz in
//    each python_sampling mode (nonblocking, mixed = stopped, gil_holder) and by austin: rounds
//    sampled and unsampled side by side in one process.
// Last line: one JSON object keyed by version ("3.11" is pyenv's, "3.11-debian" Debian's, "austin_3.9").
//
// Usage: bench_python [--pairs N] [--only LABEL] [--quick]   (N pairs of rounds per slowdown, default 10; LABEL as in
// pyenv-3.12, debian-3.11; --quick: costs, stops and wrong samples only, no slowdown rounds)

#include "../profiler/python/GroundTruth.h"
#include "../profiler/python/PythonInterpreters.h"
#include "bench_python_austin.h"
#include "bench_python_common.h"
#include "python/PythonStackReader.h"
#include "sampling/Sampler.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <limits>
#include <pthread.h>
#include <thread>

using namespace wpm;
using namespace bench;

namespace {

constexpr int kAccuracySeconds = 2;
constexpr int kAccuracyHz = 1000;

// Non-blocking reads of every thread's Python stack at a fixed rate, on a thread of its own.
class ReaderLoop {
public:
    ReaderLoop(pid_t pid, int hz, bool keep)
    {
        ElfImageCache images;
        Result<std::unique_ptr<PythonStackReader>> created = PythonStackReader::create(pid, images);
        if (!created) {
            error = created.error().message;
            return;
        }
        m_reader = std::move(created).value();
        m_thread = std::thread([this, hz, keep] { run(hz, keep); });
    }
    ~ReaderLoop() { stop(); }
    void stop()
    {
        m_stop = true;
        if (m_thread.joinable())
            m_thread.join();
    }

    QString error;
    QList<double> usPerThread; // per read
    quint64 syscalls = 0;
    quint64 ranges = 0;
    quint64 bytes = 0;
    quint64 threadSamples = 0;
    QList<PythonStacks> kept;

private:
    void run(int hz, bool keep)
    {
        pthread_setname_np(pthread_self(), "python-reader"); // to tell its cost apart in perf
        const auto interval = std::chrono::nanoseconds(1'000'000'000 / hz);
        auto next = std::chrono::steady_clock::now();
        for (bool first = true; !m_stop; first = false) {
            const quint64 rangesBefore = m_reader->totalRanges();
            const quint64 bytesBefore = m_reader->totalBytes();
            const auto start = std::chrono::steady_clock::now();
            Result<PythonStacks> read = m_reader->read();
            const double us
                = std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count();
            if (!read)
                return;
            if (!first && !read->threads.isEmpty()) { // the first read fills the caches
                usPerThread.append(us / double(read->threads.size()));
                syscalls += read->syscalls;
                ranges += m_reader->totalRanges() - rangesBefore;
                bytes += m_reader->totalBytes() - bytesBefore;
                threadSamples += quint64(read->threads.size());
            }
            if (keep)
                kept.append(std::move(read).value());
            next += interval;
            std::this_thread::sleep_until(next);
        }
    }

    std::unique_ptr<PythonStackReader> m_reader;
    std::thread m_thread;
    std::atomic<bool> m_stop { false };
};

std::unique_ptr<Sampler> startSampler(
    pid_t pid, int hz, std::shared_ptr<SampleStore> store, PythonReading reading = PythonReading::Mixed)
{
    SamplerOptions options;
    options.rateHz = hz;
    options.pythonReading = reading;
    options.adaptiveRate = false; // the rate asked for, whatever it costs
    auto sampler = std::make_unique<Sampler>(std::move(store), options);
    if (!sampler->start(pid).ok())
        return nullptr;
    return sampler;
}

struct Figures {
    double usPerThreadSample = 0;
    double syscallsPerThreadSample = 0;
    double rangesPerThreadSample = 0;
    double bytesPerThreadSample = 0;
    Accuracy nonBlocking;
    Accuracy stopped;
    Accuracy gilHolder;
    double stopUsMedian = 0;
    double gilHolderStopUsMedian = 0;
    QHash<QString, double> slowdownPct; // by configuration
};

Accuracy checkSamples(const SampleStore& store, const GroundTruth& truth)
{
    Accuracy accuracy;
    for (const StoredSample& stored : store.window(0, std::numeric_limits<qint64>::max())) {
        if (!truth.names().contains(stored.sample.tid))
            continue;
        QList<PythonFrame> frames;
        for (const PythonFrameRef& frame : stored.stack.python)
            if (frame)
                frames.append(*frame);
        ++accuracy.checked;
        accuracy.wrong += truth.plausible(stored.sample.tid, frames) ? 0 : 1;
    }
    return accuracy;
}

// Reads truth_target.py each way (and with austin for `withAustin`), then checks every sample.
Figures measureAccuracy(const QString& python, AustinFigures* austin)
{
    Figures figures;
    QTemporaryDir directory;
    const QString truthPath = directory.filePath(QStringLiteral("truth.json"));
    TargetProcess target(python, { kTruthScript, QStringLiteral("--churn"), QStringLiteral("--record"), truthPath });
    if (!target.waitReady())
        return figures;
    ReaderLoop reader(target.pid(), kAccuracyHz, true);
    QThread::sleep(kAccuracySeconds);
    reader.stop();
    const auto sampleStopped = [&](PythonReading reading, double& stopUsMedian) {
        auto store = std::make_shared<SampleStore>();
        if (std::unique_ptr<Sampler> sampler = startSampler(target.pid(), kAccuracyHz, store, reading)) {
            QThread::sleep(kAccuracySeconds);
            sampler->stop();
            stopUsMedian = sampler->stats().stopUsMedian;
        }
        return store;
    };
    const std::shared_ptr<SampleStore> stopped = sampleStopped(PythonReading::Mixed, figures.stopUsMedian);
    const std::shared_ptr<SampleStore> gilHolder
        = sampleStopped(PythonReading::GilHolderStopped, figures.gilHolderStopUsMedian);
    const QString austinOutput = directory.filePath(QStringLiteral("austin.txt"));
    const QString straceOutput = directory.filePath(QStringLiteral("austin-strace.txt"));
    const QString straceSummary = directory.filePath(QStringLiteral("strace.txt"));
    qint64 austinCpuNs = 0;
    if (austin) {
        AustinSession session;
        if (session.start(target.pid(), 1'000'000 / kAccuracyHz, austinOutput)) {
            QThread::sleep(kAccuracySeconds);
            austinCpuNs = session.stop();
        }
        AustinSession traced;
        if (traced.start(target.pid(), 1'000'000 / kAccuracyHz, straceOutput, straceSummary)) {
            QThread::sleep(1);
            traced.stop();
        }
    }
    const std::optional<GroundTruth> truth = GroundTruth::fetch(target.pid(), truthPath);
    if (!truth)
        return figures;

    figures.usPerThreadSample = median(reader.usPerThread);
    const auto perThreadSample
        = [&](quint64 total) { return reader.threadSamples ? double(total) / double(reader.threadSamples) : 0; };
    figures.syscallsPerThreadSample = perThreadSample(reader.syscalls);
    figures.rangesPerThreadSample = perThreadSample(reader.ranges);
    figures.bytesPerThreadSample = perThreadSample(reader.bytes);
    for (const PythonStacks& read : std::as_const(reader.kept))
        for (const PythonThreadStack& stack : read.threads)
            if (truth->names().contains(stack.tid) && stack.consistent) { // inconsistent ones are dropped
                ++figures.nonBlocking.checked;
                figures.nonBlocking.wrong += truth->plausible(stack.tid, stack.frames) ? 0 : 1;
            }
    figures.stopped = checkSamples(*stopped, *truth);
    figures.gilHolder = checkSamples(*gilHolder, *truth);
    if (austin) {
        QHash<quint64, pid_t> tidOfThreadState;
        for (const PythonThreadStack& stack : reader.kept.value(0).threads)
            tidOfThreadState.insert(stack.threadState, stack.tid);
        const AustinSamples samples = readAustinSamples(austinOutput, &*truth, tidOfThreadState);
        const AustinSamples traced = readAustinSamples(straceOutput, nullptr);
        austin->available = samples.threadSamples > 0;
        austin->accuracy = samples.accuracy;
        austin->usPerThreadSample
            = samples.threadSamples ? double(austinCpuNs) / 1000.0 / double(samples.threadSamples) : 0;
        austin->syscallsPerThreadSample
            = traced.threadSamples ? double(straceCalls(straceSummary)) / double(traced.threadSamples) : 0;
    }
    return figures;
}

struct Configuration {
    QString name;
    std::function<void(pid_t)> attach;
    std::function<void()> detach;
};

// The workload's slowdown under each way of sampling, each from `pairs` pairs of rounds.
QHash<QString, double> measureSlowdowns(const QString& python, bool withAustin, int pairs)
{
    std::unique_ptr<Sampler> sampler;
    AustinSession austin;
    QTemporaryDir directory;
    QList<Configuration> configurations;
    for (int hz : { 100, 1000 }) {
        configurations.append({ QStringLiteral("nonblocking_%1").arg(hz), // python_sampling=nonblocking
            [&sampler, hz](pid_t pid) {
                sampler = startSampler(pid, hz, std::make_shared<SampleStore>(), PythonReading::NonBlocking);
            },
            [&sampler] { sampler.reset(); } });
        configurations.append({ QStringLiteral("stopped_%1").arg(hz),
            [&sampler, hz](pid_t pid) { sampler = startSampler(pid, hz, std::make_shared<SampleStore>()); },
            [&sampler] { sampler.reset(); } });
        configurations.append({ QStringLiteral("gil_holder_%1").arg(hz),
            [&sampler, hz](pid_t pid) {
                sampler = startSampler(pid, hz, std::make_shared<SampleStore>(), PythonReading::GilHolderStopped);
            },
            [&sampler] { sampler.reset(); } });
        if (withAustin)
            configurations.append({ QStringLiteral("austin_%1").arg(hz),
                [&, hz](pid_t pid) {
                    austin.start(pid, 1'000'000 / hz, directory.filePath(QStringLiteral("workload-austin.txt")));
                },
                [&austin] { austin.stop(); } });
    }
    QHash<QString, double> slowdowns;
    for (const Configuration& configuration : configurations)
        slowdowns.insert(
            configuration.name, pairedSlowdownPct(python, pairs, configuration.attach, configuration.detach));
    return slowdowns;
}

QJsonObject toJson(const Figures& figures)
{
    QJsonObject object {
        { QStringLiteral("us_per_thread_sample"), figures.usPerThreadSample },
        { QStringLiteral("syscalls_per_thread_sample"), figures.syscallsPerThreadSample },
        { QStringLiteral("ranges_per_thread_sample"), figures.rangesPerThreadSample },
        { QStringLiteral("bytes_per_thread_sample"), figures.bytesPerThreadSample },
        { QStringLiteral("wrong_pct_nonblocking"), figures.nonBlocking.wrongPct() },
        { QStringLiteral("wrong_pct_stopped"), figures.stopped.wrongPct() },
        { QStringLiteral("wrong_pct_gil_holder"), figures.gilHolder.wrongPct() },
        { QStringLiteral("checked_gil_holder"), qint64(figures.gilHolder.checked) },
        { QStringLiteral("gil_holder_stop_us_median"), figures.gilHolderStopUsMedian },
        { QStringLiteral("checked_nonblocking"), qint64(figures.nonBlocking.checked) },
        { QStringLiteral("checked_stopped"), qint64(figures.stopped.checked) },
        { QStringLiteral("stop_us_median"), figures.stopUsMedian },
        { QStringLiteral("slowdown_pct_100hz"), figures.slowdownPct.value(QStringLiteral("nonblocking_100")) },
        { QStringLiteral("slowdown_pct_1000hz"), figures.slowdownPct.value(QStringLiteral("nonblocking_1000")) },
        { QStringLiteral("slowdown_pct_100hz_stopped"), figures.slowdownPct.value(QStringLiteral("stopped_100")) },
        { QStringLiteral("slowdown_pct_1000hz_stopped"), figures.slowdownPct.value(QStringLiteral("stopped_1000")) },
        { QStringLiteral("slowdown_pct_100hz_gil_holder"),
            figures.slowdownPct.value(QStringLiteral("gil_holder_100")) },
        { QStringLiteral("slowdown_pct_1000hz_gil_holder"),
            figures.slowdownPct.value(QStringLiteral("gil_holder_1000")) },
    };
    return object;
}

QJsonObject toJson(const AustinFigures& austin)
{
    return {
        { QStringLiteral("us_per_thread_sample"), austin.usPerThreadSample },
        { QStringLiteral("syscalls_per_thread_sample"), austin.syscallsPerThreadSample },
        { QStringLiteral("wrong_pct_nonblocking"), austin.accuracy.wrongPct() },
        { QStringLiteral("checked_nonblocking"), qint64(austin.accuracy.checked) },
        { QStringLiteral("slowdown_pct_100hz"), austin.slowdown100Pct },
        { QStringLiteral("slowdown_pct_1000hz"), austin.slowdown1000Pct },
    };
}

QString jsonKey(const PythonInterpreterRow& row)
{
    const QString version = QStringLiteral("3.%1").arg(row.minor);
    return row.label.startsWith(QLatin1String("debian")) ? version + QStringLiteral("-debian") : version;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QStringList arguments = app.arguments();
    const auto option = [&](const QString& name) {
        const qsizetype at = arguments.indexOf(name);
        return at >= 0 && at + 1 < arguments.size() ? arguments[at + 1] : QString();
    };
    const QString pairsText = option(QStringLiteral("--pairs"));
    const int pairs = pairsText.isEmpty() ? 10 : std::max(1, pairsText.toInt());
    const QString only = option(QStringLiteral("--only"));
    const bool quick = arguments.contains(QStringLiteral("--quick"));

    QJsonObject all;
    for (const PythonInterpreterRow& row : supportedInterpreters()) {
        if (row.python.isEmpty() || (!only.isEmpty() && row.label != only)) {
            std::printf("%s: skipped%s\n", qPrintable(row.label), row.python.isEmpty() ? " (not installed)" : "");
            continue;
        }
        const bool withAustin = !quick && row.minor == 9 && austinInstalled();
        AustinFigures austin;
        Figures figures = measureAccuracy(row.python, withAustin ? &austin : nullptr);
        const QHash<QString, double> slowdowns
            = quick ? QHash<QString, double> {} : measureSlowdowns(row.python, withAustin, pairs);
        figures.slowdownPct = slowdowns;
        all.insert(jsonKey(row), toJson(figures));
        std::printf("%s (%s): %.1f us, %.2f syscalls, %.1f ranges, %.0f bytes per thread-sample; wrong %.3f%% of %llu "
                    "not stopped, %.3f%% of "
                    "%llu each thread stopped (stops %.0f us), %.3f%% of %llu GIL holder stopped (stops %.0f us); "
                    "slowdown at 100 Hz / 1 kHz: %.1f%% / %.1f%% not stopped, %.1f%% / %.1f%% each thread stopped, "
                    "%.1f%% / %.1f%% GIL holder stopped\n",
            qPrintable(row.label), qPrintable(row.python), figures.usPerThreadSample, figures.syscallsPerThreadSample,
            figures.rangesPerThreadSample, figures.bytesPerThreadSample, figures.nonBlocking.wrongPct(),
            qulonglong(figures.nonBlocking.checked), figures.stopped.wrongPct(), qulonglong(figures.stopped.checked),
            figures.stopUsMedian, figures.gilHolder.wrongPct(), qulonglong(figures.gilHolder.checked),
            figures.gilHolderStopUsMedian, slowdowns.value(QStringLiteral("nonblocking_100")),
            slowdowns.value(QStringLiteral("nonblocking_1000")), slowdowns.value(QStringLiteral("stopped_100")),
            slowdowns.value(QStringLiteral("stopped_1000")), slowdowns.value(QStringLiteral("gil_holder_100")),
            slowdowns.value(QStringLiteral("gil_holder_1000")));
        if (withAustin && austin.available) {
            austin.slowdown100Pct = slowdowns.value(QStringLiteral("austin_100"));
            austin.slowdown1000Pct = slowdowns.value(QStringLiteral("austin_1000"));
            all.insert(QStringLiteral("austin_3.%1").arg(row.minor), toJson(austin));
            std::printf("austin on %s: %.1f us and %.2f syscalls per thread-sample; wrong %.3f%% of %llu; slowdown "
                        "%.1f%% at 100 Hz, %.1f%% at 1 kHz\n",
                qPrintable(row.label), austin.usPerThreadSample, austin.syscallsPerThreadSample,
                austin.accuracy.wrongPct(), qulonglong(austin.accuracy.checked), austin.slowdown100Pct,
                austin.slowdown1000Pct);
        }
        std::fflush(stdout);
    }
    std::printf("%s\n", QJsonDocument(all).toJson(QJsonDocument::Compact).constData());
    return 0;
}
