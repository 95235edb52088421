#pragma once
// What a test checks of a stored stack: its function names, and whether expected functions appear in order.

#include "sampling/ModuleMap.h"
#include "sampling/SampleStore.h"
#include "symbols/Symbolizer.h"

#include <QStringList>

#include <algorithm>

namespace wpm::test {

// Function names of a stored stack, innermost first; unsymbolized frames as 0x... addresses.
inline QStringList functionsOf(const RawStack& stack, const QStringList& modules, Symbolizer& symbolizer)
{
    QStringList names;
    for (const FrameAddress& frame : stack.frames)
        names.append(frame.module == 0 ? QStringLiteral("0x%1").arg(frame.offset, 0, 16)
                                       : symbolizer.symbolize(modules[qsizetype(frame.module)], frame.offset).function);
    return names;
}

// Function names of an unwound stack's pcs, innermost first; frames outside any file as empty names.
inline QStringList functionsOf(const QList<quint64>& pcs, const ModuleMap& modules, Symbolizer& symbolizer)
{
    QStringList names;
    for (const quint64 pc : pcs) {
        const MemoryMapping* mapping = modules.find(pc);
        names.append(mapping && mapping->isFile()
                ? symbolizer.symbolize(mapping->path, pc - mapping->start + mapping->offset).function
                : QString());
    }
    return names;
}

// Whether every name of `innermostFirst` appears in `functions`, in that order. Matched by substring: libc's
// exported names vary (clock_nanosleep, __read...).
inline bool containsInOrder(const QStringList& functions, const QStringList& innermostFirst)
{
    qsizetype at = 0;
    for (const QString& wanted : innermostFirst) {
        const auto found = std::find_if(
            functions.begin() + at, functions.end(), [&](const QString& name) { return name.contains(wanted); });
        if (found == functions.end())
            return false;
        at = found - functions.begin() + 1;
    }
    return true;
}

// The native target's "chain" thread: chainLevel20 innermost, down to start_thread.
inline QStringList chainFunctions()
{
    QStringList chain;
    for (int level = 20; level >= 1; --level)
        chain.append(QStringLiteral("wpm_target::chainLevel%1(int)").arg(level, 2, 10, QLatin1Char('0')));
    chain << QStringLiteral("wpm_target::chainThread(void*)") << QStringLiteral("start_thread");
    return chain;
}

} // namespace wpm::test
