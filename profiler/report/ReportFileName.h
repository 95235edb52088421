#pragma once
// File names for a report's files, derived from the request without letting it choose a path:
// `<yyyyMMdd-HHmmss-zzz UTC>_<METHOD>_<slug>_<suffix>`, only [A-Za-z0-9_-], at most ~110 characters.

#include "report/ReportMetadata.h"

#include <QString>

namespace wpm {

inline constexpr qsizetype kMaxSlugLength = 60;

// The URL's path (query and fragment dropped) with every run of characters outside [A-Za-z0-9-]
// replaced by one `_`, leading and trailing `_`/`-` trimmed, cut at kMaxSlugLength; "root" when empty.
// `../../etc/passwd` -> `etc_passwd`; no dot survives, so the result is never `.`, `..` or hidden.
QString reportSlug(const QString& url);

// Upper-case ASCII letters of the method, at most 10; "REQUEST" when none.
QString reportMethodPart(const QString& method);

// The base name without extension; `suffix` must already be [a-z0-9] (the writer makes it random).
QString reportBaseName(const ReportMetadata& metadata, const QString& suffix);

} // namespace wpm
