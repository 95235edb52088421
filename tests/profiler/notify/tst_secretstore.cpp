// The secret store for real on this headless machine: no keychain service runs, so secrets go to the
// 0600 fallback file. Also end to end: a Mattermost token referenced as "keychain:NAME" reaches the
// server, yet no file the workbench writes (saved settings, outcomes, messages) holds it.

#include "NotifyTestSupport.h"
#include "config/ConfigFile.h"
#include "config/ConfigLoader.h"
#include "notify/NotificationQueue.h"
#include "notify/NotifierRegistry.h"
#include "notify/SecretStore.h"

#include <QDirIterator>
#include <QElapsedTimer>
#include <QTest>

#include <sys/stat.h>

using namespace Qt::StringLiterals;
using namespace wpm;
using namespace wpm::test;

namespace {
const QString tokenValue = u"mm-tok-7f3a9c1e55"_s;

mode_t modeOf(const QString& path)
{
    struct stat info { };
    return ::stat(QFile::encodeName(path).constData(), &info) == 0 ? (info.st_mode & 0777) : 0;
}
} // namespace

class TestSecretStore : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void fallsBackToOwnerOnlyFile();
    void resolvesReferencesOnly();
    void unknownNameSaysHowToStoreIt();
    void refusesFileOthersCanRead();
    void secretNeverLandsInWrittenFiles();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_secretsFile;
};

void TestSecretStore::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_secretsFile = m_dir->filePath(u"config/web-perfmonitor/secrets.json"_s);
}

void TestSecretStore::fallsBackToOwnerOnlyFile()
{
    if (!qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
        QSKIP("a D-Bus session runs here, so a keychain may answer; the fallback is tested headless");
    const SecretStore store(m_secretsFile);
    QElapsedTimer clock;
    clock.start();
    const Result<SecretStore::Backend> written = store.write(u"mattermost-prod"_s, tokenValue);
    QVERIFY2(written.ok(), qPrintable(written.ok() ? QString() : written.error().message));
    qInfo("keychain attempt and fallback write took %lld ms", clock.elapsed());
    QCOMPARE(*written, SecretStore::Backend::File);
    QCOMPARE(modeOf(m_secretsFile), mode_t(0600));
    QCOMPARE(modeOf(QFileInfo(m_secretsFile).absolutePath()), mode_t(0700));
    const Result<QString> read = store.read(u"mattermost-prod"_s);
    QVERIFY(read.ok());
    QCOMPARE(*read, tokenValue);
    // A second secret keeps the first.
    QVERIFY(store.write(u"smtp"_s, u"pw"_s).ok());
    QCOMPARE(*store.read(u"mattermost-prod"_s), tokenValue);
    QCOMPARE(modeOf(m_secretsFile), mode_t(0600));
}

void TestSecretStore::resolvesReferencesOnly()
{
    const SecretStore store(m_secretsFile);
    QVERIFY(store.write(u"mm"_s, tokenValue).ok());
    const QJsonObject options { { u"token"_s, u"keychain:mm"_s }, { u"channel_id"_s, u"keychain:mm"_s },
        { u"password"_s, u"literal"_s } };
    const Result<QJsonObject> resolved = store.resolve(options);
    QVERIFY(resolved.ok());
    QCOMPARE(resolved->value(u"token"_s).toString(), tokenValue);
    QCOMPARE(resolved->value(u"channel_id"_s).toString(), u"keychain:mm"_s); // not a secret option
    QCOMPARE(resolved->value(u"password"_s).toString(), u"literal"_s);
}

void TestSecretStore::unknownNameSaysHowToStoreIt()
{
    const Result<QJsonObject> resolved = SecretStore(m_secretsFile).resolve({ { u"token"_s, u"keychain:nope"_s } });
    QVERIFY(!resolved.ok());
    QVERIFY2(resolved.error().message.contains(u"web-perfmonitor notify set-secret nope"_s),
        qPrintable(resolved.error().message));
}

void TestSecretStore::refusesFileOthersCanRead()
{
    const SecretStore store(m_secretsFile);
    QVERIFY(store.write(u"mm"_s, tokenValue).ok());
    QVERIFY(::chmod(QFile::encodeName(m_secretsFile).constData(), 0644) == 0);
    const Result<QString> read = store.read(u"mm"_s);
    QVERIFY(!read.ok());
    QVERIFY2(read.error().message.contains(u"chmod 600"_s), qPrintable(read.error().message));
}

void TestSecretStore::secretNeverLandsInWrittenFiles()
{
    // The server's own call log holds the Authorization header, so it lives outside the searched folder.
    QTemporaryDir serverDir;
    LoopbackServer server;
    QVERIFY2(server.start(u"http_recorder.py"_s,
                 { u"--record"_s, serverDir.filePath(u"calls.jsonl"_s), u"--files-dir"_s, serverDir.path(),
                     u"--token"_s, tokenValue, u"--channel"_s, u"perf"_s }),
        qPrintable(server.error()));
    const SecretStore store(m_secretsFile);
    QVERIFY(store.write(u"mattermost-prod"_s, tokenValue).ok());

    const QString configPath = m_dir->filePath(u"config.json"_s);
    QFile config(configPath);
    QVERIFY(config.open(QIODevice::WriteOnly));
    config.write(uR"({"notice_list": [{"type": "mattermost", "server_url": "%1", "token": "keychain:mattermost-prod",
                      "channel_id": "perf"}]})"_s.arg(server.url())
                     .toUtf8());
    config.close();
    ConfigLoader loader;
    QVERIFY(loader.addFile(configPath).ok());
    QVERIFY(loader.warnings().isEmpty()); // a reference is not a secret in plain text
    const Result<MonitorConfig> loaded = loader.resolve();
    QVERIFY(loaded.ok());
    QVERIFY(saveConfigFile(*loaded, m_dir->filePath(u"saved-config.json"_s)).ok());

    NotificationQueue queue(
        loaded->noticeList, NotificationQueueOptions::fromConfig(*loaded), store, NotifierRegistry::builtIn());
    QList<NotificationOutcome> outcomes;
    connect(&queue, &NotificationQueue::outcomeAvailable, this,
        [&outcomes](const NotificationOutcome& outcome) { outcomes.append(outcome); });
    queue.enqueue(makePayload(QDir(m_dir->path())));
    QTRY_COMPARE_WITH_TIMEOUT(outcomes.size(), 1, 20000);
    QCOMPARE(outcomes[0].kind, NotificationOutcome::Kind::Sent); // the server accepted only the real token

    // What a history store or log would keep of the outcome.
    QFile log(m_dir->filePath(u"outcomes.log"_s));
    QVERIFY(log.open(QIODevice::WriteOnly));
    log.write((outcomes[0].notifier + u' ' + outcomes[0].reason + u' '
        + QString::fromUtf8(QJsonDocument(loaded->toJson()).toJson()))
                  .toUtf8());
    log.close();

    int searched = 0;
    QDirIterator files(m_dir->path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (files.hasNext()) {
        const QString path = files.next();
        if (path == m_secretsFile)
            continue;
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY2(!file.readAll().contains(tokenValue.toUtf8()), qPrintable(path + u" holds the token"_s));
        ++searched;
    }
    QCOMPARE(searched, 6); // config, saved config, outcomes log, the report's .html, .md and .zip
    QVERIFY(QFile(m_secretsFile).open(QIODevice::ReadOnly)); // and the token is where it belongs
}

QTEST_GUILESS_MAIN(TestSecretStore)
#include "tst_secretstore.moc"
