// What ConfigLoader refuses and how it says so: every message names the key, the value as given, where it came
// from and what is accepted; all problems come together; nothing is half-applied; secrets never leak.

#include "config/ConfigFile.h"
#include "config/ConfigLoader.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace wpm;
using namespace Qt::StringLiterals;

namespace {

const QString dataDir = QStringLiteral(WPM_TEST_DATA_DIR);
const QString secret = QStringLiteral("s3cr3t-t0ken");

QString message(const Result<MonitorConfig>& result)
{
    return result.ok() ? QString() : result.error().message;
}

QString readAll(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

} // namespace

class TestConfigProblems : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void messageFormat();
    void rejected_data();
    void rejected();
    void allProblemsTogether();
    void overriddenBadValueIsStillReported();
    void nothingHalfApplied();
    void secretsNeverShown_data();
    void secretsNeverShown();
    void secretsInFileAreWarnedAbout();
    void saveRoundTripWithoutSecrets();
    void saveFailure();

private:
    enum Source { File, Environment, Flag };
    // Adds value for key from source: JSON text for the file, plain text otherwise.
    void add(ConfigLoader& loader, Source source, const QString& key, const QString& value);

    QTemporaryDir m_scratch;
    QString m_regularFile;
};

void TestConfigProblems::initTestCase()
{
    QVERIFY(m_scratch.isValid());
    // Tests run as root, so "unwritable" has to be real: nothing can be created under a regular file or in /proc.
    m_regularFile = m_scratch.filePath(u"regular-file"_s);
    QFile file(m_regularFile);
    QVERIFY(file.open(QIODevice::WriteOnly));
}

void TestConfigProblems::add(ConfigLoader& loader, Source source, const QString& key, const QString& value)
{
    if (source == Flag) {
        loader.addCommandLineValue(key, value);
    } else if (source == Environment) {
        QProcessEnvironment env;
        env.insert(findConfigKey(key)->environmentVariable, value);
        loader.addEnvironment(env);
    } else {
        QFile file(m_scratch.filePath(u"config.json"_s));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(u"{\"%1\": %2}"_s.arg(key, value).toUtf8());
        file.close();
        const Status added = loader.addFile(file.fileName());
        QVERIFY2(added.ok(), qPrintable(added.ok() ? QString() : added.error().message));
    }
}

void TestConfigProblems::messageFormat()
{
    ConfigLoader loader;
    QProcessEnvironment env;
    env.insert(u"PERF_THRESHOLD"_s, u"-1"_s);
    loader.addEnvironment(env);
    QCOMPARE(message(loader.resolve()),
        u"threshold_seconds: \"-1\" (from PERF_THRESHOLD) is not accepted: expected a number of seconds from 0 to "
        "86400, e.g. 0.5"_s);
}

