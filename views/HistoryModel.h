#pragma once
// The reports of the history database, one row each, oldest first: time, endpoint, URL, status,
// duration and whether the report notified or was de-duplicated. Reset from a list that was loaded off
// the GUI thread (HistoryWorker).

#include "history/HistoryEntry.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QMap>

namespace wpm {

class HistoryModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Columns { TimeColumn, EndpointColumn, UrlColumn, StatusColumn, DurationColumn, NotifyColumn, ColumnCount };
    enum Roles {
        ReportIdRole = Qt::UserRole, // QString: HistoryEntry::id
        SortRole, // the raw value a column sorts by
        EndpointRole, // QString
        TimeRole, // QDateTime, UTC
        HttpStatusRole, // int
    };

    explicit HistoryModel(QObject* parent = nullptr);

    void resetData(const QList<wpm::HistoryEntry>& entries);
    // The newest outcome of `notifier` for report `reportId`, as it arrived while recording; shown in the
    // notification column (kept across resets: the row may arrive after its outcome).
    void setNotificationOutcome(const QString& reportId, const QString& notifier, const QString& text);
    const HistoryEntry* entry(int row) const;
    int rowOf(const QString& reportId) const;
    QStringList endpoints() const; // distinct, sorted

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant display(const HistoryEntry& entry, int column) const;
    static QVariant sortValue(const HistoryEntry& entry, int column);

    QList<HistoryEntry> m_entries;
    QHash<QString, QMap<QString, QString>> m_outcomes; // report id -> notifier -> outcome text
};

} // namespace wpm
