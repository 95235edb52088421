#include "SampleCommand.h"

#include "CommandLine.h"
#include "Commands.h"
#include "ServerSession.h"
#include "TargetArguments.h"
#include "profile/FoldedStacks.h"
#include "sampling/ProfileBuilder.h"
#include "symbols/Symbolizer.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QSaveFile>

#include <algorithm>

namespace wpm {

SampleSession::SampleSession(SampleRequest request, QTextStream& out, QTextStream& err, QObject* parent)
    : QObject(parent)
    , m_request(std::move(request))
    , m_out(out)
    , m_err(err)
    , m_server(new ServerSession(m_request.config, this))
{
    m_duration.setSingleShot(true);
    connect(&m_duration, &QTimer::timeout, this, [this] { finish(tr("duration reached")); });
    echoServerConsole(*m_server, *this, m_out, m_err);
    connect(m_server, &ServerSession::failed, this, &SampleSession::fail);
    connect(m_server, &ServerSession::serverExited, this, &SampleSession::finish);
    connect(m_server, &ServerSession::samplingStarted, this, [this](qint64 pid) {
        m_elapsed.start();
        m_err << tr("Sampling PID %1 at %2 Hz for %3 s; Ctrl+C stops early.")
                     .arg(pid)
                     .arg(m_request.config.samplingRateHz)
                     .arg(m_request.durationSeconds)
              << Qt::endl;
        m_duration.start(int(m_request.durationSeconds * 1000));
    });
}

void SampleSession::start()
{
    m_server->start(m_request.pid, m_request.command);
}

void SampleSession::stopEarly(int signalNumber)
{
    const QString reason = tr("interrupted by signal %1").arg(signalNumber);
    if (m_server->isSampling())
        finish(reason);
    else
        fail(tr("Interrupted before sampling started."));
}

QString SampleSession::outputPath() const
{
    if (!m_request.outputPath.isEmpty())
        return m_request.outputPath;
    const QString stamp = QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    return QDir(m_request.config.logPath)
        .filePath(QStringLiteral("sample-%1-%2.folded").arg(m_server->pid()).arg(stamp));
}

void SampleSession::fail(const QString& message)
{
    if (m_done)
        return;
    m_done = true;
    m_server->stopSampling();
    m_err << message << Qt::endl;
    endWith(ExitFailure);
}

// Stops a launched server (an attached one is left running) and then reports the status.
void SampleSession::endWith(int status)
{
    connect(m_server, &ServerSession::serverStopped, this, [this, status] { Q_EMIT finished(status); });
    m_server->stopServer();
}

void SampleSession::finish(const QString& reason)
{
    if (m_done || !m_server->isSampling())
        return;
    m_done = true;
    m_duration.stop();
    m_server->stopSampling(); // every thread of the server is detached from here on
    const SamplerStats stats = m_server->stats();
    m_err << stoppedLine(reason) << Qt::endl;

    Symbolizer symbolizer;
    ProfileBuilder builder(m_server->store()->modules(), symbolizer);
    const qint64 sampleNs = stats.effectiveHz > 0 ? qint64(1e9 / stats.effectiveHz) : 0;
    for (const StoredSample& stored : m_server->store()->window(0, std::numeric_limits<qint64>::max()))
        builder.add(stored, sampleNs);
    const CallTree tree = builder.takeTree();

    const QString path = outputPath();
    QSaveFile file(path);
    int status = ExitOk;
    if (!file.open(QIODevice::WriteOnly) || file.write(writeFolded(tree).toUtf8()) < 0 || !file.commit()) {
        m_err << tr("Cannot write %1: %2.").arg(path, file.errorString()) << Qt::endl;
        status = ExitFailure;
    }
    printSummary(tree, status == ExitOk ? path : QString());
    m_out << tr("%1 samples of %2 threads in %3 s; achieved %4 Hz (asked %5 Hz), overhead %6%, stop %7 µs and "
                "unwind %8 µs (medians), %9% complete stacks; %10 samples of running threads taken by the kernel "
                "without stopping them.")
                 .arg(stats.samples)
                 .arg(stats.threads)
                 .arg(double(m_elapsed.elapsed()) / 1000.0, 0, 'f', 1)
                 .arg(stats.achievedHz, 0, 'f', 0)
                 .arg(stats.requestedHz, 0, 'f', 0)
                 .arg(stats.overhead * 100, 0, 'f', 2)
                 .arg(stats.stopUsMedian, 0, 'f', 1)
                 .arg(stats.unwindUsMedian, 0, 'f', 1)
                 .arg(stats.unwoundStacks ? 100.0 * double(stats.completeStacks) / double(stats.unwoundStacks) : 0.0, 0,
                     'f', 2)
                 .arg(stats.kernelSamples)
          << Qt::endl;
    endWith(status);
}

void SampleSession::printSummary(const CallTree& tree, const QString& path)
{
    // Top functions by self samples: where the time was spent.
    QHash<QString, quint64> self;
    for (NodeId id = 0; id < NodeId(tree.nodeCount()); ++id) {
        const CallTree::Node& node = tree.node(id);
        if (node.frame != kNoFrame && node.selfSamples > 0)
            self[tree.frame(node.frame).function] += node.selfSamples;
    }
    QList<std::pair<QString, quint64>> ranked(self.keyValueBegin(), self.keyValueEnd());
    std::sort(ranked.begin(), ranked.end(),
        [](const auto& a, const auto& b) { return a.second != b.second ? a.second > b.second : a.first < b.first; });
    const double total = std::max<double>(1, double(tree.totalSamples()));
    m_out << tr("Top functions by samples in themselves:") << '\n';
    for (qsizetype i = 0; i < std::min<qsizetype>(10, ranked.size()); ++i)
        m_out << QStringLiteral("  %1%  %2\n")
                     .arg(100.0 * double(ranked[i].second) / total, 5, 'f', 1)
                     .arg(ranked[i].first);
    if (!path.isEmpty())
        m_out << tr("Folded stacks written to %1").arg(path) << '\n';
}

int runSampleCommand(const CommandLine& commandLine, const MonitorConfig& config, QTextStream& out, QTextStream& err)
{
    const Result<TargetArguments> target = parseTargetArguments(commandLine, QStringLiteral("sample"), 86400);
    if (!target) {
        err << target.error().message << Qt::endl;
        return ExitUsage;
    }
    SampleRequest request;
    request.config = config;
    request.pid = target->pid;
    request.command = target->command;
    if (target->durationSeconds > 0)
        request.durationSeconds = target->durationSeconds;
    request.outputPath = commandLine.parser().value(QStringLiteral("output"));
    SampleSession session(request, out, err);
    return runSession(session);
}

} // namespace wpm
