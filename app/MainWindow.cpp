#include "MainWindow.h"

#include "AboutDialog.h"
#include "ConsoleView.h"
#include "DemoServer.h"
#include "FlameGraphView.h"
#include "HistoryModel.h"
#include "HistoryPage.h"
#include "LivePage.h"
#include "NotificationOutcomeText.h"
#include "ReportCommand.h"
#include "ReportSymbolization.h"
#include "RequestsModel.h"
#include "SamplingStatusWidget.h"
#include "SettingsDialog.h"
#include "TargetPage.h"
#include "Translations.h"
#include "WidgetStates.h"
#include "WorkbenchSession.h"
#include "WorkbenchSettings.h"

#include <QApplication>
#include <QCloseEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QPushButton>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>
#include <QVBoxLayout>
#include <QWebEnginePage>

namespace wpm {
namespace {

const QString kDemoOfferedKey = QStringLiteral("welcome/demoOffered");

} // namespace

MainWindow::MainWindow(const MonitorConfig& config, QWidget* parent)
    : QMainWindow(parent)
    , m_startConfig(config)
    , m_config(config)
    , m_pages(new QTabWidget(this))
    , m_target(new TargetPage(this))
    , m_live(new LivePage(this))
    , m_history(new HistoryPage(this))
    , m_samplingStatus(new SamplingStatusWidget(this))
    , m_demoTraffic(new DemoTraffic(this))
{
    setObjectName(QStringLiteral("MainWindow"));
    setWindowTitle(tr("web-perfmonitor"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/web-perfmonitor.svg")));
    addPage(m_target, tr("&Target"));
    addPage(m_live, tr("&Live"));
    addPage(m_history, tr("&History"));

    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    if (!QSettings().value(kDemoOfferedKey).toBool())
        layout->addWidget(createDemoOffer());
    layout->addWidget(m_pages, 1);
    setCentralWidget(central);

    createMenus();
    connect(m_target, &TargetPage::startRequested, this, &MainWindow::startRecording);
    connect(m_target, &TargetPage::stopRequested, this, &MainWindow::stopRecording);
    connect(m_demoTraffic, &DemoTraffic::finished, this, [this](int answered, int failed) {
        statusBar()->showMessage(tr("Demo traffic: %1 answered, %2 failed.").arg(answered).arg(failed), 5000);
        updateActions();
    });
    statusBar()->addPermanentWidget(m_samplingStatus);
    statusBar()->showMessage(tr("Not recording"));
    applySettings(); // after the first message: a stored value that no longer passes is shown over it
    resize(1100, 720);
    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    restoreWidgetStates(this, settings, QStringLiteral("window"));
    updateActions();
}

MainWindow::~MainWindow() = default;

int MainWindow::addPage(QWidget* page, const QString& title)
{
    return m_pages->addTab(page, title);
}

void MainWindow::createMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->setObjectName(QStringLiteral("fileMenu"));
    m_demoAction = file->addAction(tr("Launch &demo"), this, &MainWindow::launchDemo);
    m_demoAction->setObjectName(QStringLiteral("launchDemoAction"));
    QAction* exportZip = file->addAction(tr("&Export report as zip…"), this, &MainWindow::exportSelectedReport);
    exportZip->setObjectName(QStringLiteral("exportAction"));
    exportZip->setShortcut(Qt::CTRL | Qt::Key_E);
    QAction* settings = file->addAction(tr("&Settings…"), this, &MainWindow::showSettings);
    settings->setObjectName(QStringLiteral("settingsAction"));
    // Spelled out: the platform's standard bindings are empty on some (Preferences on X11, both offscreen).
    settings->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Comma));
    settings->setMenuRole(QAction::PreferencesRole);
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));
    quit->setMenuRole(QAction::QuitRole);

    QMenu* recording = menuBar()->addMenu(tr("&Recording"));
    recording->setObjectName(QStringLiteral("recordingMenu"));
    m_startAction = recording->addAction(tr("&Start"), m_target->startButton(), &QPushButton::click);
    m_startAction->setShortcuts({ QKeySequence(Qt::Key_F5), QKeySequence(Qt::CTRL | Qt::Key_R) });
    m_stopAction = recording->addAction(tr("S&top"), this, &MainWindow::stopRecording);
    m_stopAction->setShortcut(Qt::SHIFT | Qt::Key_F5);
    m_trafficAction = recording->addAction(tr("Send demo &traffic"), this, &MainWindow::sendDemoTraffic);
    m_trafficAction->setObjectName(QStringLiteral("sendDemoTrafficAction"));
    m_trafficAction->setShortcut(Qt::CTRL | Qt::Key_T);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    view->setObjectName(QStringLiteral("viewMenu"));
    view->addAction(tr("&Find"), QKeySequence::Find, this, &MainWindow::findOnCurrentPage);
    view->addSeparator();
    view->addAction(
        tr("&Target"), QKeySequence(Qt::CTRL | Qt::Key_1), this, [this] { m_pages->setCurrentWidget(m_target); });
    view->addAction(
        tr("&Live"), QKeySequence(Qt::CTRL | Qt::Key_2), this, [this] { m_pages->setCurrentWidget(m_live); });
    view->addAction(
        tr("&History"), QKeySequence(Qt::CTRL | Qt::Key_3), this, [this] { m_pages->setCurrentWidget(m_history); });

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->setObjectName(QStringLiteral("helpMenu"));
    QAction* about = help->addAction(tr("&About web-perfmonitor"), this, &MainWindow::showAbout);
    about->setObjectName(QStringLiteral("aboutAction"));
    about->setMenuRole(QAction::AboutRole);
    QAction* aboutQt = help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
    aboutQt->setMenuRole(QAction::AboutQtRole);
}

