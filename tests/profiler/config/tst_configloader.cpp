// ConfigLoader's layers: the file, the PERF_* environment, the flags, and their precedence, for every key
// (tst_configtyped: how values typed in the environment and after flags are read).

#include "config/ConfigKeys.h"
#include "config/ConfigLoader.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace wpm;
using namespace Qt::StringLiterals;

namespace {

const QString dataDir = QStringLiteral(WPM_TEST_DATA_DIR);

// Three valid values per key, as typed in the environment or after a flag, and what they mean (spelt differently
// where the key has only one besides its default).
// A key added to the table without samples here fails every per-key test.
struct Sample {
    QString text;
    QJsonValue expected;
};

QList<Sample> samplesFor(const QString& key, const QString& scratch)
{
    const QJsonArray webhook = QJsonDocument::fromJson(R"([{"type":"webhook","url":"https://a.example"}])").array();
    const QJsonArray email = QJsonDocument::fromJson(
        R"([{"type":"email","format":"html","smtp_host":"smtp.example.com","sender":"a@example.com","recipients":["b@example.com"]}])")
                                 .array();
    const QString command = uR"([{"type": "command", "argv": ["notify-send", "slow request"]}])"_s;
    const QHash<QString, QList<Sample>> samples = {
        { u"threshold_seconds"_s, { { u"0.25"_s, 0.25 }, { u" 2 "_s, 2 }, { u"0"_s, 0 } } },
        { u"alert_window_days"_s, { { u"7"_s, 7 }, { u"0"_s, 0 }, { u"3650"_s, 3650 } } },
        { u"max_performance_overhead"_s, { { u"0.1"_s, 0.1 }, { u"0.01"_s, 0.01 }, { u"0.5"_s, 0.5 } } },
        { u"log_path"_s,
            { { scratch + u"/a"_s, scratch + u"/a"_s }, { scratch + u"/b/c"_s, scratch + u"/b/c"_s },
                { scratch, scratch } } },
        { u"url_whitelist"_s,
            { { u"/api/*"_s, QJsonArray { u"/api/*"_s } }, { u" /a , /b/* ,, "_s, QJsonArray { u"/a"_s, u"/b/*"_s } },
                { u"/x"_s, QJsonArray { u"/x"_s } } } },
        { u"url_blacklist"_s,
            { { u"/health"_s, QJsonArray { u"/health"_s } },
                { u"/metrics,/static/*"_s, QJsonArray { u"/metrics"_s, u"/static/*"_s } },
                { u"*.css"_s, QJsonArray { u"*.css"_s } } } },
        { u"notice_list"_s,
            { { QString::fromUtf8(QJsonDocument(webhook).toJson()), webhook },
                { command, QJsonDocument::fromJson(command.toUtf8()).array() },
                { QString::fromUtf8(QJsonDocument(email).toJson()), email } } },
        { u"notice_timeout_seconds"_s, { { u"10"_s, 10 }, { u"0.5"_s, 0.5 }, { u"3600"_s, 3600 } } },
        { u"notice_queue_size"_s, { { u"1"_s, 1 }, { u"50"_s, 50 }, { u"1000000"_s, 1000000 } } },
        { u"graceful_shutdown_seconds"_s, { { u"0"_s, 0 }, { u"1.5"_s, 1.5 }, { u"600"_s, 600 } } },
        { u"sampling_rate_hz"_s, { { u"1"_s, 1 }, { u"250"_s, 250 }, { u"10000"_s, 10000 } } },
        { u"sample_memory_mb"_s, { { u"16"_s, 16 }, { u"512"_s, 512 }, { u"65536"_s, 65536 } } },
        { u"history_max_age_days"_s, { { u"1"_s, 1 }, { u"30"_s, 30 }, { u"36500"_s, 36500 } } },
        { u"history_max_reports"_s, { { u"1"_s, 1 }, { u"1000"_s, 1000 }, { u"10000000"_s, 10000000 } } },
        { u"history_max_mb"_s, { { u"1"_s, 1 }, { u"2"_s, 2 }, { u"500"_s, 500 } } },
        { u"proxy_listen"_s,
            { { u"0.0.0.0:8080"_s, u"0.0.0.0:8080"_s }, { u"[::1]:0"_s, u"[::1]:0"_s },
                { u"localhost:1234"_s, u"localhost:1234"_s } } },
        { u"upstream"_s,
            { { u"127.0.0.1:5000"_s, u"127.0.0.1:5000"_s }, { u"http://localhost:8000"_s, u"http://localhost:8000"_s },
                { u"backend:80"_s, u"backend:80"_s } } },
        { u"watch"_s,
            { { u"app::render=0.2"_s, QJsonArray { u"app::render=0.2"_s } },
                { u" a::b(int) = 1 , views:index "_s, QJsonArray { u"a::b(int)=1"_s, u"views:index"_s } },
                { u"operator==,f=0"_s, QJsonArray { u"operator=="_s, u"f=0"_s } } } },
        // Three names only: the third sample is the default (see eachKeyFromEveryLayer_data).
        { u"python_sampling"_s,
            { { u"gil_holder"_s, u"gil_holder"_s }, { u" nonblocking "_s, u"nonblocking"_s },
                { u"mixed"_s, u"mixed"_s } } },
        { u"native_sampling"_s,
            { { u"ptrace"_s, u"ptrace"_s }, { u" ptrace "_s, u"ptrace"_s }, { u"\tptrace"_s, u"ptrace"_s } } },
    };
    return samples.value(key);
}

QString writeFile(const QTemporaryDir& dir, const QString& name, const QJsonObject& object)
{
    QFile file(dir.filePath(name));
    if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(object).toJson()) < 0)
        return {};
    return file.fileName();
}

