#pragma once
// Finds where, inside a function's own source, the code at an address was inlined from, so a frame's
// file:line belongs to the function it names (not to a header the compiler inlined into it).

#include <elfutils/libdw.h>

#include <optional>

namespace wpm {

struct SourceLocation {
    const char* file = nullptr; // owned by libdw, valid while its Dwarf lives
    int line = 0;
};

// The concrete function (DW_TAG_subprogram) of a CU whose code contains `pc`. Linear in the size of
// the CU, so callers cache the answer per function.
std::optional<Dwarf_Die> containingFunction(Dwarf_Die* cu, Dwarf_Addr pc);

// For `pc` inside code inlined into `function`: the call site of the outermost inlined call, in the
// function's own source. An invalid location (file null) when `pc` is not in inlined code.
SourceLocation outermostInlineCallSite(Dwarf_Die* function, Dwarf_Addr pc);

} // namespace wpm
