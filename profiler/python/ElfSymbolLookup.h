#pragma once
// Finds the link-time addresses of a few named data symbols (_PyRuntime, Py_Version, PyCode_Type, ...)
// and sections (.PyRuntime) in an ELF image, from .symtab or, in stripped files, .dynsym.

#include "sampling/ElfImage.h"

#include <QByteArray>
#include <QHash>

#include <optional>

namespace wpm {

class ElfSymbolLookup {
public:
    explicit ElfSymbolLookup(const ElfImage& image);

    // st_value of the defined symbol `name` (unversioned name; "name@@VER" also matches).
    std::optional<quint64> symbolAddress(const QByteArray& name) const;
    // sh_addr of the section `name`.
    std::optional<quint64> sectionAddress(const QByteArray& name) const;

private:
    struct Section {
        QByteArray name;
        quint32 type = 0;
        quint64 address = 0;
        quint64 offset = 0;
        quint64 size = 0;
        quint32 link = 0;
    };
    std::optional<quint64> searchTable(const Section& symbols, const QByteArray& name) const;

    const ElfImage& m_image;
    QList<Section> m_sections;
};

} // namespace wpm
