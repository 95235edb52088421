#pragma once
// Entry points of the executable's modes, kept out of main() so that tests can drive them.

#include <QProcessEnvironment>
#include <QStringList>

class QApplication;
class QTextStream;

namespace wpm {

// Exit statuses of the executable.
enum ExitStatus { ExitOk = 0, ExitFailure = 1, ExitUsage = 2 };

// True for the arguments that run without a window: a command (`config …`), --help, --version,
// or arguments that do not parse.
bool isHeadlessInvocation(const QStringList& arguments);

// Runs a headless invocation; output goes to `out`, errors and warnings to `err`.
int runHeadless(
    const QStringList& arguments, const QProcessEnvironment& environment, QTextStream& out, QTextStream& err);

// Opens the workbench window and runs the event loop.
int runWorkbench(QApplication& app, const QProcessEnvironment& environment);

// Whether a GUI can be shown: a platform plugin was forced, or an X11/Wayland display is set.
bool displayAvailable(const QProcessEnvironment& environment);

} // namespace wpm
