#pragma once
// For the tests of the settings dialog: QSettings kept in a temporary folder, so that they read and
// write no real user settings.

#include <QCoreApplication>
#include <QSettings>
#include <QTemporaryDir>

namespace wpm::test {

// Points the INI user-scope settings of this application (named `applicationName`) into `dir`.
inline bool keepSettingsIn(const QTemporaryDir& dir, const QString& applicationName)
{
    if (!dir.isValid())
        return false;
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, dir.path());
    QCoreApplication::setOrganizationName(QStringLiteral("wpm-test"));
    QCoreApplication::setApplicationName(applicationName);
    return true;
}

} // namespace wpm::test
