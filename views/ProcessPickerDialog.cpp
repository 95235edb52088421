#include "ProcessPickerDialog.h"

#include "PaletteColours.h"
#include "ProcessListModel.h"
#include "target/AttachCheck.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

namespace wpm {

ProcessPickerDialog::ProcessPickerDialog(QWidget* parent)
    : QDialog(parent)
    , m_model(new ProcessListModel(this))
    , m_filtered(new QSortFilterProxyModel(this))
    , m_filter(new QLineEdit(this))
    , m_table(new QTableView(this))
    , m_error(new QLabel(this))
{
    setWindowTitle(tr("Attach to a process"));
    m_filtered->setSourceModel(m_model);
    m_filtered->setFilterKeyColumn(-1); // PID, name and command line
    m_filtered->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_filter->setPlaceholderText(tr("Filter by PID, name or command line"));
    m_filter->setClearButtonEnabled(true);
    connect(m_filter, &QLineEdit::textChanged, m_filtered, &QSortFilterProxyModel::setFilterFixedString);

    m_table->setModel(m_filtered);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(ProcessListModel::PidColumn, Qt::DescendingOrder); // newest first
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->hide();
    connect(m_table, &QTableView::doubleClicked, this, &ProcessPickerDialog::accept);

    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    setErrorColoured(m_error, true);
    m_error->hide();

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Attach"));
    QPushButton* reload = buttons->addButton(tr("Refresh"), QDialogButtonBox::ResetRole);
    connect(reload, &QPushButton::clicked, this, &ProcessPickerDialog::refresh);
    connect(buttons, &QDialogButtonBox::accepted, this, &ProcessPickerDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &ProcessPickerDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_filter);
    layout->addWidget(m_table);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    resize(760, 480);
    refresh();
}

void ProcessPickerDialog::refresh()
{
    // One pass over /proc: a few milliseconds even with hundreds of processes.
    QList<ProcessInfo> processes = listProcesses();
    processes.removeIf([](const ProcessInfo& process) { return process.isKernelThread; });
    m_model->resetData(std::move(processes));
    m_table->resizeColumnToContents(ProcessListModel::PidColumn);
}

void ProcessPickerDialog::selectPid(pid_t pid)
{
    for (int row = 0; row < m_filtered->rowCount(); ++row) {
        const QModelIndex index = m_filtered->index(row, 0);
        if (index.data(ProcessListModel::PidRole).toLongLong() == pid) {
            m_table->selectRow(row);
            return;
        }
    }
}

void ProcessPickerDialog::accept()
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty()) {
        m_error->setText(tr("Select the process to attach to."));
        m_error->show();
        return;
    }
    const auto pid = pid_t(rows.first().data(ProcessListModel::PidRole).toLongLong());
    if (Status attachable = checkAttachable(pid); !attachable) {
        m_error->setText(attachable.error().message);
        m_error->show();
        return;
    }
    m_selected = pid;
    QDialog::accept();
}

} // namespace wpm
