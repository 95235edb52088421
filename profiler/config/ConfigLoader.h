#pragma once
// Builds a MonitorConfig from layers, later ones winning: built-in defaults < JSON file < environment (PERF_*)
// < command-line flags. Values are only collected until resolve(), which checks all of them and returns either
// a complete valid configuration or one Error listing every problem.

#include "ConfigKeys.h"
#include "MonitorConfig.h"
#include "core/Result.h"

#include <QCoreApplication>
#include <QJsonValue>
#include <QList>
#include <QProcessEnvironment>
#include <QStringList>

#include <variant>

namespace wpm {

class ConfigLoader {
    Q_DECLARE_TR_FUNCTIONS(wpm::ConfigLoader)

public:
    // An unreadable file, a JSON syntax error or a top level that is not an object fails now; unknown keys
    // and bad values are reported by resolve(). A later file wins over an earlier one.
    [[nodiscard]] Status addFile(const QString& path);

    // Reads the PERF_* variables of env (never the process's own environment, so callers choose and tests
    // can fake it). A variable set to the empty string counts as unset. Near-misses such as PERF_TRESHOLD
    // become warnings; unrelated PERF_* variables (linux-perf's PERF_EXEC_PATH, ...) are ignored silently.
    void addEnvironment(const QProcessEnvironment& env);

    // keyName is "threshold_seconds" or "threshold-seconds"; text is as typed after the flag.
    void addCommandLineValue(const QString& keyName, const QString& text);

    QStringList warnings() const { return m_warnings; }

    [[nodiscard]] Result<MonitorConfig> resolve() const;

private:
    enum class Layer { File, Environment, CommandLine }; // in order of precedence

    struct Entry {
        Layer layer;
        const ConfigKey* key;
        std::variant<QJsonValue, QString> value; // JSON-typed from a file, text from the environment or a flag
        QString origin; // file path, variable name or --flag
    };

    QString describeValue(const Entry& entry) const;
    QString problem(const Entry& entry, const QString& reason) const;
    void warnAboutNearMiss(const QString& variable);

    QList<Entry> m_entries;
    QStringList m_problems; // found while adding (unknown keys), reported by resolve()
    QStringList m_warnings;
};

} // namespace wpm
