#include "PythonStackReader.h"

#include "ByteFields.h"

#include "PythonInterpreterLocator.h"

#include <QCoreApplication>

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
    , m_pthreadTids(m_memory)
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
    const quint64 before = m_memory.syscalls();
    PythonStacks stacks;
    for (int attempt = 0;; ++attempt) {
        stacks.threads.clear();
        stacks.unresolvedThreads = 0;
        const Attempt result = readOnce(stacks, onlyThread);
        if (result == Attempt::Failed)
            return processError();
        if (result == Attempt::Done || attempt >= m_options.maxRetries)
            break;
        ++stacks.retries;
    }
    stacks.syscalls = m_memory.syscalls() - before;
    m_threadFilter.learn(stacks, onlyThread, m_threadList.generation());
    return stacks;
}

PythonStackReader::Attempt PythonStackReader::readOnce(PythonStacks& stacks, std::optional<pid_t> onlyThread)
{
    if (!m_threadList.refresh())
        return Attempt::Failed;
    const quint64 gilHolder = m_threadList.gilHolder();
    QList<ThreadWalk> walks;
    walks.reserve(m_threadList.threads().size());
    for (const PythonThreadList::ThreadState& state : m_threadList.threads())
        if (!state.bytes.isEmpty() && m_threadFilter.wanted(state, onlyThread, m_threadList.generation())) {
            ThreadWalk walk;
            walk.state = &state;
            walks.append(std::move(walk));
        }
    walkFrames(walks);

    // Code objects seen for the first time are read now (cached afterwards); known ones are checked below.
    for (const ThreadWalk& walk : std::as_const(walks))
        for (const RawPythonFrame& frame : walk.frames)
            if (frame.code != 0 && !m_codes.cached(frame.code))
                m_codes.load(frame.code);

    // OS thread ids: the native id (3.11+), else read from the pthread_t (3.9, 3.10) with the validation.
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
    const bool unmoved = validate(walks);
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
    m_outsideFrames.clear();
    for (const ThreadWalk& walk : std::as_const(walks))
        for (const auto& [address, bytes] : walk.outside)
            m_outsideFrames[walk.state->address].append(address);
}

// Reads again, in one call, each thread's current-frame pointer, its top frame's code, its data-stack chunk
// and the headers of the cached code objects used; reloads code objects whose memory was reused. A thread
// moved when any of what its walk used changed: the two copies then straddle a call or a return.
bool PythonStackReader::validate(QList<ThreadWalk>& walks)
{
    QList<RemoteMemory::Request> requests;
    QList<quint64> tops(walks.size() * 2);
    QList<QByteArray> chunks(walks.size());
    QList<QList<QByteArray>> outside(walks.size());
    QList<qsizetype> firstRequest(walks.size(), -1);
    for (qsizetype i = 0; i < walks.size(); ++i) {
        ThreadWalk& walk = walks[i];
        if (walk.topSource == 0 || walk.topFrame == 0)
            continue;
        firstRequest[i] = requests.size();
        requests.append({ walk.topSource, &tops[2 * i], 8 });
        requests.append({ walk.topFrame + m_layout.frameCode, &tops[2 * i + 1], 8 });
        chunks[i].resize(walk.inChunk.isEmpty() ? 0 : walk.chunk.size());
        requests.append({ walk.chunkStart, chunks[i].data(), size_t(chunks[i].size()) });
        for (const auto& [address, bytes] : walk.outside) {
            outside[i].append(QByteArray(bytes.size(), '\0'));
            requests.append({ address, outside[i].back().data(), size_t(bytes.size()) });
        }
    }
    const qsizetype firstCode = requests.size();
    QList<quint64> codes;
    for (const ThreadWalk& walk : std::as_const(walks))
        for (const RawPythonFrame& frame : walk.frames)
            if (m_codes.cached(frame.code) && !codes.contains(frame.code))
                codes.append(frame.code);
    QList<QByteArray> headers(codes.size(), QByteArray(qsizetype(m_codes.headerSize()), '\0'));
    for (qsizetype i = 0; i < codes.size(); ++i)
        requests.append({ codes[i], headers[i].data(), size_t(headers[i].size()) });
    for (ThreadWalk& walk : walks)
        if (walk.tidAddress != 0)
            requests.append({ walk.tidAddress, &walk.tid, sizeof walk.tid });
    if (requests.isEmpty())
        return true;
    m_memory.read(requests);

    for (qsizetype i = 0; i < codes.size(); ++i)
        if (!requests[firstCode + i].ok || !m_codes.matches(codes[i], headers[i])) {
            m_codes.forget(codes[i]);
            m_codes.load(codes[i]);
        }
    bool unmoved = true;
    for (qsizetype i = 0; i < walks.size(); ++i) {
        const qsizetype first = firstRequest[i];
        if (first < 0)
            continue;
        ThreadWalk& walk = walks[i];
        const bool sameTop = requests[first].ok && tops[2 * i] == walk.topFrame;
        const bool sameCode = requests[first + 1].ok && tops[2 * i + 1] == walk.topCode;
        bool sameChunk = requests[first + 2].ok && sameFrames(walk, chunks[i], outside[i]);
        for (qsizetype k = 0; k < outside[i].size(); ++k)
            sameChunk = sameChunk && requests[first + 3 + k].ok;
        walk.moved = !(sameTop && sameCode && sameChunk);
        unmoved = unmoved && !walk.moved;
    }
    return unmoved;
}

// The fields the walk used, in both copies of each frame: code, link and owner, and the instruction of every
// frame but the running top one (callers wait on their call instruction).
bool PythonStackReader::sameFrame(QByteArrayView before, QByteArrayView after, bool top) const
{
    const auto same = [&](quint64 offset, size_t size) {
        return std::memcmp(before.data() + offset, after.data() + offset, size) == 0;
    };
    const size_t instructionSize = m_layout.instruction == PythonLayout::Instruction::Pointer ? 8 : 4;
    return before.size() == after.size() && same(m_layout.frameCode, 8) && same(m_layout.framePrevious, 8)
        && (!m_layout.frameOwner || same(*m_layout.frameOwner, 1))
        && (top || same(m_layout.frameInstruction, instructionSize));
}

bool PythonStackReader::sameFrames(
    const ThreadWalk& walk, QByteArrayView chunkAgain, const QList<QByteArray>& outsideAgain) const
{
    if (!walk.inChunk.isEmpty() && chunkAgain.size() != walk.chunk.size())
        return false;
    const qsizetype frameBytes = qsizetype(m_layout.frameSize);
    for (quint64 frame : walk.inChunk) {
        const qsizetype at = qsizetype(frame - walk.chunkStart);
        if (!sameFrame(QByteArrayView(walk.chunk).sliced(at, frameBytes), chunkAgain.sliced(at, frameBytes),
                frame == walk.topFrame))
            return false;
    }
    for (qsizetype k = 0; k < walk.outside.size(); ++k)
        if (!sameFrame(walk.outside[k].second, outsideAgain[k], walk.outside[k].first == walk.topFrame))
            return false;
    return true;
}

} // namespace wpm
