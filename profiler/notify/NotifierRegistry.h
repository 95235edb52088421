#pragma once
// Notifier types by name: their options (for checking notice_list and for the README) and a factory.
// Adding a channel means one Notifier subclass with static type(), options() and a constructor taking
// NotifierOptions, plus one add<T>() line in builtIn().

#include "Notifier.h"
#include "NotifierOption.h"
#include "config/MonitorConfig.h"
#include "core/Result.h"

#include <functional>
#include <memory>

namespace wpm {

class SecretStore;

struct NotifierType {
    QString name;
    QList<NotifierOption> options;
    std::function<std::unique_ptr<Notifier>(const NotifierOptions&)> create;
};

class NotifierRegistry {
    Q_DECLARE_TR_FUNCTIONS(wpm::NotifierRegistry)

public:
    // mattermost, email, webhook, command.
    static const NotifierRegistry& builtIn();

    template <typename T> void add()
    {
        m_types.append({ T::type(), T::options(),
            [](const NotifierOptions& options) -> std::unique_ptr<Notifier> { return std::make_unique<T>(options); } });
    }
    void add(NotifierType type) { m_types.append(std::move(type)); }

    const NotifierType* find(const QString& name) const;
    QStringList names() const;
    const QList<NotifierType>& types() const { return m_types; }

    // A ready notifier for notice_list entry `where` (as named in messages): checked, defaults filled in,
    // "keychain:" secrets read from store.
    Result<std::unique_ptr<Notifier>> create(
        const NotifierSettings& settings, const SecretStore& store, const QString& where) const;

private:
    QList<NotifierType> m_types;
};

} // namespace wpm
