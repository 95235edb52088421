#include "RecordCommand.h"

#include "CommandLine.h"
#include "Commands.h"
#include "ServerSession.h"
#include "TargetArguments.h"
#include "config/HostPort.h"
#include "report/ReportWriter.h"
#include "target/ListeningSockets.h"
#include "target/ProcFs.h"

#include <QDir>

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

RecordSession::RecordSession(RecordRequest request, QTextStream& out, QTextStream& err, QObject* parent)
    : QObject(parent)
    , m_request(std::move(request))
    , m_out(out)
    , m_err(err)
    , m_server(new ServerSession(m_request.config, this))
{
    m_duration.setSingleShot(true);
    connect(&m_duration, &QTimer::timeout, this, [this] { stop(tr("duration reached"), ExitOk); });
    connect(&m_upstreamPoll, &QTimer::timeout, this, &RecordSession::waitForUpstream);
    echoServerConsole(*m_server, *this, m_out, m_err);
    connect(m_server, &ServerSession::failed, this, [this](const QString& message) { stop(message, ExitFailure); });
    connect(m_server, &ServerSession::serverExited, this,
        [this](const QString& description) { stop(description, ExitOk); });
    connect(m_server, &ServerSession::samplingStarted, this, [this] {
        if (!m_request.config.watch.isEmpty()) {
            m_watcher = new FunctionWatcher(m_server->store(), m_request.config.watch,
                m_request.config.thresholdSeconds, m_server->sampleIntervalNs(), this);
            connect(m_watcher, &FunctionWatcher::callCaptured, this, &RecordSession::writeCallReport);
            m_watcher->start();
        }
        if (m_request.durationSeconds > 0)
            m_duration.start(int(m_request.durationSeconds * 1000));
        if (!m_request.config.upstream.isEmpty()) {
            const Result<HostPort> upstream = HostPort::parseUpstream(m_request.config.upstream);
            if (upstream) // validated with the configuration
                startProxy(upstream->host, upstream->port);
            return;
        }
        m_upstreamPoll.start(kUpstreamPollMs);
        waitForUpstream();
    });
}

void RecordSession::start()
{
    m_server->start(m_request.pid, m_request.command);
}

void RecordSession::waitForUpstream()
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
        stop(tr("The server (PID %1) is not listening on any TCP port after %2 s. Give its address with "
                "--upstream HOST:PORT.")
                 .arg(m_server->pid())
                 .arg(kUpstreamPolls * kUpstreamPollMs / 1000),
            ExitFailure);
    }
}

void RecordSession::startProxy(const QString& host, quint16 port)
{
    ProxyOptions options;
    const Result<HostPort> listen = HostPort::parseListenAddress(m_request.config.proxyListen);
    if (listen) {
        options.listenHost = listen->host;
        options.listenPort = listen->port;
    }
    options.upstreamHost = host;
    options.upstreamPort = port;
    m_proxy = new HttpProxy(this);
    m_capture = new CaptureEngine(m_server->store(), m_request.config, m_server->sampleIntervalNs(), this);
    connect(m_proxy, &HttpProxy::requestStarted, m_capture, &CaptureEngine::onRequestStarted);
    connect(m_proxy, &HttpProxy::requestUpgraded, m_capture, &CaptureEngine::onRequestUpgraded);
    connect(m_proxy, &HttpProxy::requestFinished, m_capture, &CaptureEngine::onRequestFinished);
    connect(m_capture, &CaptureEngine::requestCaptured, this, &RecordSession::writeReport);
    if (Status started = m_proxy->start(options); !started) {
        stop(started.error().message, ExitFailure);
        return;
    }
    m_out << tr("Recording: send requests to http://%1 (forwarded to %2:%3). Requests slower than %4 s are "
                "reported in %5. Ctrl+C stops.")
                 .arg(m_proxy->address(), host)
                 .arg(port)
                 .arg(m_request.config.thresholdSeconds)
                 .arg(m_request.config.logPath)
          << Qt::endl;
}