void TestConfigProblems::rejected_data()
{
    QTest::addColumn<int>("source");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("expected"); // the start of the message, after "key: value (from "
    QTest::addColumn<QString>("reason");

    const auto row
        = [](const char* name, Source source, const QString& key, const QString& value, const QString& shown,
              const QString& reason) { QTest::newRow(name) << int(source) << key << value << shown << reason; };
    const QString file = m_regularFile;
    // numbers and whole numbers out of range or not numbers at all
    row("negative threshold", Environment, u"threshold_seconds"_s, u"-1"_s, u"\"-1\""_s, u"from 0 to 86400"_s);
    row("threshold above a day", Flag, u"threshold_seconds"_s, u"86401"_s, u"\"86401\""_s, u"from 0 to 86400"_s);
    row("threshold not a number", Environment, u"threshold_seconds"_s, u"fast"_s, u"\"fast\""_s, u"e.g. 0.5"_s);
    row("threshold NaN", Flag, u"threshold_seconds"_s, u"nan"_s, u"\"nan\""_s, u"from 0 to 86400"_s);
    row("threshold comma decimal", Environment, u"threshold_seconds"_s, u"0,5"_s, u"\"0,5\""_s, u"e.g. 0.5"_s);
    row("window too long", File, u"alert_window_days"_s, u"3651"_s, u"3651"_s, u"from 0 to 3650"_s);
    row("window negative", Flag, u"alert_window_days"_s, u"-1"_s, u"\"-1\""_s, u"from 0 to 3650"_s);
    row("window fraction", Environment, u"alert_window_days"_s, u"1.5"_s, u"\"1.5\""_s, u"not a whole number"_s);
    row("overhead 0", Environment, u"max_performance_overhead"_s, u"0"_s, u"\"0\""_s, u"greater than 0"_s);
    row("overhead 1", File, u"max_performance_overhead"_s, u"1"_s, u"1"_s, u"less than 1"_s);
    row("timeout 0", Flag, u"notice_timeout_seconds"_s, u"0"_s, u"\"0\""_s, u"greater than 0 and up to 3600"_s);
    row("timeout above an hour", File, u"notice_timeout_seconds"_s, u"3601"_s, u"3601"_s, u"up to 3600"_s);
    row("queue 0", Environment, u"notice_queue_size"_s, u"0"_s, u"\"0\""_s, u"from 1 to 1000000"_s);
    row("queue too big", Flag, u"notice_queue_size"_s, u"1000001"_s, u"\"1000001\""_s, u"from 1 to 1000000"_s);
    row("queue huge integer", File, u"notice_queue_size"_s, u"1e300"_s, u"1e+300"_s, u"from 1 to 1000000"_s);
    row("shutdown negative", Environment, u"graceful_shutdown_seconds"_s, u"-0.5"_s, u"\"-0.5\""_s, u"0 to 600"_s);
    row("shutdown too long", Flag, u"graceful_shutdown_seconds"_s, u"601"_s, u"\"601\""_s, u"0 to 600"_s);
    row("sampling 0", Environment, u"sampling_rate_hz"_s, u"0"_s, u"\"0\""_s, u"from 1 to 10000"_s);
    row("sampling too fast", File, u"sampling_rate_hz"_s, u"10001"_s, u"10001"_s, u"from 1 to 10000"_s);
    row("sample memory too small", Environment, u"sample_memory_mb"_s, u"8"_s, u"\"8\""_s, u"from 16 to 65536"_s);
    // log_path
    row("log path empty", Flag, u"log_path"_s, QString(), u"\"\""_s, u"the path is empty"_s);
    row("log path is a file", Environment, u"log_path"_s, file, u'"' + file + u'"', u"is not a directory"_s);
    row("log path under a file", Flag, u"log_path"_s, file + u"/reports"_s, u'"' + file + u"/reports\""_s,
        u"it cannot be created because \""_s + file + u"\" is not a directory"_s);
    row("log path deep under a file", Environment, u"log_path"_s, file + u"/a/b"_s, u'"' + file + u"/a/b\""_s,
        u"because \""_s + file + u"\" is not a directory"_s);
    row("log path under /proc", Flag, u"log_path"_s, u"/proc/wpm-reports"_s, u"\"/proc/wpm-reports\""_s,
        u"\"/proc\" does not allow new entries"_s);
    row("log path is /proc", File, u"log_path"_s, u"\"/proc\""_s, u"\"/proc\""_s,
        u"files cannot be created in \"/proc\""_s);
    // URL lists
    row("whitelist relative pattern", Environment, u"url_whitelist"_s, u"/ok/*,api/*"_s, u"\"/ok/*,api/*\""_s,
        u"URL pattern \"api/*\" is not valid: it must start with / or *"_s);
    row("blacklist unclosed class", File, u"url_blacklist"_s, u"[\"/ok\", \"/[x\"]"_s, u"[\"/ok\",\"/[x\"]"_s,
        u"URL pattern \"/[x\" is not valid"_s);
    row("blacklist item not a string", File, u"url_blacklist"_s, u"[\"/ok\", 7]"_s, u"[\"/ok\",7]"_s,
        u"an item is a JSON number, not a string"_s);
    row("whitelist dangling escape", Flag, u"url_whitelist"_s, u"/a\\"_s, u"\"/a\\\\\""_s, u"lone \\"_s);
    // notice_list
    row("notifier type unknown", Environment, u"notice_list"_s, u"[{\"type\": \"slack\"}]"_s,
        u"[{\"type\":\"slack\"}]"_s,
        u"the type \"slack\" of notice_list[0] is not one of mattermost, email, webhook, command"_s);
    row("notifier type missing", File, u"notice_list"_s, u"[{\"type\": \"email\"}, {\"url\": \"x\"}]"_s,
        u"[{\"type\":\"email\"},{\"url\":\"x\"}]"_s, u"notice_list[1] has no \"type\""_s);
    row("notifier type not a string", Flag, u"notice_list"_s, u"[{\"type\": 1}]"_s, u"[{\"type\":1}]"_s,
        u"the \"type\" of notice_list[0] is a JSON number, not a string"_s);
    const QString email = uR"("type": "email", "smtp_host": "mx", "sender": "a@example.com", "recipients": ["b@x"])"_s;
    const QString emailShown = uR"("recipients":["b@x"],"sender":"a@example.com","smtp_host":"mx")"_s;
    row("notifier format unknown", File, u"notice_list"_s, u"[{"_s + email + u", \"format\": \"pdf\"}]"_s,
        u"[{\"format\":\"pdf\","_s + emailShown + u",\"type\":\"email\"}]"_s,
        u"notice_list[0] (email): \"format\" is \"pdf\"; expected one of html, text"_s);
    row("notifier option missing", Environment, u"notice_list"_s, u"[{\"type\": \"webhook\"}]"_s,
        u"[{\"type\":\"webhook\"}]"_s,
        u"notice_list[0] (webhook) has no \"url\"; expected an http:// or https:// URL"_s);
    row("notifier port out of range", File, u"notice_list"_s, u"[{"_s + email + u", \"smtp_port\": 70000}]"_s,
        u"[{"_s + emailShown + u",\"smtp_port\":70000,\"type\":\"email\"}]"_s,
        u"notice_list[0] (email): \"smtp_port\" is 70000; expected a port number from 1 to 65535"_s);
    row("notifier option misspelt", Flag, u"notice_list"_s,
        u"[{\"type\": \"webhook\", \"url\": \"https://h.example\", \"fromat\": \"text\"}]"_s,
        u"[{\"fromat\":\"text\",\"type\":\"webhook\",\"url\":\"https://h.example\"}]"_s,
        u"notice_list[0] (webhook) has an unknown option \"fromat\"; did you mean \"format\"?"_s);
    row("notifier command as a shell string", File, u"notice_list"_s,
        u"[{\"type\": \"command\", \"argv\": \"notify-send slow\"}]"_s,
        u"[{\"argv\":\"notify-send slow\",\"type\":\"command\"}]"_s,
        u"notice_list[0] (command): \"argv\" is \"notify-send slow\"; expected a non-empty array of non-empty strings"_s);
    row("notifier secret of the wrong type is not shown", File, u"notice_list"_s,
        u"[{\"type\": \"mattermost\", \"server_url\": \"https://m.example\", \"channel_id\": \"c\", \"token\": 12345}]"_s,
        u"[{\"channel_id\":\"c\",\"server_url\":\"https://m.example\",\"token\":\"********\",\"type\":\"mattermost\"}]"_s,
        u"notice_list[0] (mattermost): \"token\" is \"********\"; expected the secret, or \"keychain:NAME\""_s);
    row("notifier not an object", Environment, u"notice_list"_s, u"[\"email\"]"_s, u"[\"email\"]"_s,
        u"notice_list[0] is a JSON string, not an object"_s);
    row("notifier list invalid JSON", Flag, u"notice_list"_s, u"[{\"type\": \"email\",}]"_s,
        u"(20 characters of text, not shown as they may hold secrets)"_s,
        u"it is not valid JSON: object is missing after a comma at line 1, column 20"_s);
    // addresses
    row("listen on a host name", Environment, u"proxy_listen"_s, u"example.com:80"_s, u"\"example.com:80\""_s,
        u"\"example.com\" is not an IPv4 address, localhost or a bracketed IPv6 address"_s);
    row("listen port too high", Flag, u"proxy_listen"_s, u"127.0.0.1:99999"_s, u"\"127.0.0.1:99999\""_s,
        u"the port \"99999\" is not a number from 0 to 65535"_s);
    row("listen without port", File, u"proxy_listen"_s, u"\"127.0.0.1\""_s, u"\"127.0.0.1\""_s,
        u"the port is missing"_s);
    row("upstream https", Environment, u"upstream"_s, u"https://localhost:5000"_s, u"\"https://localhost:5000\""_s,
        u"only http:// is supported"_s);
    row("upstream port 0", Flag, u"upstream"_s, u"localhost:0"_s, u"\"localhost:0\""_s, u"from 1 to 65535"_s);
    // python_sampling: the accepted names are listed
    row("python sampling misspelt", Environment, u"python_sampling"_s, u"non-blocking"_s, u"\"non-blocking\""_s,
        u"did you mean \"nonblocking\"?; expected one of mixed, gil_holder, nonblocking"_s);
    row("python sampling unknown", Flag, u"python_sampling"_s, u"fast"_s, u"\"fast\""_s,
        u"not accepted: expected one of mixed, gil_holder, nonblocking"_s);
    row("python sampling not a string", File, u"python_sampling"_s, u"1"_s, u"1"_s,
        u"it is a JSON number, not a string"_s);
}

