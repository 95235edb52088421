#pragma once
// Parsers of the /proc texts that the sampler reads for every thread on every tick. They work on plain bytes:
// no allocation and no Qt strings, which were most of a tick's own CPU (ProcFs's readers use them too).

#include "ProcFs.h"

#include <optional>
#include <string_view>

namespace wpm {

// Whether parseThreadStat fills ThreadStat::name: the sampler has no use for it, and a QString allocates.
enum class StatName { Skip, Read };

// "TID (comm) S PPID ..." of /proc/PID/task/TID/stat. The comm can hold anything but NUL, so it ends at the
// LAST ')'. nullopt when the text is not one.
std::optional<ThreadStat> parseThreadStat(std::string_view text, StatName name);

// /proc/PID/task/TID/syscall: "NR ARG1 ... ARG6 SP PC" (blocked in system call NR), "-1 SP PC" (blocked outside
// one) or "running". nullopt when the text is none of these.
std::optional<SyscallPosition> parseSyscallPosition(std::string_view text);

// A positive decimal id, such as a /proc entry's name; 0 when the text is not one.
pid_t parseId(std::string_view text);

} // namespace wpm
