#include "HistoryModel.h"

#include "ColumnTitles.h"

#include <QLocale>

namespace wpm {

HistoryModel::HistoryModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void HistoryModel::resetData(const QList<HistoryEntry>& entries)
{
    beginResetModel();
    m_entries = entries;
    endResetModel();
}

void HistoryModel::setNotificationOutcome(const QString& reportId, const QString& notifier, const QString& text)
{
    m_outcomes[reportId].insert(notifier, text);
    if (const int row = rowOf(reportId); row >= 0)
        Q_EMIT dataChanged(index(row, NotifyColumn), index(row, NotifyColumn));
}

const HistoryEntry* HistoryModel::entry(int row) const
{
    return row >= 0 && row < m_entries.size() ? &m_entries.at(row) : nullptr;
}

int HistoryModel::rowOf(const QString& reportId) const
{
    for (qsizetype row = 0; row < m_entries.size(); ++row) {
        if (m_entries.at(row).id == reportId)
            return int(row);
    }
    return -1;
}

QStringList HistoryModel::endpoints() const
{
    QStringList names;
    for (const HistoryEntry& entry : m_entries)
        names.append(entry.endpoint);
    names.sort();
    names.removeDuplicates();
    return names;
}

int HistoryModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int HistoryModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant HistoryModel::data(const QModelIndex& index, int role) const
{
    const HistoryEntry* row = checkIndex(index, CheckIndexOption::IndexIsValid) ? entry(index.row()) : nullptr;
    if (!row)
        return {};
    switch (role) {
    case Qt::DisplayRole:
        return display(*row, index.column());
    case Qt::ToolTipRole:
        return index.column() == UrlColumn ? QVariant(row->url) : QVariant();
    case Qt::TextAlignmentRole:
        return index.column() == StatusColumn || index.column() == DurationColumn
            ? QVariant(int(Qt::AlignRight | Qt::AlignVCenter))
            : QVariant();
    case ReportIdRole:
        return row->id;
    case SortRole:
        return sortValue(*row, index.column());
    case EndpointRole:
        return row->endpoint;
    case TimeRole:
        return row->time;
    case HttpStatusRole:
        return row->status;
    default:
        return {};
    }
}

QVariant HistoryModel::display(const HistoryEntry& entry, int column) const
{
    switch (column) {
    case TimeColumn:
        return QLocale().toString(entry.time.toLocalTime(), QLocale::ShortFormat);
    case DurationColumn:
        return tr("%1 s").arg(entry.durationS, 0, 'f', 3);
    case NotifyColumn:
        if (const auto outcomes = m_outcomes.constFind(entry.id); outcomes != m_outcomes.cend()) {
            QStringList texts = outcomes->values();
            texts.removeDuplicates(); // two notifiers of one type with the same outcome read as one
            return texts.join(QStringLiteral("; "));
        }
        return entry.dedup.status == DedupStatus::Notify
            ? tr("notified")
            : tr("de-duplicated until %1")
                  .arg(QLocale().toString(entry.dedup.suppressedUntil.toLocalTime(), QLocale::ShortFormat));
    default: // shown as they are sorted
        return sortValue(entry, column);
    }
}

QVariant HistoryModel::sortValue(const HistoryEntry& entry, int column)
{
    switch (column) {
    case TimeColumn:
        return entry.time;
    case EndpointColumn:
        return entry.endpoint;
    case UrlColumn:
        return entry.url;
    case StatusColumn:
        return entry.status;
    case DurationColumn:
        return entry.durationS;
    case NotifyColumn:
        return int(entry.dedup.status);
    default:
        return {};
    }
}

QVariant HistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    return columnTitle(section, orientation, role,
        { tr("Time"), tr("Endpoint"), tr("URL"), tr("Status"), tr("Duration"), tr("Notification") });
}

} // namespace wpm
