#pragma once
// Predicts whether the kernel will let us ptrace a process and, when not, says why and what to do,
// before the sampler tries; also turns a real ptrace errno into the same kind of message.

#include "ProcFs.h"
#include "core/Result.h"

#include <QString>

#include <sys/types.h>

namespace wpm {

// Everything the decision depends on, gathered from /proc once so that the decision itself is a pure
// function that tests can feed with any combination.
struct AttachFacts {
    pid_t pid = 0;
    bool exists = false;
    bool isSelf = false; // pid is the workbench or one of its threads
    QString name; // comm of the target
    ThreadState state = ThreadState::Unknown;
    bool isKernelThread = false;
    pid_t tracerPid = 0; // 0: untraced
    QString tracerName;
    bool tracerIsSelf = false; // the tracer is one of our threads (the sampler)
    bool isDescendant = false; // the target descends from the workbench (it launched it)
    bool sameCredentials = true; // the target's real, effective and saved uids and gids are our real ones
    uid_t targetUid = 0;

    // The tracer's side: Yama's kernel.yama.ptrace_scope (-1 when Yama is absent) and CAP_SYS_PTRACE.
    int yamaPtraceScope = -1;
    bool hasPtraceCapability = false;
};

// The facts for pid as they are now, including this process's Yama scope and capabilities.
AttachFacts gatherAttachFacts(pid_t pid);

// /proc/sys/kernel/yama/ptrace_scope (0..3), or -1 when Yama is not built in.
int readYamaPtraceScope();

// Whether CAP_SYS_PTRACE is in this process's effective set (CapEff of /proc/self/status, bit 19).
bool hasPtraceCapability();

// Success when the kernel should allow attaching, else a translated message naming the cause and the fix.
Status checkAttachable(const AttachFacts& facts);
Status checkAttachable(pid_t pid);

// A message for an errno returned by a real ptrace call on pid (EPERM, ESRCH, EBUSY, others).
QString explainPtraceError(int errnoValue, const AttachFacts& facts);
QString explainPtraceError(int errnoValue, pid_t pid);

} // namespace wpm
