#include "report/ReportWriter.h"

#include "profile/FoldedStacks.h"
#include "report/HtmlReport.h"
#include "report/MarkdownReport.h"
#include "report/ReportFileName.h"
#include "report/SpeedscopeExport.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QSaveFile>

#include <array>

namespace wpm {
namespace {

QString randomSuffix()
{
    return QString::number(QRandomGenerator::global()->bounded(0x100000, 0x1000000), 16);
}

Status writeFile(const QString& path, const QByteArray& contents)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(contents) != contents.size() || !file.commit()) {
        return Error { QCoreApplication::translate("wpm::ReportWriter",
            "Could not write the report file %1: %2. Check that the log path is writable and the disk "
            "is not full.")
                           .arg(QDir::toNativeSeparators(path), file.errorString()) };
    }
    return success();
}

} // namespace

Result<ReportFiles> ReportWriter::write(const CallTree& tree, const ReportMetadata& metadata, const QString& directory)
{
    // Render everything before touching the disk, so a failure leaves nothing behind.
    Result<QString> html = htmlReport(tree, metadata);
    if (!html)
        return html.error();
    const std::array<std::pair<QLatin1String, QByteArray>, 4> contents { {
        { QLatin1String(".folded"), writeFolded(tree).toUtf8() },
        { QLatin1String(".speedscope.json"),
            speedscopeJson(tree, metadata.method.left(16) + u' ' + metadata.url.left(200)).toUtf8() },
        { QLatin1String(".md"), markdownReport(tree, metadata).toUtf8() },
        { QLatin1String(".html"), html->toUtf8() }, // last: its presence marks a complete report
    } };

    const QDir dir(directory);
    if (!dir.mkpath(QStringLiteral("."))) {
        return Error { QCoreApplication::translate("wpm::ReportWriter",
            "Could not create the report directory %1. Check the log path setting and its permissions.")
                           .arg(QDir::toNativeSeparators(directory)) };
    }

    ReportFiles files;
    for (int attempt = 0; files.baseName.isEmpty(); ++attempt) {
        if (attempt == 16) {
            return Error { QCoreApplication::translate(
                "wpm::ReportWriter", "Could not find a free report file name in %1.")
                               .arg(QDir::toNativeSeparators(directory)) };
        }
        const QString base = reportBaseName(metadata, randomSuffix());
        bool taken = false;
        for (const auto& [extension, unused] : contents)
            taken = taken || QFile::exists(dir.filePath(base + extension));
        if (!taken)
            files.baseName = base;
    }

    QStringList written;
    for (const auto& [extension, bytes] : contents) {
        const QString path = dir.absoluteFilePath(files.baseName + extension);
        if (const Status status = writeFile(path, bytes); !status) {
            for (const QString& done : written)
                QFile::remove(done);
            return status.error();
        }
        written.append(path);
    }
    files.folded = written.at(0);
    files.speedscope = written.at(1);
    files.markdown = written.at(2);
    files.html = written.at(3);
    return files;
}

} // namespace wpm
