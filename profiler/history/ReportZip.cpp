#include "history/ReportZip.h"

#include "history/HistoryEntry.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QSaveFile>

#ifdef WPM_ZIP_KARCHIVE
#include <KZip>
#include <QBuffer>
#else
#include <archive.h>
#include <archive_entry.h>
#endif

namespace wpm {
namespace {

struct ZipEntry {
    QString name;
    QByteArray contents;
    QDateTime modified;
};

Error zipError(const QString& detail)
{
    return Error { QCoreApplication::translate("wpm::ReportZip", "Could not create the report zip: %1.").arg(detail) };
}

#ifdef WPM_ZIP_KARCHIVE

Result<QByteArray> zipBytes(const QList<ZipEntry>& entries)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    KZip zip(&buffer);
    if (!zip.open(QIODevice::WriteOnly))
        return zipError(zip.errorString());
    for (const ZipEntry& entry : entries) {
        if (!zip.writeFile(entry.name, entry.contents, 0100644, QString(), QString(), entry.modified, entry.modified,
                entry.modified))
            return zipError(zip.errorString());
    }
    if (!zip.close())
        return zipError(zip.errorString());
    return bytes;
}

#else

la_ssize_t appendToBuffer(struct archive*, void* buffer, const void* data, size_t size)
{
    static_cast<QByteArray*>(buffer)->append(static_cast<const char*>(data), qsizetype(size));
    return la_ssize_t(size);
}

Result<QByteArray> zipBytes(const QList<ZipEntry>& entries)
{
    QByteArray bytes;
    std::unique_ptr<struct archive, decltype(&archive_write_free)> zip(archive_write_new(), &archive_write_free);
    std::unique_ptr<struct archive_entry, decltype(&archive_entry_free)> header(
        archive_entry_new(), &archive_entry_free);
    const auto failed = [&zip] { return zipError(QString::fromUtf8(archive_error_string(zip.get()))); };
    if (archive_write_set_format_zip(zip.get()) != ARCHIVE_OK
        || archive_write_open2(zip.get(), &bytes, nullptr, &appendToBuffer, nullptr, nullptr) != ARCHIVE_OK)
        return failed();
    for (const ZipEntry& entry : entries) {
        archive_entry_clear(header.get());
        const QByteArray name = entry.name.toUtf8();
        archive_entry_set_pathname(header.get(), name.constData());
        archive_entry_set_filetype(header.get(), AE_IFREG);
        archive_entry_set_perm(header.get(), 0644);
        archive_entry_set_size(header.get(), entry.contents.size());
        archive_entry_set_mtime(header.get(), entry.modified.toSecsSinceEpoch(), 0);
        if (archive_write_header(zip.get(), header.get()) != ARCHIVE_OK
            || archive_write_data(zip.get(), entry.contents.constData(), size_t(entry.contents.size()))
                != entry.contents.size())
            return failed();
    }
    if (archive_write_close(zip.get()) != ARCHIVE_OK)
        return failed();
    return bytes;
}

#endif

} // namespace

QString zipBackendName()
{
#ifdef WPM_ZIP_KARCHIVE
    return QStringLiteral("KArchive");
#else
    return QStringLiteral("libarchive");
#endif
}

Status writeReportZip(const QDir& directory, const QString& baseName, const QString& zipPath)
{
    QList<ZipEntry> entries;
    for (const QString& name : reportFileNames(baseName)) {
        QFile file(directory.filePath(name));
        if (!file.open(QIODevice::ReadOnly)) {
            return zipError(QCoreApplication::translate("wpm::ReportZip", "%1 cannot be read (%2)")
                                .arg(QDir::toNativeSeparators(file.fileName()), file.errorString()));
        }
        entries.append({ name, file.readAll(), file.fileTime(QFileDevice::FileModificationTime) });
    }
    Result<QByteArray> bytes = zipBytes(entries);
    if (!bytes)
        return bytes.error();
    QSaveFile out(zipPath);
    if (!out.open(QIODevice::WriteOnly) || out.write(*bytes) != bytes->size() || !out.commit()) {
        return zipError(QCoreApplication::translate("wpm::ReportZip",
            "%1 cannot be written (%2); choose another "
            "output file")
                            .arg(QDir::toNativeSeparators(zipPath), out.errorString()));
    }
    return success();
}

} // namespace wpm
