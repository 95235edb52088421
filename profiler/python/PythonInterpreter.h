#pragma once
// What PythonInterpreterLocator found in a process: the module holding CPython, where its runtime
// state and type objects are in the target, its version and the layout tables that go with it.

#include "PythonLayout.h"

#include <QByteArray>
#include <QString>

namespace wpm {

struct PythonInterpreter {
    QString modulePath; // the executable or the libpython3.X.so that defines _PyRuntime
    quint64 loadBias = 0; // target address = link-time address + loadBias (0 for a non-PIE executable)
    quint64 runtimeAddress = 0; // &_PyRuntime in the target
    quint64 codeTypeAddress = 0; // &PyCode_Type
    quint64 unicodeTypeAddress = 0; // &PyUnicode_Type
    quint64 bytesTypeAddress = 0; // &PyBytes_Type
    quint64 frameTypeAddress = 0; // &PyFrame_Type, for 3.9 and 3.10 whose frames are objects
    // The code of the perf trampoline (3.12+), which perf support copies for each Python function; empty without one.
    QByteArray trampolineCode;
    int major = 0;
    int minor = 0;
    int micro = -1; // unknown when the version came from the file name
    PythonLayout layout;

    QString versionString() const
    {
        return micro < 0 ? QStringLiteral("%1.%2").arg(major).arg(minor)
                         : QStringLiteral("%1.%2.%3").arg(major).arg(minor).arg(micro);
    }
};

} // namespace wpm
