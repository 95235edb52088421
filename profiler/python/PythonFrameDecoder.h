#pragma once
// Turns the frames a PythonStackReader walk collected (code object, instruction, owner) into what a sample shows:
// qualified names, files and lines, the hidden frames CPython itself skips left out, and how many frames each call
// of the evaluation loop runs.

#include "PythonCodeCache.h"
#include "PythonFrame.h"
#include "PythonLayout.h"

#include <QList>

namespace wpm {

struct RawPythonFrame {
    quint64 code = 0;
    qint64 instruction = 0; // a pointer (3.11+) or f_lasti (3.9, 3.10)
    int owner = 0;
    bool endsEvaluation = false; // the outermost frame one call of the evaluation loop runs, or a 3.12+ shim
};

class PythonFrameDecoder {
public:
    PythonFrameDecoder(const PythonLayout& layout, const PythonCodeCache& codes)
        : m_layout(layout)
        , m_codes(codes)
    {
    }

    // The frames and framesPerEvaluation of `stack` from a walk's frames, innermost first; code objects not in the
    // cache are left out.
    void decode(const QList<RawPythonFrame>& frames, PythonThreadStack& stack) const;

private:
    const PythonCodeInfo* visibleCode(const RawPythonFrame& frame) const;
    int lineOf(const RawPythonFrame& frame, const PythonCodeInfo& code) const;

    const PythonLayout& m_layout;
    const PythonCodeCache& m_codes;
};

} // namespace wpm
