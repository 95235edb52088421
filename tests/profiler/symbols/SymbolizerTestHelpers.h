#pragma once
// Helpers for the symbolizer test: where an address of this process is mapped, where a function of
// the native target is in its source, and where a file's build-id debug file would be.

#include <QFile>
#include <QString>

#include <elf.h>
#include <stdio.h>

#include <optional>
#include <utility>

namespace wpm::test {

// One /proc/self/maps line that maps `address`: the module path and the file offset of the address.
struct MappedAddress {
    QString path;
    quint64 fileOffset = 0;
};

inline std::optional<MappedAddress> mapAddress(quintptr address)
{
    QFile maps(QStringLiteral("/proc/self/maps"));
    if (!maps.open(QIODevice::ReadOnly))
        return std::nullopt;
    for (const QByteArray& line : maps.readAll().split('\n')) {
        const QList<QByteArray> fields = line.simplified().split(' ');
        if (fields.size() < 6 || !fields[5].startsWith('/'))
            continue;
        const QList<QByteArray> range = fields[0].split('-');
        const quint64 start = range.value(0).toULongLong(nullptr, 16);
        const quint64 end = range.value(1).toULongLong(nullptr, 16);
        if (address >= start && address < end)
            return MappedAddress { QString::fromUtf8(fields[5]), address - start + fields[2].toULongLong(nullptr, 16) };
    }
    return std::nullopt;
}

// Line number (1-based) of the first source line of the target containing `text`, 0 when absent.
inline int targetSourceLine(const QByteArray& text)
{
    QFile source(QStringLiteral(WPM_SOURCE_DIR "/tests/targets/native_target.cpp"));
    if (!source.open(QIODevice::ReadOnly))
        return 0;
    const QList<QByteArray> lines = source.readAll().split('\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        if (lines[i].contains(text))
            return int(i + 1);
    }
    return 0;
}

// First and last line (1-based) of the target's function whose definition line contains `signature`:
// from that line to the next line that is a lone "}".
inline std::pair<int, int> targetFunctionLines(const QByteArray& signature)
{
    const int first = targetSourceLine(signature);
    QFile source(QStringLiteral(WPM_SOURCE_DIR "/tests/targets/native_target.cpp"));
    if (first == 0 || !source.open(QIODevice::ReadOnly))
        return { 0, 0 };
    const QList<QByteArray> lines = source.readAll().split('\n');
    for (qsizetype i = first; i < lines.size(); ++i) {
        if (lines[i] == "}")
            return { first, int(i + 1) };
    }
    return { first, first };
}

// /usr/lib/debug/.build-id/xx/rest.debug for an ELF64 file's GNU build-id note; empty without one.
inline QString buildIdDebugPath(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QByteArray data = file.readAll();
    if (data.size() < qsizetype(sizeof(Elf64_Ehdr)))
        return {};
    const auto* header = reinterpret_cast<const Elf64_Ehdr*>(data.constData());
    for (int i = 0; i < header->e_phnum; ++i) {
        const quint64 at = header->e_phoff + quint64(i) * header->e_phentsize;
        if (at + sizeof(Elf64_Phdr) > quint64(data.size()))
            return {};
        const auto* segment = reinterpret_cast<const Elf64_Phdr*>(data.constData() + at);
        for (quint64 note = segment->p_offset; segment->p_type == PT_NOTE
             && note + sizeof(Elf64_Nhdr) <= segment->p_offset + segment->p_filesz
             && note + sizeof(Elf64_Nhdr) <= quint64(data.size());) {
            const auto* nhdr = reinterpret_cast<const Elf64_Nhdr*>(data.constData() + note);
            const quint64 desc = note + sizeof(Elf64_Nhdr) + ((nhdr->n_namesz + 3) & ~3u);
            if (nhdr->n_type == NT_GNU_BUILD_ID && desc + nhdr->n_descsz <= quint64(data.size())) {
                const QByteArray id = data.mid(qsizetype(desc), nhdr->n_descsz).toHex();
                return QStringLiteral("/usr/lib/debug/.build-id/%1/%2.debug")
                    .arg(QString::fromLatin1(id.left(2)), QString::fromLatin1(id.mid(2)));
            }
            note = desc + ((nhdr->n_descsz + 3) & ~3u);
        }
    }
    return {};
}

inline bool replaceFile(const QString& path, const QString& withContentOf)
{
    // Written beside and renamed over, as a package upgrade does: a new inode at the same path.
    const QString temporary = path + QStringLiteral(".new");
    QFile::remove(temporary);
    return QFile::copy(withContentOf, temporary)
        && ::rename(QFile::encodeName(temporary).constData(), QFile::encodeName(path).constData()) == 0;
}

} // namespace wpm::test
