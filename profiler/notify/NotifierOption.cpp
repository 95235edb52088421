#include "NotifierOption.h"

#include "config/MonitorConfig.h"
#include "config/NameSuggestion.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QUrl>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace wpm {

namespace {

bool isNonEmptyString(const QJsonValue& value)
{
    return value.isString() && !value.toString().trimmed().isEmpty();
}

// The value as it appears in the file, masked for secrets so that an error message never shows one.
QString shownValue(const QString& name, const QJsonValue& value)
{
    if (isSecretOptionName(name))
        return u"\"********\""_s;
    return QString::fromUtf8(QJsonDocument(QJsonArray { value }).toJson(QJsonDocument::Compact)).mid(1).chopped(1);
}

} // namespace

QString NotifierOption::acceptedText() const
{
    switch (kind) {
    case Kind::Text:
        return NotifierOptionCheck::tr("a non-empty string");
    case Kind::OptionalText:
        return NotifierOptionCheck::tr("a string");
    case Kind::Url:
        return NotifierOptionCheck::tr("an http:// or https:// URL");
    case Kind::Port:
        return NotifierOptionCheck::tr("a port number from 1 to 65535");
    case Kind::Flag:
        return NotifierOptionCheck::tr("true or false");
    case Kind::TextList:
        return NotifierOptionCheck::tr("a non-empty array of non-empty strings");
    case Kind::Choice:
        return NotifierOptionCheck::tr("one of %1").arg(choices.join(u", "));
    case Kind::Secret:
        return NotifierOptionCheck::tr("the secret, or \"keychain:NAME\" for one kept by the secret store");
    case Kind::File:
        break;
    }
    return NotifierOptionCheck::tr("the path of a readable file");
}

QString NotifierOptionCheck::valueProblem(const NotifierOption& option, const QJsonValue& value)
{
    using Kind = NotifierOption::Kind;
    bool good = false;
    switch (option.kind) {
    case Kind::Text:
    case Kind::Secret:
        good = isNonEmptyString(value);
        break;
    case Kind::OptionalText:
        good = value.isString();
        break;
    case Kind::Url: {
        const QUrl url(value.toString(), QUrl::StrictMode);
        good = value.isString() && url.isValid() && !url.host().isEmpty()
            && (url.scheme() == u"http"_s || url.scheme() == u"https"_s);
        break;
    }
    case Kind::Port:
        good = value.isDouble() && value.toDouble() == value.toInt() && value.toInt() >= 1 && value.toInt() <= 65535;
        break;
    case Kind::Flag:
        good = value.isBool();
        break;
    case Kind::TextList: {
        const QJsonArray items = value.toArray();
        good = value.isArray() && !items.isEmpty()
            && std::all_of(items.begin(), items.end(), [](const QJsonValue& item) { return isNonEmptyString(item); });
        break;
    }
    case Kind::Choice:
        good = value.isString() && option.choices.contains(value.toString());
        break;
    case Kind::File: {
        const QFileInfo file(value.toString());
        good = value.isString() && file.isFile() && file.isReadable();
        break;
    }
    }
    if (good)
        return {};
    return tr("\"%1\" is %2; expected %3").arg(option.name, shownValue(option.name, value), option.acceptedText());
}

QStringList NotifierOptionCheck::problems(
    const QString& where, const QString& type, const QJsonObject& options, const QList<NotifierOption>& accepted)
{
    QStringList problems;
    QStringList names;
    for (const NotifierOption& option : accepted) {
        names.append(option.name);
        const QJsonValue value = options.value(option.name);
        if (value.isUndefined()) {
            // A file saved by the workbench leaves secrets out; NotifierRegistry::create() asks for them.
            if (option.required && option.kind != NotifierOption::Kind::Secret)
                problems.append(
                    tr("%1 (%2) has no \"%3\"; expected %4").arg(where, type, option.name, option.acceptedText()));
            continue;
        }
        if (const QString problem = valueProblem(option, value); !problem.isEmpty())
            problems.append(tr("%1 (%2): %3").arg(where, type, problem));
    }
    for (auto it = options.begin(); it != options.end(); ++it) {
        if (it.key() == u"type"_s || names.contains(it.key()))
            continue;
        const QString suggestion = suggestName(it.key(), names);
        problems.append(suggestion.isEmpty() ? tr("%1 (%2) has an unknown option \"%3\"; %2 accepts %4")
                                                   .arg(where, type, it.key(), names.join(u", "))
                                             : tr("%1 (%2) has an unknown option \"%3\"; did you mean \"%4\"?")
                                                   .arg(where, type, it.key(), suggestion));
    }
    return problems;
}

QStringList NotifierOptionCheck::missingSecrets(
    const QString& where, const QString& type, const QJsonObject& options, const QList<NotifierOption>& accepted)
{
    QStringList problems;
    for (const NotifierOption& option : accepted) {
        if (option.required && option.kind == NotifierOption::Kind::Secret && !options.contains(option.name))
            problems.append(tr("%1 (%2) has no \"%3\"; store it with: web-perfmonitor notify set-secret NAME, "
                               "then set \"%3\": \"keychain:NAME\"")
                                .arg(where, type, option.name));
    }
    return problems;
}

QJsonObject NotifierOptionCheck::withDefaults(QJsonObject options, const QList<NotifierOption>& accepted)
{
    for (const NotifierOption& option : accepted) {
        if (!options.contains(option.name) && !option.defaultValue.isNull() && !option.defaultValue.isUndefined())
            options.insert(option.name, option.defaultValue);
    }
    return options;
}

} // namespace wpm
