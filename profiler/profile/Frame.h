#pragma once
// One stack frame as a sampler reports it: a native symbol or a Python function, with where it lives.

#include <QHashFunctions>
#include <QString>
#include <QtGlobal>

namespace wpm {

enum class FrameKind : quint8 { Native, Python };

struct Frame {
    QString function; // demangled symbol or Python qualname
    QString file; // source file, empty when unknown
    int line = 0; // 0 when unknown
    QString module; // shared object / executable for native frames, empty when unknown
    FrameKind kind = FrameKind::Native;

    friend bool operator==(const Frame&, const Frame&) = default;
};

size_t qHash(const Frame& frame, size_t seed = 0) noexcept;

// Total order used wherever frames must be listed deterministically (flame-graph siblings,
// folded output): function, then file, module, line, kind. Returns <0, 0 or >0.
int compareFrames(const Frame& a, const Frame& b);

} // namespace wpm