void TestConfigProblems::rejected()
{
    QFETCH(int, source);
    QFETCH(QString, key);
    QFETCH(QString, value);
    QFETCH(QString, expected);
    QFETCH(QString, reason);

    ConfigLoader loader;
    add(loader, Source(source), key, value);
    const QString text = message(loader.resolve());
    const ConfigKey* configKey = findConfigKey(key);
    const QString origin = source == File ? m_scratch.filePath(u"config.json"_s)
        : source == Environment           ? configKey->environmentVariable
                                          : u"--"_s + configKey->flag();
    const QString start = u"%1: %2 (from %3) is not accepted: "_s.arg(key, expected, origin);
    QVERIFY2(text.startsWith(start), qPrintable(u"expected start: "_s + start + u"\nmessage: "_s + text));
    QVERIFY2(text.contains(reason), qPrintable(text));
    QVERIFY2(text.endsWith(u"expected "_s + configKey->acceptedValues()), qPrintable(text));
    QVERIFY2(!text.contains(u'\n'), qPrintable(text));
    QVERIFY(!QFileInfo::exists(u"/proc/wpm-reports"_s));
}

void TestConfigProblems::allProblemsTogether()
{
    ConfigLoader loader;
    QVERIFY(loader.addFile(dataDir + u"/config-unknown-key.json"_s).ok());
    QProcessEnvironment env;
    env.insert(u"PERF_SAMPLING_RATE_HZ"_s, u"0"_s);
    env.insert(u"PERF_URL_WHITELIST"_s, u"api"_s);
    loader.addEnvironment(env);
    loader.addCommandLineValue(u"upstream"_s, u"https://x:1"_s);
    loader.addCommandLineValue(u"alert-window-days"_s, u"4"_s); // a good one among them
    const QStringList lines = message(loader.resolve()).split(u'\n');
    QCOMPARE(lines.size(), 5);
    const QStringList starts
        = { u"treshold_seconds"_s, u"colour"_s, u"url_whitelist: "_s, u"sampling_rate_hz: "_s, u"upstream: "_s };
    for (const QString& start : starts)
        QVERIFY2(!lines.filter(start).isEmpty(), qPrintable(start));
}

