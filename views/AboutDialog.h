#pragma once
// The About dialog: what the workbench is, its version, and the versions of the libraries it runs on.

#include <QDialog>

class QTableWidget;

namespace wpm {

class AboutDialog : public QDialog {
    Q_OBJECT
public:
    explicit AboutDialog(QWidget* parent = nullptr);

    // Exposed for tests: the table of library names and versions.
    QTableWidget* libraryTable() const { return m_libraries; }

private:
    QTableWidget* m_libraries = nullptr;
};

} // namespace wpm
