// MonitorConfig and the key table: the original library's defaults, JSON names, secret masking, and a table
// that stays complete and consistent as keys are added.

#include "config/ConfigChecks.h"
#include "config/ConfigKeys.h"
#include "config/MonitorConfig.h"

#include <QJsonArray>
#include <QSet>
#include <QTest>

using namespace wpm;
using namespace Qt::StringLiterals;

class TestMonitorConfig : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void defaultsMatchOriginalLibrary();
    void toJsonUsesSnakeCaseNames();
    void secretOptionNames_data();
    void secretOptionNames();
    void secretHandling_data();
    void secretHandling();
    void equality();
    void watchTakesTextOrObjects();
    void keyNames_data();
    void keyNames();
    void keyTableIsConsistent();
    void keyDefaultsRoundTrip_data();
    void keyDefaultsRoundTrip();
};

void TestMonitorConfig::defaultsMatchOriginalLibrary()
{
    // The "配置参数参考" table of the Python library's README, then the workbench's own keys.
    const MonitorConfig config;
    QCOMPARE(config.thresholdSeconds, 1.0);
    QCOMPARE(config.alertWindowDays, 10);
    QCOMPARE(config.maxPerformanceOverhead, 0.05);
    QCOMPARE(config.logPath, u"/tmp"_s);
    QVERIFY(config.urlWhitelist.isEmpty());
    QVERIFY(config.urlBlacklist.isEmpty());
    QVERIFY(config.noticeList.isEmpty());
    QCOMPARE(config.noticeTimeoutSeconds, 30.0);
    QCOMPARE(config.noticeQueueSize, 1000);
    QCOMPARE(config.gracefulShutdownSeconds, 5.0);
    QCOMPARE(config.samplingRateHz, 100);
    QCOMPARE(config.sampleMemoryMb, 256);
    QCOMPARE(config.proxyListen, u"127.0.0.1:0"_s);
    QVERIFY(config.upstream.isEmpty());
}

void TestMonitorConfig::toJsonUsesSnakeCaseNames()
{
    MonitorConfig config;
    config.thresholdSeconds = 0.5;
    config.urlWhitelist = { u"/api/*"_s };
    config.noticeList = { { u"webhook"_s, { { u"url"_s, u"https://example.com/hook"_s } } } };
    const QJsonObject json = config.toJson();

    const QStringList expectedKeys = { u"alert_window_days"_s, u"graceful_shutdown_seconds"_s,
        u"history_max_age_days"_s, u"history_max_mb"_s, u"history_max_reports"_s, u"log_path"_s,
        u"max_performance_overhead"_s, u"native_sampling"_s, u"notice_list"_s, u"notice_queue_size"_s, u"notice_timeout_seconds"_s,
        u"proxy_listen"_s, u"python_sampling"_s, u"sample_memory_mb"_s, u"sampling_rate_hz"_s, u"threshold_seconds"_s,
        u"upstream"_s, u"url_blacklist"_s, u"url_whitelist"_s, u"watch"_s };
    QCOMPARE(json.keys(), expectedKeys);
    QCOMPARE(json.value(u"threshold_seconds"_s).toDouble(), 0.5);
    QCOMPARE(json.value(u"alert_window_days"_s).toInt(), 10);
    QCOMPARE(json.value(u"log_path"_s).toString(), u"/tmp"_s);
    QCOMPARE(json.value(u"url_whitelist"_s).toArray(), QJsonArray { u"/api/*"_s });
    QCOMPARE(json.value(u"notice_list"_s).toArray().at(0).toObject().value(u"type"_s).toString(), u"webhook"_s);
    QCOMPARE(json.value(u"proxy_listen"_s).toString(), u"127.0.0.1:0"_s);
}

void TestMonitorConfig::secretOptionNames_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("secret");

    QTest::newRow("token") << u"token"_s << true;
    QTest::newRow("password") << u"password"_s << true;
    QTest::newRow("bot_token") << u"bot_token"_s << true;
    QTest::newRow("smtp_password") << u"smtp_password"_s << true;
    QTest::newRow("client_secret") << u"client_secret"_s << true;
    QTest::newRow("upper case") << u"API_TOKEN"_s << true;
    QTest::newRow("Authorization header") << u"Authorization"_s << true;
    QTest::newRow("username") << u"username"_s << false;
    QTest::newRow("server_url") << u"server_url"_s << false;
    QTest::newRow("tokens_used") << u"tokens_used"_s << false;
    QTest::newRow("passwordless") << u"passwordless"_s << false;
}

void TestMonitorConfig::secretOptionNames()
{
    QFETCH(QString, name);
    QFETCH(bool, secret);
    QCOMPARE(isSecretOptionName(name), secret);
}

