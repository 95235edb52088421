#include "history/ReportScan.h"

#include "history/EndpointPattern.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

namespace wpm {
namespace {

const QLatin1String kHtmlSuffix(".html");
const QLatin1String kDataOpen(R"(<script type="application/json" id="wpm-profile">)");

// The JSON object starting at `from` (an opening brace), found by matching braces outside strings,
// so only the small "meta" object is parsed and not the whole profile.
QByteArray objectAt(const QByteArray& text, qsizetype from)
{
    int depth = 0;
    bool inString = false;
    for (qsizetype i = from; i < text.size(); ++i) {
        const char c = text.at(i);
        if (inString) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                inString = false;
        } else if (c == '"') {
            inString = true;
        } else if (c == '{') {
            ++depth;
        } else if (c == '}' && --depth == 0) {
            return text.mid(from, i - from + 1);
        }
    }
    return {};
}

qint64 filesSize(const QDir& directory, const HistoryEntry& entry)
{
    qint64 bytes = 0;
    for (const QString& name : entry.fileNames())
        bytes += QFileInfo(directory.filePath(name)).size();
    return bytes;
}

} // namespace

QStringList reportBaseNames(const QDir& directory)
{
    QStringList names;
    // Names start with the UTC time (yyyyMMdd-HHmmss-zzz), so sorting by name sorts by time.
    for (const QString& file : directory.entryList({ QStringLiteral("*.html") }, QDir::Files, QDir::Name))
        names.append(file.chopped(kHtmlSuffix.size()));
    return names;
}

Result<HistoryEntry> scanReport(const QDir& directory, const QString& baseName)
{
    QFile file(directory.filePath(baseName + kHtmlSuffix));
    if (!file.open(QIODevice::ReadOnly)) {
        return Error { QCoreApplication::translate("wpm::ReportScan", "Could not read the report %1: %2.")
                           .arg(QDir::toNativeSeparators(file.fileName()), file.errorString()) };
    }
    const QByteArray html = file.readAll();
    const qsizetype data = html.indexOf(kDataOpen);
    const qsizetype meta = data < 0 ? -1 : html.indexOf("\"meta\":", data);
    const QJsonObject object = meta < 0
        ? QJsonObject()
        : QJsonDocument::fromJson(objectAt(html, meta + qsizetype(qstrlen("\"meta\":")))).object();
    if (object.isEmpty() || !object.contains(QLatin1String("method"))) {
        return Error { QCoreApplication::translate("wpm::ReportScan",
            "%1 is not a web-perfmonitor report (its embedded profile data is missing or damaged); it is "
            "left out of the history.")
                           .arg(QDir::toNativeSeparators(file.fileName())) };
    }
    ReportMetadata metadata;
    metadata.method = object.value(QLatin1String("method")).toString();
    metadata.url = object.value(QLatin1String("url")).toString();
    metadata.status = object.value(QLatin1String("status")).toInt();
    metadata.durationS = object.value(QLatin1String("durationS")).toDouble();
    metadata.thresholdS = object.value(QLatin1String("thresholdS")).toDouble();
    metadata.time = QDateTime::fromString(object.value(QLatin1String("time")).toString(), Qt::ISODateWithMs);
    metadata.samples = quint64(object.value(QLatin1String("samples")).toDouble());
    return entryFor(directory, baseName, metadata);
}

HistoryEntry entryFor(const QDir& directory, const QString& baseName, const ReportMetadata& metadata)
{
    HistoryEntry entry;
    entry.id = baseName;
    // A report written without a request time is named after the time it was written.
    entry.time = metadata.time.isValid()
        ? metadata.time.toUTC()
        : QDateTime::fromString(baseName.left(19), QStringLiteral("yyyyMMdd-HHmmss-zzz")).toUTC();
    entry.endpoint = endpointPattern(metadata.method, metadata.url);
    entry.method = metadata.method;
    entry.url = metadata.url;
    entry.status = metadata.status;
    entry.durationS = metadata.durationS;
    entry.thresholdS = metadata.thresholdS;
    entry.samples = metadata.samples;
    entry.bytes = filesSize(directory, entry);
    return entry;
}

} // namespace wpm
