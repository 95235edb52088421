// `web-perfmonitor notify` end to end, as the executable: set-secret stores a token (the 0600 file here,
// headless), notify test sends through every notifier of a configuration to loopback servers and prints
// each outcome, and no output holds the secret.

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace Qt::StringLiterals;

namespace {

const QString secret = u"tok-4c1d2e9f"_s;

struct Run {
    int exitCode = -1;
    QString out;
    QString err;
};

} // namespace

class TestNotifyCommand : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void setSecretStoresInOwnerOnlyFile();
    void testSendsThroughEveryNotifier();
    void failedNotifierSaysWhyAndExitsOne();
    void emptyListSaysWhatToDo();
    void badUsage();
    void readmeHoldsTheOptionsTable();

private:
    Run run(const QStringList& arguments, const QByteArray& input = {});
    QString writeConfig(const QString& noticeList);

    QTemporaryDir m_dir;
    QProcess m_server;
    quint16 m_port = 0;
};

void TestNotifyCommand::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_server.start(u"/usr/bin/python3"_s,
        { u"" WPM_SOURCE_DIR "/tests/targets/notify/http_recorder.py"_s, u"--record"_s,
            m_dir.filePath(u"calls.jsonl"_s), u"--token"_s, secret, u"--channel"_s, u"perf"_s, u"--files-dir"_s,
            m_dir.path() });
    QVERIFY(m_server.waitForStarted(5000));
    QVERIFY(m_server.waitForReadyRead(10000));
    const QByteArray line = m_server.readLine().trimmed();
    QVERIFY2(line.startsWith("PORT "), line.constData());
    m_port = line.mid(5).toUShort();
}

void TestNotifyCommand::cleanupTestCase()
{
    m_server.kill();
    m_server.waitForFinished(5000);
}

Run TestNotifyCommand::run(const QStringList& arguments, const QByteArray& input)
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"XDG_CONFIG_HOME"_s, m_dir.filePath(u"xdg"_s));
    environment.insert(u"LC_ALL"_s, u"C.UTF-8"_s);
    process.setProcessEnvironment(environment);
    process.start(u"" WPM_EXECUTABLE ""_s, arguments);
    process.write(input);
    process.closeWriteChannel();
    Run result;
    if (!process.waitForFinished(60000))
        return result;
    result.exitCode = process.exitCode();
    result.out = QString::fromUtf8(process.readAllStandardOutput());
    result.err = QString::fromUtf8(process.readAllStandardError());
    return result;
}

QString TestNotifyCommand::writeConfig(const QString& noticeList)
{
    static int count = 0;
    const QString path = m_dir.filePath(u"config-%1.json"_s.arg(++count));
    QFile file(path);
    if (file.open(QIODevice::WriteOnly))
        file.write((u"{\"notice_list\": "_s + noticeList + u"}"_s).toUtf8());
    return path;
}

void TestNotifyCommand::setSecretStoresInOwnerOnlyFile()
{
    const Run stored = run({ u"notify"_s, u"set-secret"_s, u"mm-prod"_s }, secret.toUtf8() + '\n');
    QVERIFY2(stored.exitCode == 0, qPrintable(stored.err));
    QVERIFY2(stored.out.contains(u"\"keychain:mm-prod\""_s), qPrintable(stored.out));
    QVERIFY(!stored.out.contains(secret) && !stored.err.contains(secret));
    const QString file = m_dir.filePath(u"xdg/web-perfmonitor/secrets.json"_s);
    struct stat info { };
    QCOMPARE(::stat(QFile::encodeName(file).constData(), &info), 0);
    QCOMPARE(info.st_mode & 0777, 0600u);
}

void TestNotifyCommand::testSendsThroughEveryNotifier()
{
    const QString config = writeConfig(uR"([
        {"type": "mattermost", "server_url": "http://127.0.0.1:%1", "token": "keychain:mm-prod", "channel_id": "perf"},
        {"type": "webhook", "url": "http://127.0.0.1:%1/hook", "format": "text"},
        {"type": "command", "argv": ["/bin/sh", "-c", "cat > \"$0\"", "%2"]}])"_s.arg(m_port)
                                           .arg(m_dir.filePath(u"command-stdin"_s)));
    const Run result = run({ u"notify"_s, u"test"_s, u"--config"_s, config });
    QVERIFY2(result.exitCode == 0, qPrintable(result.out + result.err));
    QVERIFY2(result.out.contains(u"notice_list[0] mattermost: sent\n"_s), qPrintable(result.out));
    QVERIFY2(result.out.contains(u"notice_list[1] webhook: sent\n"_s), qPrintable(result.out));
    QVERIFY2(result.out.contains(u"notice_list[2] command: sent\n"_s), qPrintable(result.out));
    QVERIFY(!result.out.contains(secret) && !result.err.contains(secret));
    QFile stdinCopy(m_dir.filePath(u"command-stdin"_s));
    QVERIFY(stdinCopy.open(QIODevice::ReadOnly));
    QVERIFY(stdinCopy.readAll().contains("web-perfmonitor test notification"));
    // Mattermost carried the test report's zip, as a recording's notification does.
    QCOMPARE(QDir(m_dir.path()).entryList({ u"*.zip"_s }, QDir::Files).size(), 1);
}

void TestNotifyCommand::failedNotifierSaysWhyAndExitsOne()
{
    const QString config = writeConfig(uR"([{"type": "webhook", "url": "http://127.0.0.1:%1/hook"},
        {"type": "mattermost", "server_url": "http://127.0.0.1:%1", "token": "wrong-token", "channel_id": "perf"}])"_s
                                           .arg(m_port));
    const Run result = run({ u"notify"_s, u"test"_s, u"--config"_s, config });
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(result.out.contains(u"notice_list[0] webhook: sent\n"_s), qPrintable(result.out));
    QVERIFY2(result.out.contains(u"notice_list[1] mattermost: failed: "_s)
            && result.out.contains(u"token was refused (HTTP 401)"_s),
        qPrintable(result.out));
    QVERIFY(!result.out.contains(u"wrong-token"_s));
}

void TestNotifyCommand::emptyListSaysWhatToDo()
{
    const Run result = run({ u"notify"_s, u"test"_s, u"--config"_s, writeConfig(u"[]"_s) });
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(result.err.contains(u"notice_list is empty"_s), qPrintable(result.err));
}

void TestNotifyCommand::badUsage()
{
    QCOMPARE(run({ u"notify"_s }).exitCode, 2);
    QCOMPARE(run({ u"notify"_s, u"set-secret"_s }).exitCode, 2);
    QCOMPARE(run({ u"notify"_s, u"set-secret"_s, u"x"_s }).exitCode, 2); // nothing on standard input
}

void TestNotifyCommand::readmeHoldsTheOptionsTable()
{
    const Run options = run({ u"notify"_s, u"options"_s });
    QCOMPARE(options.exitCode, 0);
    QVERIFY(options.out.count(u'\n') > 10);
    QFile readme(u"" WPM_SOURCE_DIR "/README.md"_s);
    QVERIFY(readme.open(QIODevice::ReadOnly));
    QVERIFY2(QString::fromUtf8(readme.readAll()).contains(options.out),
        "README.md's notifier options table differs from `web-perfmonitor notify options`; paste the output in");
}

QTEST_GUILESS_MAIN(TestNotifyCommand)
#include "tst_notifycommand.moc"
