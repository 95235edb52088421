#include "symbols/Demangle.h"

#include <cstdlib>
#include <cxxabi.h>
#include <memory>

namespace wpm {

QString demangleSymbol(const char* name)
{
    if (name == nullptr)
        return {};
    if (name[0] == '_' && name[1] == 'Z') {
        int status = 0;
        const std::unique_ptr<char, decltype(&std::free)> demangled(
            abi::__cxa_demangle(name, nullptr, nullptr, &status), &std::free);
        if (status == 0 && demangled)
            return QString::fromUtf8(demangled.get());
    }
    return QString::fromUtf8(name);
}

} // namespace wpm
