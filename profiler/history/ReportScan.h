#pragma once
// Reads back what the history needs from the report files alone: the metadata embedded in each HTML
// report's profile JSON ("meta", ProfileJson.h) and the sizes of its four files. Used by reindex.

#include "core/Result.h"
#include "history/HistoryEntry.h"
#include "report/ReportMetadata.h"

#include <QDir>

namespace wpm {

// Base names of the complete reports in `directory` (an HTML file is written last), oldest first.
QStringList reportBaseNames(const QDir& directory);

// The row of the report `baseName` in `directory`, without its de-duplication status (replayed by
// the caller). An Error says which file is unreadable or lacks the embedded metadata.
Result<HistoryEntry> scanReport(const QDir& directory, const QString& baseName);

// The row for a report just written: the metadata it was written from and the sizes of its files.
HistoryEntry entryFor(const QDir& directory, const QString& baseName, const ReportMetadata& metadata);

} // namespace wpm
