#include "symbols/Symbolizer.h"

#include "symbols/ElfModule.h"
#include "symbols/PythonTrampolineModule.h"
#include "symbols/VdsoImage.h"

#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QRegularExpression>

#include <sys/stat.h>

namespace wpm {

namespace {

// Bounds memory for a long session: a module's answer cache starts over when it grows past this.
constexpr qsizetype kMaxCachedOffsetsPerModule = 1 << 18;

// Identifies one version of a file on disk; an invalid stamp means the file did not exist.
struct FileStamp {
    bool exists = false;
    bool regular = false; // device files (a mapped /dev/nvidia0) must never be opened
    dev_t device = 0;
    ino_t inode = 0;
    off_t size = 0;
    qint64 mtimeNs = 0;

    static FileStamp of(const QString& path)
    {
        struct stat info { };
        if (::stat(QFile::encodeName(path).constData(), &info) != 0)
            return {};
        return { true, S_ISREG(info.st_mode), info.st_dev, info.st_ino, info.st_size,
            qint64(info.st_mtim.tv_sec) * 1000000000 + info.st_mtim.tv_nsec };
    }
    friend bool operator==(const FileStamp&, const FileStamp&) = default;
};

// The file a module path's symbols are read from: the path itself, or for the vDSO a copy of it.
QString fileOf(const QString& modulePath)
{
    return modulePath == kVdsoPath ? vdsoImageFile() : modulePath;
}

// A module's name: its file name. A file opened through /proc/PID/map_files (deleted since it was loaded) is named
// by the link's target, as the process's memory map names it: "libfoo.so (deleted)".
QString moduleName(const QString& path)
{
    static const QRegularExpression mapFile(QStringLiteral("^/proc/\\d+/map_files/"));
    const QString target = mapFile.match(path).hasMatch() ? QFileInfo(path).symLinkTarget() : QString();
    const QString named = target.isEmpty() ? path : target;
    return named.mid(named.lastIndexOf(QLatin1Char('/')) + 1);
}

QString hexName(quint64 fileOffset)
{
    return QStringLiteral("0x") + QString::number(fileOffset, 16);
}

} // namespace

// One module path: the opened file (null when missing or not ELF) and the answers found in it.
struct Symbolizer::Module {
    QString name; // file name, shared by every answer
    FileStamp stamp;
    std::chrono::steady_clock::time_point checkedAt;
    std::unique_ptr<ElfModule> elf;
    QString error; // why elf is null
    QHash<quint64, NativeSymbol> answers;
};

Symbolizer::Symbolizer() = default;
Symbolizer::~Symbolizer() = default;

NativeSymbol Symbolizer::symbolize(const QString& modulePath, quint64 fileOffset)
{
    if (modulePath == kPythonTrampolinePath) // no file: one name for every copy
        return NativeSymbol { kPythonTrampolineFunction, {}, 0, {}, 0, true };
    Module& entry = module(modulePath);
    if (const auto cached = entry.answers.constFind(fileOffset); cached != entry.answers.cend()) {
        ++m_stats.cacheHits;
        return *cached;
    }
    if (!m_lookUp) {
        ++m_stats.notLookedUp;
        return NativeSymbol { hexName(fileOffset), {}, 0, entry.name, 0, false };
    }
    ++m_stats.cacheMisses;
    NativeSymbol symbol = entry.elf ? entry.elf->symbolize(fileOffset) : NativeSymbol {};
    symbol.module = entry.name;
    if (!symbol.found)
        symbol.function = hexName(fileOffset);
    if (entry.answers.size() >= kMaxCachedOffsetsPerModule)
        entry.answers.clear();
    entry.answers.insert(fileOffset, symbol);
    return symbol;
}

std::optional<quint64> Symbolizer::fileOffsetOfSymbol(const QString& modulePath, const QString& name)
{
    Module& entry = module(modulePath);
    return entry.elf ? entry.elf->fileOffsetOfSymbol(name) : std::nullopt;
}

Symbolizer::Module& Symbolizer::module(const QString& path)
{
    const auto now = std::chrono::steady_clock::now();
    std::unique_ptr<Module>& slot = m_modules[path];
    if (!slot) {
        slot = std::make_unique<Module>();
        slot->name = moduleName(path);
        slot->stamp = FileStamp::of(fileOf(path));
        slot->checkedAt = now;
        open(*slot, path);
    } else if (now - slot->checkedAt >= m_revalidateInterval) {
        slot->checkedAt = now;
        if (FileStamp stamp = FileStamp::of(fileOf(path)); stamp != slot->stamp) {
            slot->stamp = stamp;
            slot->answers.clear();
            open(*slot, path);
        }
    }
    return *slot;
}

QString Symbolizer::moduleError(const QString& modulePath) const
{
    const auto it = m_modules.find(modulePath);
    return it == m_modules.end() ? QString() : it->second->error;
}

void Symbolizer::open(Module& module, const QString& path)
{
    ++m_stats.moduleOpens;
    module.elf.reset();
    module.error.clear();
    // A failure leaves elf null and is remembered until the path's stamp changes.
    if (path == kVdsoPath && !module.stamp.exists) {
        module.error = QStringLiteral("Cannot copy the kernel's vDSO to read its symbols: this process has none.");
        return;
    }
    if (!module.stamp.exists) {
        module.error = QStringLiteral("Cannot find %1: it was deleted or moved after the process loaded it.").arg(path);
        return;
    }
    if (!module.stamp.regular) {
        module.error = QStringLiteral("%1 is not a regular file, so it has no symbols to read.").arg(path);
        return;
    }
    Result<std::unique_ptr<ElfModule>> opened = ElfModule::open(fileOf(path));
    if (opened)
        module.elf = std::move(opened).value();
    else
        module.error = opened.error().message;
}

} // namespace wpm
