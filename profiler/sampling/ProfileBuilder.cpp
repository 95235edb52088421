#include "ProfileBuilder.h"

#include "symbols/Symbolizer.h"

namespace wpm {

ProfileBuilder::ProfileBuilder(const QStringList& modules, Symbolizer& symbolizer)
    : m_modules(modules)
    , m_symbolizer(symbolizer)
{
}

FrameId ProfileBuilder::frameOf(const FrameAddress& address)
{
    QHash<quint64, FrameId>& known = m_byModule[address.module];
    if (auto found = known.constFind(address.offset); found != known.constEnd())
        return *found;
    Frame frame;
    if (address.module == 0 || address.module >= quint32(m_modules.size())) {
        frame.function = QStringLiteral("[unknown] 0x%1").arg(address.offset, 0, 16);
    } else {
        const NativeSymbol symbol = m_symbolizer.symbolize(m_modules[qsizetype(address.module)], address.offset);
        frame.function = symbol.function;
        // One node per function, not per line: the line of each sample would split it.
        frame.file = symbol.file;
        frame.module = symbol.module;
    }
    const FrameId id = m_tree.internFrame(frame);
    known.insert(address.offset, id);
    return id;
}

void ProfileBuilder::add(const StoredSample& stored, qint64 sampleNs)
{
    m_stack.clear();
    const QList<FrameAddress>& frames = stored.stack.frames;
    for (auto it = frames.crbegin(); it != frames.crend(); ++it)
        m_stack.append(frameOf(*it));
    m_tree.addStack(std::span<const FrameId>(m_stack.constData(), size_t(m_stack.size())), 1, sampleNs);
}

} // namespace wpm
