#include "PythonInterpreterLocator.h"

#include "ElfSymbolLookup.h"
#include "RemoteMemory.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QRegularExpression>

#include <cstring>

namespace wpm {
namespace {

// Where the module's link-time address 0 lies in the target: a mapping of the file at page-aligned offset
// O holds the PT_LOAD segment whose file range starts on that page.
std::optional<quint64> loadBias(const ModuleMap& modules, const QString& path, const ElfImage& image)
{
    constexpr quint64 kPage = 4096;
    for (const MemoryMapping& mapping : modules.mappings()) {
        if (mapping.path != path)
            continue;
        for (const ElfSegment& segment : image.loadSegments())
            if ((segment.fileOffset & ~(kPage - 1)) == mapping.offset)
                return mapping.start - (segment.virtualAddress & ~(kPage - 1));
    }
    return std::nullopt;
}

// The files worth looking into: anything named like python (libpython3.X.so, python3.X), then the executable.
QStringList candidateModules(pid_t pid, const ModuleMap& modules)
{
    QStringList candidates;
    for (const MemoryMapping& mapping : modules.mappings())
        if (mapping.isFile() && QFileInfo(mapping.path).fileName().contains(QLatin1String("python"))
            && !candidates.contains(mapping.path))
            candidates.append(mapping.path);
    const QString executable = QFileInfo(QStringLiteral("/proc/%1/exe").arg(pid)).symLinkTarget();
    if (!executable.isEmpty() && !candidates.contains(executable))
        candidates.append(executable);
    return candidates;
}

const MemoryMapping* firstMappingOf(const ModuleMap& modules, const QString& path)
{
    for (const MemoryMapping& mapping : modules.mappings())
        if (mapping.path == path)
            return &mapping;
    return nullptr;
}

// CPython 3.12+'s perf trampoline (_Py_trampoline_func_start to _Py_trampoline_func_end), which its perf support
// copies for each Python function: the unwinder must know the copies (see PythonTrampoline).
QByteArray trampolineCode(const ElfSymbolLookup& symbols, const ModuleMap& modules, quint64 bias)
{
    const std::optional<quint64> start = symbols.symbolAddress("_Py_trampoline_func_start");
    const std::optional<quint64> end = symbols.symbolAddress("_Py_trampoline_func_end");
    if (!start || !end || *end <= *start || *end - *start > 64)
        return {};
    QByteArray code(qsizetype(*end - *start), '\0');
    return modules.readFromImage(*start + bias, code.data(), size_t(code.size())) ? code : QByteArray();
}

} // namespace

std::optional<std::pair<int, int>> PythonInterpreterLocator::versionFromFileName(const QString& path)
{
    static const QRegularExpression pattern(QStringLiteral("python(\\d)\\.(\\d+)"));
    const QRegularExpressionMatch match = pattern.match(QFileInfo(path).fileName());
    if (!match.hasMatch())
        return std::nullopt;
    return std::pair { match.captured(1).toInt(), match.captured(2).toInt() };
}

Result<PythonInterpreter> PythonInterpreterLocator::locate(pid_t pid, ElfImageCache& images)
{
    Result<ModuleMap> modules = ModuleMap::read(pid, images);
    if (!modules)
        return modules.error();
    return locate(pid, modules.value());
}

Result<PythonInterpreter> PythonInterpreterLocator::locate(pid_t pid, const ModuleMap& modules)
{
    std::optional<std::pair<int, int>> namedVersion; // of a python module without _PyRuntime (before 3.7)
    for (const QString& path : candidateModules(pid, modules)) {
        if (!namedVersion)
            namedVersion = versionFromFileName(path);
        const MemoryMapping* mapping = firstMappingOf(modules, path);
        const std::shared_ptr<const ElfImage> image = mapping ? modules.image(*mapping) : nullptr;
        if (!image)
            continue;
        const ElfSymbolLookup symbols(*image);
        std::optional<quint64> runtime = symbols.symbolAddress("_PyRuntime");
        if (!runtime)
            runtime = symbols.sectionAddress(".PyRuntime");
        const std::optional<quint64> bias = loadBias(modules, path, *image);
        if (!runtime || !bias)
            continue;

        PythonInterpreter found;
        found.modulePath = path;
        found.loadBias = *bias;
        found.runtimeAddress = *runtime + *bias;
        RemoteMemory memory(pid);
        // Py_Version (3.11+) is PY_VERSION_HEX: 0xMMmmppLS.
        if (const std::optional<quint64> versionSymbol = symbols.symbolAddress("Py_Version")) {
            quint32 hex = 0;
            if (!memory.readValue(*versionSymbol + *bias, hex))
                return Error { QCoreApplication::translate("wpm::PythonInterpreterLocator",
                    "Cannot read the memory of process %1 (%2): it has exited, or attaching needs "
                    "ptrace permission (set kernel.yama.ptrace_scope=0, or let the workbench launch "
                    "the server).")
                                   .arg(pid)
                                   .arg(QString::fromLocal8Bit(strerror(memory.lastError()))) };
            found.major = int(hex >> 24);
            found.minor = int((hex >> 16) & 0xff);
            found.micro = int((hex >> 8) & 0xff);
        } else if (const auto fromName = versionFromFileName(path)) {
            std::tie(found.major, found.minor) = *fromName;
        } else {
            return Error { QCoreApplication::translate("wpm::PythonInterpreterLocator",
                "Process %1 runs CPython from %2, but its version cannot be told (no Py_Version "
                "symbol, no version in the file name). Python frames are not sampled.")
                               .arg(pid)
                               .arg(path) };
        }

        const QString unsupported = QCoreApplication::translate("wpm::PythonInterpreterLocator",
            "Unsupported Python %1.%2 in process %3 (%4): Python frames can be read "
            "from CPython 3.9 to 3.13. Native sampling continues.")
                                        .arg(found.major)
                                        .arg(found.minor)
                                        .arg(pid)
                                        .arg(path);
        if (found.major == 3 && found.minor == 13) {
            QByteArray block(qsizetype(kPythonDebugOffsetsSize), '\0');
            if (!memory.read(found.runtimeAddress, block.data(), size_t(block.size())))
                return Error { QCoreApplication::translate(
                    "wpm::PythonInterpreterLocator", "Cannot read _PyRuntime in process %1: it may have exited.")
                                   .arg(pid) };
            Result<PythonLayout> layout = pythonLayoutFromDebugOffsets(block);
            if (!layout)
                return layout.error();
            found.layout = layout.value();
        } else if (const std::optional<PythonLayout> layout = pythonLayout(found.major, found.minor)) {
            found.layout = *layout;
        } else {
            return Error { unsupported };
        }

        const auto code = symbols.symbolAddress("PyCode_Type");
        const auto unicode = symbols.symbolAddress("PyUnicode_Type");
        const auto bytes = symbols.symbolAddress("PyBytes_Type");
        if (!code || !unicode || !bytes)
            return Error { QCoreApplication::translate("wpm::PythonInterpreterLocator",
                "CPython %1 in process %2 (%3) lacks the symbols PyCode_Type, PyUnicode_Type or "
                "PyBytes_Type: Python frames are not sampled.")
                               .arg(found.versionString())
                               .arg(pid)
                               .arg(path) };
        found.codeTypeAddress = *code + *bias;
        found.unicodeTypeAddress = *unicode + *bias;
        found.bytesTypeAddress = *bytes + *bias;
        if (found.layout.frameObjects) {
            const auto frame = symbols.symbolAddress("PyFrame_Type");
            if (!frame)
                return Error { QCoreApplication::translate("wpm::PythonInterpreterLocator",
                    "CPython %1 in process %2 (%3) lacks the symbol PyFrame_Type: Python frames are "
                    "not sampled.")
                                   .arg(found.versionString())
                                   .arg(pid)
                                   .arg(path) };
            found.frameTypeAddress = *frame + *bias;
        }
        found.trampolineCode = trampolineCode(symbols, modules, *bias);
        return found;
    }
    if (namedVersion)
        return Error { QCoreApplication::translate("wpm::PythonInterpreterLocator",
            "Unsupported Python %1.%2 in process %3: Python frames can be read from CPython 3.9 to 3.13. "
            "Native sampling continues.")
                           .arg(namedVersion->first)
                           .arg(namedVersion->second)
                           .arg(pid) };
    return Error { QCoreApplication::translate("wpm::PythonInterpreterLocator",
        "Process %1 runs no CPython interpreter (no _PyRuntime in its executable or a libpython it "
        "maps): only native frames are sampled.")
                       .arg(pid) };
}

} // namespace wpm
