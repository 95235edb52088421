#pragma once
// How the Python frames of a CPython target are read, and the names the python_sampling key gives the ways.

#include <QStringList>

#include <optional>

namespace wpm {

enum class PythonReading {
    Mixed, // every thread held stopped in turn, its Python frames merged with its native ones
    GilHolderStopped, // Python frames only: just the thread holding the GIL held stopped while all are read
    NonBlocking, // Python frames only, no thread stopped: racy reads kept only when they validate
};

// "mixed", "gil_holder", "nonblocking", in the enum's order.
const QStringList& pythonReadingNames();
QString pythonReadingName(PythonReading reading);
std::optional<PythonReading> pythonReadingNamed(QStringView name);

} // namespace wpm
