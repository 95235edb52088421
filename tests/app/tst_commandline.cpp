// The executable's command line end to end: configuration precedence, errors and exit statuses,
// --help and --version, and the message when no display is available.

#include "ExecutableRun.h"
#include "config/ConfigKeys.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace {

using Run = wpm::test::ExecutableRun;
using wpm::test::cleanEnvironment;

Run runExecutable(const QStringList& arguments, const QProcessEnvironment& environment = cleanEnvironment())
{
    return wpm::test::runExecutable(QStringLiteral(WPM_EXECUTABLE), arguments, environment);
}

QJsonObject shownConfig(const QStringList& arguments, const QProcessEnvironment& environment = cleanEnvironment())
{
    const Run run
        = runExecutable(QStringList { QStringLiteral("config"), QStringLiteral("show") } + arguments, environment);
    if (run.exitCode != 0)
        qWarning() << "config show failed:" << run.err;
    return QJsonDocument::fromJson(run.out.toUtf8()).object();
}

} // namespace

class TestCommandLine : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void versionNamesTheLibraries()
    {
        const Run run = runExecutable({ QStringLiteral("--version") });
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.startsWith(QStringLiteral("web-perfmonitor 0.")));
        QVERIFY(run.out.contains(QStringLiteral("libunwind")));
        QVERIFY(run.out.contains(QStringLiteral("Qt ")));
    }

    void helpListsEveryConfigurationFlag()
    {
        const Run run = runExecutable({ QStringLiteral("--help") });
        QCOMPARE(run.exitCode, 0);
        for (const wpm::ConfigKey& key : wpm::configKeys())
            QVERIFY2(run.out.contains(QStringLiteral("--") + key.flag()), qPrintable(key.flag()));
        QVERIFY(run.out.contains(QStringLiteral("config show")));
    }

    void keysListEveryKeyWithItsVariable()
    {
        const Run run = runExecutable({ QStringLiteral("config"), QStringLiteral("keys") });
        QCOMPARE(run.exitCode, 0);
        for (const wpm::ConfigKey& key : wpm::configKeys()) {
            QVERIFY2(run.out.contains(QStringLiteral("`%1`").arg(key.name)), qPrintable(key.name));
            QVERIFY2(run.out.contains(QStringLiteral("`%1`").arg(key.environmentVariable)),
                qPrintable(key.environmentVariable));
        }
    }

    void readmeHoldsTheKeysTable()
    {
        const Run run = runExecutable({ QStringLiteral("config"), QStringLiteral("keys") });
        QCOMPARE(run.exitCode, 0);
        QFile readme(QStringLiteral(WPM_SOURCE_DIR "/README.md"));
        QVERIFY(readme.open(QIODevice::ReadOnly));
        QVERIFY2(QString::fromUtf8(readme.readAll()).contains(run.out),
            "README.md's configuration table differs from `web-perfmonitor config keys`: paste its output");
    }

    void showsTheDefaults()
    {
        const QJsonObject config = shownConfig({});
        QCOMPARE(config.value(QStringLiteral("threshold_seconds")).toDouble(), 1.0);
        QCOMPARE(config.value(QStringLiteral("alert_window_days")).toInt(), 10);
        QCOMPARE(config.value(QStringLiteral("log_path")).toString(), QStringLiteral("/tmp"));
        QCOMPARE(config.value(QStringLiteral("notice_queue_size")).toInt(), 1000);
    }

    void fileThenEnvironmentThenFlags()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString file = dir.filePath(QStringLiteral("config.json"));
        QFile json(file);
        QVERIFY(json.open(QIODevice::WriteOnly));
        json.write(R"({"threshold_seconds": 3, "alert_window_days": 4, "log_path": ")" + dir.path().toUtf8()
            + R"(", "url_blacklist": ["/health"]})");
        json.close();

        QCOMPARE(
            shownConfig({ QStringLiteral("--config"), file }).value(QStringLiteral("threshold_seconds")).toDouble(),
            3.0);

        QProcessEnvironment environment = cleanEnvironment();
        environment.insert(QStringLiteral("PERF_THRESHOLD"), QStringLiteral("0.5"));
        environment.insert(QStringLiteral("PERF_URL_WHITELIST"), QStringLiteral("/api/*, /v1/users"));
        QJsonObject config = shownConfig({ QStringLiteral("--config"), file }, environment);
        QCOMPARE(config.value(QStringLiteral("threshold_seconds")).toDouble(), 0.5);
        QCOMPARE(config.value(QStringLiteral("alert_window_days")).toInt(), 4);
        QCOMPARE(config.value(QStringLiteral("url_whitelist")).toVariant().toStringList(),
            (QStringList { "/api/*", "/v1/users" }));
        QCOMPARE(config.value(QStringLiteral("url_blacklist")).toVariant().toStringList(), QStringList { "/health" });

        config = shownConfig({ QStringLiteral("--config"), file, QStringLiteral("--threshold-seconds"),
                                 QStringLiteral("2.5"), QStringLiteral("--url-whitelist"), QStringLiteral("/a"),
                                 QStringLiteral("--url-whitelist"), QStringLiteral("/b/*") },
            environment);
        QCOMPARE(config.value(QStringLiteral("threshold_seconds")).toDouble(), 2.5);
        QCOMPARE(
            config.value(QStringLiteral("url_whitelist")).toVariant().toStringList(), (QStringList { "/a", "/b/*" }));
    }

    void shortFlagsForRecord()
    {
        const QJsonObject config = shownConfig({ QStringLiteral("--threshold"), QStringLiteral("0.25"),
            QStringLiteral("--listen"), QStringLiteral("127.0.0.1:8099"), QStringLiteral("--rate"),
            QStringLiteral("250"), QStringLiteral("--whitelist"), QStringLiteral("/api/*"),
            QStringLiteral("--blacklist"), QStringLiteral("/health") });
        QCOMPARE(config.value(QStringLiteral("threshold_seconds")).toDouble(), 0.25);
        QCOMPARE(config.value(QStringLiteral("proxy_listen")).toString(), QStringLiteral("127.0.0.1:8099"));
        QCOMPARE(config.value(QStringLiteral("sampling_rate_hz")).toInt(), 250);
        QCOMPARE(config.value(QStringLiteral("url_whitelist")).toVariant().toStringList(), QStringList { "/api/*" });
        QCOMPARE(config.value(QStringLiteral("url_blacklist")).toVariant().toStringList(), QStringList { "/health" });
    }

    void badValueIsAClearErrorWithStatusTwo()
    {
        QProcessEnvironment environment = cleanEnvironment();
        environment.insert(QStringLiteral("PERF_THRESHOLD"), QStringLiteral("-1"));
        const Run run = runExecutable({ QStringLiteral("config"), QStringLiteral("check") }, environment);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(QStringLiteral("threshold_seconds")), qPrintable(run.err));
        QVERIFY2(run.err.contains(QStringLiteral("-1")), qPrintable(run.err));
        QVERIFY2(run.err.contains(QStringLiteral("PERF_THRESHOLD")), qPrintable(run.err));
        QVERIFY(run.out.isEmpty());
    }

    void checkAcceptsAValidConfiguration()
    {
        const Run run = runExecutable({ QStringLiteral("config"), QStringLiteral("check"),
            QStringLiteral("--sampling-rate-hz"), QStringLiteral("250") });
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.contains(QStringLiteral("valid")));
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("mentioned");
        QTest::newRow("unknown option") << QStringList { "config", "show", "--no-such-option" } << "no-such-option";
        QTest::newRow("unknown command") << QStringList { "frobnicate" } << "frobnicate";
        QTest::newRow("unknown action") << QStringList { "config", "frobnicate" } << "config show|check|keys";
        QTest::newRow("missing action") << QStringList { "config" } << "config show|check|keys";
        QTest::newRow("missing file") << QStringList { "config", "show", "--config", "/nonexistent/wpm.json" }
                                      << "/nonexistent/wpm.json";
        QTest::newRow("unknown language") << QStringList { "--lang", "xx_YY", "config", "show" } << "xx_YY";
    }

    void usageErrors()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, mentioned);
        const Run run = runExecutable(arguments);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(mentioned), qPrintable(run.err));
    }

    void chineseMessagesWithLang()
    {
        const Run run = runExecutable(
            { QStringLiteral("--lang"), QStringLiteral("zh_CN"), QStringLiteral("config"), QStringLiteral("check") });
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(run.out.trimmed(), QStringLiteral("配置有效。"));
    }

    void noDisplayIsExplained()
    {
        QProcessEnvironment environment = cleanEnvironment();
        for (const char* name : { "DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM" })
            environment.remove(QString::fromLatin1(name));
        const Run run = runExecutable({}, environment);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(QStringLiteral("no display")), qPrintable(run.err));
    }
};

QTEST_GUILESS_MAIN(TestCommandLine)
#include "tst_commandline.moc"
