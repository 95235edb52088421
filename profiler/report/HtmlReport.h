#pragma once
// The HTML report of one slow request: one self-contained file (inline CSS and JS, no network) with the
// summary, an interactive flame graph, top-down and bottom-up trees and a top-functions table.
// The page is the template and renderer in resources/report/ (compiled in as :/wpm/report/), with the
// profile embedded as JSON (ProfileJson.h) in <script type="application/json" id="wpm-profile">.

#include "core/Result.h"
#include "profile/CallTree.h"
#include "report/ReportMetadata.h"

#include <QString>

namespace wpm {

// An Error only when the compiled-in assets are missing or malformed (a build problem).
Result<QString> htmlReport(const CallTree& tree, const ReportMetadata& metadata);

} // namespace wpm
