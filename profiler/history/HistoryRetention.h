#pragma once
// Which reports a retention policy removes: the oldest first, until every limit holds.

#include "history/HistoryEntry.h"

namespace wpm {

// Ids of the reports to remove from `oldestFirst`: those older than maxAgeDays before `now`, then the
// oldest while there are more than maxReports or their files take more than maxMegabytes. The newest
// report is always kept, so the one just written survives even when it alone exceeds the size limit.
QStringList reportsToRemove(
    const QList<HistoryEntry>& oldestFirst, const RetentionPolicy& policy, const QDateTime& now);

} // namespace wpm
