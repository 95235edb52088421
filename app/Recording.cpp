#include "Recording.h"

#include "config/HostPort.h"
#include "target/ListeningSockets.h"
#include "target/ProcFs.h"

namespace wpm {
namespace {

constexpr int kUpstreamPollMs = 100;
constexpr int kUpstreamPolls = 300; // a server gets 30 s to start listening

QString serverCommandLine(pid_t pid)
{
    const std::optional<ProcessInfo> info = readProcessInfo(pid);
    return info ? info->commandLine.join(u' ') : QString();
}

} // namespace

Recording::Recording(const MonitorConfig& config, CaptureThread captureThread, QObject* parent)
    : QObject(parent)
    , m_config(config)
    , m_server(new ServerSession(config, this))
{
    if (captureThread == CaptureThread::Own) {
        m_captureThread = new QThread(this);
        m_captureThread->setObjectName(QStringLiteral("wpm-capture"));
        m_captureThread->start();
    }
    connect(&m_upstreamPoll, &QTimer::timeout, this, &Recording::waitForUpstream);
    connect(m_server, &ServerSession::samplingStarted, this, [this] {
        startWatcher();
        if (!m_config.upstream.isEmpty()) {
            const Result<HostPort> upstream = HostPort::parseUpstream(m_config.upstream);
            if (upstream) // validated with the configuration
                startProxy(upstream->host, upstream->port);
            return;
        }
        m_upstreamPoll.start(kUpstreamPollMs);
        waitForUpstream();
    });
}

Recording::~Recording()
{
    if (m_captureThread) {
        m_captureThread->quit();
        m_captureThread->wait(); // at most the request being cut out
    }
}

void Recording::start(pid_t pid, const LaunchSpec& launch)
{
    m_command = pid > 0 ? QStringList() : launch.argv;
    m_server->start(pid, launch);
}

void Recording::stop()
{
    m_upstreamPoll.stop();
    if (m_proxy)
        m_proxy->stop();
    if (m_capture)
        onCaptureThread(m_capture, [capture = m_capture] { capture->captureAllPending(); });
    m_server->stopSampling();
    if (m_watcher)
        onCaptureThread(m_watcher, [watcher = m_watcher] { watcher->finish(); });
}

void Recording::onCaptureThread(QObject* object, const std::function<void()>& work)
{
    if (m_captureThread && m_captureThread->isRunning())
        QMetaObject::invokeMethod(object, work, Qt::BlockingQueuedConnection);
    else if (!m_captureThread)
        work();
}

void Recording::startWatcher()
{
    if (m_config.watch.isEmpty() || m_watcher)
        return;
    m_watcher = new FunctionWatcher(m_server->store(), m_config.watch, m_config.thresholdSeconds,
        m_server->sampleIntervalNs(), m_captureThread ? nullptr : this);
    connect(m_watcher, &FunctionWatcher::callCaptured, this, &Recording::callCaptured);
    if (m_captureThread) {
        m_watcher->moveToThread(m_captureThread);
        connect(m_captureThread, &QThread::finished, m_watcher, &QObject::deleteLater);
        QMetaObject::invokeMethod(m_watcher, &FunctionWatcher::start);
    } else {
        m_watcher->start();
    }
}

void Recording::waitForUpstream()
{
    // The server says where it listens only by listening: look for its sockets in /proc.
    const QList<ListeningSocket> sockets = listeningSockets(m_server->pid());
    if (!sockets.isEmpty()) {
        m_upstreamPoll.stop();
        const ListeningSocket& socket = sockets.first();
        QString host = socket.host;
        if (host == QLatin1String("0.0.0.0"))
            host = QStringLiteral("127.0.0.1");
        else if (host == QLatin1String("::"))
            host = QStringLiteral("::1");
        startProxy(host, socket.port);
        return;
    }
    if (++m_upstreamPolls >= kUpstreamPolls) {
        m_upstreamPoll.stop();
        Q_EMIT failed(tr("The server (PID %1) is not listening on any TCP port after %2 s. Give its address with "
                         "--upstream HOST:PORT.")
                          .arg(m_server->pid())
                          .arg(kUpstreamPolls * kUpstreamPollMs / 1000));
    }
}

void Recording::startProxy(const QString& host, quint16 port)
{
    ProxyOptions options;
    const Result<HostPort> listen = HostPort::parseListenAddress(m_config.proxyListen);
    if (listen) {
        options.listenHost = listen->host;
        options.listenPort = listen->port;
    }
    options.upstreamHost = host;
    options.upstreamPort = port;
    m_proxy = new HttpProxy(this);
    m_capture = new CaptureEngine(
        m_server->store(), m_config, m_server->sampleIntervalNs(), m_captureThread ? nullptr : this);
    if (m_captureThread) {
        m_capture->moveToThread(m_captureThread);
        connect(m_captureThread, &QThread::finished, m_capture, &QObject::deleteLater);
    }
    // In groups: one queued call per few milliseconds of requests, not one per request and receiver.
    connect(m_proxy, &HttpProxy::requestEvents, m_capture, &CaptureEngine::onRequestEvents);
    connect(m_proxy, &HttpProxy::requestEvents, this, [this](const RequestEvents& events) {
        for (const RequestEvent& event : events)
            if (event.kind == RequestEvent::Kind::Finished)
                Q_EMIT requestFinished(event.record);
    });
    connect(m_capture, &CaptureEngine::requestCaptured, this, &Recording::requestCaptured);
    if (Status started = m_proxy->start(options); !started) {
        Q_EMIT failed(started.error().message);
        return;
    }
    Q_EMIT proxyStarted(m_proxy->address(), host, port);
}

ReportMetadata Recording::reportMetadata(const CapturedRequest& captured) const
{
    const RequestRecord& request = captured.request;
    ReportMetadata metadata;
    metadata.method = request.method;
    metadata.url = request.target;
    metadata.status = request.status;
    metadata.durationS = request.durationSeconds();
    metadata.thresholdS = m_config.thresholdSeconds;
    metadata.time = request.startTime;
    metadata.samples = captured.samples;
    if (captured.framesLeftAsAddresses > 0) {
        // Reports are written in English, like the rest of their summary.
        metadata.notes.append(QStringLiteral("Symbolization was cancelled: %1 frames show as module and file offset "
                                             "(0x...) instead of function names.")
                                  .arg(captured.framesLeftAsAddresses));
    }
    addTargetMetadata(metadata);
    return metadata;
}

ReportMetadata Recording::reportMetadata(const WatchedCall& call) const
{
    // A call is reported like a request: "CALL" as its method, the function as its URL.
    ReportMetadata metadata;
    metadata.method = QStringLiteral("CALL");
    metadata.url = call.function;
    metadata.durationS = call.durationSeconds();
    metadata.thresholdS = call.thresholdSeconds;
    metadata.time = call.startTime;
    metadata.samples = call.samples;
    addTargetMetadata(metadata);
    return metadata;
}

void Recording::addTargetMetadata(ReportMetadata& metadata) const
{
    const SamplerStats stats = m_server->stats();
    metadata.command = m_command.isEmpty() ? serverCommandLine(m_server->pid()) : m_command.join(u' ');
    metadata.pid = m_server->pid();
    metadata.rateHz = stats.achievedHz;
    metadata.overhead = stats.overhead;
}

} // namespace wpm
