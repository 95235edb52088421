#include "PythonFrameDecoder.h"

#include "PythonLineTable.h"

namespace wpm {

void PythonFrameDecoder::decode(const QList<RawPythonFrame>& frames, PythonThreadStack& stack) const
{
    int run = 0; // visible frames of the current evaluation call
    for (const RawPythonFrame& frame : frames) {
        if (const PythonCodeInfo* code = visibleCode(frame)) {
            stack.frames.append({ code->qualifiedName, code->file, lineOf(frame, *code) });
            ++run;
        }
        if (frame.endsEvaluation) {
            stack.framesPerEvaluation.append(run);
            run = 0;
        }
    }
    if (run > 0)
        stack.framesPerEvaluation.append(run); // the walk stopped short of the outermost call's end
}

const PythonCodeInfo* PythonFrameDecoder::visibleCode(const RawPythonFrame& frame) const
{
    const PythonCodeInfo* code = frame.code != 0 ? m_codes.cached(frame.code) : nullptr;
    if (!code)
        return nullptr; // not a code object (torn read, a non-code executable, a shim)
    if (m_layout.instruction == PythonLayout::Instruction::Pointer) {
        // A frame whose set-up instructions (RESUME, cell copies) have not run is incomplete: CPython hides it.
        const qint64 codeUnit = (frame.instruction - qint64(frame.code + m_layout.codeBytecode)) / 2;
        if (frame.owner != PythonLayout::kOwnedByGenerator && codeUnit < code->firstTraceable)
            return nullptr;
    }
    return code;
}

int PythonFrameDecoder::lineOf(const RawPythonFrame& frame, const PythonCodeInfo& code) const
{
    constexpr qint64 kLargest = qint64(1) << 24; // past any real code object: a torn read
    switch (m_layout.lineTable) {
    case PythonLayout::LineTable::Locations: {
        const qint64 codeUnit = (frame.instruction - qint64(frame.code + m_layout.codeBytecode)) / 2;
        return codeUnit > kLargest ? 0 : pythonLineForInstruction(code.lineTable, code.firstLine, int(codeUnit));
    }
    case PythonLayout::LineTable::AddressLinePairs: // f_lasti counts code units
        return frame.instruction > kLargest
            ? 0
            : pythonLineFromAddressPairs(code.lineTable, code.firstLine, int(frame.instruction) * 2);
    case PythonLayout::LineTable::Lnotab: // f_lasti counts bytes
        return frame.instruction > kLargest
            ? 0
            : pythonLineFromLnotab(code.lineTable, code.firstLine, int(frame.instruction));
    }
    return 0;
}

} // namespace wpm
