#pragma once
// The options every mode shares: --config FILE, --lang, and one flag per configuration key,
// and how they combine with the file and the PERF_* environment into a MonitorConfig.

#include "config/MonitorConfig.h"
#include "core/Result.h"

#include <QCommandLineParser>
#include <QProcessEnvironment>

namespace wpm {

class CommandLine {
public:
    CommandLine();

    QCommandLineParser& parser() { return m_parser; }
    const QCommandLineParser& parser() const { return m_parser; }

    // Parses the arguments; on failure the error names the offending argument.
    Status parse(const QStringList& arguments);

    // Defaults < --config file < PERF_* environment < flags. Warnings (for example a misspelt
    // PERF_ variable) are appended to `warnings`.
    Result<MonitorConfig> loadConfig(const QProcessEnvironment& environment, QStringList& warnings) const;

    QString language() const { return m_parser.value(QStringLiteral("lang")); }
    bool helpRequested() const { return m_parser.isSet(QStringLiteral("help")); }
    bool versionRequested() const { return m_parser.isSet(QStringLiteral("version")); }
    QString helpText() const { return m_parser.helpText(); }
    QStringList positionalArguments() const { return m_parser.positionalArguments(); }

private:
    QCommandLineParser m_parser;
};

// `web-perfmonitor --version`: the version and the libraries it runs on.
QString versionText();

} // namespace wpm
