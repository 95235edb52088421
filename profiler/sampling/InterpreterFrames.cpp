#include "InterpreterFrames.h"

#include "symbols/PythonTrampolineModule.h"

#include <QFileInfo>
#include <QStringList>

namespace wpm {
namespace {

// Name prefixes of CPython 3.9-3.13's call path between the evaluation loop and the C functions it calls,
// and of its startup and thread entry.
const QStringList& plumbingPrefixes()
{
    static const QStringList prefixes {
        // the evaluation loop's entry and the call path between it and the C functions it calls
        QStringLiteral("_PyEval_"),
        QStringLiteral("PyEval_"),
        QStringLiteral("_PyFunction_Vectorcall"),
        QStringLiteral("_PyObject_Vectorcall"),
        QStringLiteral("PyObject_Vectorcall"),
        QStringLiteral("_PyObject_Call"),
        QStringLiteral("PyObject_Call"),
        QStringLiteral("_PyObject_FastCall"),
        QStringLiteral("_PyObject_MakeTpCall"),
        QStringLiteral("_PyVectorcall_Call"),
        QStringLiteral("PyVectorcall_Call"),
        QStringLiteral("method_vectorcall"),
        QStringLiteral("cfunction_vectorcall"),
        QStringLiteral("cfunction_call"),
        QStringLiteral("vectorcall_"),
        QStringLiteral("slot_tp_call"),
        QStringLiteral("function_code_fastcall"),
        QStringLiteral("call_function"),
        QStringLiteral("do_call_core"),
        QStringLiteral("object_vacall"),
        QStringLiteral("_PyCFunction"),
        QStringLiteral("gen_send"),
        QStringLiteral("gen_iternext"),
        // perf support (3.12+): the evaluator that calls the loop through a trampoline copy
        QStringLiteral("py_trampoline_evaluator"),
        // start-up: running the main module
        QStringLiteral("_PyRun_"),
        QStringLiteral("PyRun_"),
        QStringLiteral("run_mod"),
        QStringLiteral("run_eval_code_obj"),
        QStringLiteral("pyrun_"),
        QStringLiteral("pymain_"),
        QStringLiteral("Py_RunMain"),
        QStringLiteral("Py_BytesMain"),
        QStringLiteral("Py_Main"),
        // a thread's entry, exec() and helpers that only call on
        QStringLiteral("thread_run"),
        QStringLiteral("t_bootstrap"),
        QStringLiteral("pythread_wrapper"),
        QStringLiteral("builtin_exec"),
        QStringLiteral("exec_code_in_module"),
        QStringLiteral("context_run"),
        QStringLiteral("partial_call"),
        QStringLiteral("partial_vectorcall"),
    };
    return prefixes;
}

bool isInterpreterModule(const QString& modulePath)
{
    const QString name = QFileInfo(modulePath).fileName();
    return name.startsWith(QLatin1String("python")) || name.startsWith(QLatin1String("libpython"));
}

} // namespace

InterpreterRole interpreterRole(const QString& modulePath, const QString& function, bool symbolFound)
{
    if (modulePath == kPythonTrampolinePath)
        return InterpreterRole::Plumbing;
    if (!isInterpreterModule(modulePath))
        return InterpreterRole::Meaningful;
    if (function == QLatin1String("_PyEval_EvalFrameDefault"))
        return InterpreterRole::Evaluation;
    // A stripped interpreter (Debian's) names only its exported functions: an address without a name is
    // one of its static helpers, which says nothing to a reader of Python frames.
    if (!symbolFound || function == QLatin1String("main"))
        return InterpreterRole::Plumbing;
    for (const QString& prefix : plumbingPrefixes())
        if (function.startsWith(prefix))
            return InterpreterRole::Plumbing;
    return InterpreterRole::Meaningful;
}

} // namespace wpm
