#include "history/HistoryRetention.h"

#include <algorithm>

namespace wpm {

QStringList reportsToRemove(const QList<HistoryEntry>& oldestFirst, const RetentionPolicy& policy, const QDateTime& now)
{
    const qsizetype count = oldestFirst.size();
    qsizetype firstKept = 0;
    if (policy.maxAgeDays > 0) {
        const QDateTime oldestAllowed = now.addDays(-policy.maxAgeDays);
        while (firstKept < count && oldestFirst.at(firstKept).time < oldestAllowed)
            ++firstKept;
    }
    if (policy.maxReports > 0)
        firstKept = std::max(firstKept, count - policy.maxReports);
    if (policy.maxMegabytes > 0) {
        const qint64 maxBytes = qint64(policy.maxMegabytes) * 1024 * 1024;
        qint64 keptBytes = 0;
        qsizetype index = count;
        while (index > firstKept && keptBytes + oldestFirst.at(index - 1).bytes <= maxBytes)
            keptBytes += oldestFirst.at(--index).bytes;
        firstKept = index;
    }
    firstKept = std::min(firstKept, count - 1);
    QStringList ids;
    for (qsizetype i = 0; i < firstKept; ++i)
        ids.append(oldestFirst.at(i).id);
    return ids;
}

} // namespace wpm
