#pragma once
// Turns a mangled C++ symbol name into a readable one.

#include <QString>

namespace wpm {

// The demangled form of an Itanium-ABI name ("_Z..."); any other name, or one that does not demangle,
// comes back unchanged (so a C name like "f" never becomes "float").
QString demangleSymbol(const char* name);

} // namespace wpm
