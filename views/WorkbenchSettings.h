#pragma once
// The configuration keys the settings dialog edits, kept with QSettings as typed ("config/<key>") and laid
// over the configuration of the next recording. Values are checked by the configuration's own key table
// (ConfigKeys, ConfigChecks, UrlPattern), so the dialog accepts exactly what a configuration file does.

#include "config/ConfigKeys.h"

#include <QCoreApplication>
#include <QSettings>

namespace wpm {

class WorkbenchSettings {
    Q_DECLARE_TR_FUNCTIONS(wpm::WorkbenchSettings)

public:
    static QStringList editableKeys(); // snake_case names, in the dialog's order
    static QString settingsKey(const ConfigKey& key); // "config/threshold_seconds"
    static inline const QString languageKey = QStringLiteral("ui/language"); // empty: the system's

    // Why `text` is not accepted for `key`, worded like the configuration's checks; empty when accepted.
    static QString problem(const ConfigKey& key, const QString& text);
    // The stored values laid over `config`; a stored value that no longer passes (a log path that was
    // removed, say) is left out and its problem returned.
    static QStringList applyStored(MonitorConfig& config, const QSettings& settings);

private:
    static QString explain(const ConfigKey& key, const Error& error);
};

} // namespace wpm
