#pragma once
// Which native frames of a CPython process are the interpreter's own plumbing, replaced or dropped when a
// stack is shown with its Python frames, and which say something (a C function Python called, libc, I/O).

#include <QString>

namespace wpm {

enum class InterpreterRole {
    Evaluation, // _PyEval_EvalFrameDefault: one call runs one or more Python frames
    Plumbing, // calls, vectorcalls, startup and thread entry of the interpreter: said better by Python frames
    Meaningful, // anything else: a builtin or C extension at work, libc, the kernel's doorstep
};

// `modulePath` is the frame's executable or shared object: only an interpreter module (python3.X,
// libpython3.X.so) holds plumbing, so an extension's function of a similar name is kept.
InterpreterRole interpreterRole(const QString& modulePath, const QString& function, bool symbolFound);

} // namespace wpm
