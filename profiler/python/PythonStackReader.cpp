#include "PythonStackReader.h"

#include "ByteFields.h"

#include "PythonInterpreterLocator.h"

#include <QCoreApplication>
#include <QSet>

#include <cerrno>
#include <cstring>

namespace wpm {
namespace {

constexpr quint64 kMaxChunkBytes = 4 * 1024 * 1024;

} // namespace

Result<std::unique_ptr<PythonStackReader>> PythonStackReader::create(pid_t pid, ElfImageCache& images)
{
    Result<PythonInterpreter> interpreter = PythonInterpreterLocator::locate(pid, images);
    if (!interpreter)
        return interpreter.error();
    return std::make_unique<PythonStackReader>(pid, std::move(interpreter).value());
}

Result<std::unique_ptr<PythonStackReader>> PythonStackReader::create(pid_t pid, const ModuleMap& modules)
{
    Result<PythonInterpreter> interpreter = PythonInterpreterLocator::locate(pid, modules);
    if (!interpreter)
        return interpreter.error();
    return std::make_unique<PythonStackReader>(pid, std::move(interpreter).value());
}

PythonStackReader::PythonStackReader(pid_t pid, PythonInterpreter interpreter, Options options)
    : m_pid(pid)
    , m_interpreter(std::move(interpreter))
    , m_layout(m_interpreter.layout)
    , m_options(options)
    , m_memory(pid)
    , m_codes(m_interpreter, m_memory)
    , m_decoder(m_layout, m_codes)
    , m_threadList(m_interpreter, m_memory, options.maxThreads)
    , m_tids(pid)
    , m_pthreadTids(m_memory, m_tids)
    , m_threadFilter(m_layout)
{
}

Error PythonStackReader::processError() const
{
    if (m_memory.lastError() == EPERM)
        return { QCoreApplication::translate("wpm::PythonStackReader",
            "Cannot read the memory of process %1: reading it needs ptrace permission (set "
            "kernel.yama.ptrace_scope=0, or let the workbench launch the server).")
                     .arg(m_pid) };
    return { QCoreApplication::translate(
        "wpm::PythonStackReader", "Cannot read the Python stacks of process %1: it has exited (%2).")
                 .arg(m_pid)
                 .arg(QString::fromLocal8Bit(strerror(m_memory.lastError() ? m_memory.lastError() : ESRCH))) };
}

Result<PythonStacks> PythonStackReader::read(std::optional<pid_t> onlyThread)
{
    return readThreads(onlyThread, false);
}

Result<PythonStacks> PythonStackReader::readStopped(pid_t tid)
{
    return readThreads(tid, true);
}

// Thread ids are the process's own inside (its thread states hold them), and ours outside: they differ for a process
// in a PID namespace of its own (a container).
Result<PythonStacks> PythonStackReader::readThreads(std::optional<pid_t> ourThread, bool held)
{
    const std::optional<pid_t> onlyThread = ourThread ? std::optional(m_tids.innerOf(*ourThread)) : std::nullopt;
    const quint64 before = m_memory.syscalls();
    PythonStacks stacks;
    for (int attempt = 0;; ++attempt) {
        stacks.threads.clear();
        stacks.unresolvedThreads = 0;
        const Attempt result = readOnce(stacks, onlyThread, held);
        if (result == Attempt::Failed)
            return processError();
        if (result == Attempt::Done || attempt >= m_options.maxRetries)
            break;
        ++stacks.retries;
    }
    stacks.syscalls = m_memory.syscalls() - before;
    m_threadFilter.learn(stacks, onlyThread, m_threadList.generation());
    toOurThreadIds(stacks);
    return stacks;
}

void PythonStackReader::toOurThreadIds(PythonStacks& stacks)
{
    if (!m_tids.differ())
        return;
    QHash<pid_t, PythonThreadStack> threads;
    for (PythonThreadStack& stack : stacks.threads) {
        stack.tid = m_tids.outerOf(stack.tid);
        if (stack.tid == 0)
            ++stacks.unresolvedThreads; // gone meanwhile
        else
            threads.insert(stack.tid, std::move(stack));
    }
    stacks.threads = std::move(threads);
}

PythonStackReader::Attempt PythonStackReader::readOnce(PythonStacks& stacks, std::optional<pid_t> onlyThread, bool held)
{
    if (!m_threadList.refresh())
        return Attempt::Failed;
    if (m_threadList.generation() != m_walkedGeneration) {
        m_walkedGeneration = m_threadList.generation();
        forgetEndedThreads();
    }
    const quint64 gilHolder = m_threadList.gilHolder();
    QList<ThreadWalk> walks;
    walks.reserve(m_threadList.threads().size());
    for (const PythonThreadList::ThreadState& state : m_threadList.threads())
        if (!state.bytes.isEmpty() && m_threadFilter.wanted(state, onlyThread, m_threadList.generation())) {
            ThreadWalk walk;
            walk.state = &state;
            walks.append(std::move(walk));
        }
    resolveTids(walks);
    for (ThreadWalk& walk : walks)
        walk.held = held && onlyThread && walk.tid == *onlyThread;
    walkFrames(walks);

    // Code objects seen for the first time are read now (cached afterwards); known ones are checked below.
    QSet<quint64> loaded;
    for (const ThreadWalk& walk : std::as_const(walks))
        for (const RawPythonFrame& frame : walk.frames)
            if (frame.code != 0 && !m_codes.cached(frame.code) && m_codes.load(frame.code))
                loaded.insert(frame.code);

    const bool unmoved = validate(walks, loaded);
    for (const ThreadWalk& walk : std::as_const(walks))
        if (walk.tidAddress != 0)
            m_pthreadTids.learn(walk.pthreadKey, walk.tid);

    for (const ThreadWalk& walk : std::as_const(walks)) {
        // A state without a tid, or two states with one: on 3.9 and 3.10 a new thread's state holds none, or the
        // pthread_t of the thread starting it, until the new thread runs. Neither is kept (nor learnt from).
        if (const auto known = stacks.threads.find(walk.tid); walk.tid <= 0 || known != stacks.threads.end()) {
            if (walk.tid > 0)
                *known = { .tid = walk.tid, .consistent = false, .frames = {}, .framesPerEvaluation = {} };
            ++stacks.unresolvedThreads;
            continue;
        }
        PythonThreadStack stack;
        stack.tid = walk.tid;
        stack.threadState = walk.state->address;
        stack.holdsGil = gilHolder != 0 && gilHolder == walk.state->address;
        stack.consistent = !walk.moved;
        m_decoder.decode(walk.frames, stack);
        stacks.threads.insert(stack.tid, std::move(stack));
    }
    return unmoved ? Attempt::Done : Attempt::Moved;
}

// OS thread ids: the native id (3.11+), else the tid known for the pthread_t (3.9, 3.10) or where to read it with
// the validation.
void PythonStackReader::resolveTids(QList<ThreadWalk>& walks)
{
    if (m_layout.threadPthread) {
        QList<PthreadTids::ThreadKey> keys;
        for (ThreadWalk& walk : walks) {
            const QByteArray& bytes = walk.state->bytes;
            walk.pthreadKey = { walk.state->address, fieldAt<quint64>(bytes, m_layout.threadUniqueId.value_or(0)),
                fieldAt<quint64>(bytes, *m_layout.threadPthread) };
            keys.append(walk.pthreadKey);
        }
        const QList<PthreadTids::Lookup> found = m_pthreadTids.lookup(keys);
        for (qsizetype i = 0; i < walks.size(); ++i) {
            walks[i].tid = found[i].tid;
            walks[i].tidAddress = found[i].address;
        }
    } else {
        for (ThreadWalk& walk : walks)
            walk.tid = pid_t(fieldAt<quint64>(walk.state->bytes, m_layout.threadNativeId));
    }
}

void PythonStackReader::forgetEndedThreads()
{
    QSet<quint64> listed;
    for (const PythonThreadList::ThreadState& state : m_threadList.threads())
        listed.insert(state.address);
    m_outsideFrames.removeIf([&](const auto& entry) { return !listed.contains(entry.key()); });
    m_codesOfThread.removeIf([&](const auto& entry) { return !listed.contains(entry.key()); });
}

void PythonStackReader::walkFrames(QList<ThreadWalk>& walks)
{
    // Each thread's current frame (behind tstate->cframe before 3.13) and its data-stack chunk, in one call.
    QList<RemoteMemory::Request> requests;
    for (ThreadWalk& walk : walks) {
        const QByteArray& bytes = walk.state->bytes;
        if (m_layout.threadCFrame) {
            const quint64 cframe = fieldAt<quint64>(bytes, *m_layout.threadCFrame);
            if (cframe != 0) {
                walk.topSource = cframe + m_layout.cframeCurrentFrame;
                requests.append({ walk.topSource, &walk.topFrame, 8 });
            }
        } else {
            walk.topSource = walk.state->address + m_layout.threadCurrentFrame.value_or(0);
            walk.topFrame = fieldAt<quint64>(bytes, m_layout.threadCurrentFrame.value_or(0));
        }
        const quint64 chunk = fieldAt<quint64>(bytes, m_layout.threadDatastackChunk.value_or(0));
        const quint64 top = fieldAt<quint64>(bytes, m_layout.threadDatastackChunk.value_or(0) + 8);
        if (m_layout.threadDatastackChunk && chunk != 0 && top > chunk && top - chunk <= kMaxChunkBytes) {
            walk.chunkStart = chunk;
            walk.chunk.resize(qsizetype(top - chunk));
        }
    }
    const quint64 frameBytes = m_layout.frameSize;
    for (ThreadWalk& walk : walks) {
        if (!walk.chunk.isEmpty())
            requests.append({ walk.chunkStart, walk.chunk.data(), size_t(walk.chunk.size()) });
        // Frames outside the chunk (3.12+ entry frames on the C stack, generator frames) tend to stay where
        // they were at the last sample: fetching them now saves a round trip per level.
        for (quint64 address : m_outsideFrames.value(walk.state->address))
            walk.prefetched.insert(address, QByteArray(qsizetype(frameBytes), '\0'));
        for (auto it = walk.prefetched.begin(); it != walk.prefetched.end(); ++it)
            requests.append({ it.key(), it->data(), size_t(frameBytes) });
        // A held thread's frames need no second read: the headers of the code objects it ran last time, read now,
        // are what checks that the cached ones are still those (the validation then has nothing left to read).
        if (walk.held)
            for (quint64 code : m_codesOfThread.value(walk.state->address))
                if (m_codes.cached(code))
                    walk.codeHeaders.insert(code, QByteArray(qsizetype(m_codes.headerSize()), '\0'));
        for (auto it = walk.codeHeaders.begin(); it != walk.codeHeaders.end(); ++it)
            requests.append({ it.key(), it->data(), size_t(it->size()) });
    }
    m_memory.read(requests);
    for (const RemoteMemory::Request& request : std::as_const(requests)) {
        if (request.ok)
            continue;
        for (ThreadWalk& walk : walks) {
            if (request.destination == walk.chunk.data())
                walk.chunk.clear();
            else if (auto it = walk.prefetched.find(request.address);
                     it != walk.prefetched.end() && it->data() == request.destination)
                walk.prefetched.erase(it);
            else if (auto header = walk.codeHeaders.find(request.address);
                     header != walk.codeHeaders.end() && header->data() == request.destination)
                walk.codeHeaders.erase(header);
        }
    }

    // Follow `previous` from the top: frames inside the chunk are parsed locally; the others (generator
    // frames live in their generator objects) are read in one batched call per depth level.
    QList<quint64> cursors;
    for (const ThreadWalk& walk : std::as_const(walks))
        cursors.append(walk.topFrame);
    QList<QByteArray> remote(walks.size());
    const auto parse = [&](qsizetype i, QByteArrayView frame) {
        ThreadWalk& walk = walks[i];
        const quint64 previous = fieldAt<quint64>(frame, m_layout.framePrevious);
        if (m_layout.frameObjects && fieldAt<quint64>(frame, m_layout.objectType) != m_interpreter.frameTypeAddress) {
            cursors[i] = 0; // not a frame object (any more): a torn chain
            return;
        }
        const int owner = m_layout.frameOwner ? fieldAt<qint8>(frame, *m_layout.frameOwner) : 0;
        const qint64 instruction = m_layout.instruction == PythonLayout::Instruction::Pointer
            ? qint64(fieldAt<quint64>(frame, m_layout.frameInstruction))
            : fieldAt<qint32>(frame, m_layout.frameInstruction);
        if (cursors[i] == walk.topFrame)
            walk.topCode = fieldAt<quint64>(frame, m_layout.frameCode);
        // 3.12+: the entry shim of a C call into Python (its executable is not even a code object in 3.13);
        // CPython's own tracebacks skip it. It ends the frames the evaluation loop's call runs.
        if (m_layout.minor >= 12 && owner == PythonLayout::kOwnedByCStack) {
            walk.frames.append({ 0, 0, owner, true });
        } else {
            const bool entry = m_layout.frameObjects
                || (m_layout.frameIsEntry && fieldAt<qint8>(frame, *m_layout.frameIsEntry) != 0);
            walk.frames.append({ fieldAt<quint64>(frame, m_layout.frameCode), instruction, owner, entry });
        }
        ++walk.visited;
        cursors[i] = (previous == cursors[i] || walk.visited >= m_options.maxDepth) ? 0 : previous;
    };
    for (int round = 0; round <= m_options.maxDepth; ++round) {
        requests.clear();
        for (qsizetype i = 0; i < walks.size(); ++i) {
            ThreadWalk& walk = walks[i];
            for (bool local = true; cursors[i] != 0 && local;) {
                if (cursors[i] >= walk.chunkStart
                    && cursors[i] - walk.chunkStart + frameBytes <= quint64(walk.chunk.size())) {
                    walk.inChunk.append(cursors[i]);
                    parse(i, QByteArrayView(walk.chunk).sliced(qsizetype(cursors[i] - walk.chunkStart)));
                } else if (const auto found = walk.prefetched.constFind(cursors[i]); found != walk.prefetched.cend()) {
                    walk.outside.append({ cursors[i], *found });
                    parse(i, *found);
                } else {
                    local = false;
                }
            }
            if (cursors[i] != 0) {
                remote[i].resize(qsizetype(frameBytes));
                requests.append({ cursors[i], remote[i].data(), size_t(frameBytes) });
            }
        }
        if (requests.isEmpty())
            break;
        m_memory.read(requests);
        qsizetype next = 0;
        for (qsizetype i = 0; i < walks.size(); ++i) {
            if (cursors[i] == 0)
                continue;
            if (requests[next++].ok) {
                walks[i].outside.append({ cursors[i], remote[i] });
                parse(i, remote[i]);
            } else
                cursors[i] = 0; // a torn chain: keep what was read
        }
    }
    // Kept per thread state: a read of one thread leaves what the others' last reads found.
    for (const ThreadWalk& walk : std::as_const(walks)) {
        QList<quint64>& outside = m_outsideFrames[walk.state->address];
        outside.clear();
        for (const auto& [address, bytes] : walk.outside)
            outside.append(address);
        if (walk.held) {
            QList<quint64>& codes = m_codesOfThread[walk.state->address];
            codes.clear();
            for (const RawPythonFrame& frame : walk.frames)
                if (frame.code != 0 && !codes.contains(frame.code))
                    codes.append(frame.code);
        }
    }
}

} // namespace wpm
