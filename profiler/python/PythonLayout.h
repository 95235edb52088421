#pragma once
// Where CPython keeps what a stack reader needs, per version: offsets into _PyRuntimeState, the
// interpreter and thread states, frames, code objects and strings. Data, not code: one table per version.

#include "core/Result.h"

#include <QByteArrayView>

#include <optional>

namespace wpm {

struct PythonLayout {
    // How a frame tells where it is: a pointer into the bytecode (3.11+), or f_lasti counted in bytes (3.9)
    // or in 2-byte code units (3.10).
    enum class Instruction { Pointer, LastiBytes, LastiUnits };
    // co_linetable's location table (3.11+), 3.10's (address delta, line delta) pairs, 3.9's co_lnotab.
    enum class LineTable { Locations, AddressLinePairs, Lnotab };

    int major = 3;
    int minor = 0;
    // 3.9, 3.10: frames are PyFrameObjects on the heap (tstate->frame, f_back), checked against PyFrame_Type.
    bool frameObjects = false;
    Instruction instruction = Instruction::Pointer;
    LineTable lineTable = LineTable::Locations;

    // _PyRuntimeState
    quint64 runtimeInterpretersHead = 0;
    // PyInterpreterState
    quint64 interpreterNext = 0;
    quint64 interpreterThreadsHead = 0;
    // The GIL's `locked` (int) and `last_holder` (PyThreadState*): in _PyRuntime before 3.12, in each
    // interpreter from 3.12 on.
    bool gilInInterpreter = false;
    quint64 gilLocked = 0;
    quint64 gilHolder = 0;
    // PyThreadState
    quint64 threadNext = 0;
    quint64 threadNativeId = 0;
    // 3.9, 3.10 have no native id, only the pthread_t: the OS tid is read from glibc's struct pthread.
    std::optional<quint64> threadPthread;
    // 3.9, 3.10: PyThreadState.id, numbered from 1 per interpreter and never reused, unlike the state's address and
    // the pthread_t (glibc reuses the stacks of ended threads, their struct pthread included).
    std::optional<quint64> threadUniqueId;
    std::optional<quint64> threadDatastackChunk; // 3.11+; datastack_top follows it
    std::optional<quint64> threadCFrame; // 3.11, 3.12: tstate->cframe->current_frame
    quint64 cframeCurrentFrame = 0;
    std::optional<quint64> threadCurrentFrame; // 3.13: tstate->current_frame; 3.9, 3.10: tstate->frame
    quint64 threadStateSize = 0; // bytes read per thread state
    // _PyInterpreterFrame
    quint64 frameCode = 0; // f_code, f_executable in 3.13
    quint64 framePrevious = 0;
    quint64 frameInstruction = 0; // prev_instr (3.11, 3.12) or instr_ptr (3.13)
    bool instructionIsPrevious = true; // prev_instr: the last started instruction; instr_ptr: the current one
    std::optional<quint64> frameOwner; // 3.11+
    // 3.11: is_entry, set on the first frame a call of the evaluation loop runs (3.12+ mark that with a shim
    // frame owned by the C stack; before 3.11 each call runs one frame).
    std::optional<quint64> frameIsEntry;
    quint64 frameSize = 0;
    // PyCodeObject
    quint64 codeFilename = 0;
    quint64 codeName = 0;
    quint64 codeQualname = 0; // co_name before 3.11, which has no co_qualname
    quint64 codeFirstLineNo = 0;
    quint64 codeLineTable = 0; // co_lnotab in 3.9
    std::optional<quint64> codeFirstTraceable; // 3.11+
    quint64 codeBytecode = 0; // co_code_adaptive (3.11+)
    quint64 codeHeaderSize = 0; // bytes read per code object: covers every field above
    // Strings and bytes
    quint64 objectType = 8;
    quint64 unicodeLength = 16;
    quint64 unicodeState = 32;
    quint64 asciiObjectSize = 0; // data of a compact ASCII string
    quint64 compactObjectSize = 0; // data of a compact non-ASCII string
    quint64 bytesSize = 16;
    quint64 bytesData = 32;

    // _PyInterpreterFrame.owner values
    static constexpr int kOwnedByGenerator = 1;
    static constexpr int kOwnedByCStack = 3; // 3.12+: the shim frame of a C call into Python
};

// The built-in table for 3.minor (3.9 to 3.12), nullopt for the others (3.13 reads _Py_DebugOffsets).
std::optional<PythonLayout> pythonLayout(int major, int minor);

// Size of _Py_DebugOffsets in 3.13, which CPython places at the very start of _PyRuntime.
constexpr quint64 kPythonDebugOffsetsSize = 584;

// 3.13's layout from the _Py_DebugOffsets bytes read at &_PyRuntime (cookie "xdebugpy"), completed with
// the fields it lacks. An error for a wrong cookie or a free-threaded build.
Result<PythonLayout> pythonLayoutFromDebugOffsets(QByteArrayView debugOffsets);

} // namespace wpm
