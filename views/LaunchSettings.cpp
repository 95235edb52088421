#include "LaunchSettings.h"

#include <QSettings>

namespace wpm {
namespace {

const QString kGroup = QStringLiteral("launch/projects");

} // namespace

QList<LaunchSettings> LaunchSettingsStore::recent()
{
    QSettings settings;
    QList<LaunchSettings> projects;
    const int count = settings.beginReadArray(kGroup);
    for (int i = 0; i < count; ++i) {
        settings.setArrayIndex(i);
        projects.append(LaunchSettings { settings.value(QStringLiteral("command")).toString(),
            settings.value(QStringLiteral("directory")).toString(),
            settings.value(QStringLiteral("environment")).toStringList() });
    }
    settings.endArray();
    return projects;
}

void LaunchSettingsStore::remember(const LaunchSettings& launch)
{
    QList<LaunchSettings> projects = recent();
    projects.removeIf(
        [&launch](const LaunchSettings& project) { return project.workingDirectory == launch.workingDirectory; });
    projects.prepend(launch);
    projects = projects.mid(0, maxProjects);
    QSettings settings;
    settings.beginWriteArray(kGroup, int(projects.size()));
    for (int i = 0; i < projects.size(); ++i) {
        settings.setArrayIndex(i);
        settings.setValue(QStringLiteral("command"), projects[i].commandLine);
        settings.setValue(QStringLiteral("directory"), projects[i].workingDirectory);
        settings.setValue(QStringLiteral("environment"), projects[i].environment);
    }
    settings.endArray();
}

} // namespace wpm
