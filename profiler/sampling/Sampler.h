#pragma once
// The sampler thread: at a jittered, adaptive rate it takes a wall-clock sample of every thread
// of the target and of its child processes — running, sleeping or waiting on I/O — and appends
// the unwound stacks to a SampleStore.

#include "SampleStore.h"
#include "SamplerStats.h"
#include "core/Result.h"

#include <QObject>

#include <atomic>
#include <memory>
#include <mutex>
#include <thread>

namespace wpm {

class Sampler : public QObject {
    Q_OBJECT
public:
    Sampler(std::shared_ptr<SampleStore> store, SamplerOptions options, QObject* parent = nullptr);
    ~Sampler() override; // stops sampling; the target is left running and untraced

    // Checks that the process can be sampled (a first capture of its main thread) and starts the
    // sampler thread. Errors (no such process, ptrace denied, ...) are returned before anything runs.
    Status start(pid_t pid);
    void stop();
    bool isRunning() const { return m_thread.joinable(); }

    SamplerStats stats() const;
    const std::shared_ptr<SampleStore>& store() const { return m_store; }

Q_SIGNALS:
    void statsAvailable(const wpm::SamplerStats& stats);
    void processExited(qint64 pid);
    void samplingFailed(const QString& message);

private:
    void run(pid_t pid);

    std::shared_ptr<SampleStore> m_store;
    SamplerOptions m_options;
    std::thread m_thread;
    std::atomic<bool> m_stopRequested { false };
    mutable std::mutex m_statsMutex;
    SamplerStats m_stats;
};

} // namespace wpm
