#pragma once
// Per-function totals of a call tree (a function is its name and file; lines are merged), for the
// reports' "top functions" tables. Recursion is counted once: a node's total is added only when no
// caller on its path is the same function, so total <= the tree's total.

#include "profile/CallTree.h"

#include <QList>
#include <QString>

namespace wpm {

struct FunctionStat {
    QString function;
    QString file;
    FrameKind kind = FrameKind::Native;
    quint64 selfSamples = 0;
    quint64 totalSamples = 0;
};

// Sorted by self samples, then total samples (both descending), then name; at most `limit` entries.
QList<FunctionStat> topFunctions(const CallTree& tree, qsizetype limit);

} // namespace wpm
