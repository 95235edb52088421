#pragma once
// The processes this user can see, for the attach picker: PID, name and command line.

#include "target/ProcFs.h"

#include <QAbstractTableModel>

namespace wpm {

class ProcessListModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Columns { PidColumn, NameColumn, CommandLineColumn, ColumnCount };
    enum Roles { PidRole = Qt::UserRole };

    explicit ProcessListModel(QObject* parent = nullptr);

    void resetData(QList<ProcessInfo> processes);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<ProcessInfo> m_processes;
};

} // namespace wpm
