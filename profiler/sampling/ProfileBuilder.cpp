#include "ProfileBuilder.h"

#include "symbols/Symbolizer.h"

namespace wpm {

ProfileBuilder::ProfileBuilder(const QStringList& modules, Symbolizer& symbolizer)
    : m_modules(modules)
    , m_symbolizer(symbolizer)
{
}

ProfileBuilder::NativeFrame ProfileBuilder::frameOf(const FrameAddress& address)
{
    QHash<quint64, NativeFrame>& known = m_byModule[address.module];
    if (auto found = known.constFind(address.offset); found != known.constEnd())
        return *found;
    Frame frame;
    NativeFrame native;
    if (address.module == 0 || address.module >= quint32(m_modules.size())) {
        // Code in no file (a JIT's, a trampoline's) or an address no mapping held: one "[unknown]" node, as perf
        // names it, rather than a node per address, which split such code into slivers no reader can name.
        frame.function = QStringLiteral("[unknown]");
    } else {
        const QString& path = m_modules[qsizetype(address.module)];
        const NativeSymbol symbol = m_symbolizer.symbolize(path, address.offset);
        frame.function = symbol.function;
        // One node per function, not per line: the line of each sample would split it.
        frame.file = symbol.file;
        frame.module = symbol.module;
        native.role = interpreterRole(path, symbol.function, symbol.found);
    }
    native.id = m_tree.internFrame(frame);
    known.insert(address.offset, native);
    return native;
}

FrameId ProfileBuilder::frameOf(const PythonFrameRef& python)
{
    if (auto found = m_python.constFind(python.get()); found != m_python.constEnd())
        return found->second;
    // The line stays: it is where the function is (the innermost) or the call it waits on.
    const FrameId id
        = m_tree.internFrame(Frame { python->qualifiedName, python->file, python->line, {}, FrameKind::Python });
    m_python.insert(python.get(), { python, id });
    return id;
}

void ProfileBuilder::mergePython(const RawStack& stack)
{
    qsizetype nextPython = 0; // the innermost Python frame not placed yet
    const auto placeOneEvaluation = [&] {
        for (; nextPython < stack.python.size() && stack.python[nextPython]; ++nextPython)
            m_stack.append(frameOf(stack.python[nextPython]));
        ++nextPython; // past the null that ends the call's frames
    };
    for (const FrameAddress& address : stack.frames) {
        const NativeFrame native = frameOf(address);
        if (native.role == InterpreterRole::Evaluation && nextPython < stack.python.size())
            placeOneEvaluation();
        else if (native.role != InterpreterRole::Plumbing)
            m_stack.append(native.id); // an evaluation call beyond the Python frames read stays visible
    }
    // Python frames left over belong to evaluation calls the native unwind did not reach: at the root.
    while (nextPython < stack.python.size())
        placeOneEvaluation();
}

void ProfileBuilder::add(const StoredSample& stored, qint64 sampleNs)
{
    m_stack.clear();
    if (stored.stack.python.isEmpty()) {
        for (const FrameAddress& address : stored.stack.frames)
            m_stack.append(frameOf(address).id);
    } else {
        mergePython(stored.stack);
    }
    std::reverse(m_stack.begin(), m_stack.end());
    m_tree.addStack(std::span<const FrameId>(m_stack.constData(), size_t(m_stack.size())), 1, sampleNs);
}

} // namespace wpm
