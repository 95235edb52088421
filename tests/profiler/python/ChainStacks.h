#pragma once
// The chain thread of known_threads.py (Chain().level_01() -> ... -> level_10(), burning CPU in level_10): the lines
// its frames are at, and whether a read Python stack shows it exactly. Shared by the reader's tests.

#include "python/PythonFrame.h"

#include <QFile>
#include <QHash>
#include <QStringList>

inline const QString kKnownThreads = QStringLiteral(WPM_SOURCE_DIR "/tests/targets/python/known_threads.py");

// The line each Chain.level_NN is at while the chain runs: the line after its "def".
inline QHash<QString, int> expectedChainLines()
{
    QFile file(kKnownThreads);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QList<QByteArray> lines = file.readAll().split('\n');
    QHash<QString, int> expected;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QByteArray line = lines[i].trimmed();
        if (!line.startsWith("def level_"))
            continue;
        const QString name = QStringLiteral("Chain.") + QString::fromLatin1(line.mid(4, 8));
        // level_10's loop is one line; in the others the call is the line after the def.
        qsizetype body = i + 1;
        while (body < lines.size() && !lines[body].contains("self.level_") && !lines[body].contains("while True"))
            ++body;
        expected.insert(name, int(body + 1));
    }
    return expected;
}

inline QStringList namesOf(const QList<wpm::PythonFrame>& frames)
{
    QStringList names;
    for (const wpm::PythonFrame& frame : frames)
        names.append(QStringLiteral("%1:%2").arg(frame.qualifiedName).arg(frame.line));
    return names;
}

// Empty when the chain thread's stack holds level_10 ... level_01 in order with the expected lines. Before 3.11
// code objects have no co_qualname: the names are then "level_10" and so on.
inline QString chainProblem(const QList<wpm::PythonFrame>& frames, const QHash<QString, int>& lines, bool qualified)
{
    const QString prefix = qualified ? QStringLiteral("Chain.") : QString();
    if (frames.isEmpty() || frames.front().qualifiedName != prefix + QLatin1String("level_10"))
        return QStringLiteral("level_10 is not innermost: ") + namesOf(frames).join(QLatin1Char(' '));
    for (int level = 10; level >= 1; --level) {
        const qsizetype index = 10 - level;
        const QString name = QStringLiteral("level_%1").arg(level, 2, 10, QLatin1Char('0'));
        const int line = lines.value(QStringLiteral("Chain.") + name);
        if (index >= frames.size() || frames[index].qualifiedName != prefix + name || frames[index].line != line
            || !frames[index].file.endsWith(QLatin1String("/known_threads.py")))
            return QStringLiteral("expected %1:%2 at %3 in %4")
                .arg(prefix + name)
                .arg(line)
                .arg(index)
                .arg(namesOf(frames).join(QLatin1Char(' ')));
    }
    if (frames.size() < 11 || frames[10].qualifiedName != QLatin1String("chain"))
        return QStringLiteral("chain() does not call level_01: ") + namesOf(frames).join(QLatin1Char(' '));
    return {};
}
