#include "symbols/SymbolIndex.h"

#include "symbols/PltStubs.h"

#include <elfutils/libdwfl.h>
#include <gelf.h>

#include <algorithm>

namespace wpm {

namespace {

// Which alias names an address: a sized symbol before a sizeless one, an exported one (global or weak)
// before a local one, then the fewest leading underscores ("nanosleep" rather than "__nanosleep").
int preferenceOf(const GElf_Sym& symbol, const char* name)
{
    int underscores = 0;
    while (name[underscores] == '_' && underscores < 9)
        ++underscores;
    const bool local = GELF_ST_BIND(symbol.st_info) == STB_LOCAL;
    return (symbol.st_size == 0 ? 100 : 0) + (local ? 10 : 0) + underscores;
}

// After any symbol that names the same address.
constexpr int kStubPreference = 1000;

bool isCode(const GElf_Sym& symbol, Elf* elf, GElf_Word section)
{
    const int type = GELF_ST_TYPE(symbol.st_info);
    if (type == STT_FUNC || type == STT_GNU_IFUNC)
        return true;
    if (type != STT_NOTYPE || elf == nullptr)
        return false;
    // Untyped labels count only in executable sections (hand-written assembly functions).
    GElf_Shdr header;
    Elf_Scn* scn = elf_getscn(elf, section);
    return scn != nullptr && gelf_getshdr(scn, &header) != nullptr && (header.sh_flags & SHF_EXECINSTR) != 0;
}

} // namespace

void SymbolIndex::build(Dwfl_Module* module)
{
    m_built = true;
    m_entries.clear();
    m_stubNames.clear();
    const int count = dwfl_module_getsymtab(module);
    for (int i = 1; i < count; ++i) {
        GElf_Sym symbol;
        GElf_Addr address = 0;
        GElf_Word section = SHN_UNDEF;
        Elf* elf = nullptr;
        const char* name = dwfl_module_getsym_info(module, i, &symbol, &address, &section, &elf, nullptr);
        if (name != nullptr && *name != '\0' && section != SHN_UNDEF && section != SHN_ABS
            && isCode(symbol, elf, section))
            m_entries.push_back({ address, symbol.st_size, name, preferenceOf(symbol, name) });
    }
    GElf_Addr bias = 0;
    Elf* const elf = dwfl_module_getelf(module, &bias);
    for (PltStub& stub : pltStubs(elf, bias)) {
        m_stubNames.push_back(std::move(stub.name));
        m_entries.push_back({ stub.address, stub.size, m_stubNames.back().constData(), kStubPreference });
    }
    std::sort(m_entries.begin(), m_entries.end(), [](const Entry& a, const Entry& b) {
        return a.start != b.start ? a.start < b.start : a.preference < b.preference;
    });
    // Keep one alias per address: the preferred one sorts first.
    const auto sameStart = [](const Entry& a, const Entry& b) { return a.start == b.start; };
    m_entries.erase(std::unique(m_entries.begin(), m_entries.end(), sameStart), m_entries.end());
    m_entries.shrink_to_fit();
}

std::optional<SymbolIndex::Hit> SymbolIndex::find(quint64 address) const
{
    auto after = std::upper_bound(m_entries.begin(), m_entries.end(), address,
        [](quint64 value, const Entry& entry) { return value < entry.start; });
    if (after == m_entries.begin())
        return std::nullopt;
    const Entry& closest = *(after - 1);
    if (closest.size == 0)
        return Hit { closest.name, address - closest.start };
    // A few steps back for symbols nested in a larger one (assembly with inner labels).
    for (auto it = after; it != m_entries.begin() && after - it < 8;) {
        --it;
        if (it->size != 0 && address - it->start < it->size)
            return Hit { it->name, address - it->start };
    }
    return std::nullopt;
}

} // namespace wpm
