#pragma once
// Filters and sorts the history page's rows: by endpoint, free text (endpoint or URL), a date range and
// the class of HTTP status; sorts by each column's raw value rather than its text.

#include <QDate>
#include <QSortFilterProxyModel>

namespace wpm {

class HistoryFilterModel : public QSortFilterProxyModel {
    Q_OBJECT
public:
    // Which statuses pass: all, or one class (2xx ... 5xx).
    enum class StatusClass { Any = 0, Success = 2, Redirect = 3, ClientError = 4, ServerError = 5 };

    explicit HistoryFilterModel(QObject* parent = nullptr);

    void setEndpoint(const QString& endpoint); // empty: any
    void setText(const QString& text); // case-insensitive, in the endpoint or the URL
    void setDateRange(const QDate& from, const QDate& to); // local dates, inclusive; null: open
    void setStatusClass(StatusClass statusClass);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    QString m_endpoint;
    QString m_text;
    QDate m_from;
    QDate m_to;
    StatusClass m_statusClass = StatusClass::Any;
};

} // namespace wpm