QString RecordSession::writeFiles(const CallTree& tree, ReportMetadata metadata)
{
    const SamplerStats stats = m_server->stats();
    metadata.command = m_request.command.isEmpty() ? serverCommandLine(m_server->pid()) : m_request.command.join(u' ');
    metadata.pid = m_server->pid();
    metadata.rateHz = stats.achievedHz;
    metadata.overhead = stats.overhead;
    const Result<ReportFiles> written = ReportWriter::write(tree, metadata, m_request.config.logPath);
    if (!written) {
        m_err << written.error().message << Qt::endl;
        return {};
    }
    ++m_reports;
    return written->html;
}

void RecordSession::writeReport(const std::shared_ptr<const CapturedRequest>& captured)
{
    const RequestRecord& request = captured->request;
    ReportMetadata metadata;
    metadata.method = request.method;
    metadata.url = request.target;
    metadata.status = request.status;
    metadata.durationS = request.durationSeconds();
    metadata.thresholdS = m_request.config.thresholdSeconds;
    metadata.time = request.startTime;
    metadata.samples = captured->samples;
    const QString html = writeFiles(captured->tree, metadata);
    if (html.isEmpty())
        return;
    QStringList threads; // "TID (samples)": which threads the report's samples come from
    for (auto it = captured->samplesByThread.cbegin(); it != captured->samplesByThread.cend(); ++it)
        threads.append(QStringLiteral("%1 (%2)").arg(it.key()).arg(it.value()));
    m_out << tr("Slow: %1 %2 took %3 s (status %4); %5 samples from thread(s) %6: %7")
                 .arg(request.method, request.target)
                 .arg(request.durationSeconds(), 0, 'f', 3)
                 .arg(request.status)
                 .arg(captured->samples)
                 .arg(threads.join(QStringLiteral(", ")), html)
          << Qt::endl;
}

void RecordSession::writeCallReport(const std::shared_ptr<const WatchedCall>& call)
{
    // A call is reported like a request: "CALL" as its method, the function as its URL.
    ReportMetadata metadata;
    metadata.method = QStringLiteral("CALL");
    metadata.url = call->function;
    metadata.durationS = call->durationSeconds();
    metadata.thresholdS = call->thresholdSeconds;
    metadata.time = call->startTime;
    metadata.samples = call->samples;
    const QString html = writeFiles(call->tree, metadata);
    if (html.isEmpty())
        return;
    m_out << tr("Long call: %1 stayed %2 s on thread %3 (threshold %4 s); %5 samples: %6")
                 .arg(call->function)
                 .arg(call->durationSeconds(), 0, 'f', 3)
                 .arg(call->tid)
                 .arg(call->thresholdSeconds)
                 .arg(call->samples)
                 .arg(html)
          << Qt::endl;
}

void RecordSession::stopEarly(int signalNumber)
{
    stop(tr("interrupted by signal %1").arg(signalNumber), ExitOk);
}

void RecordSession::stop(const QString& reason, int status)
{
    if (m_done)
        return;
    m_done = true;
    m_duration.stop();
    m_upstreamPoll.stop();
    if (m_proxy)
        m_proxy->stop();
    if (m_capture)
        m_capture->captureAllPending();
    m_server->stopSampling();
    if (m_watcher)
        m_watcher->finish();
    (status == ExitOk ? m_out : m_err) << stoppedLine(reason) << Qt::endl;
    if (m_capture) {
        const CaptureEngine::Counters counters = m_capture->counters();
        m_out << tr("%1 requests, %2 slower than the threshold, %3 left out by the URL filters, %4 reports.")
                     .arg(counters.finished)
                     .arg(counters.slow)
                     .arg(counters.filteredOut)
                     .arg(m_reports)
              << Qt::endl;
    }
    connect(m_server, &ServerSession::serverStopped, this, [this, status] { Q_EMIT finished(status); });
    m_server->stopServer();
}

int runRecordCommand(const CommandLine& commandLine, const MonitorConfig& config, QTextStream& out, QTextStream& err)
{
    const Result<TargetArguments> target = parseTargetArguments(commandLine, QStringLiteral("record"), 31 * 86400);
    if (!target) {
        err << target.error().message << Qt::endl;
        return ExitUsage;
    }
    RecordRequest request;
    request.config = config;
    request.pid = target->pid;
    request.command = target->command;
    request.durationSeconds = target->durationSeconds;
    RecordSession session(request, out, err);
    return runSession(session);
}

} // namespace wpm
