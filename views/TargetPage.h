#pragma once
// The target page: which server to record — launched from a command line (working directory,
// environment; remembered per project) or attached by PID (picked from the running processes) —
// Start/Stop, the proxy address to send requests to (copy, open in a browser), and the console.

#include "LaunchSettings.h"
#include "target/LaunchedProcess.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QRadioButton;
class QSpinBox;

namespace wpm {

class ConsoleView;

class TargetPage : public QWidget {
    Q_OBJECT
public:
    explicit TargetPage(QWidget* parent = nullptr);

    LaunchSettings launchSettings() const;
    void setLaunchSettings(const LaunchSettings& settings);
    // The launch as LaunchedProcess takes it; an empty argv when the command line is empty.
    LaunchSpec launchSpec() const;
    pid_t attachPid() const;
    bool attachSelected() const;

    void setRecording(bool recording);
    void setProxyAddress(const QString& address); // "host:port", empty when not listening
    void showMessage(const QString& message, bool isError);
    QString message() const; // the message shown, empty when none

    ConsoleView* console() const { return m_console; }
    QString proxyUrl() const;
    // For tests and the "Start" shortcut.
    QPushButton* startButton() const { return m_start; }
    QPushButton* stopButton() const { return m_stop; }
    QLineEdit* commandEdit() const { return m_command; }
    QLabel* proxyLabel() const { return m_proxy; }

Q_SIGNALS:
    void startRequested(qint64 pid, const wpm::LaunchSpec& launch);
    void stopRequested();

private:
    QWidget* createTargetForm();
    QWidget* createProxyRow();
    void requestStart();
    void pickProcess();
    void chooseDirectory();
    void fillFromRecent(int index);

    QRadioButton* m_launchMode;
    QRadioButton* m_attachMode;
    QComboBox* m_recent;
    QLineEdit* m_command;
    QLineEdit* m_directory;
    QPlainTextEdit* m_environment;
    QSpinBox* m_pid;
    QPushButton* m_start;
    QPushButton* m_stop;
    QLabel* m_proxy;
    QPushButton* m_copy;
    QPushButton* m_open;
    QLabel* m_message;
    ConsoleView* m_console;
};

} // namespace wpm
