#pragma once
// One SQLite connection (Qt SQL) to log_path's history database, for the thread that opened it:
// WAL journal and a busy timeout, so connections in other threads and processes can read while one
// writes and wait for each other instead of failing. A file that is not a database or fails SQLite's
// quick check is moved aside (never deleted) and a fresh one created.

#include "core/Result.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QVariant>

#include <memory>

namespace wpm {

inline constexpr QLatin1String kHistoryFileName("web-perfmonitor-history.sqlite");

class HistoryDatabase {
public:
    enum class Origin {
        Existing, // opened as it was
        Created, // there was none
        Recovered, // the old file was corrupt and moved aside
    };

    static Result<std::unique_ptr<HistoryDatabase>> open(const QString& path);
    ~HistoryDatabase();
    HistoryDatabase(const HistoryDatabase&) = delete;
    HistoryDatabase& operator=(const HistoryDatabase&) = delete;

    Origin origin() const { return m_origin; }
    QString movedAsideTo() const { return m_movedAsideTo; } // for Recovered
    QString path() const { return m_path; }
    QSqlDatabase connection() const;

    // Runs `sql` with `values` bound in order; the Error names the database and what SQLite said.
    Result<QSqlQuery> run(const QString& sql, const QVariantList& values = {}) const;

    // BEGIN IMMEDIATE: takes the write lock now (waiting up to the busy timeout), so a decision read
    // inside the transaction still holds when it is written.
    Status beginWrite() const;
    Status commit() const;
    void rollback() const;

private:
    HistoryDatabase(QString path, QString connectionName);
    Status connect();

    QString m_path;
    QString m_connectionName;
    Origin m_origin = Origin::Existing;
    QString m_movedAsideTo;
};

} // namespace wpm
