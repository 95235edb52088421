#include "RequestsModel.h"

#include "ColumnTitles.h"
#include "PaletteColours.h"

#include <QBrush>
#include <QGuiApplication>
#include <QPalette>

namespace wpm {

RequestsModel::RequestsModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void RequestsModel::setThresholdSeconds(double seconds)
{
    m_thresholdSeconds = seconds;
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

void RequestsModel::append(const RequestRecord& record)
{
    if (m_maxRows > 0 && m_rows.size() >= m_maxRows) {
        const int drop = int(m_rows.size() - m_maxRows + 1);
        beginRemoveRows({}, 0, drop - 1);
        m_rows.remove(0, drop);
        endRemoveRows();
    }
    beginInsertRows({}, rowCount(), rowCount());
    m_rows.append(Row { record, {} });
    endInsertRows();
}

void RequestsModel::setReportPath(quint64 id, const QString& path)
{
    const int row = rowOf(id);
    if (row < 0)
        return;
    m_rows[row].reportPath = path;
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void RequestsModel::clear()
{
    beginResetModel();
    m_rows.clear();
    endResetModel();
}

const RequestRecord* RequestsModel::record(int row) const
{
    return row >= 0 && row < m_rows.size() ? &m_rows.at(row).record : nullptr;
}

int RequestsModel::rowOf(quint64 id) const
{
    // Ids grow with the rows: search from the end, where recent requests are.
    for (qsizetype row = m_rows.size() - 1; row >= 0; --row) {
        if (m_rows.at(row).record.id == id)
            return int(row);
    }
    return -1;
}

int RequestsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int RequestsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RequestsModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row& row = m_rows.at(index.row());
    const RequestRecord& record = row.record;
    switch (role) {
    case RequestIdRole:
        return QVariant::fromValue(record.id);
    case DurationSecondsRole:
        return record.durationSeconds();
    case IsSlowRole:
        return isSlow(record);
    case ReportPathRole:
        return row.reportPath;
    case Qt::TextAlignmentRole:
        return index.column() == StatusColumn || index.column() == DurationColumn
            ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
            : QVariant();
    case Qt::ForegroundRole:
        if (isSlow(record) && index.column() == SlowColumn) // the palette's scheme, read when the view paints
            return QBrush(errorColour(QGuiApplication::palette()));
        return {};
    case Qt::ToolTipRole:
        return index.column() == UrlColumn ? record.target : (record.error.isEmpty() ? QVariant() : record.error);
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    switch (index.column()) {
    case TimeColumn:
        return record.startTime.toLocalTime().toString(QStringLiteral("HH:mm:ss.zzz"));
    case MethodColumn:
        return record.method;
    case UrlColumn:
        return record.target;
    case StatusColumn:
        return record.status ? QString::number(record.status) : QStringLiteral("–");
    case DurationColumn:
        return tr("%1 ms").arg(record.durationSeconds() * 1000.0, 0, 'f', 1);
    case SlowColumn:
        return isSlow(record) ? tr("slow") : QString();
    default:
        return {};
    }
}

QVariant RequestsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    return columnTitle(
        section, orientation, role, { tr("Time"), tr("Method"), tr("URL"), tr("Status"), tr("Duration"), tr("Slow") });
}

} // namespace wpm
