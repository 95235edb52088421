#include "Unwinder.h"

#include "QuietSignalMask.h"

#include <algorithm>
#include <cstring>
#include <sys/uio.h>

// Not declared by libunwind's public headers, but exported: libunwind's own search of a
// binary-search table (.eh_frame_hdr) whose bytes it reads through our access_mem.
extern "C" int _Ux86_64_dwarf_search_unwind_table(
    unw_addr_space_t, unw_word_t, unw_dyn_info_t*, unw_proc_info_t*, int, void*);

namespace wpm {
namespace {

struct UnwindContext {
    const StackSnapshot* snapshot;
    const ModuleMap* modules;
    user_regs_struct registers; // the snapshot's, or a caller's where the unwind went on from one (a trampoline)
    quint64 stackReadEnd = 0; // just past the highest stack word read
    // A read was refused. libunwind may then end the stack and call it whole: through a signal frame whose saved
    // registers lie beyond the copied stack, its step gives 0 ("no more frames") rather than an error.
    bool refusedRead = false;
};

constexpr qsizetype kMaxKnownAddresses = 1 << 16;

int refuse(UnwindContext* context)
{
    context->refusedRead = true;
    return -UNW_EINVAL;
}

int accessMemory(unw_addr_space_t, unw_word_t address, unw_word_t* value, int write, void* arg)
{
    if (write)
        return -UNW_EINVAL;
    auto* context = static_cast<UnwindContext*>(arg);
    const StackSnapshot& snapshot = *context->snapshot;
    const quint64 stackEnd = snapshot.stackStart + quint64(snapshot.stack.size());
    // Written so that nothing wraps: a garbage frame pointer near the top of the address space asks for such reads.
    if (address >= snapshot.stackStart && address < stackEnd && stackEnd - address >= sizeof *value) {
        std::memcpy(value, snapshot.stack.constData() + (address - snapshot.stackStart), sizeof *value);
        context->stackReadEnd = std::max<quint64>(context->stackReadEnd, address + sizeof *value);
        return 0;
    }

    if (context->modules->readFromImage(address, value, sizeof *value))
        return 0;
    // Rarely needed and stable while the process lives: a CIE's personality pointer lives in
    // writable data (DW.ref.__gxx_personality_v0). Never used for stack memory, which moved on.
    const MemoryMapping* mapping = context->modules->find(address);
    if (!mapping || mapping->path == QLatin1String("[stack]") || !mapping->isFile())
        return refuse(context);
    iovec local { value, sizeof *value };
    iovec remote { reinterpret_cast<void*>(address), sizeof *value };
    return process_vm_readv(snapshot.pid, &local, 1, &remote, 1, 0) == ssize_t(sizeof *value) ? 0 : refuse(context);
}

int accessRegister(unw_addr_space_t, unw_regnum_t number, unw_word_t* value, int write, void* arg)
{
    if (write)
        return -UNW_EREADONLYREG;
    const user_regs_struct& r = static_cast<const UnwindContext*>(arg)->registers;
    switch (number) {
    case UNW_X86_64_RAX:
        *value = r.rax;
        return 0;
    case UNW_X86_64_RDX:
        *value = r.rdx;
        return 0;
    case UNW_X86_64_RCX:
        *value = r.rcx;
        return 0;
    case UNW_X86_64_RBX:
        *value = r.rbx;
        return 0;
    case UNW_X86_64_RSI:
        *value = r.rsi;
        return 0;
    case UNW_X86_64_RDI:
        *value = r.rdi;
        return 0;
    case UNW_X86_64_RBP:
        *value = r.rbp;
        return 0;
    case UNW_X86_64_RSP:
        *value = r.rsp;
        return 0;
    case UNW_X86_64_R8:
        *value = r.r8;
        return 0;
    case UNW_X86_64_R9:
        *value = r.r9;
        return 0;
    case UNW_X86_64_R10:
        *value = r.r10;
        return 0;
    case UNW_X86_64_R11:
        *value = r.r11;
        return 0;
    case UNW_X86_64_R12:
        *value = r.r12;
        return 0;
    case UNW_X86_64_R13:
        *value = r.r13;
        return 0;
    case UNW_X86_64_R14:
        *value = r.r14;
        return 0;
    case UNW_X86_64_R15:
        *value = r.r15;
        return 0;
    case UNW_X86_64_RIP:
        *value = r.rip;
        return 0;
    default:
        return -UNW_EBADREG;
    }
}

int findProcInfo(unw_addr_space_t space, unw_word_t ip, unw_proc_info_t* info, int needUnwindInfo, void* arg)
{
    const auto* context = static_cast<const UnwindContext*>(arg);
    const std::optional<UnwindTable> table = context->modules->unwindTable(ip);
    if (!table)
        return -UNW_ENOINFO;
    unw_dyn_info_t dynamic {};
    dynamic.format = UNW_INFO_FORMAT_REMOTE_TABLE;
    dynamic.start_ip = table->startIp;
    dynamic.end_ip = table->endIp;
    dynamic.u.rti.segbase = table->headerAddress;
    dynamic.u.rti.table_data = table->tableAddress;
    // Each entry is two 4-byte values; libunwind counts the table in words.
    dynamic.u.rti.table_len = table->entryCount * 8 / sizeof(unw_word_t);
    return _Ux86_64_dwarf_search_unwind_table(space, ip, &dynamic, info, needUnwindInfo, arg);
}

void putUnwindInfo(unw_addr_space_t, unw_proc_info_t*, void*) { }

int getDynamicInfoListAddress(unw_addr_space_t, unw_word_t*, void*)
{
    return -UNW_ENOINFO;
}

int accessFloatRegister(unw_addr_space_t, unw_regnum_t, unw_fpreg_t*, int, void*)
{
    return -UNW_EBADREG;
}

int resume(unw_addr_space_t, unw_cursor_t*, void*)
{
    return -UNW_EINVAL;
}

int getProcName(unw_addr_space_t, unw_word_t, char*, size_t, unw_word_t*, void*)
{
    return -UNW_ENOINFO;
}

unw_accessors_t accessors()
{
    unw_accessors_t table {};
    table.find_proc_info = findProcInfo;
    table.put_unwind_info = putUnwindInfo;
    table.get_dyn_info_list_addr = getDynamicInfoListAddress;
    table.access_mem = accessMemory;
    table.access_reg = accessRegister;
    table.access_fpreg = accessFloatRegister;
    table.resume = resume;
    table.get_proc_name = getProcName;
    return table;
}

// The registers a frame keeps for its caller, that libunwind tracks from frame to frame.
constexpr std::pair<unw_regnum_t, unsigned long long user_regs_struct::*> kCalleeSaved[]
    = { { UNW_X86_64_RBX, &user_regs_struct::rbx }, { UNW_X86_64_RBP, &user_regs_struct::rbp },
          { UNW_X86_64_R12, &user_regs_struct::r12 }, { UNW_X86_64_R13, &user_regs_struct::r13 },
          { UNW_X86_64_R14, &user_regs_struct::r14 }, { UNW_X86_64_R15, &user_regs_struct::r15 } };

} // namespace

Unwinder::Unwinder()
{
    unw_accessors_t table = accessors();
    m_addressSpace = unw_create_addr_space(&table, 0);
    unw_set_caching_policy(m_addressSpace, UNW_CACHE_GLOBAL);
}

Unwinder::~Unwinder()
{
    unw_destroy_addr_space(m_addressSpace);
}

// x86-64 Linux's signal trampoline (glibc's __restore_rt): mov $15,%rax (rt_sigreturn); syscall. libunwind's own
// unw_is_signal_frame does not say so of a frame it unwound to through the trampoline's CFI.
bool Unwinder::isSignalTrampoline(const ModuleMap& modules, quint64 ip)
{
    if (const auto known = m_trampolines.constFind(ip); known != m_trampolines.constEnd())
        return *known;
    static constexpr unsigned char kCode[] = { 0x48, 0xc7, 0xc0, 0x0f, 0x00, 0x00, 0x00, 0x0f, 0x05 };
    unsigned char code[sizeof kCode];
    const bool trampoline = modules.readFromImage(ip, code, sizeof code) && std::memcmp(code, kCode, sizeof code) == 0;
    if (m_trampolines.size() >= kMaxKnownAddresses)
        m_trampolines.clear();
    m_trampolines.insert(ip, trampoline);
    return trampoline;
}

void Unwinder::setPythonTrampoline(std::optional<PythonTrampoline> trampoline)
{
    m_pythonTrampoline = std::move(trampoline);
}

std::optional<int> Unwinder::pythonTrampolineOffset(pid_t pid, const ModuleMap& modules, quint64 address)
{
    return m_pythonTrampoline ? m_pythonTrampoline->offsetInCopy(pid, address, modules) : std::nullopt;
}

// Goes on from a frame in a copy of the Python trampoline to its caller, which libunwind could not find (no unwind
// information covers the copy): the trampoline's own step gives the caller's pc, stack pointer and rbp, the other
// registers a callee keeps are as the unwind has them, and the unwind starts again from there.
bool Unwinder::stepOverPythonTrampoline(unw_cursor_t& cursor, void* unwindContext, int offset)
{
    auto& context = *static_cast<UnwindContext*>(unwindContext);
    const std::optional<PythonTrampoline::Step> step = m_pythonTrampoline->stepAt(offset);
    unw_word_t sp = 0;
    if (!step || unw_get_reg(&cursor, UNW_REG_SP, &sp) < 0)
        return false;
    user_regs_struct caller = context.registers;
    for (const auto& [number, field] : kCalleeSaved) {
        unw_word_t value = 0;
        if (unw_get_reg(&cursor, number, &value) == 0)
            caller.*field = value;
    }
    unw_word_t returnAddress = 0;
    if (accessMemory(m_addressSpace, sp + step->returnAddressOffset, &returnAddress, 0, &context) != 0)
        return false;
    unw_word_t rbp = caller.rbp;
    if (step->savedRbpOffset && accessMemory(m_addressSpace, sp + *step->savedRbpOffset, &rbp, 0, &context) != 0)
        return false;
    caller.rip = returnAddress;
    caller.rsp = sp + step->returnAddressOffset + 8;
    caller.rbp = rbp;
    context.registers = caller;
    return unw_init_remote(&cursor, m_addressSpace, &context) >= 0;
}

void Unwinder::flushCaches()
{
    m_trampolines.clear();
    if (m_pythonTrampoline)
        m_pythonTrampoline->forgetCopies();
    unw_flush_cache(m_addressSpace, 0, 0);
}

UnwindResult Unwinder::unwind(const StackSnapshot& snapshot, const ModuleMap& modules, int maxFrames)
{
    UnwindResult result;
    const QuietSignalMask quiet;
    UnwindContext context { &snapshot, &modules, snapshot.registers };
    unw_cursor_t cursor;
    if (unw_init_remote(&cursor, m_addressSpace, &context) < 0) {
        result.pcs.append(snapshot.registers.rip);
        return result;
    }
    bool exact = true; // where the thread stopped
    while (result.pcs.size() < maxFrames) {
        unw_word_t ip = 0;
        if (unw_get_reg(&cursor, UNW_REG_IP, &ip) < 0 || ip == 0)
            break;
        // A return address points after the call. A signal trampoline is "returned" to at its first instruction,
        // and the frame the signal interrupted is at the very instruction it was interrupted at.
        const bool signalFrame = isSignalTrampoline(modules, ip);
        result.pcs.append(exact || signalFrame ? ip : ip - 1);
        exact = signalFrame;
        if (const std::optional<int> offset = pythonTrampolineOffset(snapshot.pid, modules, ip)) {
            if (!stepOverPythonTrampoline(cursor, &context, *offset))
                break;
            continue;
        }
        const int step = unw_step(&cursor);
        if (step == 0) {
            result.complete = !context.refusedRead;
            break;
        }
        if (step < 0)
            break;
    }
    result.stackBytesUsed
        = context.stackReadEnd > snapshot.registers.rsp ? context.stackReadEnd - snapshot.registers.rsp : 0;
    return result;
}

} // namespace wpm
