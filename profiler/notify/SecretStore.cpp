#include "SecretStore.h"

#include "config/MonitorConfig.h"

#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSaveFile>
#include <QStandardPaths>
#include <QThread>

#include <qt6keychain/keychain.h>

#include <functional>

using namespace Qt::StringLiterals;

namespace wpm {

namespace {

const QString keychainService = u"web-perfmonitor"_s;

// qtkeychain schedules every job through one executor object that lives in the thread of first use and is
// not thread-safe, so all jobs run on this one thread; callers (the queue's worker, the CLI) wait for them.
class KeychainThread {
public:
    static KeychainThread& instance()
    {
        static KeychainThread thread;
        return thread;
    }
    ~KeychainThread()
    {
        m_thread.quit();
        m_thread.wait();
        delete m_context;
    }

    // Runs work on the keychain thread and waits for it; jobs made inside it belong to that thread.
    void run(const std::function<void()>& work)
    {
        QMetaObject::invokeMethod(m_context, work, Qt::BlockingQueuedConnection);
    }

private:
    KeychainThread()
    {
        m_thread.setObjectName(u"wpm-keychain"_s);
        m_context->moveToThread(&m_thread);
        m_thread.start();
    }

    QThread m_thread;
    QObject* m_context = new QObject;
};

// qtkeychain's jobs are asynchronous; secrets are needed once per notifier, so wait for the answer.
void runToEnd(QKeychain::Job& job)
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

// No keychain service to ask (headless, no D-Bus session, no Secret Service): the file takes over. A user
// who denied access is answered with an error instead.
bool keychainUnavailable(QKeychain::Error error)
{
    return error == QKeychain::NoBackendAvailable || error == QKeychain::NotImplemented
        || error == QKeychain::OtherError;
}

Error accessDenied()
{
    return Error { SecretStore::tr("the system keychain refused access to the web-perfmonitor secrets; allow it "
                                   "in the keychain's prompt or settings") };
}

constexpr QFile::Permissions ownerOnly = QFile::ReadOwner | QFile::WriteOwner;

} // namespace

SecretStore::SecretStore(QString fallbackFile)
    : m_fallbackFile(fallbackFile.isEmpty() ? defaultFallbackFile() : std::move(fallbackFile))
{
}

QString SecretStore::defaultFallbackFile()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation) + u"/web-perfmonitor/secrets.json"_s;
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
    if (!QDir().mkpath(info.absolutePath()) || !QFile::setPermissions(info.absolutePath(), ownerOnly | QFile::ExeOwner))
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
    QKeychain::Error error = QKeychain::NoError;
    QString text;
    KeychainThread::instance().run([&] {
        QKeychain::ReadPasswordJob job(keychainService);
        job.setKey(name);
        runToEnd(job);
        error = job.error();
        text = job.textData();
    });
    if (error == QKeychain::NoError)
        return text;
    if (error != QKeychain::EntryNotFound && !keychainUnavailable(error))
        return accessDenied();
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
    QKeychain::Error error = QKeychain::NoError;
    KeychainThread::instance().run([&] {
        QKeychain::WritePasswordJob job(keychainService);
        job.setKey(name);
        job.setTextData(value);
        runToEnd(job);
        error = job.error();
    });
    if (error == QKeychain::NoError)
        return Backend::Keychain;
    if (!keychainUnavailable(error))
        return accessDenied();
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
        if (!isSecretOptionName(it.key()) || !isSecretReference(it.value()))
            continue;
        Result<QString> secret = read(it.value().toString().mid(referencePrefix().size()));
        if (!secret)
            return Error { tr("\"%1\": %2").arg(it.key(), secret.error().message) };
        it.value() = *secret;
    }
    return resolved;
}

} // namespace wpm
