#pragma once
// The workbench's main window: menus, status bar, and the pages it wires to the engine.

#include "config/MonitorConfig.h"

#include <QMainWindow>

namespace wpm {

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(const MonitorConfig& config, QWidget* parent = nullptr);

private:
    void createMenus();
    QWidget* createWelcomePage() const;
    void showAbout();

    MonitorConfig m_config;
};

} // namespace wpm
