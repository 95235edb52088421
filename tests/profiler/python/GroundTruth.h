#pragma once
// The stacks tests/targets/python/truth_target.py recorded of itself (sys._current_frames, native thread ids),
// and the check of a sampled Python stack against them: shared by tst_groundtruth and bench_python.

#include "python/PythonFrame.h"

#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QThread>

#include <csignal>
#include <optional>

class GroundTruth {
public:
    // Asks the target (SIGUSR1) to write what it recorded to `path`, the file it was given with --record,
    // and reads it; nullopt when no file comes within five seconds.
    static std::optional<GroundTruth> fetch(pid_t pid, const QString& path)
    {
        QFile::remove(path);
        if (::kill(pid, SIGUSR1) != 0)
            return std::nullopt;
        QElapsedTimer timer;
        timer.start();
        QFile file(path);
        while (!file.open(QIODevice::ReadOnly)) {
            if (timer.elapsed() > 5000)
                return std::nullopt;
            QThread::msleep(10);
        }
        const QJsonObject document = QJsonDocument::fromJson(file.readAll()).object();
        GroundTruth truth;
        const QJsonObject threads = document.value(QStringLiteral("threads")).toObject();
        for (auto thread = threads.begin(); thread != threads.end(); ++thread) {
            QList<QList<wpm::PythonFrame>>& stacks = truth.m_stacks[pid_t(thread.key().toInt())];
            for (const QJsonValue& stack : thread.value().toArray()) {
                QList<wpm::PythonFrame> frames;
                for (const QJsonValue& frame : stack.toArray()) {
                    const QJsonArray fields = frame.toArray();
                    frames.append({ fields[0].toString(), fields[1].toString(), fields[2].toInt() });
                }
                stacks.append(frames);
            }
        }
        const QJsonObject names = document.value(QStringLiteral("names")).toObject();
        for (auto name = names.begin(); name != names.end(); ++name)
            truth.m_names.insert(pid_t(name.key().toInt()), name.value().toString());
        const QJsonObject functions = document.value(QStringLiteral("functions")).toObject();
        for (auto function = functions.begin(); function != functions.end(); ++function) {
            const QJsonArray lines = function.value().toArray();
            truth.m_functionLines.insert(function.key(), { lines[0].toInt(), lines[1].toInt() });
        }
        return truth;
    }

    // The threads the target started and named ("chain", "handler", ...), main included.
    const QHash<pid_t, QString>& names() const { return m_names; }

    // Whether `frames` (innermost first) is a stack the thread was seen in: the same functions of the same
    // files, callers on the same lines, the innermost frame on a line of its function (the target sees a
    // running thread only where it lets go of the GIL, a sampler anywhere).
    bool plausible(pid_t tid, const QList<wpm::PythonFrame>& frames) const
    {
        if (frames.isEmpty())
            return false;
        const auto lines = m_functionLines.value(frames.front().qualifiedName + QLatin1Char('@') + frames.front().file);
        if (frames.front().line < lines.first || frames.front().line > lines.second)
            return false;
        for (const QList<wpm::PythonFrame>& recorded : m_stacks.value(tid)) {
            if (recorded.size() != frames.size() || recorded.front().qualifiedName != frames.front().qualifiedName
                || recorded.front().file != frames.front().file)
                continue;
            if (std::equal(recorded.begin() + 1, recorded.end(), frames.begin() + 1))
                return true;
        }
        return false;
    }

private:
    QHash<pid_t, QList<QList<wpm::PythonFrame>>> m_stacks;
    QHash<pid_t, QString> m_names;
    QHash<QString, std::pair<int, int>> m_functionLines; // "name@file" -> first and last line
};
