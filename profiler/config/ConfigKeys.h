#pragma once
// The one table of configuration keys: each key's name in the file, the environment and on the command line,
// its help text, and how a value is checked and stored. The loader, --help and the settings dialog all read
// this table, so a key added here is supported everywhere; defaults come from MonitorConfig{}.

#include "MonitorConfig.h"
#include "core/Result.h"

#include <QJsonValue>
#include <QList>
#include <QString>

namespace wpm {

// How text typed in the environment or after a flag becomes a value.
enum class ConfigKind {
    Number, // decimal number
    Integer, // whole number
    Text, // taken as is
    Path, // taken as is, checked as a directory
    Address, // taken as is, checked as host:port
    PatternList, // comma-separated, white space trimmed, empty items dropped
    NotifierList, // JSON text
};

struct ConfigKey {
    // Checks a JSON-typed value and stores it. An Error's message is the specific reason, or empty when
    // "expected <accepted values>" says it all.
    using Apply = Status (*)(const QJsonValue& value, MonitorConfig& config);
    using Read = QJsonValue (*)(const MonitorConfig& config, SecretHandling secrets);

    QString name; // snake_case, as in the JSON file
    QString environmentVariable;
    const char* valueNameSource; // untranslated; use valueName()
    const char* descriptionSource;
    const char* acceptedSource;
    ConfigKind kind;
    Apply apply;
    Read read;

    QString flag() const; // "threshold-seconds", without the dashes
    QString valueName() const; // for --help: "seconds"
    QString description() const;
    QString acceptedValues() const; // "a number of seconds from 0 to 86400, e.g. 0.5"
    QJsonValue defaultValue() const;
    QString defaultText() const; // the default as one would type it after the flag

    // Text from the environment or a flag, converted per kind into what apply() takes. An Error's
    // message is the specific reason, or empty.
    Result<QJsonValue> parseText(const QString& text) const;
    QString toText(const QJsonValue& value) const;
};

const QList<ConfigKey>& configKeys();
// By snake_case name; nullptr when there is no such key.
const ConfigKey* findConfigKey(QStringView name);

} // namespace wpm
