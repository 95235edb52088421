#include "WorkbenchSettings.h"

#include <QJsonArray>

namespace wpm {

QStringList WorkbenchSettings::editableKeys()
{
    return { QStringLiteral("threshold_seconds"), QStringLiteral("alert_window_days"),
        QStringLiteral("sampling_rate_hz"), QStringLiteral("max_performance_overhead"), QStringLiteral("log_path"),
        QStringLiteral("history_max_age_days"), QStringLiteral("history_max_reports"), QStringLiteral("history_max_mb"),
        QStringLiteral("url_whitelist"), QStringLiteral("url_blacklist"), QStringLiteral("notice_list") };
}

QString WorkbenchSettings::settingsKey(const ConfigKey& key)
{
    return QStringLiteral("config/") + key.name;
}

QString WorkbenchSettings::problem(const ConfigKey& key, const QString& text)
{
    Result<QJsonValue> value = key.parseText(text);
    MonitorConfig scratch;
    const Status applied = value ? key.apply(*value, scratch) : Status(value.error());
    return applied ? QString() : explain(key, applied.error());
}

QString WorkbenchSettings::explain(const ConfigKey& key, const Error& error)
{
    return error.message.isEmpty() ? tr("expected %1").arg(key.acceptedValues())
                                   : tr("%1; expected %2").arg(error.message, key.acceptedValues());
}

QStringList WorkbenchSettings::applyStored(MonitorConfig& config, const QSettings& settings)
{
    QStringList problems;
    for (const QString& name : editableKeys()) {
        const ConfigKey* key = findConfigKey(name);
        if (!key || !settings.contains(settingsKey(*key)))
            continue;
        const QVariant stored = settings.value(settingsKey(*key));
        // Pattern lists are kept as lists: a pattern may hold a comma.
        const Result<QJsonValue> value = key->kind == ConfigKind::PatternList
            ? Result<QJsonValue>(QJsonArray::fromStringList(stored.toStringList()))
            : key->parseText(stored.toString());
        const Status applied = value ? key->apply(*value, config) : Status(value.error());
        if (!applied)
            problems.append(tr("%1 (from the settings): %2").arg(name, explain(*key, applied.error())));
    }
    return problems;
}

} // namespace wpm
