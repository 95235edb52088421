#pragma once
// Reads the Python stacks of all threads of one CPython process (3.9 to 3.13) from outside without stopping it:
// a few batched process_vm_readv calls per sample, racy reads validated by reading again what the walk used.
// Exact when the threads are stopped (ptrace). Thread-compatible: one instance per sampling thread.

#include "PthreadTids.h"
#include "PythonCodeCache.h"
#include "PythonFrame.h"
#include "PythonFrameDecoder.h"
#include "PythonInterpreter.h"
#include "PythonThreadFilter.h"
#include "PythonThreadList.h"
#include "RemoteMemory.h"
#include "core/Result.h"
#include "sampling/ModuleMap.h"

#include <QHash>
#include <QSet>

#include <memory>

namespace wpm {

class PythonStackReader {
public:
    struct Options {
        int maxDepth = 512; // frames per thread; deeper stacks are cut (innermost kept)
        int maxRetries = 2; // whole re-reads when a top frame moved during the read
        int maxThreads = 4096;
    };

    // Locates the interpreter in pid (see PythonInterpreterLocator); an error for a process without a
    // supported CPython.
    static Result<std::unique_ptr<PythonStackReader>> create(pid_t pid, ElfImageCache& images);
    // The same with the module map a native sampler already holds.
    static Result<std::unique_ptr<PythonStackReader>> create(pid_t pid, const ModuleMap& modules);
    PythonStackReader(pid_t pid, PythonInterpreter interpreter, Options options);
    PythonStackReader(pid_t pid, PythonInterpreter interpreter)
        : PythonStackReader(pid, std::move(interpreter), {})
    {
    }
    PythonStackReader(const PythonStackReader&) = delete;
    PythonStackReader& operator=(const PythonStackReader&) = delete;

    // The Python stacks of all threads now. An error when the process is gone or unreadable.
    // With `onlyThread`, walks that thread alone: a sampler reads each thread while it holds it stopped, which
    // makes the read exact. The result then lacks the thread when it runs no Python code (on 3.9 and 3.10
    // also while it was never seen in a read of all threads: their tids are only learnt by reading them).
    Result<PythonStacks> read(std::optional<pid_t> onlyThread = std::nullopt);
    // The Python stack of `tid` while the caller holds that thread stopped (ptrace), as a sampler does for mixed
    // stacks: its frames cannot change, so they are read once instead of twice, and the headers of the code objects
    // it ran at its last read are checked in the same call. Other threads a read walks (3.9, 3.10 while the tid is
    // not known yet) are validated as by read().
    Result<PythonStacks> readStopped(pid_t tid);

    const PythonInterpreter& interpreter() const { return m_interpreter; }
    quint64 totalSyscalls() const { return m_memory.syscalls(); }
    quint64 totalRanges() const { return m_memory.ranges(); }
    quint64 totalBytes() const { return m_memory.bytes(); }
    qsizetype cachedCodeObjects() const { return m_codes.size(); }

private:
    struct ThreadWalk {
        const PythonThreadList::ThreadState* state = nullptr;
        quint64 topSource = 0; // where the current-frame pointer lives (tstate or its _PyCFrame)
        quint64 topFrame = 0;
        quint64 chunkStart = 0;
        QByteArray chunk; // the thread's data stack [chunk, datastack_top), where its frames live
        QHash<quint64, QByteArray> prefetched; // frames outside the chunk at the last sample, read again
        QList<std::pair<quint64, QByteArray>> outside; // frames outside the chunk this time, as read
        QList<quint64> inChunk; // frames parsed from the chunk, checked against a second copy
        quint64 topCode = 0;
        int visited = 0; // frames followed, skipped ones included: bounds the walk even on a torn cycle
        bool moved = false;
        bool held = false; // the caller holds this thread stopped: read once, not validated
        QHash<quint64, QByteArray> codeHeaders; // held: code object headers read with the frames
        PthreadTids::ThreadKey pthreadKey; // 3.9, 3.10
        quint64 tidAddress
            = 0; // 3.9, 3.10: where struct pthread keeps the tid when not known, read with the validation
        pid_t tid = 0;
        QList<RawPythonFrame> frames;
    };

    enum class Attempt { Done, Moved, Failed };
    Result<PythonStacks> readThreads(std::optional<pid_t> onlyThread, bool held);
    void toOurThreadIds(PythonStacks& stacks);
    Attempt readOnce(PythonStacks& stacks, std::optional<pid_t> onlyThread, bool held);
    void resolveTids(QList<ThreadWalk>& walks);
    void walkFrames(QList<ThreadWalk>& walks);
    bool validate(QList<ThreadWalk>& walks, const QSet<quint64>& loaded);
    void reloadCode(quint64 address);
    void forgetEndedThreads();
    bool sameFrames(const ThreadWalk& walk, QByteArrayView chunkAgain, const QList<QByteArray>& outsideAgain) const;
    bool sameFrame(QByteArrayView before, QByteArrayView after, bool top) const;
    Error processError() const;

    pid_t m_pid;
    PythonInterpreter m_interpreter;
    const PythonLayout& m_layout;
    Options m_options;
    RemoteMemory m_memory;
    PythonCodeCache m_codes;
    PythonFrameDecoder m_decoder;
    PythonThreadList m_threadList;
    QHash<quint64, QList<quint64>> m_outsideFrames; // per thread state: frames found outside its chunk
    QHash<quint64, QList<quint64>> m_codesOfThread; // per thread state: code objects of its last held read
    quint64 m_walkedGeneration = 0; // of the thread list the two above were last pruned for
    NamespaceTids m_tids; // thread ids in the process's own PID namespace, which its thread states hold
    PthreadTids m_pthreadTids; // 3.9, 3.10
    PythonThreadFilter m_threadFilter;
};

} // namespace wpm
