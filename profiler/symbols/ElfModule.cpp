#include "symbols/ElfModule.h"

#include "symbols/Demangle.h"

#include <QFile>

#include <elfutils/libdwfl.h>
#include <gelf.h>

#include <cstring>

namespace wpm {

namespace {

// Names and paths come from the profiled program's files: bound them before they reach reports.
constexpr qsizetype kMaxNameLength = 1024;

QString bounded(QString text)
{
    if (text.size() > kMaxNameLength) {
        text.truncate(kMaxNameLength - 1);
        text.append(QChar(0x2026)); // …
    }
    return text;
}

// Default search path ":.debug:/usr/lib/debug": /usr/lib/debug/.build-id/xx/rest.debug by build-id,
// then the .gnu_debuglink name next to the file, in .debug/ and under /usr/lib/debug/<dir>.
// elfutils also asks debuginfod servers when the user set DEBUGINFOD_URLS (an explicit opt-in).
char* s_debuginfoPath = nullptr;

const Dwfl_Callbacks s_offlineCallbacks = {
    dwfl_build_id_find_elf,
    dwfl_standard_find_debuginfo,
    dwfl_offline_section_address,
    &s_debuginfoPath,
};

} // namespace

void ElfModule::DwflDeleter::operator()(Dwfl* dwfl) const
{
    dwfl_end(dwfl);
}

ElfModule::~ElfModule() = default;

Result<std::unique_ptr<ElfModule>> ElfModule::open(const QString& path)
{
    // One Dwfl per file: an offline Dwfl lays its modules out at invented addresses anyway, and a
    // session per file can be dropped on its own when the file is replaced on disk.
    std::unique_ptr<ElfModule> module(new ElfModule);
    module->m_dwfl.reset(dwfl_begin(&s_offlineCallbacks));
    if (!module->m_dwfl)
        return Error { QStringLiteral("Cannot start libdwfl: %1").arg(QString::fromUtf8(dwfl_errmsg(-1))) };

    const QByteArray localPath = QFile::encodeName(path);
    dwfl_report_begin(module->m_dwfl.get());
    module->m_module = dwfl_report_offline(module->m_dwfl.get(), localPath.constData(), localPath.constData(), -1);
    dwfl_report_end(module->m_dwfl.get(), nullptr, nullptr);
    if (module->m_module == nullptr) {
        return Error { QStringLiteral("Cannot read symbols from %1: %2. Check that the file exists and is an "
                                      "ELF executable or shared library.")
                           .arg(path, QString::fromUtf8(dwfl_errmsg(-1))) };
    }

    GElf_Addr bias = 0;
    Elf* elf = dwfl_module_getelf(module->m_module, &bias);
    size_t headerCount = 0;
    if (elf == nullptr || elf_getphdrnum(elf, &headerCount) != 0)
        return Error { QStringLiteral("Cannot read the program headers of %1.").arg(path) };
    module->m_bias = bias;
    for (size_t i = 0; i < headerCount; ++i) {
        GElf_Phdr header;
        if (gelf_getphdr(elf, static_cast<int>(i), &header) != nullptr && header.p_type == PT_LOAD)
            module->m_segments.push_back({ header.p_offset, header.p_vaddr, header.p_filesz });
    }
    return module;
}

NativeSymbol ElfModule::symbolize(quint64 fileOffset)
{
    NativeSymbol symbol;
    const std::optional<quint64> address = addressOf(fileOffset);
    if (!address)
        return symbol;
    if (!m_symbols.isBuilt())
        m_symbols.build(m_module);
    const std::optional<SymbolIndex::Hit> hit = m_symbols.find(*address);
    if (hit) {
        symbol.function = internName(hit->name);
        symbol.symbolOffset = hit->offsetInSymbol;
        symbol.found = true;
    }
    const SourceLocation location
        = sourceLocation(*address, hit ? std::optional(*address - hit->offsetInSymbol) : std::nullopt);
    if (location.file != nullptr) {
        symbol.file = internFile(location.file);
        symbol.line = location.line;
    }
    return symbol;
}

SourceLocation ElfModule::sourceLocation(quint64 address, std::optional<quint64> symbolStart)
{
    // Loads DWARF (from the separate debug file when there is one) on first use. In inlined code the
    // line table names the inlined header; a frame wants the line of the call in the function it names.
    if (symbolStart) {
        if (std::optional<Dwarf_Die> function = functionDie(*symbolStart, address)) {
            const SourceLocation callSite = outermostInlineCallSite(&*function, address - m_dwarfBias);
            if (callSite.file != nullptr)
                return callSite;
        }
    }
    SourceLocation location;
    if (Dwfl_Line* line = dwfl_module_getsrc(m_module, address))
        location.file = dwfl_lineinfo(line, nullptr, &location.line, nullptr, nullptr, nullptr);
    return location;
}

std::optional<quint64> ElfModule::fileOffsetOfSymbol(const QString& name)
{
    const QByteArray wanted = name.toUtf8();
    // Only a C++-looking request can match a demangled name; a plain one never needs demangling.
    const bool compareDemangled = !wanted.startsWith("_Z") && (wanted.contains("::") || wanted.contains('('));
    // glibc's .symtab names versions ("pthread_cond_wait@@GLIBC_2.3.2" is the default one, "@GLIBC_2.2.5"
    // an old one): an exact name wins, then the default version, then any version.
    enum Rank { Exact, DefaultVersion, OtherVersion, None };
    Rank bestRank = None;
    GElf_Addr bestAddress = 0;
    const int count = dwfl_module_getsymtab(m_module);
    for (int i = 1; i < count && bestRank != Exact; ++i) {
        GElf_Sym elfSymbol;
        GElf_Addr address = 0;
        GElf_Word section = SHN_UNDEF;
        const char* raw = dwfl_module_getsym_info(m_module, i, &elfSymbol, &address, &section, nullptr, nullptr);
        const int type = GELF_ST_TYPE(elfSymbol.st_info);
        if (raw == nullptr || section == SHN_UNDEF || (type != STT_FUNC && type != STT_GNU_IFUNC))
            continue;
        const char* at = std::strchr(raw, '@');
        const QByteArray unversioned = at ? QByteArray(raw, at - raw) : QByteArray::fromRawData(raw, qstrlen(raw));
        const bool exact = wanted == raw;
        const bool matches = exact || unversioned == wanted
            || (compareDemangled && raw[0] == '_' && raw[1] == 'Z' && demangleSymbol(unversioned.constData()) == name);
        const Rank rank = !matches ? None : (exact || !at) ? Exact : at[1] == '@' ? DefaultVersion : OtherVersion;
        if (rank < bestRank) {
            bestRank = rank;
            bestAddress = address;
        }
    }
    return bestRank == None ? std::nullopt : fileOffsetOf(bestAddress);
}

std::optional<quint64> ElfModule::addressOf(quint64 fileOffset) const
{
    for (const Segment& segment : m_segments) {
        if (fileOffset >= segment.fileOffset && fileOffset - segment.fileOffset < segment.fileSize)
            return fileOffset - segment.fileOffset + segment.vaddr + m_bias;
    }
    return std::nullopt;
}

std::optional<quint64> ElfModule::fileOffsetOf(quint64 address) const
{
    const quint64 vaddr = address - m_bias;
    for (const Segment& segment : m_segments) {
        if (vaddr >= segment.vaddr && vaddr - segment.vaddr < segment.fileSize)
            return vaddr - segment.vaddr + segment.fileOffset;
    }
    return std::nullopt;
}

std::optional<Dwarf_Die> ElfModule::functionDie(quint64 symbolStart, quint64 address)
{
    auto it = m_functionDies.find(symbolStart);
    if (it == m_functionDies.end()) {
        std::optional<Dwarf_Die> function;
        if (Dwarf_Die* cu = dwfl_module_addrdie(m_module, address, &m_dwarfBias))
            function = containingFunction(cu, address - m_dwarfBias);
        it = m_functionDies.insert(symbolStart, function);
    }
    return *it;
}

const QString& ElfModule::internName(const char* rawName)
{
    auto it = m_names.find(rawName);
    if (it == m_names.end()) {
        // A symbol version goes ("read@@GLIBC_2.2.5" -> "read"); a PLT stub's "@plt" stays.
        const char* at = std::strchr(rawName, '@');
        at = at && std::strcmp(at, "@plt") == 0 ? nullptr : at;
        const QByteArray name = at ? QByteArray(rawName, at - rawName) : QByteArray(rawName);
        it = m_names.insert(rawName, bounded(demangleSymbol(name.constData())));
    }
    return *it;
}

const QString& ElfModule::internFile(const char* path)
{
    auto it = m_files.find(path);
    if (it == m_files.end())
        it = m_files.insert(path, bounded(QFile::decodeName(path)));
    return *it;
}

} // namespace wpm
