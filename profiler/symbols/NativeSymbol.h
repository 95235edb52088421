#pragma once
// What the symbolizer knows about one native code address.

#include <QString>
#include <QtGlobal>

namespace wpm {

struct NativeSymbol {
    // Demangled name of the enclosing symbol; "0x<hex file offset>" when none was found.
    QString function;
    QString file; // source file from DWARF, empty without debug info
    int line = 0; // 0 without debug info
    QString module; // file name of the executable or shared object, without directory
    quint64 symbolOffset = 0; // bytes from the start of the symbol
    bool found = false; // whether `function` is a real symbol name

    friend bool operator==(const NativeSymbol&, const NativeSymbol&) = default;
};

} // namespace wpm
