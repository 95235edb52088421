#pragma once
// A module's code symbols sorted by address. libdwfl 0.188's dwfl_module_addrinfo scans the whole
// symbol table on every call (about 100 µs in libc); this index answers with a binary search.

#include <QtGlobal>

#include <QByteArray>

#include <deque>
#include <optional>
#include <vector>

struct Dwfl_Module;

namespace wpm {

class SymbolIndex {
public:
    struct Hit {
        const char* name = nullptr; // raw (mangled, maybe versioned) name owned by libdw
        quint64 offsetInSymbol = 0;
    };

    // Reads every code symbol of the module (its .symtab, the debug file's, or .dynsym), and names its PLT stubs.
    void build(Dwfl_Module* module);
    bool isBuilt() const { return m_built; }
    // The symbol containing `address` (a libdwfl module address); a sizeless symbol covers up to the next.
    std::optional<Hit> find(quint64 address) const;

private:
    struct Entry {
        quint64 start = 0;
        quint64 size = 0;
        const char* name = nullptr;
        int preference = 0; // among aliases at one address, the lowest wins
    };
    std::vector<Entry> m_entries;
    std::deque<QByteArray> m_stubNames; // the PLT stubs' names, which libdw does not hold
    bool m_built = false;
};

} // namespace wpm
