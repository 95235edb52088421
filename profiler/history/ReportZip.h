#pragma once
// One report as a zip to hand to a colleague: its HTML, Markdown, speedscope JSON and folded files,
// entries named as on disk (`<base>.html`, ...). Written through KArchive where CMake found it,
// libarchive otherwise, and saved atomically (a temporary file, then a rename).

#include "core/Result.h"

#include <QDir>
#include <QString>

namespace wpm {

// Zips the files of report `baseName` found in `directory` into `zipPath`. Fails, naming the file, when
// one of the four is missing or unreadable or `zipPath` cannot be written; nothing is left behind then.
Status writeReportZip(const QDir& directory, const QString& baseName, const QString& zipPath);

// "KArchive" or "libarchive": the backend this build uses.
QString zipBackendName();

} // namespace wpm
