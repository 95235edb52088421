#pragma once
// The alert window: an endpoint notifies at most once per alert_window_days. Pure rules; the history
// database supplies when the endpoint last notified, so the decision survives restarts.

#include "history/HistoryEntry.h"

#include <optional>

namespace wpm {

// Notify unless the endpoint last notified less than `windowDays` before `now`; 0 days: always notify.
DedupDecision decideAfter(const std::optional<QDateTime>& lastNotified, const QDateTime& now, int windowDays);

// Sets every entry's decision as if the entries (oldest first) had been reported one by one.
void replayDeduplication(QList<HistoryEntry>& oldestFirst, int windowDays);

} // namespace wpm
