#pragma once
// A server under the workbench's eye: launched from a command line (and stopped at the end) or
// attached by PID (and left running, untraced), sampled into a SampleStore until stopped.
// Shared by the headless commands and the GUI's target page.

#include "config/MonitorConfig.h"
#include "sampling/Sampler.h"
#include "target/LaunchedProcess.h"

#include <QObject>

namespace wpm {

class ServerSession : public QObject {
    Q_OBJECT
public:
    explicit ServerSession(const MonitorConfig& config, QObject* parent = nullptr);

    // Attaches to `pid` when it is not 0, else launches `command`. Results arrive as signals.
    void start(pid_t pid, const QStringList& command);
    // The same with a working directory and environment for a launched server.
    void start(pid_t pid, const LaunchSpec& launch);
    // Joins the sampler thread: afterwards every thread of the server is detached.
    void stopSampling();
    // A launched server gets SIGTERM, then SIGKILL after graceful_shutdown_seconds; serverStopped()
    // follows, once (at once for an attached server, which is left running).
    void stopServer();

    pid_t pid() const { return m_pid; }
    bool isSampling() const { return m_sampler && m_sampler->isRunning(); }
    const std::shared_ptr<SampleStore>& store() const { return m_store; }
    SamplerStats stats() const;
    qint64 sampleIntervalNs() const { return 1'000'000'000LL / m_config.samplingRateHz; }

Q_SIGNALS:
    void samplingStarted(qint64 pid);
    // The sampler's figures a few times a second, queued from its thread.
    void statsAvailable(const wpm::SamplerStats& stats);
    // Something the sampler can only partly do, said once (e.g. an unsupported Python: native frames only).
    void samplerWarning(const QString& message);
    void consoleLine(const QString& line, bool isError);
    void serverExited(const QString& description);
    void failed(const QString& message);
    void serverStopped();

private:
    void beginSampling(pid_t pid);
    void notifyStopped();

    MonitorConfig m_config;
    std::shared_ptr<SampleStore> m_store;
    Sampler* m_sampler = nullptr;
    LaunchedProcess* m_launched = nullptr;
    pid_t m_pid = 0;
    bool m_stopNotified = false;
    QStringList m_warned; // the sampler's warnings already said
};

} // namespace wpm
