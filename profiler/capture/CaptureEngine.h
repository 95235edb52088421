#pragma once
// Cuts each slow request's call tree out of the continuous samples: for a request slower than
// threshold_seconds that the URL filters allow, the samples of its time window in which a thread
// worked for it — all but those in which a thread waits as it waits when no request runs (same
// system call, same innermost function), like an accept loop's poll or an idle worker's futex.
// Of those, only the threads' runs of work that served this request and not another one that
// overlaps it (WorkAttribution).

#include "RequestRecord.h"
#include "WorkAttribution.h"
#include "config/MonitorConfig.h"
#include "config/UrlFilter.h"
#include "profile/CallTree.h"
#include "sampling/SampleStore.h"

#include <QHash>
#include <QMap>
#include <QObject>
#include <QTimer>

#include <atomic>
#include <deque>
#include <memory>
#include <mutex>

namespace wpm {

class Symbolizer;

struct CapturedRequest {
    RequestRecord request;
    CallTree tree;
    QMap<pid_t, quint64> samplesByThread; // the threads the samples come from
    quint64 samples = 0;
    int overlapping = 0; // other requests in flight during this one
    // Its symbolization was cancelled: this many distinct frames show as module and file offset, not names.
    quint64 framesLeftAsAddresses = 0;
};

class CaptureEngine : public QObject {
    Q_OBJECT
public:
    struct Counters {
        quint64 finished = 0;
        quint64 slow = 0;
        quint64 filteredOut = 0;
        quint64 captured = 0;
    };

    // `sampleIntervalNs`: the interval asked of the sampler, what a thread's first sample stands for.
    CaptureEngine(std::shared_ptr<SampleStore> store, const MonitorConfig& config, qint64 sampleIntervalNs,
        QObject* parent = nullptr);
    ~CaptureEngine() override;

    void onRequestStarted(const wpm::RequestRecord& record);
    void onRequestFinished(const wpm::RequestRecord& record);
    // A protocol switch: the connection is no request any more, and overlaps none.
    void onRequestUpgraded(const wpm::RequestRecord& record) { m_running.remove(record.id); }
    // A group of the proxy's events, taken in order.
    void onRequestEvents(const wpm::RequestEvents& events);
    Counters counters() const { return m_counters; }
    // Cuts out the slow requests still waiting for overlapping ones to end: before stopping.
    void captureAllPending();
    // Thread-safe: the request's tree is built at once with the frames not symbolized yet left as addresses
    // (whether its symbolization is under way or has not begun).
    void cancelSymbolization(quint64 requestId);

    // A sample and the time it stands for: the time since the thread's previous sample, which is
    // longer than the asked interval when the sampler lowered its rate to spare the server.
    struct WeightedSample {
        StoredSample stored;
        qint64 weightNs = 0;
        int run = 0; // the id of the run of work it belongs to
    };
    struct ServingWork {
        QList<WeightedSample> samples;
        QList<WorkRun> runs; // a thread's samples between two of its usual waits
    };
    // The samples of a window that are work, not the threads' usual waiting, learnt from the
    // samples before the window and from those in (endNs, quietUntilNs], when no request ran.
    ServingWork servingWork(const SampleStore& store, qint64 startNs, qint64 endNs, qint64 quietUntilNs = 0);
    // The known requests' times that meet [fromNs, toNs], as [start, end] by start (end: max while running).
    using BusyTimes = QList<std::pair<qint64, qint64>>;
    BusyTimes busyTimes(qint64 fromNs, qint64 toNs) const;
    // Whether a thread ran (in user space) in `before` while none of the `busy` requests did.
    static bool worksBetweenRequests(const QList<StoredSample>& before, const BusyTimes& busy);

Q_SIGNALS:
    void requestCaptured(std::shared_ptr<const wpm::CapturedRequest> captured);
    // Only for symbolization long enough to be seen; done == total once it is over, not when cancelled.
    void symbolizationProgress(const wpm::RequestRecord& request, qint64 done, qint64 total);

private:
    // A way of waiting: blocked in this system call, in this (innermost) function.
    struct Waiting {
        qint16 syscall;
        QString leafFunction;
        bool operator==(const Waiting&) const = default;
    };
    QString leafFunction(const StoredSample& stored, const QStringList& modules);
    void addWaits(QList<Waiting>& waits, const QList<StoredSample>& samples, const QStringList& modules);

    // Those of `samples` (in time order) taken while none of the `busy` requests ran.
    static QList<StoredSample> idleSamples(const QList<StoredSample>& samples, const BusyTimes& busy);
    // The idle samples (in time order) that say how a thread waits: those of its latest idle time.
    static QList<StoredSample> latestIdleTime(QList<StoredSample> idle);
    void capturePending(bool all);
    void capture(const RequestRecord& record);
    // Symbolizes the native frames of `samples` as one cancellable job; false once cancelled.
    bool symbolize(const RequestRecord& record, const QList<StoredSample>& samples);
    // The request first, then every other request whose time overlaps it.
    QList<RequestSpan> overlappingRequests(const RequestRecord& record, qint64 nowNs) const;

    std::shared_ptr<SampleStore> m_store;
    double m_thresholdSeconds;
    UrlFilter m_filter;
    qint64 m_sampleIntervalNs;
    std::unique_ptr<Symbolizer> m_symbolizer;
    Counters m_counters;
    QHash<quint64, RequestSpan> m_running; // by request id
    QList<RequestRecord> m_pending; // slow requests to cut out
    QTimer m_pendingCheck; // while some are pending
    std::deque<RequestSpan> m_finished; // recent ones, oldest first: later captures may overlap them
    // Shared with the threads that cancel: the request symbolized now, the last one cancelled (both guarded by
    // m_cancelMutex), and the flag the symbolization job reads between two frames.
    std::mutex m_cancelMutex;
    quint64 m_symbolizing = 0;
    quint64 m_cancelRequested = 0;
    std::atomic_bool m_cancel = false;
};

} // namespace wpm

Q_DECLARE_METATYPE(std::shared_ptr<const wpm::CapturedRequest>)