QString message(const Status& status)
{
    return status.ok() ? QString() : status.error().message;
}

QString message(const Result<MonitorConfig>& result)
{
    return result.ok() ? QString() : result.error().message;
}

} // namespace

class TestConfigLoader : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void nothingAddedGivesDefaults();
    void fileWithEveryKey();
    void fileErrors_data();
    void fileErrors();
    void fileUnknownKey();
    void fileWrongTypes();
    void laterFileWins();
    void eachKeyFromEveryLayer_data();
    void eachKeyFromEveryLayer();
    void precedence_data();
    void precedence();

private:
    QTemporaryDir m_scratch;
};

void TestConfigLoader::initTestCase()
{
    QVERIFY(m_scratch.isValid());
}

void TestConfigLoader::nothingAddedGivesDefaults()
{
    ConfigLoader loader;
    loader.addEnvironment(QProcessEnvironment());
    const Result<MonitorConfig> config = loader.resolve();
    QVERIFY2(config.ok(), qPrintable(message(config)));
    QVERIFY(*config == MonitorConfig {});
    QVERIFY(loader.warnings().isEmpty());
}

void TestConfigLoader::fileWithEveryKey()
{
    const QString path = dataDir + u"/config-full.json"_s;
    ConfigLoader loader;
    const Status added = loader.addFile(path);
    QVERIFY2(added.ok(), qPrintable(message(added)));
    const Result<MonitorConfig> config = loader.resolve();
    QVERIFY2(config.ok(), qPrintable(message(config)));

    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QJsonObject json = QJsonDocument::fromJson(file.readAll()).object();
    for (const ConfigKey& key : configKeys()) {
        QVERIFY2(json.contains(key.name), qPrintable(key.name + u" is missing from config-full.json"_s));
        QVERIFY2(json.value(key.name) != key.defaultValue(), qPrintable(key.name + u" has its default"_s));
    }
    QCOMPARE(config->toJson(SecretHandling::Keep), json);
    QCOMPARE(config->thresholdSeconds, 0.5);
    QCOMPARE(config->noticeList.size(), 2);
    QCOMPARE(config->noticeList[1].type, u"email"_s);
    QCOMPARE(config->noticeList[1].options.value(u"subject_prefix"_s).toString(), u"[性能告警]"_s);
    QVERIFY(!QFileInfo::exists(u"/tmp/wpm-config-test"_s)); // checking log_path creates nothing
}

