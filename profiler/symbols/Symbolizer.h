#pragma once
// Turns native code addresses (module file on disk + file offset) into function, source file and line,
// opening each module lazily and caching modules and answers.
//
// Thread-compatible, not thread-safe: one instance belongs to one worker thread (libdwfl sessions are
// not safe to share). Each thread that symbolizes keeps its own Symbolizer.

#include "symbols/NativeSymbol.h"

#include <QHashFunctions> // std::hash<QString>
#include <QString>

#include <chrono>
#include <memory>
#include <optional>
#include <unordered_map>

namespace wpm {

class Symbolizer {
public:
    // Counters that let tests and diagnostics see the caches work.
    struct Stats {
        quint64 moduleOpens = 0; // attempts to open a module file (missing and non-ELF files included)
        quint64 cacheHits = 0; // symbolize() answered from the (module, offset) cache
        quint64 cacheMisses = 0; // symbolize() that had to look in the module
        quint64 notLookedUp = 0; // symbolize() answered "not found" because lookups were off
    };

    Symbolizer();
    ~Symbolizer();
    Symbolizer(const Symbolizer&) = delete;
    Symbolizer& operator=(const Symbolizer&) = delete;

    // `fileOffset` is pc - mapping start + mapping offset, from the /proc/PID/maps line that holds pc.
    // For a caller frame pass the return address minus one, so the line is the call's, not the next one.
    // A module that is missing, not ELF, or has no symbol at the offset gives found == false and
    // function "0x<hex file offset>" (module is still its file name); that answer is cached too.
    NativeSymbol symbolize(const QString& modulePath, quint64 fileOffset);

    // Off: symbolize() answers from the cache only, and an address not in it as not found (its file offset
    // for a name) without looking in the module or caching that answer. For building a call tree at once
    // after its symbolization was cancelled; on by default.
    void setLookUp(bool lookUp) { m_lookUp = lookUp; }

    // The inverse, for tests and function watches: the file offset of the function symbol whose mangled
    // or demangled name (with parameters, e.g. "ns::f(int)") equals `name`. An unversioned name finds a
    // versioned symbol's default version ("pthread_cond_wait" -> pthread_cond_wait@@GLIBC_2.3.2).
    std::optional<quint64> fileOffsetOfSymbol(const QString& modulePath, const QString& name);

    // How often a module's file is stat()ed to notice it was replaced (new mtime, inode or size), which
    // drops its caches and reopens it. Default one second, so hot lookups cost no system call.
    void setRevalidateInterval(std::chrono::milliseconds interval) { m_revalidateInterval = interval; }

    Stats stats() const { return m_stats; }
    // Why a module gave no symbols (missing, not ELF, ...); empty when it opened or was never asked for.
    QString moduleError(const QString& modulePath) const;

private:
    struct Module;
    Module& module(const QString& path);
    void open(Module& module, const QString& path);

    std::unordered_map<QString, std::unique_ptr<Module>> m_modules;
    std::chrono::milliseconds m_revalidateInterval { 1000 };
    Stats m_stats;
    bool m_lookUp = true;
};

} // namespace wpm
