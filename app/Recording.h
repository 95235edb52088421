#pragma once
// One recording of a server: sampled from outside (ServerSession), the recording proxy put in front
// of it once it listens, and slow requests cut out of the samples (CaptureEngine). The headless
// `record` command and the workbench's pages share it, so both record the same way.

#include "ServerSession.h"
#include "capture/CaptureEngine.h"
#include "capture/FunctionWatcher.h"
#include "capture/HttpProxy.h"
#include "config/MonitorConfig.h"
#include "report/ReportMetadata.h"

#include <QObject>
#include <QThread>
#include <QTimer>

#include <functional>

namespace wpm {

class Recording : public QObject {
    Q_OBJECT
public:
    // Where slow requests are cut out (symbolized, built into call trees): on the caller's thread, or on
    // a thread of its own so that a window's event loop never waits for it.
    enum class CaptureThread { Caller, Own };

    explicit Recording(
        const MonitorConfig& config, CaptureThread captureThread = CaptureThread::Caller, QObject* parent = nullptr);
    ~Recording() override;

    // Attaches to `pid` when it is not 0, else launches `launch`. Results arrive as signals.
    void start(pid_t pid, const LaunchSpec& launch);
    // Stops the proxy, cuts out the requests still waiting for their overlapping ones, stops the sampler
    // and ends the watched calls still going on; the server keeps running until server()->stopServer().
    void stop();

    ServerSession* server() const { return m_server; }
    HttpProxy* proxy() const { return m_proxy; } // null until proxyStarted()
    // Null until proxyStarted(). With CaptureThread::Own it lives on that thread: read nothing of it.
    CaptureEngine* capture() const { return m_capture; }
    const MonitorConfig& config() const { return m_config; }

    // What a report of `captured` (or of a watched call) says besides its call tree.
    ReportMetadata reportMetadata(const CapturedRequest& captured) const;
    ReportMetadata reportMetadata(const WatchedCall& call) const;

Q_SIGNALS:
    void proxyStarted(const QString& address, const QString& upstreamHost, quint16 upstreamPort);
    void requestFinished(const wpm::RequestRecord& record);
    void requestCaptured(std::shared_ptr<const wpm::CapturedRequest> captured);
    // A call of a function named by the `watch` key that outlasted its threshold.
    void callCaptured(std::shared_ptr<const wpm::WatchedCall> call);
    // The server never listened, or the proxy could not start (the server's own failures come from server()).
    void failed(const QString& message);

private:
    void waitForUpstream();
    void startProxy(const QString& host, quint16 port);
    void startWatcher();
    // Runs `work` on the capture thread (waiting for it) or here, wherever the capture objects live.
    void onCaptureThread(QObject* object, const std::function<void()>& work);
    // The target's part of a report's metadata: command line, PID, sampling figures.
    void addTargetMetadata(ReportMetadata& metadata) const;

    MonitorConfig m_config;
    QStringList m_command;
    ServerSession* m_server;
    HttpProxy* m_proxy = nullptr;
    CaptureEngine* m_capture = nullptr;
    FunctionWatcher* m_watcher = nullptr; // with a non-empty `watch` key
    QThread* m_captureThread = nullptr; // with CaptureThread::Own
    QTimer m_upstreamPoll;
    int m_upstreamPolls = 0;
};

} // namespace wpm
