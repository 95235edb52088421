#include "ElfImage.h"

#include <QCoreApplication>

#include <cerrno>
#include <cstring>
#include <elf.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace wpm {
namespace {

QString elfError(const QString& path, const char* reason)
{
    return QCoreApplication::translate("wpm::ElfImage", "Cannot read the executable file %1: %2.")
        .arg(path, QString::fromLocal8Bit(reason));
}

} // namespace

Result<std::shared_ptr<const ElfImage>> ElfImage::open(const QString& path)
{
    const QByteArray native = path.toLocal8Bit();
    const int fd = ::open(native.constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return Error { elfError(path, strerror(errno)) };
    struct stat info { };
    if (fstat(fd, &info) != 0 || !S_ISREG(info.st_mode) || info.st_size < qint64(sizeof(Elf64_Ehdr))) {
        ::close(fd);
        return Error { elfError(path, "not a regular ELF file") };
    }
    void* mapped = mmap(nullptr, size_t(info.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
    ::close(fd); // the mapping keeps the file alive
    if (mapped == MAP_FAILED)
        return Error { elfError(path, strerror(errno)) };

    std::shared_ptr<ElfImage> image(new ElfImage);
    image->m_path = path;
    image->m_data = static_cast<const std::byte*>(mapped);
    image->m_size = quint64(info.st_size);
    image->m_mapped = true;
    return parse(std::move(image));
}

Result<std::shared_ptr<const ElfImage>> ElfImage::fromBytes(const QString& name, QByteArray bytes)
{
    if (bytes.size() < qsizetype(sizeof(Elf64_Ehdr)))
        return Error { elfError(name, "too short for an ELF header") };
    std::shared_ptr<ElfImage> image(new ElfImage);
    image->m_path = name;
    image->m_copy = std::move(bytes);
    image->m_data = reinterpret_cast<const std::byte*>(image->m_copy.constData());
    image->m_size = quint64(image->m_copy.size());
    return parse(std::move(image));
}

Result<std::shared_ptr<const ElfImage>> ElfImage::parse(std::shared_ptr<ElfImage> image)
{
    const QString& path = image->m_path;
    Elf64_Ehdr header;
    std::memcpy(&header, image->m_data, sizeof header);
    if (std::memcmp(header.e_ident, ELFMAG, SELFMAG) != 0 || header.e_ident[EI_CLASS] != ELFCLASS64
        || header.e_phentsize != sizeof(Elf64_Phdr))
        return Error { elfError(path, "not a 64-bit ELF file") };
    for (int i = 0; i < header.e_phnum; ++i) {
        const auto bytes = image->bytesAt(header.e_phoff + quint64(i) * sizeof(Elf64_Phdr), sizeof(Elf64_Phdr));
        if (bytes.empty())
            return Error { elfError(path, "truncated program headers") };
        Elf64_Phdr program;
        std::memcpy(&program, bytes.data(), sizeof program);
        if (program.p_type == PT_LOAD)
            image->m_loads.append({ program.p_offset, program.p_vaddr, program.p_filesz, program.p_memsz });
        else if (program.p_type == PT_GNU_EH_FRAME)
            image->m_ehFrameHeader = program.p_vaddr;
    }
    return std::shared_ptr<const ElfImage>(std::move(image));
}

ElfImage::~ElfImage()
{
    if (m_mapped)
        munmap(const_cast<std::byte*>(m_data), m_size);
}

std::span<const std::byte> ElfImage::bytesAt(quint64 fileOffset, quint64 size) const
{
    if (fileOffset > m_size || size > m_size - fileOffset)
        return {};
    return { m_data + fileOffset, size };
}

std::optional<quint64> ElfImage::fileOffsetOf(quint64 virtualAddress) const
{
    for (const ElfSegment& segment : m_loads)
        if (virtualAddress >= segment.virtualAddress && virtualAddress - segment.virtualAddress < segment.fileSize)
            return segment.fileOffset + (virtualAddress - segment.virtualAddress);
    return std::nullopt;
}

} // namespace wpm
