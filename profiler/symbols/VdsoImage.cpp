#include "symbols/VdsoImage.h"

#include <QFile>

#include <cstdio>
#include <cstring>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <unistd.h>

namespace wpm {
namespace {

// The vDSO mapping's size from /proc/self/maps; 0 when it is not where the auxiliary vector says.
size_t vdsoMappingSize(quintptr base)
{
    QFile maps(QStringLiteral("/proc/self/maps"));
    if (!maps.open(QIODevice::ReadOnly))
        return 0;
    // Read whole: a /proc file's size is 0, so QFile::atEnd() cannot tell when it ends.
    for (const QByteArray& line : maps.readAll().split('\n')) {
        if (!line.trimmed().endsWith(QByteArrayView(kVdsoPath.data(), kVdsoPath.size())))
            continue;
        unsigned long long start = 0, end = 0;
        if (std::sscanf(line.constData(), "%llx-%llx", &start, &end) != 2 || start != base || end <= start)
            return 0;
        return size_t(end - start);
    }
    return 0;
}

// An in-memory file holding this process's vDSO; -1 when it cannot be made.
int copyOwnVdso()
{
    const auto base = quintptr(getauxval(AT_SYSINFO_EHDR));
    const size_t size = base != 0 ? vdsoMappingSize(base) : 0;
    if (size < 4
        || std::memcmp(reinterpret_cast<const void*>(base),
               "\x7f"
               "ELF",
               4)
            != 0)
        return -1;
    const int file = memfd_create("web-perfmonitor-vdso", MFD_CLOEXEC);
    if (file < 0)
        return -1;
    if (write(file, reinterpret_cast<const void*>(base), size) != ssize_t(size)) {
        close(file);
        return -1;
    }
    return file;
}

} // namespace

QString vdsoImageFile()
{
    static const int file = copyOwnVdso(); // kept open for the process's life: its path is how it is opened
    return file >= 0 ? QStringLiteral("/proc/self/fd/%1").arg(file) : QString();
}

} // namespace wpm
