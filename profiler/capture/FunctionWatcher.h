#pragma once
// The decorator-free @profile(threshold=...): follows every thread's samples as they arrive and,
// when one call of a watched function (a run of consecutive samples with it on the stack) has
// lasted longer than its threshold, hands out that call's call tree once the call is over.
// A native function is matched on symbolized frame names: "ns::f(int)", or "ns::f" for any overload. A Python
// function, "module:qualname" (one colon), on Python frames: the qualified name, and the module as the frame's
// file path ends ("pkg.views" is .../pkg/views.py or .../pkg/views/__init__.py).

#include "config/MonitorConfig.h"
#include "profile/CallTree.h"
#include "sampling/SampleStore.h"

#include <QDateTime>
#include <QObject>
#include <QTimer>

#include <memory>

namespace wpm {

class Symbolizer;

struct WatchedCall {
    QString function; // as the user named it
    double thresholdSeconds = 0;
    pid_t pid = 0;
    pid_t tid = 0;
    qint64 startNs = 0; // CLOCK_MONOTONIC
    qint64 endNs = 0;
    QDateTime startTime; // wall clock of startNs
    CallTree tree;
    quint64 samples = 0;

    double durationSeconds() const { return double(endNs - startNs) / 1e9; }
};

class FunctionWatcher : public QObject {
    Q_OBJECT
public:
    // `defaultThresholdSeconds` for the watches without their own; `sampleIntervalNs`: the asked one.
    FunctionWatcher(std::shared_ptr<SampleStore> store, const QList<FunctionWatch>& watches,
        double defaultThresholdSeconds, qint64 sampleIntervalNs, QObject* parent = nullptr);
    ~FunctionWatcher() override;

    void start();
    // Reads the samples up to now and ends every call still going on: once sampling has stopped.
    void finish();
    // Reads the samples up to `untilNs`; with `endAll`, calls still going on end there too.
    void scan(qint64 untilNs, bool endAll);

    // Whether a symbolized frame name is the watched function `name` (exported for tests).
    static bool matches(const QString& frameFunction, const QString& name);
    // Whether `name` is "module:qualname", which matches Python frames only.
    static bool isPythonName(const QString& name);
    // Whether a Python frame is the watched function `name` ("module:qualname"). Before 3.11 a frame has only the
    // function's own name, compared with the qualname's last part.
    static bool matchesPython(const PythonFrame& frame, const QString& name);

Q_SIGNALS:
    void callCaptured(std::shared_ptr<const wpm::WatchedCall> call);

private:
    struct OpenCall {
        QList<StoredSample> samples;
        qint64 beforeNs = 0; // the thread's sample before the first with the function on its stack
        qint64 firstNs = 0;
        qint64 lastNs = 0;
    };
    quint64 watchMask(const StoredSample& stored, const QStringList& modules);
    quint64 pythonMask(const PythonFrameRef& frame);
    // `afterNs`: the thread's first sample without the function, or 0 when the call ended with the recording or the thread.
    void endCall(int watch, const OpenCall& call, qint64 afterNs);

    std::shared_ptr<SampleStore> m_store;
    QList<FunctionWatch> m_watches; // thresholds filled in
    qint64 m_sampleIntervalNs;
    std::unique_ptr<Symbolizer> m_symbolizer;
    QHash<quint32, QHash<quint64, quint64>> m_masks; // module -> offset -> the watches it is
    // Python frame -> the watches it is; the reference keeps the address from being reused for another frame.
    QHash<const PythonFrame*, std::pair<PythonFrameRef, quint64>> m_pythonMasks;
    quint64 m_pythonWatches = 0; // the watches named module:qualname
    QHash<pid_t, QHash<int, OpenCall>> m_open; // thread -> watch -> its call going on
    QHash<pid_t, qint64> m_lastSampleNs; // thread -> the time of its latest sample scanned
    qint64 m_scannedNs = 0;
    QTimer m_timer;
};

} // namespace wpm

Q_DECLARE_METATYPE(std::shared_ptr<const wpm::WatchedCall>)
