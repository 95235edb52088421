#include "ProcessListModel.h"

#include "ColumnTitles.h"

namespace wpm {

ProcessListModel::ProcessListModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void ProcessListModel::resetData(QList<ProcessInfo> processes)
{
    beginResetModel();
    m_processes = std::move(processes);
    endResetModel();
}

int ProcessListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_processes.size());
}

int ProcessListModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ProcessListModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ProcessInfo& process = m_processes.at(index.row());
    if (role == PidRole)
        return qint64(process.pid);
    if (role == Qt::ToolTipRole && index.column() == CommandLineColumn)
        return process.executable;
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case PidColumn:
        return qint64(process.pid); // a number, so the column sorts numerically
    case NameColumn:
        return process.name;
    case CommandLineColumn:
        return process.commandLine.join(u' ');
    default:
        return {};
    }
}

QVariant ProcessListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    return columnTitle(section, orientation, role, { tr("PID"), tr("Name"), tr("Command line") });
}

} // namespace wpm
