#pragma once
// The workbench's main window: menus, the pages (target, live, history) and the status
// bar. It wires a WorkbenchSession's signals to the pages; the pages and the session do the work.

#include "config/MonitorConfig.h"
#include "notify/NotificationOutcome.h"
#include "target/LaunchedProcess.h"

#include <QMainWindow>

class QAction;
class QTabWidget;

namespace wpm {

class DemoTraffic;
class HistoryPage;
class LivePage;
class SamplingStatusWidget;
class TargetPage;
class WorkbenchSession;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(const MonitorConfig& config, QWidget* parent = nullptr);
    ~MainWindow() override;

    // Adds a page as a tab (the history page plugs in here); returns its index.
    int addPage(QWidget* page, const QString& title);

    TargetPage* targetPage() const { return m_target; }
    LivePage* livePage() const { return m_live; }
    HistoryPage* historyPage() const { return m_history; }
    SamplingStatusWidget* samplingStatus() const { return m_samplingStatus; }
    WorkbenchSession* session() const { return m_session; }
    bool isRecording() const { return m_session != nullptr; }

    void startRecording(qint64 pid, const wpm::LaunchSpec& launch);
    void stopRecording();
    void launchDemo();
    void sendDemoTraffic();

Q_SIGNALS:
    void recordingStopped(const QString& reason);

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void createMenus();
    QWidget* createDemoOffer();
    void connectSession();
    void onStopped(const QString& reason);
    // In the status bar and the console, and in the history row's notification column.
    void showNotificationOutcome(const wpm::NotificationOutcome& outcome, const QString& historyError);
    void updateActions();
    void showAbout();
    void showSettings();
    void findOnCurrentPage();
    void exportSelectedReport();
    void applySettings(); // the stored settings over the configuration the window was started with

    MonitorConfig m_startConfig; // from the command line, environment and file
    MonitorConfig m_config; // m_startConfig with the settings dialog's values: the next recording's
    QTabWidget* m_pages;
    TargetPage* m_target;
    LivePage* m_live;
    HistoryPage* m_history;
    SamplingStatusWidget* m_samplingStatus;
    DemoTraffic* m_demoTraffic;
    WorkbenchSession* m_session = nullptr; // null when not recording
    QAction* m_startAction = nullptr;
    QAction* m_stopAction = nullptr;
    QAction* m_demoAction = nullptr;
    QAction* m_trafficAction = nullptr;
};

} // namespace wpm
