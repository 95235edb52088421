#pragma once
// The memory layout of one target process from /proc/PID/maps, with the ELF images behind its
// file-backed mappings and the unwind tables libunwind needs, all looked up locally.

#include "ElfImage.h"
#include "core/Result.h"
#include "symbols/VdsoImage.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <sys/types.h>

namespace wpm {

struct MemoryMapping {
    quint64 start = 0;
    quint64 end = 0;
    quint64 offset = 0;
    quint64 inode = 0;
    bool readable = false;
    bool writable = false;
    bool executable = false;
    // Empty for anonymous memory; "[stack]", "[vdso]" and the like for special mappings. For files, once read by
    // ModuleMap::read, where this process opens the file (see ElfImageCache::localFile), not always the maps text.
    QString path;
    bool fileMatches = true; // the file at `path` is the one mapped: false when deleted, replaced or out of reach

    bool contains(quint64 address) const { return address >= start && address < end; }
    bool isFile() const { return inode != 0 && path.startsWith(QLatin1Char('/')); }
    bool isVdso() const { return path == kVdsoPath; }
    // Code with an ELF image to read it from: a file, or the vDSO copied out of the process.
    bool hasImage() const { return isFile() || isVdso(); }
};

// Where libunwind finds a module's binary-search table (.eh_frame_hdr), in target addresses.
struct UnwindTable {
    quint64 startIp = 0;
    quint64 endIp = 0;
    quint64 headerAddress = 0;
    quint64 tableAddress = 0;
    quint64 entryCount = 0;
};

// Caches ELF images across maps re-reads and processes (a libc mapped by every worker is opened once), and where
// each process's files are found.
class ElfImageCache {
public:
    std::shared_ptr<const ElfImage> image(const QString& path, quint64 inode);

    // Where this process can open a file that process `pid` maps: the file at the mapped path when it has the mapped
    // inode, else the one under /proc/PID/root (a server in a container: its paths are relative to its own root),
    // else /proc/PID/map_files/START-END (deleted or replaced since it was mapped; only for root). When none is the
    // mapped file, `matches` is false and the path is one that is not opened by mistake for it.
    struct LocalFile {
        QString path;
        bool matches = false;
    };
    LocalFile localFile(pid_t pid, const MemoryMapping& mapping);

private:
    QHash<QString, std::shared_ptr<const ElfImage>> m_images; // key: path + inode
    QHash<QString, bool> m_failed;
    QHash<QString, LocalFile> m_localFiles; // key: pid, inode and mapped path
};

class ModuleMap {
public:
    static Result<ModuleMap> read(pid_t pid, ElfImageCache& images);
    // Parses the text of a maps file (exposed for tests).
    static QList<MemoryMapping> parse(QByteArrayView text);

    const QList<MemoryMapping>& mappings() const { return m_mappings; }
    // The mapped paths of executable files that do not match what was mapped (see ElfImageCache::localFile), once
    // each: code that gets no names and is unwound from the process's memory.
    QStringList unmatchedCode() const;
    const MemoryMapping* find(quint64 address) const;
    std::shared_ptr<const ElfImage> image(const MemoryMapping& mapping) const;

    // Copies target memory that is backed by a read-only file mapping from the local image.
    bool readFromImage(quint64 address, void* destination, size_t size) const;
    // The unwind table of the module containing `ip`, if it has one.
    std::optional<UnwindTable> unwindTable(quint64 ip) const;

private:
    std::optional<quint64> targetAddressOf(const QString& path, quint64 fileOffset) const;

    QList<MemoryMapping> m_mappings; // sorted by start
    std::shared_ptr<const ElfImage> m_vdso; // the kernel's vDSO (clock_gettime & co.), copied once per read
    ElfImageCache* m_images = nullptr;
    mutable QHash<QString, std::optional<UnwindTable>> m_tables;
};

} // namespace wpm
