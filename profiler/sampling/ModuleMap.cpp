#include "ModuleMap.h"

#include <QCoreApplication>
#include <QFile>

#include <algorithm>
#include <cstring>
#include <sys/stat.h>
#include <sys/uio.h>

namespace wpm {
namespace {

// .eh_frame_hdr encodings (DWARF pointer encoding); libunwind's table search needs a sorted
// table of datarel sdata4 pairs, which is what GNU ld, gold, lld and mold write.
constexpr quint8 kEncodingOmit = 0xff;
constexpr quint8 kUdata4 = 0x03;
constexpr quint8 kSdata4 = 0x0b;
constexpr quint8 kDataRelSdata4 = 0x3b;

quint64 parseHex(QByteArrayView text, bool* ok)
{
    return QByteArray(text.data(), text.size()).toULongLong(ok, 16);
}

std::optional<struct stat> statOf(const QString& path)
{
    struct stat info { };
    if (::stat(QFile::encodeName(path).constData(), &info) != 0)
        return std::nullopt;
    return info;
}

// Only the inode is compared: through an overlay file system (a container's root) the device differs from the
// one /proc/PID/maps gives.
bool isMappedFile(const QString& path, quint64 inode)
{
    const std::optional<struct stat> info = statOf(path);
    return info && S_ISREG(info->st_mode) && quint64(info->st_ino) == inode;
}

// Whether process `pid` sees the same root directory as this one.
bool sharesRoot(pid_t pid)
{
    const std::optional<struct stat> ours = statOf(QStringLiteral("/"));
    const std::optional<struct stat> theirs = statOf(QStringLiteral("/proc/%1/root").arg(pid));
    return ours && theirs && ours->st_dev == theirs->st_dev && ours->st_ino == theirs->st_ino;
}

constexpr qsizetype kMaxLocalFiles = 8192;

} // namespace

std::shared_ptr<const ElfImage> ElfImageCache::image(const QString& path, quint64 inode)
{
    const QString key = path + QLatin1Char('#') + QString::number(inode);
    if (auto found = m_images.constFind(key); found != m_images.constEnd())
        return *found;
    if (m_failed.contains(key))
        return nullptr;
    Result<std::shared_ptr<const ElfImage>> opened = ElfImage::open(path);
    if (!opened) {
        m_failed.insert(key, true);
        return nullptr;
    }
    m_images.insert(key, opened.value());
    return opened.value();
}

ElfImageCache::LocalFile ElfImageCache::localFile(pid_t pid, const MemoryMapping& mapping)
{
    const QString key = QString::number(pid) + u'#' + QString::number(mapping.inode) + u'#' + mapping.path;
    if (auto found = m_localFiles.constFind(key); found != m_localFiles.constEnd())
        return *found;
    if (m_localFiles.size() >= kMaxLocalFiles)
        m_localFiles.clear(); // processes come and go: forget them all now and then rather than track their ends
    const QString underRoot = QStringLiteral("/proc/%1/root").arg(pid) + mapping.path;
    // The mapping itself, deleted file or not; opening it takes CAP_SYS_ADMIN (or CAP_CHECKPOINT_RESTORE).
    const QString mapFile
        = QStringLiteral("/proc/%1/map_files/%2-%3").arg(pid).arg(mapping.start, 0, 16).arg(mapping.end, 0, 16);
    LocalFile local;
    if (isMappedFile(mapping.path, mapping.inode))
        local = { mapping.path, true };
    else if (isMappedFile(underRoot, mapping.inode))
        local = { underRoot, true };
    else if (isMappedFile(mapFile, mapping.inode))
        local = { mapFile, true };
    else // never this process's own file of that name when the target has a root of its own
        local = { sharesRoot(pid) ? mapping.path : underRoot, false };
    m_localFiles.insert(key, local);
    return local;
}

QList<MemoryMapping> ModuleMap::parse(QByteArrayView text)
{
    QList<MemoryMapping> mappings;
    for (QByteArrayView line : QByteArray(text.data(), text.size()).split('\n')) {
        // start-end perms offset dev inode [path]
        const QList<QByteArray> fields = QByteArray(line.data(), line.size()).simplified().split(' ');
        if (fields.size() < 5)
            continue;
        const qsizetype dash = fields[0].indexOf('-');
        bool ok1 = false, ok2 = false, ok3 = false, ok4 = false;
        MemoryMapping mapping;
        mapping.start = parseHex(QByteArrayView(fields[0]).first(std::max<qsizetype>(dash, 0)), &ok1);
        mapping.end = parseHex(QByteArrayView(fields[0]).sliced(dash + 1), &ok2);
        mapping.offset = parseHex(fields[2], &ok3);
        mapping.inode = fields[4].toULongLong(&ok4);
        if (dash <= 0 || !ok1 || !ok2 || !ok3 || !ok4 || fields[1].size() < 3)
            continue;
        mapping.readable = fields[1][0] == 'r';
        mapping.writable = fields[1][1] == 'w';
        mapping.executable = fields[1][2] == 'x';
        if (fields.size() > 5) {
            // Paths may contain spaces: take everything after the inode column.
            const QByteArray rest = QByteArray(line.data(), line.size());
            const qsizetype pathStart = rest.indexOf(fields[5], rest.indexOf(fields[4]) + fields[4].size());
            mapping.path = QString::fromLocal8Bit(rest.mid(pathStart).trimmed());
        }
        mappings.append(mapping);
    }
    std::sort(mappings.begin(), mappings.end(),
        [](const MemoryMapping& a, const MemoryMapping& b) { return a.start < b.start; });
    return mappings;
}

Result<ModuleMap> ModuleMap::read(pid_t pid, ElfImageCache& images)
{
    QFile file(QStringLiteral("/proc/%1/maps").arg(pid));
    if (!file.open(QIODevice::ReadOnly))
        return Error { QCoreApplication::translate(
            "wpm::ModuleMap", "Cannot read the memory map of process %1 (%2); it may have exited.")
                           .arg(pid)
                           .arg(file.errorString()) };
    ModuleMap map;
    map.m_mappings = parse(file.readAll());
    map.m_images = &images;
    for (MemoryMapping& mapping : map.m_mappings) {
        if (mapping.isFile()) {
            const ElfImageCache::LocalFile local = images.localFile(pid, mapping);
            mapping.path = local.path;
            mapping.fileMatches = local.matches;
        }
        if (!mapping.isVdso() || mapping.end - mapping.start > (quint64(1) << 20))
            continue;
        QByteArray bytes(qsizetype(mapping.end - mapping.start), Qt::Uninitialized);
        iovec local { bytes.data(), size_t(bytes.size()) };
        iovec remote { reinterpret_cast<void*>(mapping.start), size_t(bytes.size()) };
        if (process_vm_readv(pid, &local, 1, &remote, 1, 0) == ssize_t(bytes.size()))
            if (Result<std::shared_ptr<const ElfImage>> vdso = ElfImage::fromBytes(mapping.path, std::move(bytes)))
                map.m_vdso = vdso.value();
    }
    return map;
}

QStringList ModuleMap::unmatchedCode() const
{
    QStringList paths;
    for (const MemoryMapping& mapping : m_mappings)
        if (mapping.isFile() && mapping.executable && !mapping.fileMatches
            && !mapping.path.contains(QLatin1String("/memfd:")) && !paths.contains(mapping.path))
            paths.append(mapping.path); // memfd: code made at run time (libffi closures), never a file
    return paths;
}

const MemoryMapping* ModuleMap::find(quint64 address) const
{
    auto after = std::upper_bound(m_mappings.begin(), m_mappings.end(), address,
        [](quint64 value, const MemoryMapping& mapping) { return value < mapping.start; });
    if (after == m_mappings.begin())
        return nullptr;
    const MemoryMapping& candidate = *(after - 1);
    return candidate.contains(address) ? &candidate : nullptr;
}

std::shared_ptr<const ElfImage> ModuleMap::image(const MemoryMapping& mapping) const
{
    if (mapping.isVdso())
        return m_vdso;
    if (!mapping.isFile() || !mapping.fileMatches || !m_images)
        return nullptr;
    return m_images->image(mapping.path, mapping.inode);
}

bool ModuleMap::readFromImage(quint64 address, void* destination, size_t size) const
{
    const MemoryMapping* mapping = find(address);
    if (!mapping || mapping->writable || !mapping->hasImage() || address + size > mapping->end)
        return false;
    const std::shared_ptr<const ElfImage> elf = image(*mapping);
    if (!elf)
        return false;
    const auto bytes = elf->bytesAt(address - mapping->start + mapping->offset, size);
    if (bytes.empty())
        return false;
    std::memcpy(destination, bytes.data(), size);
    return true;
}

std::optional<quint64> ModuleMap::targetAddressOf(const QString& path, quint64 fileOffset) const
{
    for (const MemoryMapping& mapping : m_mappings)
        if (mapping.path == path && fileOffset >= mapping.offset
            && fileOffset - mapping.offset < mapping.end - mapping.start)
            return mapping.start + (fileOffset - mapping.offset);
    return std::nullopt;
}

std::optional<UnwindTable> ModuleMap::unwindTable(quint64 ip) const
{
    const MemoryMapping* mapping = find(ip);
    if (!mapping || !mapping->executable || !mapping->hasImage())
        return std::nullopt;
    if (auto cached = m_tables.constFind(mapping->path); cached != m_tables.constEnd())
        return *cached;

    std::optional<UnwindTable> table;
    const std::shared_ptr<const ElfImage> elf = image(*mapping);
    const std::optional<quint64> headerAddress = elf ? elf->ehFrameHeaderAddress() : std::nullopt;
    const std::optional<quint64> headerOffset = headerAddress ? elf->fileOffsetOf(*headerAddress) : std::nullopt;
    const auto header = headerOffset ? elf->bytesAt(*headerOffset, 12) : std::span<const std::byte> {};
    if (header.size() == 12) {
        const auto encoding = [&](int index) { return quint8(header[size_t(index)]); };
        quint32 entries = 0;
        std::memcpy(&entries, header.data() + 8, sizeof entries);
        const bool usable = encoding(0) == 1 && (encoding(1) & 0x0f) == kSdata4 && encoding(2) == kUdata4
            && encoding(3) == kDataRelSdata4 && encoding(1) != kEncodingOmit;
        const std::optional<quint64> headerTarget = targetAddressOf(mapping->path, *headerOffset);
        if (usable && headerTarget) {
            UnwindTable found;
            found.headerAddress = *headerTarget;
            found.tableAddress = *headerTarget + 12;
            found.entryCount = entries;
            found.startIp = ~quint64(0);
            for (const MemoryMapping& other : m_mappings) {
                if (other.path == mapping->path && other.executable) {
                    found.startIp = std::min(found.startIp, other.start);
                    found.endIp = std::max(found.endIp, other.end);
                }
            }
            table = found;
        }
    }
    m_tables.insert(mapping->path, table);
    return table;
}

} // namespace wpm
