#include "NotifierRegistry.h"

#include "CommandNotifier.h"
#include "EmailNotifier.h"
#include "MattermostNotifier.h"
#include "SecretStore.h"
#include "WebhookNotifier.h"

namespace wpm {

const NotifierRegistry& NotifierRegistry::builtIn()
{
    static const NotifierRegistry registry = [] {
        NotifierRegistry r;
        r.add<MattermostNotifier>();
        r.add<EmailNotifier>();
        r.add<WebhookNotifier>();
        r.add<CommandNotifier>();
        return r;
    }();
    return registry;
}

const NotifierType* NotifierRegistry::find(const QString& name) const
{
    for (const NotifierType& type : m_types) {
        if (type.name == name)
            return &type;
    }
    return nullptr;
}

QStringList NotifierRegistry::names() const
{
    QStringList names;
    for (const NotifierType& type : m_types)
        names.append(type.name);
    return names;
}

Result<std::unique_ptr<Notifier>> NotifierRegistry::create(
    const NotifierSettings& settings, const SecretStore& store, const QString& where) const
{
    const NotifierType* type = find(settings.type);
    if (!type)
        return Error {
            tr("there is no notifier of type \"%1\"; known types: %2").arg(settings.type, names().join(u", "))
        };
    const QStringList problems = NotifierOptionCheck::problems(where, settings.type, settings.options, type->options)
        + NotifierOptionCheck::missingSecrets(where, settings.type, settings.options, type->options);
    if (!problems.isEmpty())
        return Error { problems.join(u"; ") };
    Result<QJsonObject> resolved = store.resolve(NotifierOptionCheck::withDefaults(settings.options, type->options));
    if (!resolved)
        return Error { tr("%1 (%2): %3").arg(where, settings.type, resolved.error().message) };
    return type->create(NotifierOptions(*resolved));
}

} // namespace wpm
