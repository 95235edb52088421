#pragma once
// Writes the four files of one slow request's report (HTML, Markdown, speedscope JSON, folded stacks)
// into a report directory, each atomically (QSaveFile: a temporary file, then a rename).
//
// Layout of log_path (the directory passed to write()), flat so that a reindex only lists one folder:
//   <log_path>/<base>.html              the report; its embedded profile JSON ("meta") holds everything
//                                       the history index needs, so the index can be rebuilt from it
//   <log_path>/<base>.md                the Markdown report (also the notification text)
//   <log_path>/<base>.speedscope.json   for https://www.speedscope.app
//   <log_path>/<base>.folded            folded stacks (flamegraph.pl, difffolded.pl, readFolded)
// <base> is `yyyyMMdd-HHmmss-zzz_METHOD_slug_xxxxxx` (ReportFileName.h): UTC request time, so names sort
// by time; a sanitized path slug; six random hex digits so concurrent reports never collide.

#include "core/Result.h"
#include "profile/CallTree.h"
#include "report/ReportMetadata.h"

#include <QString>

namespace wpm {

struct ReportFiles {
    QString baseName; // shared by the four files
    QString html; // absolute paths
    QString markdown;
    QString speedscope;
    QString folded;
};

class ReportWriter {
public:
    // Creates `directory` if needed. Either all four files exist afterwards or none of them (a failure
    // removes those already written) and the Error says which file failed and why.
    static Result<ReportFiles> write(const CallTree& tree, const ReportMetadata& metadata, const QString& directory);
};

} // namespace wpm
