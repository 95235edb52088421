#include "PythonLayout.h"

#include <QCoreApplication>

#include <algorithm>
#include <cstring>

namespace wpm {
namespace {

// Offsets from CPython 3.11's Include/internal/pycore_{runtime,interp,frame}.h and
// cpython/{pystate,code,unicodeobject}.h.
PythonLayout layout311()
{
    PythonLayout l;
    l.minor = 11;
    l.runtimeInterpretersHead = 0x28;
    l.interpreterNext = 0x0;
    l.interpreterThreadsHead = 0x10;
    l.gilInInterpreter = false; // _PyRuntime.ceval.gil
    l.gilHolder = 0x170;
    l.gilLocked = 0x178;
    l.threadNext = 0x8;
    l.threadNativeId = 0xa0;
    l.threadDatastackChunk = 0x128;
    l.threadCFrame = 0x38;
    l.cframeCurrentFrame = 0x8;
    l.threadStateSize = 0x168;
    l.frameCode = 0x20;
    l.framePrevious = 0x30;
    l.frameInstruction = 0x38;
    l.frameIsEntry = 0x44;
    l.frameOwner = 0x45;
    l.frameSize = 0x50;
    l.codeFirstLineNo = 0x48;
    l.codeFilename = 0x70;
    l.codeName = 0x78;
    l.codeQualname = 0x80;
    l.codeLineTable = 0x88;
    l.codeFirstTraceable = 0xa8;
    l.codeBytecode = 0xb8;
    l.codeHeaderSize = 0xb8;
    l.asciiObjectSize = 0x30; // PyASCIIObject still has wstr
    l.compactObjectSize = 0x48;
    return l;
}

PythonLayout layout312()
{
    PythonLayout l;
    l.minor = 12;
    l.runtimeInterpretersHead = 0x28;
    l.interpreterNext = 0x0;
    l.interpreterThreadsHead = 0x48;
    l.gilInInterpreter = true; // interp->_gil (per-interpreter GIL)
    l.gilHolder = 0x410 + 0x8;
    l.gilLocked = 0x410 + 0x10;
    l.threadNext = 0x8;
    l.threadNativeId = 0x90;
    l.threadDatastackChunk = 0xe8;
    l.threadCFrame = 0x38;
    l.cframeCurrentFrame = 0x0;
    l.threadStateSize = 0x120;
    l.frameCode = 0x0;
    l.framePrevious = 0x8;
    l.frameInstruction = 0x38;
    l.frameOwner = 0x46;
    l.frameSize = 0x50;
    l.codeFirstLineNo = 0x44;
    l.codeFilename = 0x70;
    l.codeName = 0x78;
    l.codeQualname = 0x80;
    l.codeLineTable = 0x88;
    l.codeFirstTraceable = 0xb0;
    l.codeBytecode = 0xc0;
    l.codeHeaderSize = 0xc0;
    l.asciiObjectSize = 0x28;
    l.compactObjectSize = 0x38;
    return l;
}

// 3.9 and 3.10 differ only in f_lasti (bytes, then code units) and the line table format.
PythonLayout layout39or310(int minor)
{
    PythonLayout l;
    l.minor = minor;
    l.frameObjects = true;
    l.instruction = minor == 9 ? PythonLayout::Instruction::LastiBytes : PythonLayout::Instruction::LastiUnits;
    l.lineTable = minor == 9 ? PythonLayout::LineTable::Lnotab : PythonLayout::LineTable::AddressLinePairs;
    l.runtimeInterpretersHead = 0x20;
    l.interpreterNext = 0x0;
    l.interpreterThreadsHead = 0x8; // tstate_head
    l.gilInInterpreter = false;
    l.gilHolder = 0x168;
    l.gilLocked = 0x170;
    l.threadNext = 0x8;
    l.threadCurrentFrame = 0x18; // tstate->frame
    l.threadPthread = 0xb0; // thread_id
    l.threadUniqueId = 0x100; // id
    l.threadStateSize = minor == 9 ? 0x108 : 0x118;
    l.framePrevious = 0x18; // f_back
    l.frameCode = 0x20;
    l.frameInstruction = minor == 9 ? 0x68 : 0x60; // int f_lasti
    l.frameSize = 0x70;
    l.codeFirstLineNo = 0x28;
    l.codeFilename = 0x68;
    l.codeName = 0x70;
    l.codeQualname = 0x70;
    l.codeLineTable = 0x78;
    l.codeHeaderSize = 0x80;
    l.asciiObjectSize = 0x30;
    l.compactObjectSize = 0x48;
    return l;
}

QString debugOffsetsError(const char* reason)
{
    return QCoreApplication::translate("wpm::PythonLayout",
        "Cannot read the Python 3.13+ debug offsets: %1. Python frames are not sampled; native sampling continues.")
        .arg(QCoreApplication::translate("wpm::PythonLayout", reason));
}

} // namespace

std::optional<PythonLayout> pythonLayout(int major, int minor)
{
    if (major != 3)
        return std::nullopt;
    switch (minor) {
    case 9:
    case 10:
        return layout39or310(minor);
    case 11:
        return layout311();
    case 12:
        return layout312();
    default:
        return std::nullopt;
    }
}

Result<PythonLayout> pythonLayoutFromDebugOffsets(QByteArrayView debugOffsets)
{
    if (quint64(debugOffsets.size()) < kPythonDebugOffsetsSize)
        return Error { debugOffsetsError(QT_TRANSLATE_NOOP("wpm::PythonLayout", "the block is truncated")) };
    if (std::memcmp(debugOffsets.data(), "xdebugpy", 8) != 0)
        return Error { debugOffsetsError(
            QT_TRANSLATE_NOOP("wpm::PythonLayout", "the cookie \"xdebugpy\" is missing")) };
    // _Py_DebugOffsets is a flat sequence of uint64_t after the 8-byte cookie (3.13's pycore_runtime.h).
    const auto at = [&](quint64 byteOffset) {
        quint64 value = 0;
        std::memcpy(&value, debugOffsets.data() + byteOffset, sizeof value);
        return value;
    };
    const quint64 version = at(8);
    if (at(16) != 0)
        return Error { debugOffsetsError(
            QT_TRANSLATE_NOOP("wpm::PythonLayout", "free-threaded builds are not supported")) };

    PythonLayout l;
    l.major = int((version >> 24) & 0xff);
    l.minor = int((version >> 16) & 0xff);
    l.runtimeInterpretersHead = at(40);
    l.interpreterNext = at(64);
    l.interpreterThreadsHead = at(72);
    l.gilInInterpreter = true;
    l.gilLocked = at(136);
    l.gilHolder = at(144);
    l.threadStateSize = at(152);
    l.threadNext = at(168);
    l.threadCurrentFrame = at(184);
    l.threadNativeId = at(200);
    l.threadDatastackChunk = at(208);
    l.frameSize = at(224);
    l.framePrevious = at(232);
    l.frameCode = at(240);
    l.frameInstruction = at(248);
    l.instructionIsPrevious = false;
    l.frameOwner = at(264);
    l.codeFilename = at(280);
    l.codeName = at(288);
    l.codeQualname = at(296);
    l.codeLineTable = at(304);
    l.codeFirstLineNo = at(312);
    l.codeBytecode = at(344);
    // Not in the debug offsets: in 3.13's code.h the int _co_firsttraceable (padded to 8 bytes) and the
    // co_extra pointer come right before co_code_adaptive.
    l.codeFirstTraceable = l.codeBytecode - 0x10;
    l.codeHeaderSize = l.codeBytecode;
    l.objectType = at(360);
    l.bytesSize = at(520);
    l.bytesData = at(528);
    l.unicodeState = at(544);
    l.unicodeLength = at(552);
    l.asciiObjectSize = at(560);
    l.compactObjectSize = l.asciiObjectSize + 16; // + utf8_length + utf8
    const quint64 largest = std::max({ l.threadStateSize, l.frameSize, l.codeBytecode, l.asciiObjectSize });
    if (l.major != 3 || l.minor < 13 || largest > 0x10000 || l.threadNext >= l.threadStateSize)
        return Error { debugOffsetsError(QT_TRANSLATE_NOOP("wpm::PythonLayout", "the offsets are implausible")) };
    return l;
}

} // namespace wpm
