// Misspelt names: a PERF_ variable that is no key is not used and is warned about with the name meant
// (Linux perf's own PERF_ variables are left alone); an unknown flag is an error with the flag meant.

#include "config/ConfigLoader.h"

#include <QTest>

using namespace wpm;
using namespace Qt::StringLiterals;

namespace {

QString message(const Result<MonitorConfig>& result)
{
    return result.ok() ? QString() : result.error().message;
}

} // namespace

class TestConfigNames : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void environmentWarnings_data();
    void environmentWarnings();
    void unknownFlag();
};

void TestConfigNames::environmentWarnings_data()
{
    QTest::addColumn<QString>("variable");
    QTest::addColumn<QString>("suggestion"); // empty: no warning

    QTest::newRow("typo") << u"PERF_TRESHOLD"_s << u"PERF_THRESHOLD"_s;
    QTest::newRow("long form of a short name") << u"PERF_THRESHOLD_SECONDS"_s << u"PERF_THRESHOLD"_s;
    QTest::newRow("long form of alert window") << u"PERF_ALERT_WINDOW_DAYS"_s << u"PERF_ALERT_WINDOW"_s;
    QTest::newRow("extra underscore") << u"PERF_URL_WHITE_LIST"_s << u"PERF_URL_WHITELIST"_s;
    QTest::newRow("lower case") << u"perf_log_path"_s << u"PERF_LOG_PATH"_s;
    QTest::newRow("word missing") << u"PERF_SAMPLING_RATE"_s << u"PERF_SAMPLING_RATE_HZ"_s;
    QTest::newRow("transposed") << u"PERF_UPSTRAEM"_s << u"PERF_UPSTREAM"_s;
    for (const char* linuxPerf : { "PERF_EXEC_PATH", "PERF_PAGER", "PERF_BUILDID_DIR", "PERF_CONFIG", "PERF_HTML_PATH",
             "PERF_DEBUGINFOD", "PERF_GTK_PATH", "PERF_BPF_INC_OPTIONS" })
        QTest::addRow("linux-perf %s", linuxPerf) << QString::fromLatin1(linuxPerf) << QString();
    QTest::newRow("not PERF_ at all") << u"THRESHOLD"_s << QString();
}

void TestConfigNames::environmentWarnings()
{
    QFETCH(QString, variable);
    QFETCH(QString, suggestion);

    QProcessEnvironment env;
    env.insert(variable, u"0.5"_s);
    env.insert(u"PERF_NOTICE_QUEUE_SIZE"_s, u"20"_s); // a real one next to it is not warned about
    ConfigLoader loader;
    loader.addEnvironment(env);
    const Result<MonitorConfig> config = loader.resolve();
    QVERIFY2(config.ok(), qPrintable(message(config)));
    QCOMPARE(config->noticeQueueSize, 20);
    QCOMPARE(config->thresholdSeconds, 1.0); // a misspelt variable is not used
    if (suggestion.isEmpty()) {
        QCOMPARE(loader.warnings(), QStringList {});
    } else {
        QCOMPARE(loader.warnings().size(), 1);
        const QString warning = loader.warnings().first();
        QVERIFY2(warning.contains(variable) && warning.contains(u"did you mean "_s + suggestion + u'?'),
            qPrintable(warning));
    }
}

void TestConfigNames::unknownFlag()
{
    ConfigLoader loader;
    loader.addCommandLineValue(u"treshold-seconds"_s, u"1"_s);
    loader.addCommandLineValue(u"colour"_s, u"red"_s);
    const Result<MonitorConfig> config = loader.resolve();
    QVERIFY(!config.ok());
    QCOMPARE(message(config),
        u"unknown option --treshold-seconds; did you mean --threshold-seconds?\nunknown option --colour"_s);
}

QTEST_GUILESS_MAIN(TestConfigNames)
#include "tst_confignames.moc"
