#pragma once
// Finds CPython in a running process: the module that defines _PyRuntime (executable or libpython),
// its load address from /proc/PID/maps, the version (Py_Version, else the file name) and the layout.

#include "PythonInterpreter.h"
#include "core/Result.h"
#include "sampling/ModuleMap.h"

#include <sys/types.h>

namespace wpm {

class PythonInterpreterLocator {
public:
    // An error value when pid is gone, is not a CPython process, or runs a version without a layout
    // table ("unsupported Python 3.X"): the sampler then stays native-only.
    static Result<PythonInterpreter> locate(pid_t pid, ElfImageCache& images);
    // The same from an already read module map.
    static Result<PythonInterpreter> locate(pid_t pid, const ModuleMap& modules);

    // "3.11" from "libpython3.11.so.1.0" or "python3.11"; nullopt when the name tells nothing.
    static std::optional<std::pair<int, int>> versionFromFileName(const QString& path);
};

} // namespace wpm
