#include "symbols/InlineCallSite.h"

#include <dwarf.h>

namespace wpm {

namespace {

// Depth-first over the children of `parent` that contain pc, stopping at the first that `accept`s.
template <typename Accept>
std::optional<Dwarf_Die> findChildContaining(Dwarf_Die* parent, Dwarf_Addr pc, Accept accept, int depth = 0)
{
    Dwarf_Die child;
    if (depth > 64 || dwarf_child(parent, &child) != 0)
        return std::nullopt; // the depth bound keeps a malformed file from recursing without end
    do {
        const int tag = dwarf_tag(&child);
        if (accept(tag) && dwarf_haspc(&child, pc) > 0)
            return child;
        // Functions may sit in namespaces (clang), inlined calls in lexical blocks.
        if (tag == DW_TAG_namespace || tag == DW_TAG_lexical_block) {
            if (std::optional<Dwarf_Die> found = findChildContaining(&child, pc, accept, depth + 1))
                return found;
        }
    } while (dwarf_siblingof(&child, &child) == 0);
    return std::nullopt;
}

} // namespace

std::optional<Dwarf_Die> containingFunction(Dwarf_Die* cu, Dwarf_Addr pc)
{
    return findChildContaining(cu, pc, [](int tag) { return tag == DW_TAG_subprogram; });
}

SourceLocation outermostInlineCallSite(Dwarf_Die* function, Dwarf_Addr pc)
{
    std::optional<Dwarf_Die> inlined
        = findChildContaining(function, pc, [](int tag) { return tag == DW_TAG_inlined_subroutine; });
    Dwarf_Die cu;
    Dwarf_Attribute attribute;
    Dwarf_Word fileIndex = 0;
    Dwarf_Word line = 0;
    Dwarf_Files* files = nullptr;
    size_t fileCount = 0;
    if (!inlined || dwarf_diecu(function, &cu, nullptr, nullptr) == nullptr
        || dwarf_formudata(dwarf_attr(&*inlined, DW_AT_call_file, &attribute), &fileIndex) != 0
        || dwarf_formudata(dwarf_attr(&*inlined, DW_AT_call_line, &attribute), &line) != 0
        || dwarf_getsrcfiles(&cu, &files, &fileCount) != 0 || fileIndex >= fileCount)
        return {};
    return { dwarf_filesrc(files, fileIndex, nullptr, nullptr), static_cast<int>(line) };
}

} // namespace wpm
