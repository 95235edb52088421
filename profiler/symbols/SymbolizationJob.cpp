#include "symbols/SymbolizationJob.h"

#include "symbols/Symbolizer.h"

#include <QCoreApplication>
#include <QElapsedTimer>

namespace wpm {

Result<qsizetype> SymbolizationJob::run(std::span<const CodeAddress> addresses)
{
    const auto total = qsizetype(addresses.size());
    for (qsizetype done = 0; done < total; ++done) {
        if (m_progress && done > 0 && done % m_progressEvery == 0)
            m_progress(done, total);
        if (m_cancel.load(std::memory_order_relaxed)) {
            return Error { QCoreApplication::translate("wpm::SymbolizationJob",
                "Symbolization was cancelled after %1 of %2 frames; start it again to go on from there.")
                               .arg(done)
                               .arg(total) };
        }
        const CodeAddress& address = addresses[size_t(done)];
        (void)m_symbolizer.symbolize(address.modulePath, address.fileOffset);
    }
    if (m_progress)
        m_progress(total, total);
    return total;
}

SymbolizationProgress throttledProgress(qint64 showAfterMs, qint64 intervalMs, SymbolizationProgress show)
{
    QElapsedTimer started;
    started.start();
    return [=, shownAtMs = qint64(-1)](qsizetype done, qsizetype total) mutable {
        const qint64 now = started.elapsed();
        const bool over = done == total;
        if ((over && shownAtMs >= 0)
            || (!over && now >= showAfterMs && (shownAtMs < 0 || now - shownAtMs >= intervalMs))) {
            shownAtMs = now;
            show(done, total);
        }
    };
}

} // namespace wpm