void TestConfigProblems::overriddenBadValueIsStillReported()
{
    // A broken environment should not go unnoticed just because a flag wins this time.
    ConfigLoader loader;
    QProcessEnvironment env;
    env.insert(u"PERF_THRESHOLD"_s, u"-1"_s);
    loader.addEnvironment(env);
    loader.addCommandLineValue(u"threshold-seconds"_s, u"0.5"_s);
    QVERIFY(message(loader.resolve()).startsWith(u"threshold_seconds: \"-1\" (from PERF_THRESHOLD)"_s));
}

void TestConfigProblems::nothingHalfApplied()
{
    ConfigLoader loader;
    QVERIFY(loader.addFile(dataDir + u"/config-full.json"_s).ok());
    const Result<MonitorConfig> before = loader.resolve();
    QVERIFY(before.ok());

    const QString newDirectory = m_scratch.filePath(u"not-yet/reports"_s);
    loader.addCommandLineValue(u"log-path"_s, newDirectory);
    loader.addCommandLineValue(u"threshold-seconds"_s, u"2"_s);
    loader.addCommandLineValue(u"sampling-rate-hz"_s, u"0"_s);
    const Result<MonitorConfig> after = loader.resolve();
    QVERIFY(!after.ok()); // no config at all, not one with the good half of the flags
    QVERIFY(message(after).startsWith(u"sampling_rate_hz: "_s));
    QVERIFY(!QFileInfo::exists(m_scratch.filePath(u"not-yet"_s))); // checking a path creates nothing

    // resolve() does not change the loader: the same result again.
    QCOMPARE(message(loader.resolve()), message(after));
    QCOMPARE(before->thresholdSeconds, 0.5);
}