void TestMonitorConfig::secretHandling_data()
{
    QTest::addColumn<int>("handling");
    QTest::addColumn<QJsonValue>("token");
    QTest::addColumn<QJsonValue>("nestedAuthorization");

    QTest::newRow("masked") << int(SecretHandling::Masked) << QJsonValue(u"********"_s) << QJsonValue(u"********"_s);
    QTest::newRow("omitted") << int(SecretHandling::Omit) << QJsonValue(QJsonValue::Undefined)
                             << QJsonValue(QJsonValue::Undefined);
    QTest::newRow("kept") << int(SecretHandling::Keep) << QJsonValue(u"xoxb-123"_s) << QJsonValue(u"Bearer abc"_s);
}

void TestMonitorConfig::secretHandling()
{
    QFETCH(int, handling);
    QFETCH(QJsonValue, token);
    QFETCH(QJsonValue, nestedAuthorization);

    MonitorConfig config;
    config.noticeList = {
        { u"mattermost"_s,
            { { u"server_url"_s, u"https://mm.example.com"_s }, { u"token"_s, u"xoxb-123"_s },
                { u"format"_s, u"markdown"_s } } },
        { u"webhook"_s,
            { { u"url"_s, u"https://example.com/hook"_s },
                { u"headers"_s, QJsonObject { { u"Authorization"_s, u"Bearer abc"_s } } } } },
    };
    const QJsonArray notifiers = config.toJson(SecretHandling(handling)).value(u"notice_list"_s).toArray();
    const QJsonObject mattermost = notifiers.at(0).toObject();
    QCOMPARE(mattermost.value(u"token"_s), token);
    QCOMPARE(mattermost.value(u"server_url"_s).toString(), u"https://mm.example.com"_s);
    QCOMPARE(mattermost.value(u"format"_s).toString(), u"markdown"_s);
    QCOMPARE(mattermost.value(u"type"_s).toString(), u"mattermost"_s);
    const QJsonObject headers = notifiers.at(1).toObject().value(u"headers"_s).toObject();
    QCOMPARE(headers.value(u"Authorization"_s), nestedAuthorization);
    // Masking never touches the configuration itself.
    QCOMPARE(config.noticeList.at(0).options.value(u"token"_s).toString(), u"xoxb-123"_s);
}

void TestMonitorConfig::equality()
{
    const MonitorConfig defaults;
    QVERIFY(defaults == MonitorConfig {});
    MonitorConfig changed;
    changed.upstream = u"127.0.0.1:5000"_s;
    QVERIFY(changed != defaults);
    changed = {};
    changed.noticeList = { { u"command"_s, { { u"argv"_s, QJsonArray { u"notify-send"_s } } } } };
    QVERIFY(changed != defaults);
    MonitorConfig same = changed;
    QVERIFY(same == changed);
    same.noticeList[0].options.insert(u"format"_s, u"text"_s);
    QVERIFY(same != changed);
}

void TestMonitorConfig::watchTakesTextOrObjects()
{
    const QJsonArray items { u"app::render=0.2"_s, u"operator=="_s,
        QJsonObject { { u"function"_s, u"views:index"_s }, { u"threshold_seconds"_s, 3 } },
        QJsonObject { { u"function"_s, u"f"_s } } };
    const Result<QList<FunctionWatch>> watches = ConfigChecks::functionWatches(items);
    QVERIFY(watches.ok());
    const QList<FunctionWatch> expected { { u"app::render"_s, 0.2 }, { u"operator=="_s, -1 }, { u"views:index"_s, 3 },
        { u"f"_s, -1 } };
    QCOMPARE(*watches, expected);

    const QJsonArray bad { QJsonObject { { u"function"_s, u""_s }, { u"threshold_seconds"_s, -1 }, { u"x"_s, 1 } }, 5 };
    const Result<QList<FunctionWatch>> rejected = ConfigChecks::functionWatches(bad);
    QVERIFY(!rejected.ok());
    for (const QString& part : { u"unknown fields: x"_s, u"needs a function name"_s, u"threshold of watch[0]"_s,
             u"watch[1] is a JSON number"_s })
        QVERIFY2(rejected.error().message.contains(part), qPrintable(rejected.error().message));
}

