#include "PythonTrampoline.h"

#include <algorithm>
#include <cstring>
#include <iterator>
#include <sys/uio.h>

namespace wpm {
namespace {

constexpr qsizetype kMaxKnownAddresses = 1 << 16;
constexpr qsizetype kMaxCodeBytes = 64;

// What one instruction does to the stack, for the few a trampoline is made of.
struct Instruction {
    int length = 0; // 0: not one of them
    qint64 stackChange = 0; // bytes the stack pointer goes down by
    bool pushesRbp = false;
    bool popsRbp = false;
    bool returns = false;
};

Instruction decode(const unsigned char* code, qsizetype available)
{
    const auto starts = [&](std::initializer_list<unsigned char> bytes) {
        return qsizetype(bytes.size()) <= available && std::equal(bytes.begin(), bytes.end(), code);
    };
    if (starts({ 0xf3, 0x0f, 0x1e, 0xfa })) // endbr64
        return { 4 };
    if (starts({ 0x55 })) // push %rbp
        return { 1, 8, true };
    if (starts({ 0x5d })) // pop %rbp
        return { 1, -8, false, true };
    if (starts({ 0x48, 0x89, 0xe5 })) // mov %rsp,%rbp
        return { 3 };
    if (starts({ 0x48, 0x83, 0xec }) && available >= 4) // sub $imm8,%rsp
        return { 4, qint64(qint8(code[3])) };
    if (starts({ 0x48, 0x83, 0xc4 }) && available >= 4) // add $imm8,%rsp
        return { 4, -qint64(qint8(code[3])) };
    if (available >= 2 && code[0] == 0xff && code[1] >= 0xd0 && code[1] <= 0xd7) // call *%rax..%rdi
        return { 2 };
    if (available >= 3 && code[0] == 0x41 && code[1] == 0xff && code[2] >= 0xd0 && code[2] <= 0xd7) // call *%r8..%r15
        return { 3 };
    if (starts({ 0xc3 })) // ret
        return { 1, -8, false, false, true };
    return {};
}

} // namespace

std::optional<PythonTrampoline> PythonTrampoline::fromCode(const QByteArray& code)
{
    if (code.isEmpty() || code.size() > kMaxCodeBytes)
        return std::nullopt;
    PythonTrampoline trampoline;
    const auto* bytes = reinterpret_cast<const unsigned char*>(code.constData());
    qint64 depth = 0; // bytes below the stack pointer at entry, where the return address is
    std::optional<qint64> rbpPushedAt; // depth just after rbp was pushed
    for (qsizetype at = 0; at < code.size();) {
        Step step;
        step.returnAddressOffset = quint64(depth);
        if (rbpPushedAt)
            step.savedRbpOffset = quint64(depth - *rbpPushedAt);
        trampoline.m_steps.insert(int(at), step);
        const Instruction instruction = decode(bytes + at, code.size() - at);
        if (instruction.length == 0)
            return std::nullopt;
        if (instruction.returns) {
            if (at + 1 != code.size() || depth != 0)
                return std::nullopt; // code after the return, or a stack left unbalanced: not a trampoline
            trampoline.m_code = code;
            return trampoline;
        }
        depth += instruction.stackChange;
        if (depth < 0)
            return std::nullopt;
        if (instruction.pushesRbp)
            rbpPushedAt = depth;
        if (instruction.popsRbp)
            rbpPushedAt.reset();
        at += instruction.length;
    }
    return std::nullopt; // never returns
}

std::optional<PythonTrampoline::Step> PythonTrampoline::stepAt(int offset) const
{
    const auto found = m_steps.constFind(offset);
    return found == m_steps.constEnd() ? std::nullopt : std::optional<Step>(*found);
}

std::optional<int> PythonTrampoline::offsetInCopy(pid_t pid, quint64 address, const ModuleMap& modules)
{
    if (const auto known = m_known.constFind(address); known != m_known.constEnd())
        return *known < 0 ? std::nullopt : std::optional<int>(*known);
    const MemoryMapping* mapping = modules.find(address);
    if (!mapping || !mapping->executable || mapping->hasImage()) {
        remember(address, -1);
        return std::nullopt;
    }
    return offsetInCopy(pid, address, mapping->start, mapping->end);
}

std::optional<int> PythonTrampoline::offsetInCopy(pid_t pid, quint64 address, quint64 start, quint64 end)
{
    if (const auto known = m_known.constFind(address); known != m_known.constEnd())
        return *known < 0 ? std::nullopt : std::optional<int>(*known);
    const quint64 size = quint64(m_code.size());
    if (auto after = m_copies.upperBound(address); after != m_copies.constBegin()) {
        const quint64 copy = std::prev(after).key();
        if (address - copy < size && copy >= start && copy + size <= end) {
            remember(address, int(address - copy));
            return int(address - copy);
        }
    }
    // Every copy that could hold the address lies in [address - size + 1, address + size).
    const quint64 from = std::max(start, address >= size - 1 ? address - (size - 1) : 0);
    const quint64 to = std::min(end, address + size);
    int offset = -1;
    if (from <= address && address < to) {
        QByteArray around(qsizetype(to - from), '\0');
        iovec local { around.data(), size_t(around.size()) };
        iovec remote { reinterpret_cast<void*>(from), local.iov_len };
        if (process_vm_readv(pid, &local, 1, &remote, 1, 0) != ssize_t(local.iov_len))
            return std::nullopt; // unmapped meanwhile, or the process is gone: not worth remembering
        for (quint64 copy = from; copy <= address && copy + size <= to && offset < 0; ++copy) {
            if (std::memcmp(around.constData() + (copy - from), m_code.constData(), size) == 0)
                offset = int(address - copy);
        }
    }
    if (offset >= 0) {
        if (m_copies.size() >= kMaxKnownAddresses)
            m_copies.clear();
        m_copies.insert(address - quint64(offset), true);
    }
    remember(address, offset);
    return offset < 0 ? std::nullopt : std::optional<int>(offset);
}

void PythonTrampoline::remember(quint64 address, int offset)
{
    if (m_known.size() >= kMaxKnownAddresses)
        m_known.clear();
    m_known.insert(address, offset);
}

} // namespace wpm
