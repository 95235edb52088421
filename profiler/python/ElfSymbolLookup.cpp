#include "ElfSymbolLookup.h"

#include <cstring>
#include <elf.h>

namespace wpm {
namespace {

template <typename T> std::optional<T> readStruct(const ElfImage& image, quint64 offset)
{
    const auto bytes = image.bytesAt(offset, sizeof(T));
    if (bytes.empty())
        return std::nullopt;
    T value;
    std::memcpy(&value, bytes.data(), sizeof value);
    return value;
}

// A NUL-terminated string of a string table, bounded by the table.
QByteArray stringAt(const ElfImage& image, quint64 tableOffset, quint64 tableSize, quint64 index)
{
    if (index >= tableSize)
        return {};
    const auto bytes = image.bytesAt(tableOffset + index, tableSize - index);
    const auto* begin = reinterpret_cast<const char*>(bytes.data());
    return QByteArray(begin, qsizetype(strnlen(begin, bytes.size())));
}

} // namespace

ElfSymbolLookup::ElfSymbolLookup(const ElfImage& image)
    : m_image(image)
{
    const std::optional<Elf64_Ehdr> header = readStruct<Elf64_Ehdr>(image, 0);
    if (!header || header->e_shentsize != sizeof(Elf64_Shdr))
        return;
    QList<Elf64_Shdr> raw;
    for (quint64 i = 0; i < header->e_shnum; ++i) {
        const auto section = readStruct<Elf64_Shdr>(image, header->e_shoff + i * sizeof(Elf64_Shdr));
        if (!section)
            return;
        raw.append(*section);
    }
    if (header->e_shstrndx >= raw.size())
        return;
    const Elf64_Shdr& names = raw[header->e_shstrndx];
    for (const Elf64_Shdr& section : raw)
        m_sections.append({ stringAt(image, names.sh_offset, names.sh_size, section.sh_name), section.sh_type,
            section.sh_addr, section.sh_offset, section.sh_size, section.sh_link });
}

std::optional<quint64> ElfSymbolLookup::symbolAddress(const QByteArray& name) const
{
    // .symtab first: it is complete; .dynsym holds only what the module exports.
    for (quint32 type : { quint32(SHT_SYMTAB), quint32(SHT_DYNSYM) })
        for (const Section& section : m_sections)
            if (section.type == type)
                if (const std::optional<quint64> found = searchTable(section, name))
                    return found;
    return std::nullopt;
}

std::optional<quint64> ElfSymbolLookup::sectionAddress(const QByteArray& name) const
{
    for (const Section& section : m_sections)
        if (section.name == name && section.address != 0)
            return section.address;
    return std::nullopt;
}

std::optional<quint64> ElfSymbolLookup::searchTable(const Section& symbols, const QByteArray& name) const
{
    if (symbols.link >= quint32(m_sections.size()))
        return std::nullopt;
    const Section& strings = m_sections[symbols.link];
    const quint64 count = symbols.size / sizeof(Elf64_Sym);
    for (quint64 i = 1; i < count; ++i) {
        const auto symbol = readStruct<Elf64_Sym>(m_image, symbols.offset + i * sizeof(Elf64_Sym));
        if (!symbol)
            return std::nullopt;
        if (symbol->st_shndx == SHN_UNDEF || symbol->st_value == 0)
            continue;
        const QByteArray symbolName = stringAt(m_image, strings.offset, strings.size, symbol->st_name);
        if (symbolName == name || (symbolName.startsWith(name) && symbolName.at(name.size()) == '@'))
            return symbol->st_value;
    }
    return std::nullopt;
}

} // namespace wpm
