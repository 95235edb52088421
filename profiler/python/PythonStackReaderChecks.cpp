// PythonStackReader's second read: what a walk used, read again and compared, so that a racy read of threads that
// kept running is only kept when nothing it used changed; and the check of the code objects it named.

#include "PythonStackReader.h"

#include "ByteFields.h"

#include <cstring>

namespace wpm {

// Reads again, in one call, each unheld thread's current-frame pointer, its top frame's code, its data-stack chunk
// and the headers of the cached code objects used; reloads code objects whose memory was reused. A thread
// moved when any of what its walk used changed: the two copies then straddle a call or a return.
bool PythonStackReader::validate(QList<ThreadWalk>& walks, const QSet<quint64>& loaded)
{
    QList<RemoteMemory::Request> requests;
    QList<quint64> tops(walks.size() * 2);
    QList<QByteArray> chunks(walks.size());
    QList<QList<QByteArray>> outside(walks.size());
    QList<qsizetype> firstRequest(walks.size(), -1);
    for (qsizetype i = 0; i < walks.size(); ++i) {
        ThreadWalk& walk = walks[i];
        if (walk.held || walk.topSource == 0 || walk.topFrame == 0)
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
    // Code objects just loaded are as fresh as a second read; those whose headers a held walk read are checked
    // against that copy.
    QHash<quint64, QByteArray> headersRead;
    for (const ThreadWalk& walk : std::as_const(walks))
        headersRead.insert(walk.codeHeaders);
    const qsizetype firstCode = requests.size();
    QList<quint64> codes;
    for (const ThreadWalk& walk : std::as_const(walks))
        for (const RawPythonFrame& frame : walk.frames)
            if (m_codes.cached(frame.code) && !loaded.contains(frame.code) && !codes.contains(frame.code)) {
                if (const auto read = headersRead.constFind(frame.code); read != headersRead.cend()) {
                    if (!m_codes.matches(frame.code, *read))
                        reloadCode(frame.code);
                } else
                    codes.append(frame.code);
            }
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
        if (!requests[firstCode + i].ok || !m_codes.matches(codes[i], headers[i]))
            reloadCode(codes[i]);
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

void PythonStackReader::reloadCode(quint64 address)
{
    m_codes.forget(address);
    m_codes.load(address);
}

} // namespace wpm
