#include "FunctionWatcher.h"

#include "core/MonotonicClock.h"
#include "sampling/ProfileBuilder.h"
#include "symbols/Symbolizer.h"

#include <algorithm>

namespace wpm {
namespace {

constexpr int kScanIntervalMs = 200;
// Samples are read this far behind the clock: the sampler's tick going on may still add some.
constexpr qint64 kScanLagNs = 100'000'000;
// A watch is a bit of a 64-bit mask.
constexpr qsizetype kMaxWatches = 64;
// A thread without a sample for this long has gone: its call ended with its last sample.
constexpr qint64 kGoneAfterNs = 2'000'000'000;
// A call's tree keeps at most this many samples (an endless loop would otherwise grow without end).
constexpr qsizetype kMaxSamplesPerCall = 200'000;

} // namespace

FunctionWatcher::FunctionWatcher(std::shared_ptr<SampleStore> store, const QList<FunctionWatch>& watches,
    double defaultThresholdSeconds, qint64 sampleIntervalNs, QObject* parent)
    : QObject(parent)
    , m_store(std::move(store))
    , m_watches(watches.mid(0, kMaxWatches))
    , m_sampleIntervalNs(sampleIntervalNs)
    , m_symbolizer(std::make_unique<Symbolizer>())
    , m_scannedNs(monotonicNs() - kScanLagNs)
    , m_timer(this) // a child, so that moveToThread() takes it along
{
    qRegisterMetaType<std::shared_ptr<const WatchedCall>>();
    for (qsizetype i = 0; i < m_watches.size(); ++i) {
        if (m_watches[i].thresholdSeconds < 0)
            m_watches[i].thresholdSeconds = defaultThresholdSeconds;
        if (isPythonName(m_watches[i].function))
            m_pythonWatches |= quint64(1) << i;
    }
    m_timer.setInterval(kScanIntervalMs);
    connect(&m_timer, &QTimer::timeout, this, [this] { scan(monotonicNs() - kScanLagNs, false); });
}

FunctionWatcher::~FunctionWatcher() = default;

void FunctionWatcher::start()
{
    m_timer.start();
}

void FunctionWatcher::finish()
{
    m_timer.stop();
    scan(monotonicNs(), true);
}

bool FunctionWatcher::matches(const QString& frameFunction, const QString& name)
{
    // "ns::f" names every overload "ns::f(...)"; a name with its parameters names one.
    return frameFunction.startsWith(name)
        && (frameFunction.size() == name.size() || frameFunction.at(name.size()) == u'(');
}

bool FunctionWatcher::isPythonName(const QString& name)
{
    const qsizetype colon = name.indexOf(u':');
    return colon > 0 && colon < name.size() - 1 && name.indexOf(u':', colon + 1) < 0;
}

bool FunctionWatcher::matchesPython(const PythonFrame& frame, const QString& name)
{
    if (!isPythonName(name))
        return false;
    const qsizetype colon = name.indexOf(u':');
    const QStringView qualname = QStringView(name).mid(colon + 1);
    const bool sameFunction = frame.qualifiedName == qualname
        || (!frame.qualifiedName.contains(u'.') && qualname.endsWith(QString(u'.' + frame.qualifiedName)));
    if (!sameFunction)
        return false;
    const QString path = QString(name.left(colon)).replace(u'.', u'/');
    const auto endsWithFile = [&](const QString& file) {
        return frame.file.endsWith(file)
            && (frame.file.size() == file.size() || frame.file.at(frame.file.size() - file.size() - 1) == u'/');
    };
    return endsWithFile(path + QStringLiteral(".py")) || endsWithFile(path + QStringLiteral("/__init__.py"));
}

quint64 FunctionWatcher::pythonMask(const PythonFrameRef& frame)
{
    if (!frame) // the end of one evaluation loop's frames
        return 0;
    auto found = m_pythonMasks.constFind(frame.get());
    if (found == m_pythonMasks.constEnd()) {
        quint64 mask = 0;
        for (qsizetype i = 0; i < m_watches.size(); ++i)
            if ((m_pythonWatches & (quint64(1) << i)) && matchesPython(*frame, m_watches[i].function))
                mask |= quint64(1) << i;
        found = m_pythonMasks.insert(frame.get(), { frame, mask });
    }
    return found->second;
}

quint64 FunctionWatcher::watchMask(const StoredSample& stored, const QStringList& modules)
{
    quint64 mask = 0;
    if (m_pythonWatches != 0)
        for (const PythonFrameRef& frame : stored.stack.python)
            mask |= pythonMask(frame);
    for (const FrameAddress& frame : stored.stack.frames) {
        QHash<quint64, quint64>& known = m_masks[frame.module];
        auto found = known.constFind(frame.offset);
        if (found == known.constEnd()) {
            quint64 frameMask = 0;
            if (frame.module != 0 && frame.module < quint32(modules.size())) {
                const QString function
                    = m_symbolizer->symbolize(modules[qsizetype(frame.module)], frame.offset).function;
                for (qsizetype i = 0; i < m_watches.size(); ++i)
                    if (!(m_pythonWatches & (quint64(1) << i)) && matches(function, m_watches[i].function))
                        frameMask |= quint64(1) << i;
            }
            found = known.insert(frame.offset, frameMask);
        }
        mask |= *found;
    }
    return mask;
}

void FunctionWatcher::scan(qint64 untilNs, bool endAll)
{
    const QStringList modules = m_store->modules();
    for (pid_t tid : m_store->threads()) {
        QHash<int, OpenCall>& open = m_open[tid];
        qint64& previousNs = m_lastSampleNs[tid];
        for (const StoredSample& stored : m_store->window(m_scannedNs + 1, untilNs, tid)) {
            const qint64 timeNs = stored.sample.timeNs;
            const quint64 mask = watchMask(stored, modules);
            for (int watch = 0; watch < int(m_watches.size()); ++watch) {
                const bool onStack = mask & (quint64(1) << watch);
                auto call = open.find(watch);
                if (onStack) {
                    if (call == open.end()) {
                        const qint64 beforeNs = previousNs > 0 ? previousNs : timeNs - m_sampleIntervalNs;
                        call = open.insert(watch, OpenCall { {}, beforeNs, timeNs, timeNs });
                    }
                    call->lastNs = timeNs;
                    if (call->samples.size() < kMaxSamplesPerCall)
                        call->samples.append(stored);
                } else if (call != open.end()) {
                    endCall(watch, *call, timeNs);
                    open.erase(call);
                }
            }
            previousNs = timeNs;
        }
    }
    m_scannedNs = std::max(m_scannedNs, untilNs);
    m_lastSampleNs.removeIf([&](QHash<pid_t, qint64>::iterator thread) { return thread.value() < untilNs - kGoneAfterNs; });
    for (QHash<int, OpenCall>& open : m_open) {
        for (auto call = open.begin(); call != open.end();) {
            if (endAll || call->lastNs < untilNs - kGoneAfterNs) {
                endCall(call.key(), *call, 0);
                call = open.erase(call);
            } else {
                ++call;
            }
        }
    }
}

void FunctionWatcher::endCall(int watch, const OpenCall& call, qint64 afterNs)
{
    // The call began between the sample before its first and that first one, and ended between its last and the
    // sample after: halfway each time. The real gaps count, not the asked interval: the adaptive rate may have
    // lowered the rate, and a call of 0.9 s seen from 60 ms apart would otherwise look ~0.1 s shorter.
    // With no sample after it (the recording ended), the gap after is taken to be the one before.
    const qint64 gapBeforeNs = std::min(call.firstNs - call.beforeNs, kGoneAfterNs);
    const qint64 gapAfterNs = afterNs > 0 ? std::min(afterNs - call.lastNs, kGoneAfterNs) : gapBeforeNs;
    const qint64 startNs = call.firstNs - gapBeforeNs / 2;
    const qint64 endNs = call.lastNs + gapAfterNs / 2;
    if (double(endNs - startNs) / 1e9 <= m_watches[watch].thresholdSeconds || call.samples.isEmpty())
        return;
    auto captured = std::make_shared<WatchedCall>();
    captured->function = m_watches[watch].function;
    captured->thresholdSeconds = m_watches[watch].thresholdSeconds;
    captured->pid = call.samples.first().sample.pid;
    captured->tid = call.samples.first().sample.tid;
    captured->startNs = startNs;
    captured->endNs = endNs;
    captured->startTime = QDateTime::currentDateTimeUtc().addMSecs(-(monotonicNs() - captured->startNs) / 1'000'000);
    ProfileBuilder builder(m_store->modules(), *m_symbolizer);
    qint64 previousNs = call.firstNs - gapBeforeNs; // each sample stands for the time since the thread's previous one
    for (const StoredSample& stored : std::as_const(call.samples)) {
        builder.add(stored, stored.sample.timeNs - previousNs);
        previousNs = stored.sample.timeNs;
    }
    captured->tree = builder.takeTree();
    captured->samples = quint64(call.samples.size());
    Q_EMIT callCaptured(std::move(captured));
}

} // namespace wpm
