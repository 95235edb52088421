#pragma once
// How a server is launched, remembered per project (its working directory) with QSettings, most
// recent first, so reopening a project brings back its command line and environment.

#include <QStringList>

namespace wpm {

struct LaunchSettings {
    QString commandLine; // as typed; split like a shell (QProcess::splitCommand)
    QString workingDirectory;
    QStringList environment; // NAME=value lines added to the workbench's own environment

    bool operator==(const LaunchSettings&) const = default;
};

class LaunchSettingsStore {
public:
    static constexpr int maxProjects = 20;

    // Most recent first.
    static QList<LaunchSettings> recent();
    static void remember(const LaunchSettings& settings);
};

} // namespace wpm