void TestConfigProblems::secretsNeverShown_data()
{
    QTest::addColumn<int>("source");
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("masked"); // the value is shown with "********" in place of the secret

    const QString badType = u"[{\"type\": \"slack\", \"token\": \"%1\"}]"_s.arg(secret);
    const QString nested = u"[{\"type\": \"telegram\", \"headers\": {\"Authorization\": \"%1\"}}]"_s.arg(secret);
    const QString invalid = u"[{\"type\": \"webhook\", \"token\": \"%1\"]"_s.arg(secret);
    QTest::newRow("file") << int(File) << badType << true;
    QTest::newRow("environment") << int(Environment) << badType << true;
    QTest::newRow("flag, nested") << int(Flag) << nested << true;
    QTest::newRow("environment, invalid JSON") << int(Environment) << invalid << false;
    QTest::newRow("flag, invalid JSON") << int(Flag) << invalid << false;
}

void TestConfigProblems::secretsNeverShown()
{
    QFETCH(int, source);
    QFETCH(QString, value);
    QFETCH(bool, masked);

    ConfigLoader loader;
    add(loader, Source(source), u"notice_list"_s, value);
    const QString text = message(loader.resolve());
    QVERIFY2(text.startsWith(u"notice_list: "_s), qPrintable(text));
    QVERIFY2(!text.contains(secret), qPrintable(text));
    QCOMPARE(text.contains(u"\"********\""_s), masked);
}

void TestConfigProblems::secretsInFileAreWarnedAbout()
{
    const QString path = dataDir + u"/config-secrets.json"_s;
    ConfigLoader loader;
    QVERIFY(loader.addFile(path).ok());
    QCOMPARE(loader.warnings().size(), 1);
    QVERIFY(loader.warnings().first().contains(path) && loader.warnings().first().contains(u"chmod 600"_s));
    const Result<MonitorConfig> config = loader.resolve();
    QVERIFY(config.ok());
    QCOMPARE(config->noticeList[0].options.value(u"token"_s).toString(), u"mm-secret-token-123"_s);
    QVERIFY(!QJsonDocument(config->toJson()).toJson().contains("mm-secret-token-123"));
}

void TestConfigProblems::saveRoundTripWithoutSecrets()
{
    MonitorConfig config;
    config.thresholdSeconds = 0.25;
    config.urlBlacklist = { u"/health"_s, u"/static/*"_s };
    config.upstream = u"localhost:5000"_s;
    config.noticeList = { { u"mattermost"_s,
        { { u"server_url"_s, u"https://mm.example.com"_s }, { u"token"_s, secret }, { u"channel_id"_s, u"perf"_s },
            { u"format"_s, u"text"_s } } } };
    const QString path = m_scratch.filePath(u"saved.json"_s);
    const Status saved = saveConfigFile(config, path);
    QVERIFY2(saved.ok(), qPrintable(saved.ok() ? QString() : saved.error().message));
    QVERIFY(!readAll(path).contains(secret));

    ConfigLoader loader;
    QVERIFY(loader.addFile(path).ok());
    QVERIFY(loader.warnings().isEmpty());
    const Result<MonitorConfig> loaded = loader.resolve();
    QVERIFY2(loaded.ok(), qPrintable(message(loaded)));
    MonitorConfig expected = config;
    expected.noticeList[0].options.remove(u"token"_s);
    QVERIFY(*loaded == expected);
}

void TestConfigProblems::saveFailure()
{
    const QString path = m_regularFile + u"/config.json"_s;
    const Status saved = saveConfigFile(MonitorConfig {}, path);
    QVERIFY(!saved.ok());
    QVERIFY2(saved.error().message.contains(path), qPrintable(saved.error().message));
}

QTEST_GUILESS_MAIN(TestConfigProblems)
#include "tst_configproblems.moc"
