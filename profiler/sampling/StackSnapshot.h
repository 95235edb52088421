#pragma once
// What a stopped thread leaves behind for unwinding: its registers and a copy of the top of its stack.

#include <QByteArray>

#include <sys/types.h>
#include <sys/user.h>

namespace wpm {

struct StackSnapshot {
    pid_t pid = 0;
    pid_t tid = 0;
    user_regs_struct registers {};
    quint64 stackStart = 0; // target address of stack[0]
    QByteArray stack;
};

} // namespace wpm