void TestConfigLoader::fileErrors_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QStringList>("fragments");

    QTest::newRow("missing") << dataDir + u"/config-does-not-exist.json"_s
                             << QStringList { u"Cannot read the configuration file"_s,
                                    u"config-does-not-exist.json"_s };
    QTest::newRow("directory") << dataDir << QStringList { u"is a directory"_s };
    QTest::newRow("syntax error") << dataDir + u"/config-syntax-error.json"_s
                                  << QStringList { u"config-syntax-error.json is not valid JSON"_s,
                                         u"line 4, column"_s };
    QTest::newRow("not an object") << dataDir + u"/config-not-object.json"_s
                                   << QStringList { u"must hold a JSON object"_s };
}

void TestConfigLoader::fileErrors()
{
    QFETCH(QString, path);
    QFETCH(QStringList, fragments);

    ConfigLoader loader;
    const Status added = loader.addFile(path);
    QVERIFY(!added.ok());
    for (const QString& fragment : fragments)
        QVERIFY2(message(added).contains(fragment), qPrintable(message(added)));
    QVERIFY(loader.resolve().ok()); // a failed file adds nothing
}

void TestConfigLoader::fileUnknownKey()
{
    const QString path = dataDir + u"/config-unknown-key.json"_s;
    ConfigLoader loader;
    QVERIFY(loader.addFile(path).ok());
    const Result<MonitorConfig> config = loader.resolve();
    QVERIFY(!config.ok());
    const QStringList lines = message(config).split(u'\n');
    QCOMPARE(lines.size(), 2);
    const QString colour = lines.filter(u"\"colour\""_s).value(0);
    const QString treshold = lines.filter(u"\"treshold_seconds\""_s).value(0);
    QVERIFY2(treshold.startsWith(path + u": unknown key"_s), qPrintable(treshold));
    QVERIFY2(treshold.contains(u"did you mean \"threshold_seconds\"?"_s), qPrintable(treshold));
    QVERIFY2(colour.contains(u"accepted keys are threshold_seconds, alert_window_days"_s), qPrintable(colour));
    QVERIFY2(!colour.contains(u"did you mean"_s), qPrintable(colour));
}

void TestConfigLoader::fileWrongTypes()
{
    ConfigLoader loader;
    QVERIFY(loader.addFile(dataDir + u"/config-wrong-types.json"_s).ok());
    const Result<MonitorConfig> config = loader.resolve();
    QVERIFY(!config.ok());
    const QString text = message(config);
    QCOMPARE(text.count(u'\n') + 1, 6);
    const QStringList expected = {
        u"threshold_seconds: \"0.5\" (from "_s,
        u"it is a JSON string; write the number without quotes"_s,
        u"alert_window_days: 7.5 (from "_s,
        u"it is not a whole number"_s,
        u"log_path: 5 (from "_s,
        u"it is a JSON number, not a string"_s,
        u"url_whitelist: \"/api/*\" (from "_s,
        u"it is a JSON string, not an array of strings"_s,
        u"notice_list: {\"type\":\"webhook\"} (from "_s,
        u"it is a JSON object, not an array of objects"_s,
        u"sampling_rate_hz: true (from "_s,
        u"it is a JSON boolean"_s,
    };
    for (const QString& fragment : expected)
        QVERIFY2(text.contains(fragment), qPrintable(u"missing: "_s + fragment + u"\nin:\n"_s + text));
}

void TestConfigLoader::laterFileWins()
{
    const QString first = writeFile(m_scratch, u"first.json"_s, { { u"threshold_seconds"_s, 2 } });
    const QString second = writeFile(m_scratch, u"second.json"_s, { { u"threshold_seconds"_s, 3 } });
    ConfigLoader loader;
    QVERIFY(loader.addFile(first).ok());
    QVERIFY(loader.addFile(second).ok());
    QCOMPARE(loader.resolve()->thresholdSeconds, 3.0);
}

void TestConfigLoader::eachKeyFromEveryLayer_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<int>("sample");
    for (const ConfigKey& key : configKeys()) {
        const QList<Sample> samples = samplesFor(key.name, m_scratch.path());
        for (int sample = 0; sample < 3; ++sample) {
            // A key with only three values has its default among the samples: taking it would prove nothing here
            // (precedence() still tells it from the others).
            if (sample < samples.size() && samples[sample].expected == key.defaultValue())
                continue;
            QTest::addRow("%s #%d", qPrintable(key.name), sample) << key.name << sample;
        }
    }
}

