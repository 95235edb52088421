#pragma once
// The requests the proxy saw, newest last, one row each: time, method, URL, status, duration and
// whether it was slower than the threshold. Bounded: the oldest rows go first.

#include "capture/RequestRecord.h"

#include <QAbstractTableModel>
#include <QList>

namespace wpm {

class RequestsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Columns { TimeColumn, MethodColumn, UrlColumn, StatusColumn, DurationColumn, SlowColumn, ColumnCount };
    enum Roles {
        RequestIdRole = Qt::UserRole, // quint64: RequestRecord::id
        DurationSecondsRole, // double
        IsSlowRole, // bool
        ReportPathRole, // QString: the HTML report, once written
    };

    explicit RequestsModel(QObject* parent = nullptr);

    void setThresholdSeconds(double seconds);
    double thresholdSeconds() const { return m_thresholdSeconds; }
    void setMaxRows(qsizetype rows) { m_maxRows = rows; }

    void append(const RequestRecord& record);
    // The HTML report of request `id`; ignored when that row is gone.
    void setReportPath(quint64 id, const QString& path);
    void clear();

    const RequestRecord* record(int row) const;
    int rowOf(quint64 id) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row {
        RequestRecord record;
        QString reportPath;
    };
    bool isSlow(const RequestRecord& record) const { return record.durationSeconds() > m_thresholdSeconds; }

    QList<Row> m_rows;
    double m_thresholdSeconds = 1.0;
    qsizetype m_maxRows = 10'000;
};

} // namespace wpm
