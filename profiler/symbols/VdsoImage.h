#pragma once
// The kernel's vDSO (clock_gettime, gettimeofday, time, getcpu) is mapped into every process from no file, so
// its frames cannot be symbolized by path like a shared library's.

#include <QString>

namespace wpm {

// The pseudo-path /proc/PID/maps gives the vDSO's mapping.
inline constexpr QLatin1StringView kVdsoPath { "[vdso]" };

// A path to a copy of this process's vDSO that libdwfl can open like any module (an in-memory file, gone with this
// process); empty when there is none. Every 64-bit process of the running kernel maps the same image at its own
// base, and the mapping's file offset is 0, so a target's "[vdso]" file offsets are offsets in this copy.
QString vdsoImageFile();

} // namespace wpm
