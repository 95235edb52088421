#include "history/Deduplication.h"

#include <QHash>

namespace wpm {

DedupDecision decideAfter(const std::optional<QDateTime>& lastNotified, const QDateTime& now, int windowDays)
{
    if (windowDays <= 0 || !lastNotified)
        return {};
    const QDateTime until = lastNotified->addDays(windowDays);
    if (now >= until)
        return {};
    return { DedupStatus::Suppressed, until.toUTC() };
}

void replayDeduplication(QList<HistoryEntry>& oldestFirst, int windowDays)
{
    QHash<QString, QDateTime> lastNotified; // endpoint -> time
    for (HistoryEntry& entry : oldestFirst) {
        const auto found = lastNotified.constFind(entry.endpoint);
        entry.dedup
            = decideAfter(found == lastNotified.cend() ? std::nullopt : std::optional(*found), entry.time, windowDays);
        if (entry.dedup.status == DedupStatus::Notify)
            lastNotified.insert(entry.endpoint, entry.time);
    }
}

} // namespace wpm
