#include "ConfigFile.h"

#include "ConfigChecks.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSaveFile>

namespace wpm {

namespace {

// A configuration is a few kilobytes; anything far larger is the wrong file.
constexpr qint64 maxFileSize = 1024 * 1024;

} // namespace

Result<QJsonObject> ConfigFile::read(const QString& path)
{
    if (QFileInfo(path).isDir())
        return Error { tr("Cannot read the configuration file %1: it is a directory.").arg(path) };
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error { tr("Cannot read the configuration file %1: %2.").arg(path, file.errorString()) };
    const QByteArray json = file.read(maxFileSize + 1);
    if (json.size() > maxFileSize)
        return Error { tr("The configuration file %1 is larger than 1 MiB; is it the right file?").arg(path) };

    QJsonParseError error {};
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError) {
        return Error {
            tr("The configuration file %1 is not valid JSON: %2.").arg(path, ConfigChecks::jsonSyntaxError(json, error))
        };
    }
    if (!document.isObject()) {
        return Error {
            tr("The configuration file %1 must hold a JSON object, e.g. {\"threshold_seconds\": 0.5}.").arg(path)
        };
    }
    return document.object();
}

Status ConfigFile::save(const MonitorConfig& config, const QString& path)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Error { tr("Cannot write the configuration file %1: %2.").arg(path, file.errorString()) };
    file.write(QJsonDocument(config.toJson(SecretHandling::Omit)).toJson(QJsonDocument::Indented));
    if (!file.commit())
        return Error { tr("Cannot write the configuration file %1: %2.").arg(path, file.errorString()) };
    return success();
}

Status saveConfigFile(const MonitorConfig& config, const QString& path)
{
    return ConfigFile::save(config, path);
}

} // namespace wpm
