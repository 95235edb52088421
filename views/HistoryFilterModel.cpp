#include "HistoryFilterModel.h"

#include "HistoryModel.h"

#include <QDateTime>

namespace wpm {

HistoryFilterModel::HistoryFilterModel(QObject* parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(HistoryModel::SortRole);
}

void HistoryFilterModel::setEndpoint(const QString& endpoint)
{
    m_endpoint = endpoint;
    invalidateRowsFilter();
}

void HistoryFilterModel::setText(const QString& text)
{
    m_text = text.trimmed();
    invalidateRowsFilter();
}

void HistoryFilterModel::setDateRange(const QDate& from, const QDate& to)
{
    m_from = from;
    m_to = to;
    invalidateRowsFilter();
}

void HistoryFilterModel::setStatusClass(StatusClass statusClass)
{
    m_statusClass = statusClass;
    invalidateRowsFilter();
}

bool HistoryFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    const QModelIndex row = sourceModel()->index(sourceRow, 0, sourceParent);
    const QString endpoint = row.data(HistoryModel::EndpointRole).toString();
    if (!m_endpoint.isEmpty() && endpoint != m_endpoint)
        return false;
    if (!m_text.isEmpty()) {
        const QString url = row.siblingAtColumn(HistoryModel::UrlColumn).data().toString();
        if (!endpoint.contains(m_text, Qt::CaseInsensitive) && !url.contains(m_text, Qt::CaseInsensitive))
            return false;
    }
    const QDate date = row.data(HistoryModel::TimeRole).toDateTime().toLocalTime().date();
    if ((m_from.isValid() && date < m_from) || (m_to.isValid() && date > m_to))
        return false;
    const int status = row.data(HistoryModel::HttpStatusRole).toInt();
    return m_statusClass == StatusClass::Any || status / 100 == int(m_statusClass);
}

} // namespace wpm
