#pragma once
// A module's PLT stubs, the few instructions each call to another module's function goes through. No symbol covers
// them, so a sample in one took the name of whatever symbol came before (_init). Each is named for the function its
// jump goes to, "name@plt", as perf and objdump name them.

#include <QByteArray>
#include <QtGlobal>

#include <vector>

typedef struct Elf Elf;

namespace wpm {

struct PltStub {
    quint64 address = 0; // link-time address plus `bias`
    quint64 size = 0;
    QByteArray name; // "name@plt"
};

// The stubs of .plt, .plt.sec and .plt.got whose indirect jump reads a GOT slot a dynamic relocation names.
std::vector<PltStub> pltStubs(Elf* elf, quint64 bias);

} // namespace wpm
