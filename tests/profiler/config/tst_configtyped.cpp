// ConfigLoader on values as typed in the PERF_* environment and after flags: lists split at commas, an empty
// variable as unset, flag names with dashes or underscores. The layers and their precedence: tst_configloader.

#include "config/ConfigKeys.h"
#include "config/ConfigLoader.h"

#include <QProcessEnvironment>
#include <QTest>

using namespace wpm;
using namespace Qt::StringLiterals;

namespace {

const QString dataDir = QStringLiteral(WPM_TEST_DATA_DIR);

QString message(const Result<MonitorConfig>& result)
{
    return result.ok() ? QString() : result.error().message;
}

} // namespace

class TestConfigTyped : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void environmentListSplitting_data();
    void environmentListSplitting();
    void emptyEnvironmentValueIsUnset();
    void flagNames();
};

void TestConfigTyped::environmentListSplitting_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("one") << u"/api/*"_s << QStringList { u"/api/*"_s };
    QTest::newRow("two") << u"/api/*,/v1/users"_s << QStringList { u"/api/*"_s, u"/v1/users"_s };
    QTest::newRow("spaces trimmed") << u"  /a ,\t/b  "_s << QStringList { u"/a"_s, u"/b"_s };
    QTest::newRow("empty items dropped") << u",/a,,/b,"_s << QStringList { u"/a"_s, u"/b"_s };
    QTest::newRow("only commas") << u", ,"_s << QStringList {};
}

void TestConfigTyped::environmentListSplitting()
{
    QFETCH(QString, text);
    QFETCH(QStringList, expected);

    QProcessEnvironment env;
    env.insert(u"PERF_URL_WHITELIST"_s, text);
    env.insert(u"PERF_URL_BLACKLIST"_s, text);
    ConfigLoader loader;
    loader.addEnvironment(env);
    const Result<MonitorConfig> config = loader.resolve();
    QVERIFY2(config.ok(), qPrintable(message(config)));
    QCOMPARE(config->urlWhitelist, expected);
    QCOMPARE(config->urlBlacklist, expected);
}

void TestConfigTyped::emptyEnvironmentValueIsUnset()
{
    QProcessEnvironment env;
    for (const ConfigKey& key : configKeys())
        env.insert(key.environmentVariable, QString());
    ConfigLoader loader;
    QVERIFY(loader.addFile(dataDir + u"/config-full.json"_s).ok());
    loader.addEnvironment(env);
    const Result<MonitorConfig> config = loader.resolve();
    QVERIFY2(config.ok(), qPrintable(message(config)));
    QCOMPARE(config->thresholdSeconds, 0.5); // the file's value stays
    QVERIFY(loader.warnings().isEmpty());
}

void TestConfigTyped::flagNames()
{
    ConfigLoader loader;
    loader.addCommandLineValue(u"alert-window-days"_s, u"3"_s);
    loader.addCommandLineValue(u"notice_queue_size"_s, u"4"_s);
    loader.addCommandLineValue(u"upstream"_s, QString()); // an empty value is a value: "detect"
    const Result<MonitorConfig> config = loader.resolve();
    QVERIFY2(config.ok(), qPrintable(message(config)));
    QCOMPARE(config->alertWindowDays, 3);
    QCOMPARE(config->noticeQueueSize, 4);
}

QTEST_GUILESS_MAIN(TestConfigTyped)
#include "tst_configtyped.moc"
