#pragma once
// A test's recording: the Sampler run on a target for a while, its store and its last statistics.

#include "sampling/Sampler.h"

#include <QTest>

namespace wpm::test {

struct Recording {
    std::shared_ptr<SampleStore> store = std::make_shared<SampleStore>();
    SamplerStats stats;
};

// A start failure is printed; the recording is then empty, which the caller's checks catch.
inline Recording record(pid_t pid, const SamplerOptions& options, int milliseconds)
{
    Recording recording;
    Sampler sampler(recording.store, options);
    const Status started = sampler.start(pid);
    if (!started)
        qWarning() << started.error().message;
    QTest::qWait(milliseconds);
    sampler.stop();
    recording.stats = sampler.stats();
    return recording;
}

} // namespace wpm::test
