#pragma once
// One ELF file opened for symbolization: a libdwfl session of its own (symbol tables, the separate
// debug file found by build-id or .gnu_debuglink, DWARF line tables) plus its PT_LOAD table.

#include "core/Result.h"
#include "symbols/InlineCallSite.h"
#include "symbols/NativeSymbol.h"
#include "symbols/SymbolIndex.h"

#include <QHash>
#include <QString>

#include <memory>
#include <optional>
#include <vector>

struct Dwfl;
struct Dwfl_Module;

namespace wpm {

class ElfModule {
public:
    // Reads the file's headers now; symbol tables and DWARF are loaded by libdwfl on first use.
    static Result<std::unique_ptr<ElfModule>> open(const QString& path);
    ~ElfModule();
    ElfModule(const ElfModule&) = delete;
    ElfModule& operator=(const ElfModule&) = delete;

    // Symbol and source line at a file offset; found == false (and no name) when no symbol covers it.
    // `module` is left to the caller.
    NativeSymbol symbolize(quint64 fileOffset);
    // File offset of the function symbol whose raw or demangled name equals `name`; for a versioned
    // symbol the unversioned name finds the default version.
    std::optional<quint64> fileOffsetOfSymbol(const QString& name);

private:
    struct DwflDeleter {
        void operator()(Dwfl* dwfl) const;
    };
    struct Segment { // one PT_LOAD program header
        quint64 fileOffset = 0;
        quint64 vaddr = 0;
        quint64 fileSize = 0;
    };

    ElfModule() = default;
    std::optional<quint64> addressOf(quint64 fileOffset) const;
    std::optional<quint64> fileOffsetOf(quint64 address) const;
    SourceLocation sourceLocation(quint64 address, std::optional<quint64> symbolStart);
    // The DWARF function holding a symbol, cached per symbol: finding it walks the whole CU.
    std::optional<Dwarf_Die> functionDie(quint64 symbolStart, quint64 address);
    const QString& internName(const char* rawName);
    const QString& internFile(const char* path);

    std::unique_ptr<Dwfl, DwflDeleter> m_dwfl;
    Dwfl_Module* m_module = nullptr; // owned by m_dwfl
    quint64 m_bias = 0; // libdwfl address = ELF vaddr + bias
    std::vector<Segment> m_segments;
    SymbolIndex m_symbols; // built on the first symbolize()
    Dwarf_Addr m_dwarfBias = 0; // DWARF address = libdwfl address - this
    QHash<quint64, std::optional<Dwarf_Die>> m_functionDies;
    // Keyed by libdw's string pointers (stable while m_dwfl lives): each function is demangled once
    // and every cached symbol of it shares one QString.
    QHash<const char*, QString> m_names;
    QHash<const char*, QString> m_files;
};

} // namespace wpm
