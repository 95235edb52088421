#pragma once
// Reading and writing the JSON configuration file: {"threshold_seconds": 0.5, "url_whitelist": ["/api/*"]}.

#include "MonitorConfig.h"
#include "core/Result.h"

#include <QCoreApplication>
#include <QJsonObject>

namespace wpm {

class ConfigFile {
    Q_DECLARE_TR_FUNCTIONS(wpm::ConfigFile)

public:
    // The top-level object, or why not: unreadable, too large, a JSON syntax error (with line and column),
    // or not an object. Keys are not checked here.
    static Result<QJsonObject> read(const QString& path);

    // Writes every key atomically (temporary file, then rename). Notifier secrets are left out: plain files
    // never hold them, so a notifier saved here gets its token from the keychain.
    static Status save(const MonitorConfig& config, const QString& path);
};

// Same as ConfigFile::save.
Status saveConfigFile(const MonitorConfig& config, const QString& path);

} // namespace wpm
