#pragma once
// Cuts each slow request's call tree out of the continuous samples: for a request slower than
// threshold_seconds that the URL filters allow, the samples of its time window in which a thread
// worked for it — all but those in which a thread waits as it waited before the request (same
// system call, same innermost function), like an accept loop's poll or an idle worker's futex.

#include "RequestRecord.h"
#include "config/MonitorConfig.h"
#include "config/UrlFilter.h"
#include "profile/CallTree.h"
#include "sampling/SampleStore.h"

#include <QMap>
#include <QObject>

#include <memory>

namespace wpm {

class Symbolizer;

struct CapturedRequest {
    RequestRecord request;
    CallTree tree;
    QMap<pid_t, quint64> samplesByThread; // the threads the samples come from
    quint64 samples = 0;
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

    void onRequestFinished(const wpm::RequestRecord& record);
    Counters counters() const { return m_counters; }

    // A sample and the time it stands for: the time since the thread's previous sample, which is
    // longer than the asked interval when the sampler lowered its rate to spare the server.
    struct WeightedSample {
        StoredSample stored;
        qint64 weightNs = 0;
    };
    // The samples of a window that are work, not the threads' usual waiting.
    QList<WeightedSample> servingSamples(const SampleStore& store, qint64 startNs, qint64 endNs);

Q_SIGNALS:
    void requestCaptured(std::shared_ptr<const wpm::CapturedRequest> captured);

private:
    // A way of waiting: blocked in this system call, in this (innermost) function.
    struct Waiting {
        qint16 syscall;
        QString leafFunction;
        bool operator==(const Waiting&) const = default;
    };
    QString leafFunction(const StoredSample& stored, const QStringList& modules);

    void capture(const RequestRecord& record);

    std::shared_ptr<SampleStore> m_store;
    double m_thresholdSeconds;
    UrlFilter m_filter;
    qint64 m_sampleIntervalNs;
    std::unique_ptr<Symbolizer> m_symbolizer;
    Counters m_counters;
};

} // namespace wpm

Q_DECLARE_METATYPE(std::shared_ptr<const wpm::CapturedRequest>)
