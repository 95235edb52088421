#pragma once
// The native frames of stored samples as code addresses to symbolize, each once: what the slow request's
// report and the live flame graph hand to a SymbolizationJob.

#include "SampleStore.h"
#include "symbols/SymbolizationJob.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QStringList>

namespace wpm {

// Module index -> file offsets already handed out.
using KnownCodeOffsets = QHash<quint32, QSet<quint64>>;

struct NewCodeAddresses {
    QList<CodeAddress> addresses; // to symbolize
    QList<FrameAddress> frames; // the same, as the store names them
};

// The frames of `samples` with a module (frames without one have nothing to look up) that are not in
// `known` yet, in order of first appearance; they are added to `known`.
NewCodeAddresses newCodeAddresses(const QList<StoredSample>& samples, const QStringList& modules, KnownCodeOffsets& known);

} // namespace wpm
