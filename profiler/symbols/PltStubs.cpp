#include "symbols/PltStubs.h"

#include <QHash>

#include <cstring>
#include <gelf.h>
#include <optional>

namespace wpm {
namespace {

int leadingUnderscores(const char* name)
{
    int count = 0;
    while (name[count] == '_')
        ++count;
    return count;
}

// Address -> name of the exported indirect functions (memcpy, strlen...), the fewest underscores among aliases.
QHash<quint64, QByteArray> indirectFunctions(Elf* elf)
{
    QHash<quint64, QByteArray> names;
    Elf_Scn* section = nullptr;
    while ((section = elf_nextscn(elf, section)) != nullptr) {
        GElf_Shdr header;
        Elf_Data* data = nullptr;
        if (gelf_getshdr(section, &header) == nullptr || header.sh_type != SHT_DYNSYM || header.sh_entsize == 0
            || (data = elf_getdata(section, nullptr)) == nullptr)
            continue;
        for (int i = 1; i < int(header.sh_size / header.sh_entsize); ++i) {
            GElf_Sym symbol;
            const char* name
                = gelf_getsym(data, i, &symbol) ? elf_strptr(elf, header.sh_link, symbol.st_name) : nullptr;
            if (name == nullptr || *name == '\0' || GELF_ST_TYPE(symbol.st_info) != STT_GNU_IFUNC)
                continue;
            QByteArray& known = names[symbol.st_value];
            if (known.isEmpty() || leadingUnderscores(name) < leadingUnderscores(known.constData()))
                known = name;
        }
    }
    return names;
}

// GOT slot -> the function the dynamic linker puts in it: JUMP_SLOT for .plt entries, GLOB_DAT for .plt.got, and
// IRELATIVE for a module's calls to its own indirect functions (libc's memcpy, strlen...).
QHash<quint64, QByteArray> slotNames(Elf* elf)
{
    const QHash<quint64, QByteArray> indirect = indirectFunctions(elf);
    QHash<quint64, QByteArray> names;
    Elf_Scn* section = nullptr;
    while ((section = elf_nextscn(elf, section)) != nullptr) {
        GElf_Shdr header;
        if (gelf_getshdr(section, &header) == nullptr || header.sh_type != SHT_RELA || header.sh_entsize == 0)
            continue;
        Elf_Scn* symbols = elf_getscn(elf, header.sh_link);
        GElf_Shdr symbolsHeader;
        if (symbols == nullptr || gelf_getshdr(symbols, &symbolsHeader) == nullptr
            || symbolsHeader.sh_type != SHT_DYNSYM)
            continue;
        Elf_Data* relocations = elf_getdata(section, nullptr);
        Elf_Data* symbolData = elf_getdata(symbols, nullptr);
        if (relocations == nullptr || symbolData == nullptr)
            continue;
        const auto count = int(header.sh_size / header.sh_entsize);
        for (int i = 0; i < count; ++i) {
            GElf_Rela relocation;
            if (gelf_getrela(relocations, i, &relocation) == nullptr)
                continue;
            const auto type = GELF_R_TYPE(relocation.r_info);
            if (type == R_X86_64_IRELATIVE && indirect.contains(quint64(relocation.r_addend)))
                names.insert(relocation.r_offset, indirect.value(quint64(relocation.r_addend)));
            if (type != R_X86_64_JUMP_SLOT && type != R_X86_64_GLOB_DAT)
                continue;
            GElf_Sym symbol;
            if (gelf_getsym(symbolData, int(GELF_R_SYM(relocation.r_info)), &symbol) == nullptr)
                continue;
            const char* name = elf_strptr(elf, symbolsHeader.sh_link, symbol.st_name);
            if (name != nullptr && *name != '\0')
                names.insert(relocation.r_offset, QByteArray(name));
        }
    }
    return names;
}

// The GOT slot a stub's indirect jump reads: jmp *rel32(%rip), after an optional endbr64 and bnd prefix.
std::optional<quint64> jumpSlot(const unsigned char* stub, quint64 size, quint64 address)
{
    quint64 at = 0;
    if (size >= 4 && std::memcmp(stub, "\xf3\x0f\x1e\xfa", 4) == 0)
        at += 4;
    if (at < size && stub[at] == 0xf2)
        ++at;
    if (at + 6 > size || stub[at] != 0xff || stub[at + 1] != 0x25)
        return std::nullopt;
    qint32 displacement = 0;
    std::memcpy(&displacement, stub + at + 2, sizeof displacement);
    return address + at + 6 + quint64(qint64(displacement));
}

} // namespace

std::vector<PltStub> pltStubs(Elf* elf, quint64 bias)
{
    std::vector<PltStub> stubs;
    size_t namesIndex = 0;
    if (elf == nullptr || elf_getshdrstrndx(elf, &namesIndex) != 0)
        return stubs;
    const QHash<quint64, QByteArray> names = slotNames(elf);
    if (names.isEmpty())
        return stubs;
    Elf_Scn* section = nullptr;
    while ((section = elf_nextscn(elf, section)) != nullptr) {
        GElf_Shdr header;
        if (gelf_getshdr(section, &header) == nullptr || header.sh_type != SHT_PROGBITS
            || (header.sh_flags & SHF_EXECINSTR) == 0)
            continue;
        const char* sectionName = elf_strptr(elf, namesIndex, header.sh_name);
        if (sectionName == nullptr || std::strncmp(sectionName, ".plt", 4) != 0)
            continue;
        Elf_Data* data = elf_getdata(section, nullptr);
        const quint64 stubSize = header.sh_entsize != 0 ? header.sh_entsize : 16;
        if (data == nullptr || data->d_buf == nullptr || data->d_size < header.sh_size)
            continue;
        const auto* code = static_cast<const unsigned char*>(data->d_buf);
        for (quint64 offset = 0; offset + stubSize <= header.sh_size; offset += stubSize) {
            const std::optional<quint64> slot = jumpSlot(code + offset, stubSize, header.sh_addr + offset);
            const auto name = slot ? names.constFind(*slot) : names.constEnd();
            if (name != names.constEnd())
                stubs.push_back({ header.sh_addr + offset + bias, stubSize, *name + "@plt" });
        }
    }
    return stubs;
}

} // namespace wpm
