#include "profile/Frame.h"

namespace wpm {

size_t qHash(const Frame& frame, size_t seed) noexcept
{
    return qHashMulti(seed, frame.function, frame.file, frame.line, frame.module, static_cast<quint8>(frame.kind));
}

int compareFrames(const Frame& a, const Frame& b)
{
    // QString::compare is by UTF-16 code unit, so the order does not depend on the locale.
    if (const int c = a.function.compare(b.function))
        return c;
    if (const int c = a.file.compare(b.file))
        return c;
    if (const int c = a.module.compare(b.module))
        return c;
    if (a.line != b.line)
        return a.line < b.line ? -1 : 1;
    if (a.kind != b.kind)
        return a.kind < b.kind ? -1 : 1;
    return 0;
}

} // namespace wpm
