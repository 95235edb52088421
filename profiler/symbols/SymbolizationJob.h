#pragma once
// Symbolizes many code addresses as one piece of long work: the answers land in the Symbolizer's cache (so
// building the call tree afterwards only reads it), progress is reported as it goes, and a cancellation
// flag set from another thread stops it between two frames.

#include "core/Result.h"

#include <QString>

#include <algorithm>
#include <atomic>
#include <functional>
#include <span>

namespace wpm {

class Symbolizer;

// A progress callback: (frames symbolized, frames in all).
using SymbolizationProgress = std::function<void(qsizetype done, qsizetype total)>;

// A progress that passes on what a person should see of the work starting now: nothing while it is shorter
// than `showAfterMs`, then at most one report every `intervalMs`, and its end once something was shown.
SymbolizationProgress throttledProgress(qint64 showAfterMs, qint64 intervalMs, SymbolizationProgress show);

struct CodeAddress {
    QString modulePath;
    quint64 fileOffset = 0;
};

class SymbolizationJob {
public:
    // Called every `progressEvery` frames and once at the end.
    using Progress = SymbolizationProgress;

    SymbolizationJob(Symbolizer& symbolizer, const std::atomic_bool& cancel)
        : m_symbolizer(symbolizer)
        , m_cancel(cancel)
    {
    }

    void setProgress(Progress progress, qsizetype every)
    {
        m_progress = std::move(progress);
        m_progressEvery = std::max<qsizetype>(1, every);
    }

    // Progress for a person watching in a window: nothing for the first 100 ms, then at most every 50 ms and
    // the end, looked at every 256 frames (the live flame graph and a slow request's report both show it).
    void setWatchedProgress(Progress show)
    {
        setProgress(throttledProgress(kShowAfterMs, kShowEveryMs, std::move(show)), kFramesPerCheck);
    }

    // The number of frames symbolized: all of them, or an Error once `cancel` was seen (the answers found
    // until then stay cached, so the same job run again goes on from there).
    Result<qsizetype> run(std::span<const CodeAddress> addresses);

private:
    static constexpr qint64 kShowAfterMs = 100;
    static constexpr qint64 kShowEveryMs = 50;
    static constexpr qsizetype kFramesPerCheck = 256;

    Symbolizer& m_symbolizer;
    const std::atomic_bool& m_cancel;
    Progress m_progress;
    qsizetype m_progressEvery = 256;
};

} // namespace wpm
