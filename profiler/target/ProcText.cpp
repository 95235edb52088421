#include "ProcText.h"

#include <charconv>

namespace wpm {
namespace {

// PF_KTHREAD from include/linux/sched.h: the flags field marks kernel threads reliably, unlike an empty cmdline
// (which zombies and processes that clear their argv also have).
constexpr quint64 kernelThreadFlag = 0x00200000;
// PF_EXITING: the thread is on its way out (ptrace then answers EPERM, which is no denial).
constexpr quint64 exitingFlag = 0x00000004;

ThreadState stateFromLetter(char letter)
{
    switch (letter) {
    case 'R':
        return ThreadState::Running;
    case 'S':
        return ThreadState::Sleeping;
    case 'D':
        return ThreadState::DiskSleep;
    case 'T':
        return ThreadState::Stopped;
    case 't':
        return ThreadState::TracingStop;
    case 'Z':
        return ThreadState::Zombie;
    case 'X':
    case 'x':
        return ThreadState::Dead;
    case 'I':
        return ThreadState::Idle;
    default:
        return ThreadState::Unknown;
    }
}

bool isSpace(char c)
{
    return c == ' ' || c == '\n' || c == '\t';
}

// The whitespace-separated fields of a text, one at a time.
class Fields {
public:
    explicit Fields(std::string_view text)
        : m_rest(text)
    {
    }
    // The next field; empty at the end.
    std::string_view next()
    {
        size_t start = 0;
        while (start < m_rest.size() && isSpace(m_rest[start]))
            ++start;
        size_t end = start;
        while (end < m_rest.size() && !isSpace(m_rest[end]))
            ++end;
        const std::string_view field = m_rest.substr(start, end - start);
        m_rest.remove_prefix(end);
        return field;
    }

private:
    std::string_view m_rest;
};

// The whole field as a number in `base`; false when it is not one (or is empty, or overflows).
template <typename Number>
bool toNumber(std::string_view field, Number& value, int base = 10)
{
    if (base == 16 && field.starts_with("0x"))
        field.remove_prefix(2);
    const char* end = field.data() + field.size();
    const auto [stopped, error] = std::from_chars(field.data(), end, value, base);
    return !field.empty() && error == std::errc() && stopped == end;
}

} // namespace

std::optional<ThreadStat> parseThreadStat(std::string_view text, StatName name)
{
    const size_t open = text.find('(');
    const size_t close = text.rfind(')');
    if (open == std::string_view::npos || close == std::string_view::npos || open == 0 || close < open)
        return std::nullopt;
    ThreadStat stat;
    stat.tid = parseId(Fields(text.substr(0, open)).next());
    if (stat.tid == 0)
        return std::nullopt;
    if (name == StatName::Read) {
        const std::string_view comm = text.substr(open + 1, close - open - 1);
        stat.name = QString::fromUtf8(comm.data(), qsizetype(comm.size()));
    }

    // After the comm, numbered as in proc(5): 3 state, 4 ppid, 5 pgrp, 9 flags, 14 utime, 15 stime, 39 processor.
    Fields fields(text.substr(close + 1));
    const std::string_view state = fields.next();
    if (state.size() != 1)
        return std::nullopt;
    stat.state = stateFromLetter(state[0]);
    quint64 flags = 0;
    bool ok = true;
    int number = 4;
    for (std::string_view field = fields.next(); ok && !field.empty() && number <= 39; field = fields.next()) {
        switch (number++) {
        case 4:
            ok = toNumber(field, stat.ppid);
            break;
        case 5:
            ok = toNumber(field, stat.processGroup);
            break;
        case 9:
            ok = toNumber(field, flags);
            break;
        case 14:
            ok = toNumber(field, stat.utimeTicks);
            break;
        case 15:
            ok = toNumber(field, stat.stimeTicks);
            break;
        case 39:
            if (!toNumber(field, stat.processor))
                stat.processor = -1; // older kernels, or a field we do not understand: no hint
            break;
        default:
            break;
        }
    }
    if (!ok || number <= 15)
        return std::nullopt; // short, or a field up to stime that is not a number
    stat.isKernelThread = (flags & kernelThreadFlag) != 0;
    stat.isExiting = (flags & exitingFlag) != 0;
    return stat;
}

std::optional<SyscallPosition> parseSyscallPosition(std::string_view text)
{
    Fields fields(text);
    const std::string_view first = fields.next();
    if (first == "running")
        return SyscallPosition {};
    SyscallPosition position;
    if (!toNumber(first, position.number) || position.number < -1)
        return std::nullopt;
    // The stack pointer and pc are the last two fields, after the six arguments of a system call.
    std::string_view previous, last;
    for (std::string_view field = fields.next(); !field.empty(); field = fields.next()) {
        previous = last;
        last = field;
    }
    if (!toNumber(previous, position.sp, 16) || !toNumber(last, position.pc, 16))
        return std::nullopt;
    return position;
}

pid_t parseId(std::string_view text)
{
    pid_t id = 0;
    return toNumber(text, id) && id > 0 ? id : 0;
}

} // namespace wpm
