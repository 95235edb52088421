#pragma once
// The Markdown report of one slow request, written to be read in a Mattermost post: a summary table,
// the hottest path, an indented call tree pruned to what matters, and the top functions.

#include "profile/CallTree.h"
#include "report/ReportMetadata.h"

#include <QString>

namespace wpm {

// Defaults keep a report of a large profile well under Mattermost's default post size (16383 characters).
struct MarkdownLimits {
    double minFraction = 0.01; // call-tree nodes below this share of all samples are left out
    int maxDepth = 30; // call-tree levels below the root
    int maxTreeLines = 60;
    int maxHotPath = 25;
    int topFunctions = 10;
    // Characters per section, whatever the names' lengths: with the summary (bounded too) the whole
    // report stays under 16383 characters.
    qsizetype maxHotPathChars = 3500;
    qsizetype maxTreeChars = 6000;
    qsizetype maxTopFunctionsChars = 3500;
};

// Text from the request and the target is escaped (markdownEscaped) in tables and lists; the call
// tree is a fenced code block (shown literally) whose fence is longer than any backtick run inside.
QString markdownReport(const CallTree& tree, const ReportMetadata& metadata, const MarkdownLimits& limits = {});

} // namespace wpm
