#pragma once
// Frames in copies of CPython's perf trampoline (see sampling/PythonTrampoline.h) are stored under one pseudo-module
// and offset: the copies are anonymous memory, one per Python function, and tell nothing the Python frames beside
// them do not, so they make one node, hidden where Python frames are shown.

#include <QString>

namespace wpm {

inline constexpr QLatin1StringView kPythonTrampolinePath { "[python perf trampoline]" };
inline constexpr QLatin1StringView kPythonTrampolineFunction { "[Python perf trampoline]" };

} // namespace wpm
