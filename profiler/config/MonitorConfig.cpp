#include "MonitorConfig.h"

#include <QLocale>

#include "ConfigKeys.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace wpm {

namespace {

const QString maskedSecret = QStringLiteral("********");

// Secrets can hide in nested objects too, e.g. a webhook's {"headers": {"Authorization": ...}}.
QJsonObject handleSecrets(const QJsonObject& object, SecretHandling secrets)
{
    QJsonObject result;
    for (auto it = object.begin(); it != object.end(); ++it) {
        // "keychain:NAME" names a secret without holding it, so it may be shown and saved.
        if (!isSecretOptionName(it.key()) || isSecretReference(it.value()))
            result.insert(it.key(), applySecretHandling(it.value(), secrets));
        else if (secrets == SecretHandling::Masked)
            result.insert(it.key(), maskedSecret);
    }
    return result;
}

} // namespace

QJsonValue applySecretHandling(const QJsonValue& value, SecretHandling secrets)
{
    if (secrets == SecretHandling::Keep)
        return value;
    if (value.isObject())
        return handleSecrets(value.toObject(), secrets);
    if (value.isArray()) {
        QJsonArray result;
        for (const QJsonValue& item : value.toArray())
            result.append(applySecretHandling(item, secrets));
        return result;
    }
    return value;
}

bool isSecretReference(const QJsonValue& value)
{
    return value.isString() && value.toString().startsWith(u"keychain:"_s) && value.toString().size() > 9;
}

bool isSecretOptionName(QStringView name)
{
    static const QStringList exact = { u"token"_s, u"password"_s, u"secret"_s, u"authorization"_s };
    static const QStringList suffixes = { u"_token"_s, u"_password"_s, u"_secret"_s };
    for (const QString& word : exact) {
        if (name.compare(word, Qt::CaseInsensitive) == 0)
            return true;
    }
    for (const QString& suffix : suffixes) {
        if (name.endsWith(suffix, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

QJsonObject NotifierSettings::toJson(SecretHandling secrets) const
{
    QJsonObject result = applySecretHandling(options, secrets).toObject();
    result.insert(u"type"_s, type);
    return result;
}

QString FunctionWatch::toText() const
{
    if (thresholdSeconds < 0)
        return function;
    return function + u'=' + QString::number(thresholdSeconds, 'g', QLocale::FloatingPointShortest);
}

QJsonObject MonitorConfig::toJson(SecretHandling secrets) const
{
    QJsonObject result;
    for (const ConfigKey& key : configKeys())
        result.insert(key.name, key.read(*this, secrets));
    return result;
}

} // namespace wpm