QWidget* MainWindow::createDemoOffer()
{
    // Offered once: a first-time user sees the workbench at work before pointing it at their server.
    auto* bar = new QWidget(this);
    bar->setObjectName(QStringLiteral("demoOffer"));
    bar->setAutoFillBackground(true);
    bar->setBackgroundRole(QPalette::AlternateBase);
    auto* text = new QLabel(tr("New here? Launch the demo web app and send it some traffic: its slow requests "
                               "show up in the Live page with their call trees (threshold %1 s).")
                                .arg(m_config.thresholdSeconds),
        bar);
    text->setWordWrap(true);
    auto* launch = new QPushButton(tr("Launch demo"), bar);
    launch->setObjectName(QStringLiteral("demoOfferLaunch"));
    auto* dismiss = new QPushButton(tr("Dismiss"), bar);
    const auto close = [bar] {
        QSettings().setValue(kDemoOfferedKey, true);
        bar->hide();
    };
    connect(launch, &QPushButton::clicked, this, [this, close] {
        close();
        launchDemo();
    });
    connect(dismiss, &QPushButton::clicked, this, close);
    auto* layout = new QHBoxLayout(bar);
    layout->addWidget(text, 1);
    layout->addWidget(launch);
    layout->addWidget(dismiss);
    return bar;
}

void MainWindow::startRecording(qint64 pid, const LaunchSpec& launch)
{
    if (m_session)
        return;
    m_target->showMessage({}, false);
    m_target->console()->clear();
    m_live->clear();
    m_live->requestsModel()->setThresholdSeconds(m_config.thresholdSeconds);
    m_session = new WorkbenchSession(m_config, this);
    connectSession();
    m_target->setRecording(true);
    statusBar()->showMessage(
        pid > 0 ? tr("Attaching to PID %1…").arg(pid) : tr("Launching %1…").arg(launch.argv.value(0)));
    m_session->start(pid_t(pid), launch);
    updateActions();
}

void MainWindow::connectSession()
{
    Recording* recording = m_session->recording();
    ServerSession* server = recording->server();
    connect(server, &ServerSession::consoleLine, m_target->console(), &ConsoleView::appendLine);
    connect(server, &ServerSession::samplerWarning, this, [this](const QString& message) {
        m_target->console()->appendLine(tr("web-perfmonitor: %1").arg(message), true);
        statusBar()->showMessage(message);
    });
    connect(
        server, &ServerSession::failed, this, [this](const QString& message) { m_target->showMessage(message, true); });
    connect(
        recording, &Recording::failed, this, [this](const QString& message) { m_target->showMessage(message, true); });
    connect(server, &ServerSession::samplingStarted, this,
        [this](qint64 pid) { statusBar()->showMessage(tr("Sampling PID %1; waiting for it to listen…").arg(pid)); });
    connect(server, &ServerSession::statsAvailable, m_samplingStatus, &SamplingStatusWidget::setStats);
    connect(recording, &Recording::proxyStarted, this, [this, recording](const QString& address) {
        showReportSymbolization(recording->capture(), m_live);
        m_target->setProxyAddress(address);
        statusBar()->showMessage(tr("Recording: send requests to http://%1/").arg(address));
        updateActions();
    });
    connect(recording, &Recording::requestFinished, m_live->requestsModel(), &RequestsModel::append);
    connect(m_session, &WorkbenchSession::reportWritten, m_live->requestsModel(), &RequestsModel::setReportPath);
    connect(m_session, &WorkbenchSession::reportFailed, this,
        [this](const QString& message) { statusBar()->showMessage(message, 10000); });
    connect(m_session, &WorkbenchSession::reportAddedToHistory, this, [this](const QString&, const QStringList& notes) {
        m_history->reload();
        if (!notes.isEmpty())
            statusBar()->showMessage(notes.join(u' ').simplified(), 10000);
    });
    connect(m_session, &WorkbenchSession::notificationOutcomeAvailable, this, &MainWindow::showNotificationOutcome);
    connect(m_session, &WorkbenchSession::liveProfilerStarted, this,
        [this](LiveProfiler* profiler) { showLiveProfiler(profiler, m_live); });
    connect(m_session, &WorkbenchSession::stopped, this, &MainWindow::onStopped);
}

