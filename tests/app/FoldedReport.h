#pragma once
// A report's .folded file read back for the record tests: which share of the samples holds a frame.

#include "profile/FoldedFrame.h"

#include <QFile>
#include <QList>

#include <algorithm>
#include <functional>

namespace wpm::test {

struct FoldedReport {
    struct Stack {
        QList<Frame> frames; // root first
        quint64 samples = 0;
    };
    QList<Stack> stacks;
    quint64 total = 0;

    static FoldedReport read(const QString& path)
    {
        FoldedReport report;
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return report;
        for (const QString& line : QString::fromUtf8(file.readAll()).split(u'\n')) {
            const qsizetype space = line.lastIndexOf(u' ');
            if (space <= 0)
                continue;
            Stack stack;
            stack.samples = line.mid(space + 1).toULongLong();
            for (const QString& text : line.left(space).split(u';'))
                stack.frames.append(decodeFoldedFrame(text));
            report.total += stack.samples;
            report.stacks.append(std::move(stack));
        }
        return report;
    }

    double share(const std::function<bool(const Stack&)>& holds) const
    {
        quint64 matching = 0;
        for (const Stack& stack : stacks)
            if (holds(stack))
                matching += stack.samples;
        return total ? double(matching) / double(total) : 0.0;
    }
    // The share of samples with `function` anywhere on the stack.
    double shareUnder(const QString& function) const
    {
        return share([&](const Stack& stack) {
            return std::ranges::any_of(stack.frames, [&](const Frame& frame) { return frame.function == function; });
        });
    }
    // The share of samples in which `function` is the innermost frame.
    double shareInLeaf(const QString& function) const
    {
        return share([&](const Stack& stack) { return stack.frames.last().function == function; });
    }
    bool hasPythonFrames() const
    {
        return share([](const Stack& stack) {
            return std::ranges::any_of(
                stack.frames, [](const Frame& frame) { return frame.kind == FrameKind::Python; });
        }) > 0;
    }
};

} // namespace wpm::test
