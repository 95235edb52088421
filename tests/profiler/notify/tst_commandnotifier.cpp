// The command notifier running a real script: argv without a shell, report paths as the last arguments
// and in WPM_REPORT_* variables, the message on standard input; failures and the timeout.

#include "NotifyTestSupport.h"
#include "notify/CommandNotifier.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace wpm;
using namespace wpm::test;

class TestCommandNotifier : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void passesPathsAndFiguresWithoutShell();
    void nonZeroExitIsPermanentWithItsMessage();
    void timeoutKillsIt();
    void missingProgramIsPermanent();

private:
    DeliveryResult run(const QString& behaviour, std::chrono::milliseconds timeout = std::chrono::seconds(10));
    QString output(const QString& name) const;

    std::unique_ptr<QTemporaryDir> m_dir;
    NotificationPayload m_payload;
};

void TestCommandNotifier::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_payload = makePayload(QDir(m_dir->path()));
}

DeliveryResult TestCommandNotifier::run(const QString& behaviour, std::chrono::milliseconds timeout)
{
    qputenv("OUT_DIR", m_dir->path().toUtf8());
    qputenv("BEHAVIOUR", behaviour.toUtf8());
    // An argument a shell would expand: it must arrive as written.
    CommandNotifier notifier(NotifierOptions(
        { { u"argv"_s, QJsonArray { targetsDir + u"/record_notification.sh"_s, u"--team"_s, u"$HOME; echo pwned"_s } },
            { u"format"_s, u"markdown"_s } }));
    return notifier.send(m_payload, { timeout, nullptr });
}

QString TestCommandNotifier::output(const QString& name) const
{
    QFile file(m_dir->filePath(name));
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

void TestCommandNotifier::passesPathsAndFiguresWithoutShell()
{
    const DeliveryResult result = run(u"ok"_s);
    QVERIFY2(result.ok(), qPrintable(result.message));
    QCOMPARE(output(u"arguments"_s).split(u'\n', Qt::SkipEmptyParts),
        (QStringList { u"--team"_s, u"$HOME; echo pwned"_s, m_payload.htmlPath, m_payload.zipPath }));
    const QStringList environment = output(u"environment"_s).split(u'\n', Qt::SkipEmptyParts);
    QVERIFY(environment.contains(u"WPM_REPORT_ID=r-42"_s));
    QVERIFY(environment.contains(u"WPM_REPORT_ENDPOINT=GET /api/users"_s));
    QVERIFY(environment.contains(u"WPM_REPORT_DURATION_SECONDS=2.345"_s));
    QVERIFY(environment.contains(u"WPM_REPORT_THRESHOLD_SECONDS=1"_s));
    QVERIFY(environment.contains(u"WPM_REPORT_ZIP="_s + m_payload.zipPath));
    QVERIFY(environment.contains(u"WPM_REPORT_HTML="_s + m_payload.htmlPath));
    QCOMPARE(output(u"stdin"_s), m_payload.markdown);
}

void TestCommandNotifier::nonZeroExitIsPermanentWithItsMessage()
{
    const DeliveryResult result = run(u"fail"_s);
    QCOMPARE(result.state, DeliveryResult::State::PermanentFailure);
    QVERIFY2(result.message.contains(u"exited with status 3: ticket system unreachable"_s), qPrintable(result.message));
}

void TestCommandNotifier::timeoutKillsIt()
{
    QElapsedTimer clock;
    clock.start();
    const DeliveryResult result = run(u"hang"_s, std::chrono::milliseconds(700));
    const qint64 elapsed = clock.elapsed();
    QCOMPARE(result.state, DeliveryResult::State::TransientFailure);
    QVERIFY2(result.message.contains(u"killed"_s), qPrintable(result.message));
    QVERIFY2(elapsed >= 700 && elapsed < 3000, qPrintable(QString::number(elapsed)));
    const QString pid = output(u"pid"_s).trimmed();
    QVERIFY(!pid.isEmpty());
    QVERIFY2(!QFile::exists(u"/proc/"_s + pid), "the hanging command is still running");
}

void TestCommandNotifier::missingProgramIsPermanent()
{
    CommandNotifier notifier(NotifierOptions(
        { { u"argv"_s, QJsonArray { m_dir->filePath(u"no-such-program"_s) } }, { u"format"_s, u"text"_s } }));
    const DeliveryResult result = notifier.send(m_payload, {});
    QCOMPARE(result.state, DeliveryResult::State::PermanentFailure);
    QVERIFY2(result.message.contains(u"could not be started"_s), qPrintable(result.message));
}

QTEST_GUILESS_MAIN(TestCommandNotifier)
#include "tst_commandnotifier.moc"
