#include "CaptureEngine.h"

#include "core/MonotonicClock.h"
#include "sampling/ProfileBuilder.h"
#include "sampling/SampleAddresses.h"
#include "symbols/SymbolizationJob.h"
#include "symbols/Symbolizer.h"

#include <QTimer>

#include <algorithm>
#include <limits>
#include <optional>

namespace wpm {
namespace {

// How far back the stack a thread had before a request is looked for.
constexpr qint64 kLookBackNs = 2'000'000'000;
// How far back a thread's last idle time (no request running) is looked for, to learn how it waits: an
// event loop that was busy with a long request for the whole look-back is idle further back.
constexpr qint64 kIdleLookBackNs = 15'000'000'000;
// The fewest samples of a thread's latest idle time that say how it waits.
constexpr qsizetype kMinIdleSamples = 20;
// The most one sample stands for: the adaptive rate never goes below 1 Hz (jittered by up to 20%);
// a longer gap means the thread was not sampled (it did not exist yet, or its samples were dropped).
constexpr qint64 kMaxSampleWeightNs = 1'200'000'000;
// Finished requests are remembered this long, and at most this many, to find overlaps.
constexpr qint64 kKeepFinishedNs = 600'000'000'000;
constexpr size_t kKeepFinishedCount = 100'000;
// How long a slow request waits for the requests overlapping it to end (and for the sampler to
// see past them) before it is cut out anyway.
constexpr qint64 kMaxCaptureWaitNs = 10'000'000'000;
constexpr int kPendingCheckMs = 50;

} // namespace

CaptureEngine::CaptureEngine(
    std::shared_ptr<SampleStore> store, const MonitorConfig& config, qint64 sampleIntervalNs, QObject* parent)
    : QObject(parent)
    , m_store(std::move(store))
    , m_thresholdSeconds(config.thresholdSeconds)
    , m_sampleIntervalNs(sampleIntervalNs)
    , m_symbolizer(std::make_unique<Symbolizer>())
    , m_pendingCheck(this) // a child, so that moveToThread() takes it along
{
    qRegisterMetaType<std::shared_ptr<const CapturedRequest>>();
    m_pendingCheck.setInterval(kPendingCheckMs);
    connect(&m_pendingCheck, &QTimer::timeout, this, [this] { capturePending(false); });
    // The configuration was validated when it was loaded, so the patterns parse.
    if (Result<UrlFilter> filter = UrlFilter::create(config.urlWhitelist, config.urlBlacklist))
        m_filter = std::move(filter).value();
}

CaptureEngine::~CaptureEngine() = default;

void CaptureEngine::onRequestEvents(const RequestEvents& events)
{
    for (const RequestEvent& event : events) {
        if (event.kind == RequestEvent::Kind::Started)
            onRequestStarted(event.record);
        else if (event.kind == RequestEvent::Kind::Finished)
            onRequestFinished(event.record);
        else
            onRequestUpgraded(event.record);
    }
}

void CaptureEngine::onRequestStarted(const RequestRecord& record)
{
    m_running.insert(record.id, RequestSpan { record.id, record.startNs, 0 });
}

void CaptureEngine::onRequestFinished(const RequestRecord& record)
{
    ++m_counters.finished;
    m_running.remove(record.id);
    m_finished.push_back(RequestSpan { record.id, record.startNs, record.endNs });
    while (!m_finished.empty()
        && (m_finished.size() > kKeepFinishedCount || m_finished.front().endNs < record.endNs - kKeepFinishedNs))
        m_finished.pop_front();
    if (record.durationSeconds() < m_thresholdSeconds)
        return;
    ++m_counters.slow;
    if (!m_filter.allows(record.path)) {
        ++m_counters.filteredOut;
        return;
    }
    m_pending.append(record);
    if (!m_pendingCheck.isActive())
        m_pendingCheck.start();
}

void CaptureEngine::capturePending(bool all)
{
    const qint64 nowNs = monotonicNs();
    // A request is cut out once the requests overlapping it have ended too, and the sampler has
    // seen the threads after that: until then, where the threads' runs of work end is not known,
    // and that is what tells them apart.
    QList<RequestRecord> waiting;
    for (const RequestRecord& record : std::as_const(m_pending)) {
        const QList<RequestSpan> requests = overlappingRequests(record, nowNs);
        const bool overlapped = std::ranges::any_of(
            m_running, [&](const RequestSpan& running) { return running.startNs <= record.endNs; });
        const qint64 lastEndNs = std::ranges::max(requests, {}, &RequestSpan::endNs).endNs;
        // Every thread, not just the first ones of a tick: a pool worker's wait after its request is how its
        // samples are told from the next request's (tst_recordframeworks saw them taken for work otherwise).
        const bool sampledAfter = m_store->lastTickDoneNs() > lastEndNs;
        if (all || (!overlapped && sampledAfter) || nowNs - record.endNs > kMaxCaptureWaitNs)
            capture(record);
        else
            waiting.append(record);
    }
    m_pending = waiting;
    if (m_pending.isEmpty())
        m_pendingCheck.stop();
}

void CaptureEngine::captureAllPending()
{
    capturePending(true);
}

void CaptureEngine::cancelSymbolization(quint64 requestId)
{
    const std::lock_guard lock(m_cancelMutex);
    m_cancelRequested = requestId;
    if (m_symbolizing == requestId)
        m_cancel = true;
}

bool CaptureEngine::symbolize(const RequestRecord& record, const QList<StoredSample>& samples)
{
    KnownCodeOffsets known;
    const QList<CodeAddress> addresses = newCodeAddresses(samples, m_store->modules(), known).addresses;
    {
        const std::lock_guard lock(m_cancelMutex); // a cancel counts for its request only, before or during
        m_symbolizing = record.id;
        m_cancel = m_cancelRequested == record.id;
    }
    SymbolizationJob job(*m_symbolizer, m_cancel);
    job.setWatchedProgress([&](qsizetype done, qsizetype total) { Q_EMIT symbolizationProgress(record, done, total); });
    const bool done = job.run(addresses).ok();
    const std::lock_guard lock(m_cancelMutex);
    m_symbolizing = 0;
    return done;
}

QString CaptureEngine::leafFunction(const StoredSample& stored, const QStringList& modules)
{
    if (stored.stack.frames.isEmpty()) // Python frames only (python_sampling): the innermost tells the wait
        return stored.stack.python.isEmpty() || !stored.stack.python.first()
            ? QString()
            : stored.stack.python.first()->qualifiedName + u' ' + stored.stack.python.first()->file;
    const FrameAddress& leaf = stored.stack.frames.first();
    if (leaf.module == 0 || leaf.module >= quint32(modules.size()))
        return QString::number(leaf.offset, 16);
    return m_symbolizer->symbolize(modules[qsizetype(leaf.module)], leaf.offset).function;
}

void CaptureEngine::addWaits(QList<Waiting>& waits, const QList<StoredSample>& samples, const QStringList& modules)
{
    for (const StoredSample& stored : samples) {
        if (stored.sample.syscall < 0)
            continue;
        const Waiting wait { stored.sample.syscall, leafFunction(stored, modules) };
        if (!waits.contains(wait))
            waits.append(wait);
    }
}

CaptureEngine::ServingWork CaptureEngine::servingWork(
    const SampleStore& store, qint64 startNs, qint64 endNs, qint64 quietUntilNs)
{
    const QStringList modules = store.modules();
    // The requests of the look-back, gathered once for every thread.
    const BusyTimes busy = busyTimes(startNs - kIdleLookBackNs, startNs - 1);
    ServingWork work;
    for (pid_t tid : store.threads()) {
        // How this thread waited before the request while no request ran: an accept loop's poll, a pool
        // worker's futex; not how it blocked while working for an earlier request (a handler's sleep).
        // Only when it was never seen idle, how it blocked in the look-back.
        // By function, not address: glibc's poll enters the kernel at another place once the
        // process has a second thread (its cancellable path), which the first request may create.
        QList<Waiting> waits;
        const QList<StoredSample> before = store.window(startNs - kLookBackNs, startNs - 1, tid);
        addWaits(waits, latestIdleTime(idleSamples(store.window(startNs - kIdleLookBackNs, startNs - 1, tid), busy)),
            modules);
        if (waits.isEmpty())
            addWaits(waits, before, modules);
        // And how it waits once no request runs any more: a pool worker that the request created.
        const QList<StoredSample> after
            = quietUntilNs > endNs ? store.window(endNs + 1, quietUntilNs, tid) : QList<StoredSample> {};
        addWaits(waits, after, modules);
        // Samples in which the thread waits the same way are not this request's work.
        std::optional<qint64> previousNs;
        if (!before.isEmpty())
            previousNs = before.last().sample.timeNs;
        const bool background = worksBetweenRequests(before, busy);
        qsizetype run = -1; // the run of work going on at this sample, if any
        for (const StoredSample& stored : store.window(startNs, endNs, tid)) {
            const qint64 timeNs = stored.sample.timeNs;
            const qint64 weightNs
                = previousNs ? std::min(timeNs - *previousNs, kMaxSampleWeightNs) : m_sampleIntervalNs;
            const Waiting how { stored.sample.syscall, leafFunction(stored, modules) };
            if (stored.sample.syscall >= 0 && waits.contains(how)) {
                if (run >= 0)
                    work.runs[run].endBeforeNs = timeNs; // a wait ends the run
                run = -1;
            } else {
                if (run < 0) {
                    run = work.runs.size();
                    work.runs.append(
                        WorkRun { int(run), tid, previousNs.value_or(timeNs), timeNs, timeNs, 0, background });
                }
                work.runs[run].lastNs = timeNs;
                work.runs[run].endBeforeNs = after.isEmpty() ? timeNs : after.first().sample.timeNs;
                work.samples.append({ stored, weightNs, int(run) });
            }
            previousNs = timeNs;
        }
    }
    return work;
}

QList<StoredSample> CaptureEngine::latestIdleTime(QList<StoredSample> idle)
{
    if (idle.isEmpty())
        return idle;
    // Its latest idle time only, not how it blocked while the server started; but not less than a few samples of
    // it either: the gap between two requests can hold a single sample of an event loop sending the answer to the
    // first, which says nothing about how it waits (a flaky tst_recordframeworks, where the idle time before had
    // just left the look-back behind a 2 s request, gave the loop's whole wait through the next request to it).
    const auto latest = std::ranges::lower_bound(idle, idle.last().sample.timeNs - kLookBackNs, {},
        [](const StoredSample& stored) { return stored.sample.timeNs; });
    idle.remove(0, std::max<qsizetype>(0, std::min(latest - idle.begin(), idle.size() - kMinIdleSamples)));
    return idle;
}

bool CaptureEngine::worksBetweenRequests(const QList<StoredSample>& before, const BusyTimes& busy)
{
    return std::ranges::any_of(
        idleSamples(before, busy), [](const StoredSample& stored) { return stored.sample.syscall < 0; });
}

CaptureEngine::BusyTimes CaptureEngine::busyTimes(qint64 fromNs, qint64 toNs) const
{
    BusyTimes busy;
    const auto collect = [&](const RequestSpan& request) {
        const qint64 endNs = request.endNs == 0 ? std::numeric_limits<qint64>::max() : request.endNs;
        if (request.startNs <= toNs && endNs >= fromNs)
            busy.append({ request.startNs, endNs });
    };
    std::ranges::for_each(m_finished, collect);
    std::ranges::for_each(m_running, collect);
    std::ranges::sort(busy);
    return busy;
}

QList<StoredSample> CaptureEngine::idleSamples(const QList<StoredSample>& samples, const BusyTimes& busy)
{
    // Both in time order: one sweep, however many requests a busy server had.
    QList<StoredSample> idle;
    qsizetype next = 0;
    qint64 busyUntilNs = std::numeric_limits<qint64>::min();
    for (const StoredSample& stored : samples) {
        const qint64 timeNs = stored.sample.timeNs;
        for (; next < busy.size() && busy[next].first <= timeNs; ++next)
            busyUntilNs = std::max(busyUntilNs, busy[next].second);
        if (timeNs > busyUntilNs)
            idle.append(stored);
    }
    return idle;
}

QList<RequestSpan> CaptureEngine::overlappingRequests(const RequestRecord& record, qint64 nowNs) const
{
    QList<RequestSpan> spans { RequestSpan { record.id, record.startNs, record.endNs } };
    for (const RequestSpan& running : m_running)
        if (running.startNs <= record.endNs)
            spans.append(RequestSpan { running.id, running.startNs, nowNs });
    for (const RequestSpan& finished : m_finished)
        if (finished.id != record.id && finished.startNs <= record.endNs && finished.endNs >= record.startNs)
            spans.append(finished);
    return spans;
}

void CaptureEngine::capture(const RequestRecord& record)
{
    auto captured = std::make_shared<CapturedRequest>();
    captured->request = record;
    const QList<RequestSpan> requests = overlappingRequests(record, monotonicNs());
    // The runs of work are followed over every overlapping request's time, to see where they
    // begin and end.
    qint64 fromNs = record.startNs;
    qint64 toNs = record.endNs;
    for (const RequestSpan& request : requests) {
        fromNs = std::min(fromNs, request.startNs);
        toNs = std::max(toNs, request.endNs);
    }
    // After the last of them, until another request starts, the threads wait as they do when idle.
    qint64 quietUntilNs = monotonicNs();
    const auto quietUntilStartOf = [&](const RequestSpan& later) {
        if (later.startNs > toNs)
            quietUntilNs = std::min(quietUntilNs, later.startNs - 1);
    };
    std::ranges::for_each(m_running, quietUntilStartOf);
    std::ranges::for_each(m_finished, quietUntilStartOf);
    const ServingWork work = servingWork(*m_store, fromNs, toNs, quietUntilNs);
    const QHash<int, qsizetype> requestOfRun = assignRuns(work.runs, requests);
    QList<StoredSample> own; // the samples of this request's work
    QList<qint64> weightsNs;
    for (const WeightedSample& serving : work.samples) {
        const qint64 timeNs = serving.stored.sample.timeNs;
        if (timeNs < record.startNs || timeNs > record.endNs)
            continue;
        if (requestOfRun.value(serving.run, -1) != 0)
            continue; // another request's work, or none's
        own.append(serving.stored);
        weightsNs.append(serving.weightNs);
        ++captured->samplesByThread[serving.stored.sample.tid];
    }
    const bool symbolized = symbolize(record, own);
    // Cancelled: what is not cached yet stays an address rather than being looked up while building.
    m_symbolizer->setLookUp(symbolized);
    const quint64 notLookedUpBefore = m_symbolizer->stats().notLookedUp;
    ProfileBuilder builder(m_store->modules(), *m_symbolizer);
    for (qsizetype i = 0; i < own.size(); ++i)
        builder.add(own[i], weightsNs[i]);
    m_symbolizer->setLookUp(true);
    captured->framesLeftAsAddresses = m_symbolizer->stats().notLookedUp - notLookedUpBefore;
    captured->samples = quint64(own.size());
    captured->tree = builder.takeTree();
    captured->overlapping = int(requests.size() - 1);
    ++m_counters.captured;
    Q_EMIT requestCaptured(std::move(captured));
}

} // namespace wpm
