#pragma once
// A read-only, memory-mapped view of an ELF file on disk: its loadable segments and the location
// of its .eh_frame_hdr, so that unwinding reads code and unwind tables locally, not from the target.

#include "core/Result.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <cstdint>
#include <memory>
#include <span>

namespace wpm {

struct ElfSegment {
    quint64 fileOffset = 0;
    quint64 virtualAddress = 0;
    quint64 fileSize = 0;
    quint64 memorySize = 0;
};

class ElfImage {
public:
    static Result<std::shared_ptr<const ElfImage>> open(const QString& path);
    // An image copied out of a process, such as the kernel's vDSO, which has no file.
    static Result<std::shared_ptr<const ElfImage>> fromBytes(const QString& name, QByteArray bytes);
    ~ElfImage();
    ElfImage(const ElfImage&) = delete;
    ElfImage& operator=(const ElfImage&) = delete;

    const QString& path() const { return m_path; }
    // Bytes of the file, empty when the range lies outside it.
    std::span<const std::byte> bytesAt(quint64 fileOffset, quint64 size) const;
    const QList<ElfSegment>& loadSegments() const { return m_loads; }
    // The file offset a virtual address is loaded from, if a PT_LOAD segment holds it in the file.
    std::optional<quint64> fileOffsetOf(quint64 virtualAddress) const;
    // Virtual address of PT_GNU_EH_FRAME (.eh_frame_hdr), if present.
    std::optional<quint64> ehFrameHeaderAddress() const { return m_ehFrameHeader; }

private:
    ElfImage() = default;
    static Result<std::shared_ptr<const ElfImage>> parse(std::shared_ptr<ElfImage> image);

    QString m_path;
    const std::byte* m_data = nullptr;
    quint64 m_size = 0;
    bool m_mapped = false; // m_data is an mmap of the file, else it points into m_copy
    QByteArray m_copy;
    QList<ElfSegment> m_loads;
    std::optional<quint64> m_ehFrameHeader;
};

} // namespace wpm
