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

struct CodeAddress {
    QString modulePath;
    quint64 fileOffset = 0;
};

class SymbolizationJob {
public:
    // (frames symbolized, frames in all); called every `progressEvery` frames and once at the end.
    using Progress = std::function<void(qsizetype done, qsizetype total)>;

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

    // The number of frames symbolized: all of them, or an Error once `cancel` was seen (the answers found
    // until then stay cached, so the same job run again goes on from there).
    Result<qsizetype> run(std::span<const CodeAddress> addresses);

private:
    Symbolizer& m_symbolizer;
    const std::atomic_bool& m_cancel;
    Progress m_progress;
    qsizetype m_progressEvery = 256;
};

// A Progress that passes on what a person should see of the work starting now: nothing while it is shorter
// than `showAfterMs`, then at most one report every `intervalMs`, and its end once something was shown.
SymbolizationJob::Progress throttledProgress(qint64 showAfterMs, qint64 intervalMs, SymbolizationJob::Progress show);

} // namespace wpm
