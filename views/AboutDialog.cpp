#include "AboutDialog.h"

#include "core/LibraryVersions.h"
#include "core/Version.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

namespace wpm {

AboutDialog::AboutDialog(QWidget* parent)
    : QDialog(parent)
{
    setWindowTitle(tr("About web-perfmonitor"));

    auto* title = new QLabel(tr("<h2>web-perfmonitor %1</h2>").arg(QString::fromLatin1(kVersion)), this);
    auto* blurb = new QLabel(tr("A profiling workbench for web servers: it samples your server from outside, "
                                "times every request and explains each slow one with its own call tree."),
        this);
    blurb->setWordWrap(true);

    const QList<LibraryVersion> versions = libraryVersions();
    m_libraries = new QTableWidget(int(versions.size()), 2, this);
    m_libraries->setHorizontalHeaderLabels({ tr("Library"), tr("Version") });
    m_libraries->verticalHeader()->hide();
    m_libraries->horizontalHeader()->setStretchLastSection(true);
    m_libraries->setEditTriggers(QAbstractItemView::NoEditTriggers);
    for (int row = 0; row < versions.size(); ++row) {
        m_libraries->setItem(row, 0, new QTableWidgetItem(versions[row].name));
        m_libraries->setItem(row, 1, new QTableWidgetItem(versions[row].version));
    }

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(title);
    layout->addWidget(blurb);
    layout->addWidget(m_libraries);
    layout->addWidget(buttons);
    resize(460, 360);
}

} // namespace wpm
