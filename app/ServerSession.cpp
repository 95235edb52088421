#include "ServerSession.h"

#include <QTimer>

namespace wpm {

ServerSession::ServerSession(const MonitorConfig& config, QObject* parent)
    : QObject(parent)
    , m_config(config)
    , m_store(std::make_shared<SampleStore>(qint64(config.sampleMemoryMb) << 20))
{
}

void ServerSession::start(pid_t pid, const QStringList& command)
{
    start(pid, LaunchSpec { command, {}, QProcessEnvironment::systemEnvironment() });
}

void ServerSession::start(pid_t pid, const LaunchSpec& launch)
{
    if (pid > 0) {
        QTimer::singleShot(0, this, [this, pid] { beginSampling(pid); });
        return;
    }
    m_launched = new LaunchedProcess(this);
    m_launched->setDestructorGraceSeconds(m_config.gracefulShutdownSeconds);
    connect(m_launched, &LaunchedProcess::started, this, &ServerSession::beginSampling);
    connect(m_launched, &LaunchedProcess::startFailed, this, &ServerSession::failed);
    connect(m_launched, &LaunchedProcess::outputAvailable, this, &ServerSession::consoleLine);
    connect(m_launched, &LaunchedProcess::finished, this, [this](int, bool, const QString& description) {
        Q_EMIT serverExited(description);
        notifyStopped();
    });
    m_launched->start(launch);
}

void ServerSession::beginSampling(pid_t pid)
{
    m_pid = pid;
    SamplerOptions options;
    options.rateHz = m_config.samplingRateHz;
    options.maxOverhead = m_config.maxPerformanceOverhead;
    options.pythonReading = m_config.pythonSampling;
    options.kernelSampling = m_config.kernelSampling;
    m_sampler = new Sampler(m_store, options, this);
    connect(m_sampler, &Sampler::processExited, this, [this](qint64 exited) {
        if (exited == m_pid && !m_launched) // a launched server's exit comes with its status
            Q_EMIT serverExited(tr("the server exited"));
    });
    connect(m_sampler, &Sampler::samplingFailed, this, &ServerSession::failed);
    connect(m_sampler, &Sampler::statsAvailable, this, &ServerSession::statsAvailable);
    connect(m_sampler, &Sampler::statsAvailable, this, [this](const SamplerStats& stats) {
        for (const QString& warning : stats.warnings) {
            if (!m_warned.contains(warning)) {
                m_warned.append(warning);
                Q_EMIT samplerWarning(warning);
            }
        }
    });
    if (Status started = m_sampler->start(pid); !started) {
        Q_EMIT failed(started.error().message);
        return;
    }
    Q_EMIT samplingStarted(pid);
}

void ServerSession::stopSampling()
{
    if (m_sampler)
        m_sampler->stop();
}

void ServerSession::stopServer()
{
    if (m_launched && m_launched->isRunning()) {
        m_launched->stop(m_config.gracefulShutdownSeconds);
        return;
    }
    QTimer::singleShot(0, this, &ServerSession::notifyStopped);
}

void ServerSession::notifyStopped()
{
    if (m_stopNotified)
        return;
    m_stopNotified = true;
    Q_EMIT serverStopped();
}

SamplerStats ServerSession::stats() const
{
    return m_sampler ? m_sampler->stats() : SamplerStats {};
}

} // namespace wpm
