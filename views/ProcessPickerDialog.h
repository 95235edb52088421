#pragma once
// Picks a running process to attach to: a filterable list of PIDs with their command lines. Accepting
// checks first that ptrace will be allowed and, when not, shows why and what to do instead.

#include <QDialog>

#include <sys/types.h>

class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QTableView;

namespace wpm {

class ProcessListModel;

class ProcessPickerDialog : public QDialog {
    Q_OBJECT
public:
    explicit ProcessPickerDialog(QWidget* parent = nullptr);

    pid_t selectedPid() const { return m_selected; }
    void refresh();

    // Exposed for tests.
    QLineEdit* filterEdit() const { return m_filter; }
    QTableView* table() const { return m_table; }
    QLabel* errorLabel() const { return m_error; }
    void selectPid(pid_t pid);

    void accept() override;

private:
    ProcessListModel* m_model;
    QSortFilterProxyModel* m_filtered;
    QLineEdit* m_filter;
    QTableView* m_table;
    QLabel* m_error;
    pid_t m_selected = 0;
};

} // namespace wpm
