#include "history/HistoryDatabase.h"

#include <QAtomicInteger>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QSqlError>

namespace wpm {
namespace {

constexpr int kBusyTimeoutMs = 15000;
constexpr int kSchemaVersion = 1;

const char* const kSchema[] = {
    "CREATE TABLE IF NOT EXISTS reports ("
    " id TEXT PRIMARY KEY, time TEXT NOT NULL, endpoint TEXT NOT NULL, method TEXT NOT NULL, url TEXT NOT NULL,"
    " status INTEGER NOT NULL, duration_s REAL NOT NULL, threshold_s REAL NOT NULL, samples INTEGER NOT NULL,"
    " files TEXT NOT NULL, bytes INTEGER NOT NULL, dedup TEXT NOT NULL, suppressed_until TEXT)",
    "CREATE INDEX IF NOT EXISTS reports_by_time ON reports (time)",
    "CREATE INDEX IF NOT EXISTS reports_by_endpoint ON reports (endpoint, dedup, time)",
    "CREATE TABLE IF NOT EXISTS notifications ("
    " report_id TEXT NOT NULL, notifier TEXT NOT NULL, outcome TEXT NOT NULL, reason TEXT NOT NULL,"
    " time TEXT NOT NULL)",
    "CREATE INDEX IF NOT EXISTS notifications_by_report ON notifications (report_id)",
};

// SQLite's result codes for a damaged file: SQLITE_CORRUPT and SQLITE_NOTADB.
bool isCorruption(const QSqlError& error)
{
    const QString code = error.nativeErrorCode();
    return code == QLatin1String("11") || code == QLatin1String("26");
}

QString uniqueConnectionName()
{
    static QAtomicInteger<quint64> counter;
    return QStringLiteral("wpm-history-%1").arg(counter.fetchAndAddRelaxed(1));
}

Error databaseError(const QString& path, const QString& what)
{
    return Error { QCoreApplication::translate("wpm::HistoryDatabase",
        "The history database %1 failed: %2. Check that log_path is writable; 'web-perfmonitor report "
        "reindex' rebuilds the database from the report files.")
                       .arg(QDir::toNativeSeparators(path), what) };
}

} // namespace

HistoryDatabase::HistoryDatabase(QString path, QString connectionName)
    : m_path(std::move(path))
    , m_connectionName(std::move(connectionName))
{
}

HistoryDatabase::~HistoryDatabase()
{
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
}

QSqlDatabase HistoryDatabase::connection() const
{
    return QSqlDatabase::database(m_connectionName, false);
}

Result<std::unique_ptr<HistoryDatabase>> HistoryDatabase::open(const QString& path)
{
    std::unique_ptr<HistoryDatabase> database(new HistoryDatabase(path, uniqueConnectionName()));
    database->m_origin = QFile::exists(path) ? Origin::Existing : Origin::Created;
    QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), database->m_connectionName);
    Status connected = database->connect();
    if (!connected && database->m_movedAsideTo.isEmpty())
        return connected.error();
    if (!connected) {
        // The damaged file is out of the way: start over with a new one.
        connected = database->connect();
        if (!connected)
            return connected.error();
    }
    return database;
}

Status HistoryDatabase::connect()
{
    QSqlDatabase db = connection();
    db.close();
    db.setDatabaseName(m_path);
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(kBusyTimeoutMs));
    if (!db.open())
        return databaseError(m_path, db.lastError().text());

    QSqlError failure;
    QSqlQuery query(db);
    // A file that is not a database fails the first statement; a damaged one fails or fails the check.
    if (!query.exec(QStringLiteral("PRAGMA journal_mode=WAL")) || !query.exec(QStringLiteral("PRAGMA quick_check")))
        failure = query.lastError();
    else if (query.next() && query.value(0).toString() != QLatin1String("ok"))
        failure = QSqlError(query.value(0).toString(), {}, QSqlError::StatementError, QStringLiteral("11"));
    // WAL with NORMAL syncs at checkpoints, not at every commit: a power cut may lose the last rows,
    // never corrupt the file, and the rows can be rebuilt from the report files.
    if (!failure.isValid() && !query.exec(QStringLiteral("PRAGMA synchronous=NORMAL")))
        failure = query.lastError();
    for (const char* statement : kSchema) {
        if (failure.isValid() || query.exec(QString::fromLatin1(statement)))
            continue;
        failure = query.lastError();
    }
    if (!failure.isValid()) {
        query.exec(QStringLiteral("PRAGMA user_version=%1").arg(kSchemaVersion));
        return success();
    }
    query = QSqlQuery();
    db.close();
    if (!isCorruption(failure) || !m_movedAsideTo.isEmpty())
        return databaseError(m_path, failure.text());

    // Keep the damaged file (and its journal) for inspection under a name that says what it is.
    m_movedAsideTo = m_path + QLatin1String(".corrupt-")
        + QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    for (const QLatin1String suffix : { QLatin1String(""), QLatin1String("-wal"), QLatin1String("-shm") }) {
        if (QFile::exists(m_path + suffix) && !QFile::rename(m_path + suffix, m_movedAsideTo + suffix))
            return databaseError(m_path,
                QCoreApplication::translate("wpm::HistoryDatabase", "it is damaged and could not be moved aside to %1")
                    .arg(QDir::toNativeSeparators(m_movedAsideTo + suffix)));
    }
    m_origin = Origin::Recovered;
    return Error { failure.text() };
}

Result<QSqlQuery> HistoryDatabase::run(const QString& sql, const QVariantList& values) const
{
    QSqlQuery query(connection());
    if (!query.prepare(sql))
        return databaseError(m_path, query.lastError().text());
    for (const QVariant& value : values)
        query.addBindValue(value);
    if (!query.exec())
        return databaseError(m_path, query.lastError().text());
    return query;
}

Status HistoryDatabase::beginWrite() const
{
    if (Result<QSqlQuery> begun = run(QStringLiteral("BEGIN IMMEDIATE")); !begun)
        return begun.error();
    return success();
}

Status HistoryDatabase::commit() const
{
    if (Result<QSqlQuery> done = run(QStringLiteral("COMMIT")); !done) {
        rollback();
        return done.error();
    }
    return success();
}

void HistoryDatabase::rollback() const
{
    static_cast<void>(run(QStringLiteral("ROLLBACK")));
}

} // namespace wpm
