#include "core/LibraryVersions.h"

#include "core/Version.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QUuid>
#include <QtGlobal>

#include <curl/curl.h>
#include <elfutils/libdwfl.h>
#include <libunwind.h>

#ifdef WPM_ZIP_KARCHIVE
#include <karchive_version.h>
#else
#include <archive.h>
#endif

namespace wpm {
namespace {

QString sqliteVersion()
{
    // The SQLite that Qt's driver really links, asked through a throw-away in-memory database.
    const QString connection = QStringLiteral("wpm-version-%1").arg(QUuid::createUuid().toString(QUuid::Id128));
    QString version;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
        db.setDatabaseName(QStringLiteral(":memory:"));
        if (db.open()) {
            QSqlQuery query(db);
            if (query.exec(QStringLiteral("select sqlite_version()")) && query.next())
                version = query.value(0).toString();
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(connection);
    return version.isEmpty() ? QStringLiteral("unavailable") : version;
}

} // namespace

QList<LibraryVersion> libraryVersions()
{
    QList<LibraryVersion> versions;
    versions.append({QStringLiteral("Qt"), QString::fromLatin1(qVersion())});
    versions.append({QStringLiteral("libunwind"),
                     QStringLiteral("%1.%2").arg(UNW_VERSION_MAJOR).arg(UNW_VERSION_MINOR)});
    versions.append({QStringLiteral("elfutils"), QString::fromLatin1(dwfl_version(nullptr))});
    versions.append({QStringLiteral("libcurl"), QString::fromLatin1(curl_version_info(CURLVERSION_NOW)->version)});
#ifdef WPM_ZIP_KARCHIVE
    versions.append({QStringLiteral("KArchive"), QStringLiteral(KARCHIVE_VERSION_STRING)});
#else
    versions.append({QStringLiteral("libarchive"), QString::fromLatin1(archive_version_string())});
#endif
    versions.append({QStringLiteral("SQLite"), sqliteVersion()});
    return versions;
}

} // namespace wpm
