#pragma once
// Tokens and passwords for notifiers, kept out of configuration files: in the system keychain (qtkeychain)
// when a keychain service runs, else in a file only its owner may read (0600, in a 0700 directory).
// A notifier option that holds a secret may instead say "keychain:NAME"; resolve() swaps in the stored value.
// Reading may wait on the keychain service (D-Bus): call it off the GUI thread, as the notification
// queue's worker does.

#include "core/Result.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QString>

namespace wpm {

class SecretStore {
    Q_DECLARE_TR_FUNCTIONS(wpm::SecretStore)

public:
    enum class Backend { Keychain, File };

    // fallbackFile: where secrets go without a keychain service; the default is defaultFallbackFile().
    explicit SecretStore(QString fallbackFile = {});

    // $XDG_CONFIG_HOME/web-perfmonitor/secrets.json (~/.config/... by default).
    static QString defaultFallbackFile();
    static QString referencePrefix() { return QStringLiteral("keychain:"); }

    Result<QString> read(const QString& name) const;
    // Where the secret went: the keychain, or the fallback file when no keychain service answered.
    Result<Backend> write(const QString& name, const QString& value) const;
    // options with every secret option (isSecretOptionName) of the form "keychain:NAME" replaced by the secret.
    Result<QJsonObject> resolve(const QJsonObject& options) const;

    const QString& fallbackFile() const { return m_fallbackFile; }

private:
    Result<QJsonObject> readFallbackFile() const;
    Status writeFallbackFile(const QJsonObject& secrets) const;

    QString m_fallbackFile;
};

} // namespace wpm