void TestConfigLoader::eachKeyFromEveryLayer()
{
    QFETCH(QString, key);
    QFETCH(int, sample);

    const QList<Sample> samples = samplesFor(key, m_scratch.path());
    QVERIFY2(samples.size() == 3, qPrintable(u"no samples for the new key "_s + key));
    const Sample& s = samples[sample];
    const ConfigKey* configKey = findConfigKey(key);
    QVERIFY(s.expected != configKey->defaultValue()); // else this test could not fail

    // Each layer alone takes the value.
    ConfigLoader fromFile;
    QVERIFY(fromFile.addFile(writeFile(m_scratch, key + u".json"_s, { { key, s.expected } })).ok());
    ConfigLoader fromEnvironment;
    QProcessEnvironment env;
    env.insert(configKey->environmentVariable, s.text);
    fromEnvironment.addEnvironment(env);
    ConfigLoader fromFlag;
    fromFlag.addCommandLineValue(configKey->flag(), s.text);

    for (const ConfigLoader* loader : { &fromFile, &fromEnvironment, &fromFlag }) {
        const Result<MonitorConfig> config = loader->resolve();
        QVERIFY2(config.ok(), qPrintable(message(config)));
        QCOMPARE(configKey->read(*config, SecretHandling::Keep), s.expected);
        QVERIFY(loader->warnings().isEmpty());
    }
}

void TestConfigLoader::precedence_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<bool>("file");
    QTest::addColumn<bool>("environment");
    QTest::addColumn<bool>("flag");
    QTest::addColumn<int>("winner"); // sample index: 0 file, 1 environment, 2 flag, -1 default

    for (const ConfigKey& key : configKeys()) {
        const QByteArray name = key.name.toUtf8();
        QTest::addRow("%s: file over default", name.data()) << key.name << true << false << false << 0;
        QTest::addRow("%s: environment over file", name.data()) << key.name << true << true << false << 1;
        QTest::addRow("%s: flag over environment", name.data()) << key.name << true << true << true << 2;
        QTest::addRow("%s: flag over file", name.data()) << key.name << true << false << true << 2;
        QTest::addRow("%s: flag alone", name.data()) << key.name << false << false << true << 2;
    }
}

void TestConfigLoader::precedence()
{
    QFETCH(QString, key);
    QFETCH(bool, file);
    QFETCH(bool, environment);
    QFETCH(bool, flag);
    QFETCH(int, winner);

    const QList<Sample> samples = samplesFor(key, m_scratch.path());
    QVERIFY2(samples.size() == 3, qPrintable(u"no samples for the new key "_s + key));
    const ConfigKey* configKey = findConfigKey(key);
    // A two-valued key has one sample thrice: a losing layer then gives the default, so the winner still shows.
    const QJsonValue defaultValue = configKey->defaultValue();
    const auto layerSample = [&](int layer) {
        if (layer == winner || samples[layer].expected != samples[winner].expected)
            return samples[layer];
        return Sample { defaultValue.toString(), defaultValue };
    };
    const bool present[3] = { file, environment, flag };
    for (int layer = 0; layer < 3; ++layer)
        QVERIFY(!present[layer] || layer == winner || layerSample(layer).expected != samples[winner].expected);

    // Added in reverse order of precedence: the order of the calls must not matter.
    ConfigLoader loader;
    if (flag)
        loader.addCommandLineValue(key, layerSample(2).text);
    QProcessEnvironment env;
    if (environment)
        env.insert(configKey->environmentVariable, layerSample(1).text);
    loader.addEnvironment(env);
    if (file)
        QVERIFY(loader.addFile(writeFile(m_scratch, key + u".json"_s, { { key, layerSample(0).expected } })).ok());

    const Result<MonitorConfig> config = loader.resolve();
    QVERIFY2(config.ok(), qPrintable(message(config)));
    QCOMPARE(configKey->read(*config, SecretHandling::Keep), samples[winner].expected);
}

QTEST_GUILESS_MAIN(TestConfigLoader)
#include "tst_configloader.moc"
