#pragma once
// Brendan Gregg's folded-stacks format (`outer;inner;leaf COUNT`, one line per distinct stack), the
// exchange format for fixtures, diffs and exports. Frame text: see FoldedFrame.h.

#include "core/Result.h"
#include "profile/CallTree.h"

#include <QString>
#include <QStringView>

namespace wpm {

// One line per node with self samples, sorted by code point (the order of `LC_ALL=C sort`), each
// line `\n`-terminated; an empty tree gives an empty string. Durations are not written, and samples
// on the root itself (empty stacks) cannot be written since the format has no empty stack.
// A `#` that would start a line (the comment marker) is written as `_`.
QString writeFolded(const CallTree& tree);

// Parses folded stacks, summing repeated stacks. Accepts LF or CRLF, blank lines, `#` comment
// lines, a UTF-8 byte-order mark and trailing whitespace; lines with a count of 0 add nothing.
// Each sample counts as `nsPerSample` nanoseconds. A line without a count, with a count that is
// not a non-negative integer, or with no frames is an Error naming the line number and quoting it.
Result<CallTree> readFolded(QStringView text, qint64 nsPerSample = 0);

} // namespace wpm
