#pragma once
// Decodes a code object's line table to the source line of one instruction: the 3.11+ location table
// (co_linetable, see CPython's Objects/locations.md), 3.10's co_linetable and 3.9's co_lnotab.

#include <QByteArrayView>

namespace wpm {

// The line of the instruction at `codeUnit` (index in 2-byte code units from the start of the
// bytecode). A negative index (a frame that has not started) gives firstLine; an instruction without
// a location, or past the table, gives 0.
int pythonLineForInstruction(QByteArrayView lineTable, int firstLine, int codeUnit);

// 3.10: pairs (unsigned address delta in bytes, signed line delta; -128: no line). `byteOffset` is f_lasti * 2.
int pythonLineFromAddressPairs(QByteArrayView lineTable, int firstLine, int byteOffset);

// 3.9: co_lnotab pairs (unsigned address increment, signed line increment). `byteOffset` is f_lasti.
int pythonLineFromLnotab(QByteArrayView lnotab, int firstLine, int byteOffset);

} // namespace wpm
