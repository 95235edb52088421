#include "SecretStore.h"

#include "config/MonitorConfig.h"

#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSaveFile>
#include <QStandardPaths>

#include <qt6keychain/keychain.h>

using namespace Qt::StringLiterals;

namespace wpm {

namespace {

const QString keychainService = u"web-perfmonitor"_s;

// qtkeychain's jobs are asynchronous; secrets are needed once per notifier, so wait for the answer here.
void runJob(QKeychain::Job& job)
{
    job.setAutoDelete(false);
    bool finished = false;
    QEventLoop loop;
    QObject::connect(&job, &QKeychain::Job::finished, &loop, [&finished, &loop] {
        finished = true;
        loop.quit();
    });
    job.start();
    if (!finished)
        loop.exec();
}

constexpr QFile::Permissions ownerOnly = QFile::ReadOwner | QFile::WriteOwner;

} // namespace

SecretStore::SecretStore(QString fallbackFile)
    : m_fallbackFile(fallbackFile.isEmpty() ? defaultFallbackFile() : std::move(fallbackFile))
{
}

QString SecretStore::defaultFallbackFile()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation)
        + u"/web-perfmonitor/secrets.json"_s;
}

Result<QJsonObject> SecretStore::readFallbackFile() const
{
    QFile file(m_fallbackFile);
    if (!file.exists())
        return QJsonObject {};
    if (!file.open(QIODevice::ReadOnly))
        return Error { tr("the secrets file %1 cannot be read: %2").arg(m_fallbackFile, file.errorString()) };
    if (file.permissions() & (QFile::ReadGroup | QFile::ReadOther | QFile::WriteGroup | QFile::WriteOther))
        return Error { tr("the secrets file %1 may be read by others; run chmod 600 %1").arg(m_fallbackFile) };
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll());
    if (!document.isObject())
        return Error { tr("the secrets file %1 is not a JSON object; fix or remove it").arg(m_fallbackFile) };
    return document.object();
}

Status SecretStore::writeFallbackFile(const QJsonObject& secrets) const
{
    const QFileInfo info(m_fallbackFile);
    if (!QDir().mkpath(info.absolutePath())
        || !QFile::setPermissions(info.absolutePath(), ownerOnly | QFile::ExeOwner))
        return Error { tr("the directory %1 cannot be created for the secrets file").arg(info.absolutePath()) };
    QSaveFile file(m_fallbackFile);
    // Restrict the temporary file before a single byte of a secret is in it.
    if (!file.open(QIODevice::WriteOnly) || !file.setPermissions(ownerOnly))
        return Error { tr("the secrets file %1 cannot be written: %2").arg(m_fallbackFile, file.errorString()) };
    file.write(QJsonDocument(secrets).toJson());
    if (!file.commit())
        return Error { tr("the secrets file %1 cannot be written: %2").arg(m_fallbackFile, file.errorString()) };
    return success();
}

Result<QString> SecretStore::read(const QString& name) const
{
    QKeychain::ReadPasswordJob job(keychainService);
    job.setKey(name);
    runJob(job);
    if (job.error() == QKeychain::NoError)
        return job.textData();
    // Not in the keychain, or no keychain at all: it may have been stored in the file meanwhile.
    Result<QJsonObject> secrets = readFallbackFile();
    if (!secrets)
        return secrets.error();
    if (const QJsonValue value = secrets->value(name); value.isString())
        return value.toString();
    return Error { tr("no secret named \"%1\" is stored; store it with: web-perfmonitor notify set-secret %1 "
                      "(the value is read from standard input)")
                       .arg(name) };
}

Result<SecretStore::Backend> SecretStore::write(const QString& name, const QString& value) const
{
    QKeychain::WritePasswordJob job(keychainService);
    job.setKey(name);
    job.setTextData(value);
    runJob(job);
    if (job.error() == QKeychain::NoError)
        return Backend::Keychain;
    Result<QJsonObject> secrets = readFallbackFile();
    if (!secrets)
        return secrets.error();
    secrets.value().insert(name, value);
    if (Status written = writeFallbackFile(*secrets); !written)
        return written.error();
    return Backend::File;
}

Result<QJsonObject> SecretStore::resolve(const QJsonObject& options) const
{
    QJsonObject resolved = options;
    for (auto it = resolved.begin(); it != resolved.end(); ++it) {
        const QString text = it.value().toString();
        if (!isSecretOptionName(it.key()) || !text.startsWith(referencePrefix()))
            continue;
        Result<QString> secret = read(text.mid(referencePrefix().size()));
        if (!secret)
            return Error { tr("\"%1\": %2").arg(it.key(), secret.error().message) };
        it.value() = *secret;
    }
    return resolved;
}

} // namespace wpm
