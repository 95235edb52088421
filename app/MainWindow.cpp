#include "MainWindow.h"

#include "AboutDialog.h"

#include <QApplication>
#include <QFormLayout>
#include <QLabel>
#include <QMenuBar>
#include <QStatusBar>
#include <QVBoxLayout>

namespace wpm {

MainWindow::MainWindow(const MonitorConfig& config, QWidget* parent)
    : QMainWindow(parent)
    , m_config(config)
{
    setObjectName(QStringLiteral("MainWindow"));
    setWindowTitle(tr("web-perfmonitor"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/web-perfmonitor.svg")));
    createMenus();
    setCentralWidget(createWelcomePage());
    statusBar()->showMessage(tr("Not recording"));
    resize(1100, 720);
}

void MainWindow::createMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->setObjectName(QStringLiteral("fileMenu"));
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->setObjectName(QStringLiteral("helpMenu"));
    QAction* about = help->addAction(tr("&About web-perfmonitor"), this, &MainWindow::showAbout);
    about->setObjectName(QStringLiteral("aboutAction"));
    about->setMenuRole(QAction::AboutRole);
    QAction* aboutQt = help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
    aboutQt->setMenuRole(QAction::AboutQtRole);
}

QWidget* MainWindow::createWelcomePage() const
{
    // Until the target page exists, the window shows the settings a recording would use.
    auto* page = new QWidget;
    auto* heading = new QLabel(tr("<h2>Why was this request slow?</h2>"), page);
    auto* intro = new QLabel(tr("web-perfmonitor samples your web server from outside, times every request through "
                                "its proxy and writes a report with the call tree of each request slower than the "
                                "threshold. These are the settings in effect:"),
        page);
    intro->setWordWrap(true);

    auto* settings = new QFormLayout;
    settings->addRow(tr("Slow-request threshold:"), new QLabel(tr("%1 s").arg(m_config.thresholdSeconds), page));
    settings->addRow(tr("Reports folder:"), new QLabel(m_config.logPath, page));
    settings->addRow(tr("Sampling rate:"), new QLabel(tr("%1 Hz").arg(m_config.samplingRateHz), page));
    settings->addRow(tr("Proxy listens on:"), new QLabel(m_config.proxyListen, page));

    auto* layout = new QVBoxLayout(page);
    layout->addWidget(heading);
    layout->addWidget(intro);
    layout->addLayout(settings);
    layout->addStretch();
    return page;
}

void MainWindow::showAbout()
{
    AboutDialog dialog(this);
    dialog.exec();
}

} // namespace wpm
