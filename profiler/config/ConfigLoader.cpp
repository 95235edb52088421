#include "ConfigLoader.h"

#include "ConfigFile.h"
#include "NameSuggestion.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace wpm {

namespace {

constexpr qsizetype maxShownValueLength = 160;

QStringList keyNames()
{
    QStringList names;
    for (const ConfigKey& key : configKeys())
        names.append(key.name);
    return names;
}

// JSON notation, so control characters are escaped and a string "1" is told apart from the number 1.
QString jsonText(const QJsonValue& value)
{
    const QByteArray json = QJsonDocument(QJsonArray { value }).toJson(QJsonDocument::Compact);
    QString text = QString::fromUtf8(json.mid(1, json.size() - 2));
    if (text.size() > maxShownValueLength)
        text = text.left(maxShownValueLength - 3) + u"..."_s;
    return text;
}

bool holdsSecrets(const QJsonValue& value)
{
    return applySecretHandling(value, SecretHandling::Omit) != value;
}

} // namespace

Status ConfigLoader::addFile(const QString& path)
{
    Result<QJsonObject> object = ConfigFile::read(path);
    if (!object)
        return object.error();
    for (auto it = object->begin(); it != object->end(); ++it) {
        if (const ConfigKey* key = findConfigKey(it.key())) {
            m_entries.append({ Layer::File, key, it.value(), path });
            continue;
        }
        const QString suggestion = suggestName(it.key(), keyNames());
        const QString accepted = keyNames().join(u", ");
        m_problems.append(suggestion.isEmpty()
                ? tr("%1: unknown key \"%2\"; the accepted keys are %3").arg(path, it.key(), accepted)
                : tr("%1: unknown key \"%2\"; did you mean \"%3\"? The accepted keys are %4")
                      .arg(path, it.key(), suggestion, accepted));
    }
    if (holdsSecrets(object->value(u"notice_list"_s))) {
        m_warnings.append(tr("%1 holds notifier secrets (tokens, passwords) in plain text; make sure only you "
                             "can read it (chmod 600).")
                              .arg(path));
    }
    return success();
}

void ConfigLoader::addEnvironment(const QProcessEnvironment& env)
{
    QStringList ours;
    for (const ConfigKey& key : configKeys()) {
        ours.append(key.environmentVariable);
        const QString text = env.value(key.environmentVariable);
        if (!text.isEmpty()) // "PERF_THRESHOLD= command" is the shell's way to unset it for one command
            m_entries.append({ Layer::Environment, &key, text, key.environmentVariable });
    }
    QStringList names = env.keys();
    names.sort();
    for (const QString& name : names) {
        if (name.startsWith(u"PERF_", Qt::CaseInsensitive) && !ours.contains(name))
            warnAboutNearMiss(name);
    }
}

void ConfigLoader::warnAboutNearMiss(const QString& variable)
{
    // Only likely slips: PERF_ is also linux-perf's prefix (PERF_EXEC_PATH, PERF_PAGER, ...).
    const QString words = variable.mid(5).toUpper();
    QString suggestion;
    for (const ConfigKey& key : configKeys()) {
        if (words == key.name.toUpper()) // the long form of a short name: PERF_THRESHOLD_SECONDS
            suggestion = key.environmentVariable;
    }
    if (suggestion.isEmpty()) {
        QStringList ourWords;
        for (const ConfigKey& key : configKeys())
            ourWords.append(key.environmentVariable.mid(5));
        if (const QString closest = suggestName(words, ourWords); !closest.isEmpty())
            suggestion = u"PERF_"_s + closest;
    }
    if (!suggestion.isEmpty()) {
        m_warnings.append(
            tr("The environment variable %1 is not a web-perfmonitor setting and is ignored; did you mean %2?")
                .arg(variable, suggestion));
    }
}

void ConfigLoader::addCommandLineValue(const QString& keyName, const QString& text)
{
    const QString name = QString(keyName).replace(u'-', u'_');
    if (const ConfigKey* key = findConfigKey(name)) {
        m_entries.append({ Layer::CommandLine, key, text, u"--"_s + key->flag() });
        return;
    }
    QStringList flags;
    for (const ConfigKey& key : configKeys())
        flags.append(key.flag());
    const QString suggestion = suggestName(QString(keyName).replace(u'_', u'-'), flags, u'-');
    m_problems.append(suggestion.isEmpty() ? tr("unknown option --%1").arg(keyName)
                                           : tr("unknown option --%1; did you mean --%2?").arg(keyName, suggestion));
}

QString ConfigLoader::describeValue(const Entry& entry) const
{
    if (const auto* json = std::get_if<QJsonValue>(&entry.value))
        return jsonText(
            entry.key->kind == ConfigKind::NotifierList ? applySecretHandling(*json, SecretHandling::Masked) : *json);
    const QString& text = std::get<QString>(entry.value);
    if (entry.key->kind != ConfigKind::NotifierList)
        return jsonText(text);
    // Notifier JSON carries tokens: show it only once it parses and its secrets can be masked.
    Result<QJsonValue> parsed = entry.key->parseText(text);
    if (!parsed)
        return tr("(%n characters of text, not shown as they may hold secrets)", nullptr, int(text.size()));
    return jsonText(applySecretHandling(*parsed, SecretHandling::Masked));
}

QString ConfigLoader::problem(const Entry& entry, const QString& reason) const
{
    const QString& key = entry.key->name;
    if (reason.isEmpty()) {
        return tr("%1: %2 (from %3) is not accepted: expected %4")
            .arg(key, describeValue(entry), entry.origin, entry.key->acceptedValues());
    }
    return tr("%1: %2 (from %3) is not accepted: %4; expected %5")
        .arg(key, describeValue(entry), entry.origin, reason, entry.key->acceptedValues());
}

Result<MonitorConfig> ConfigLoader::resolve() const
{
    MonitorConfig config;
    QStringList problems = m_problems;
    // Every value is checked, even one a later layer overrides: a broken file should not go unnoticed.
    for (const Layer layer : { Layer::File, Layer::Environment, Layer::CommandLine }) {
        for (const Entry& entry : m_entries) {
            if (entry.layer != layer)
                continue;
            const auto* json = std::get_if<QJsonValue>(&entry.value);
            const Result<QJsonValue> value
                = json ? Result<QJsonValue>(*json) : entry.key->parseText(std::get<QString>(entry.value));
            if (!value) {
                problems.append(problem(entry, value.error().message));
                continue;
            }
            if (const Status applied = entry.key->apply(*value, config); !applied)
                problems.append(problem(entry, applied.error().message));
        }
    }
    if (!problems.isEmpty())
        return Error { problems.join(u'\n') };
    return config;
}

} // namespace wpm