void MainWindow::showNotificationOutcome(const NotificationOutcome& outcome, const QString& historyError)
{
    const QString text = notificationOutcomeText(outcome);
    const bool failed
        = outcome.kind != NotificationOutcome::Kind::Sent && outcome.kind != NotificationOutcome::Kind::Suppressed;
    statusBar()->showMessage(text, 10000);
    m_target->console()->appendLine(tr("web-perfmonitor: %1").arg(text), failed);
    if (!historyError.isEmpty())
        m_target->console()->appendLine(tr("web-perfmonitor: %1").arg(historyError), true);
    m_history->model()->setNotificationOutcome(outcome.reportId, outcome.notifier, text);
}

void MainWindow::stopRecording()
{
    if (m_session)
        m_session->stop(tr("stopped from the workbench"));
}

void MainWindow::onStopped(const QString& reason)
{
    m_session->deleteLater();
    m_session = nullptr;
    m_target->setRecording(false);
    m_target->setProxyAddress({});
    m_samplingStatus->clear();
    statusBar()->showMessage(tr("Not recording (%1)").arg(reason));
    updateActions();
    Q_EMIT recordingStopped(reason);
}

void MainWindow::launchDemo()
{
    if (m_session)
        return;
    const Result<LaunchSpec> demo = demoLaunchSpec();
    if (!demo) {
        m_target->showMessage(demo.error().message, true);
        return;
    }
    m_target->setLaunchSettings(LaunchSettings { demo->argv.join(u' '), demo->workingDirectory, {} });
    m_pages->setCurrentWidget(m_target);
    startRecording(0, *demo);
}

void MainWindow::sendDemoTraffic()
{
    if (m_target->proxyUrl().isEmpty())
        return;
    m_demoTraffic->send(m_target->proxyUrl());
    statusBar()->showMessage(tr("Sending demo traffic: %1").arg(DemoTraffic::paths().join(QStringLiteral(", "))));
    m_pages->setCurrentWidget(m_live);
    updateActions();
}

void MainWindow::updateActions()
{
    const bool recording = m_session != nullptr;
    m_startAction->setEnabled(!recording);
    m_demoAction->setEnabled(!recording);
    m_stopAction->setEnabled(recording);
    m_trafficAction->setEnabled(!m_target->proxyUrl().isEmpty() && !m_demoTraffic->isSending());
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    saveWidgetStates(this, settings, QStringLiteral("window"));
    QMainWindow::closeEvent(event);
}

void MainWindow::findOnCurrentPage()
{
    QWidget* page = m_pages->currentWidget();
    if (page == m_live) { // the flame graph's search field is the page's own
        m_live->flameGraph()->setFocus();
        m_live->flameGraph()->page()->runJavaScript(QStringLiteral("document.getElementById('flame-search').focus()"));
        return;
    }
    QLineEdit* search = page == m_history ? m_history->searchEdit() : m_target->console()->searchEdit();
    search->setFocus(Qt::ShortcutFocusReason);
    search->selectAll();
}

void MainWindow::exportSelectedReport()
{
    m_pages->setCurrentWidget(m_history);
    if (m_history->selectedReportId().isEmpty()) {
        statusBar()->showMessage(tr("Select a report in the history to export it."), 5000);
        return;
    }
    m_history->askAndExport();
}

void MainWindow::showAbout()
{
    AboutDialog dialog(this);
    dialog.exec();
}

void MainWindow::showSettings()
{
    SettingsDialog dialog(m_config, availableLanguages(), SecretStore(), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    QSettings settings;
    dialog.save(settings);
    applySettings();
    statusBar()->showMessage(tr("Settings saved; they apply to the next recording."), 5000);
}

void MainWindow::applySettings()
{
    m_config = m_startConfig;
    const QStringList problems = WorkbenchSettings::applyStored(m_config, QSettings());
    if (!problems.isEmpty())
        statusBar()->showMessage(problems.join(u' '), 15000);
    if (!m_session) // a recording keeps the threshold it started with
        m_live->requestsModel()->setThresholdSeconds(m_config.thresholdSeconds);
    m_history->setHistory(m_config.logPath, historyOptions(m_config));
}

} // namespace wpm