void TestMonitorConfig::keyNames_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("variable");
    QTest::addColumn<QString>("flag");

    // The original library's five variables keep their short names; the rest are PERF_ + the key.
    const QList<std::pair<QString, QString>> expected = {
        { u"threshold_seconds"_s, u"PERF_THRESHOLD"_s },
        { u"alert_window_days"_s, u"PERF_ALERT_WINDOW"_s },
        { u"max_performance_overhead"_s, u"PERF_MAX_PERFORMANCE_OVERHEAD"_s },
        { u"log_path"_s, u"PERF_LOG_PATH"_s },
        { u"url_whitelist"_s, u"PERF_URL_WHITELIST"_s },
        { u"url_blacklist"_s, u"PERF_URL_BLACKLIST"_s },
        { u"notice_list"_s, u"PERF_NOTICE_LIST"_s },
        { u"notice_timeout_seconds"_s, u"PERF_NOTICE_TIMEOUT_SECONDS"_s },
        { u"notice_queue_size"_s, u"PERF_NOTICE_QUEUE_SIZE"_s },
        { u"graceful_shutdown_seconds"_s, u"PERF_GRACEFUL_SHUTDOWN_SECONDS"_s },
        { u"sampling_rate_hz"_s, u"PERF_SAMPLING_RATE_HZ"_s },
        { u"sample_memory_mb"_s, u"PERF_SAMPLE_MEMORY_MB"_s },
        { u"proxy_listen"_s, u"PERF_PROXY_LISTEN"_s },
        { u"upstream"_s, u"PERF_UPSTREAM"_s },
        { u"history_max_age_days"_s, u"PERF_HISTORY_MAX_AGE_DAYS"_s },
        { u"history_max_reports"_s, u"PERF_HISTORY_MAX_REPORTS"_s },
        { u"history_max_mb"_s, u"PERF_HISTORY_MAX_MB"_s },
        { u"watch"_s, u"PERF_WATCH"_s },
        { u"python_sampling"_s, u"PERF_PYTHON_SAMPLING"_s },
        { u"native_sampling"_s, u"PERF_NATIVE_SAMPLING"_s },
    };
    QCOMPARE(configKeys().size(), expected.size());
    for (const auto& [name, variable] : expected)
        QTest::newRow(qPrintable(name)) << name << variable << QString(name).replace(u'_', u'-');
}

void TestMonitorConfig::keyNames()
{
    QFETCH(QString, name);
    QFETCH(QString, variable);
    QFETCH(QString, flag);

    const ConfigKey* key = findConfigKey(name);
    QVERIFY(key);
    QCOMPARE(key->environmentVariable, variable);
    QCOMPARE(key->flag(), flag);
}

void TestMonitorConfig::keyTableIsConsistent()
{
    const QList<ConfigKey>& keys = configKeys();
    QCOMPARE(keys.size(), MonitorConfig {}.toJson().size());
    QSet<QString> names;
    QSet<QString> variables;
    for (const ConfigKey& key : keys) {
        QVERIFY2(!names.contains(key.name), qPrintable(key.name));
        QVERIFY2(!variables.contains(key.environmentVariable), qPrintable(key.environmentVariable));
        names.insert(key.name);
        variables.insert(key.environmentVariable);
        QVERIFY(key.environmentVariable.startsWith(u"PERF_"_s));
        QCOMPARE(key.flag(), QString(key.name).replace(u'_', u'-'));
        QVERIFY(!key.valueName().isEmpty());
        QVERIFY(key.description().endsWith(u'.'));
        QVERIFY(key.acceptedValues().contains(u"e.g."_s));
        QCOMPARE(findConfigKey(key.name), &key);
    }
    QCOMPARE(findConfigKey(u"threshold"), nullptr);
    QCOMPARE(findConfigKey(u"threshold-seconds"), nullptr);
}

void TestMonitorConfig::keyDefaultsRoundTrip_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("defaultText");

    const QStringList expected
        = { u"1"_s, u"10"_s, u"0.05"_s, u"/tmp"_s, QString(), QString(), u"[]"_s, u"30"_s, u"1000"_s, u"5"_s, u"100"_s,
              u"256"_s, u"127.0.0.1:0"_s, QString(), u"0"_s, u"0"_s, u"0"_s, QString(), u"mixed"_s, u"kernel"_s };
    QCOMPARE(configKeys().size(), expected.size());
    for (qsizetype i = 0; i < expected.size(); ++i)
        QTest::newRow(qPrintable(configKeys()[i].name)) << configKeys()[i].name << expected[i];
}

void TestMonitorConfig::keyDefaultsRoundTrip()
{
    // The default, typed as text after its flag, is accepted and gives the default back.
    QFETCH(QString, name);
    QFETCH(QString, defaultText);

    const ConfigKey* key = findConfigKey(name);
    QVERIFY(key);
    QCOMPARE(key->defaultText(), defaultText);
    const Result<QJsonValue> parsed = key->parseText(defaultText);
    QVERIFY(parsed.ok());
    QCOMPARE(*parsed, key->defaultValue());
    MonitorConfig config;
    config.thresholdSeconds = 42; // something to overwrite for threshold_seconds
    const Status applied = key->apply(*parsed, config);
    QVERIFY2(applied.ok(), qPrintable(applied.ok() ? QString() : applied.error().message));
    QCOMPARE(key->read(config, SecretHandling::Keep), key->defaultValue());
}

QTEST_GUILESS_MAIN(TestMonitorConfig)
#include "tst_monitorconfig.moc"
