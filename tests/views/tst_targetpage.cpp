// The target page: the launch it builds (command split like a shell, working directory, environment
// added to ours), validation messages, launches remembered per project (QSettings), attach mode,
// and the proxy address row.

#include "TargetPage.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTest>

using namespace wpm;

class TestTargetPage : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
    }

    void buildsTheLaunch()
    {
        TargetPage page;
        page.setLaunchSettings(LaunchSettings { QStringLiteral("python3 \"my app.py\" --port 5000"),
            QStringLiteral("/srv/shop"), { QStringLiteral("FLASK_DEBUG=1"), QStringLiteral("GREETING=a=b") } });
        const LaunchSpec spec = page.launchSpec();
        QCOMPARE(spec.argv, (QStringList { "python3", "my app.py", "--port", "5000" }));
        QCOMPARE(spec.workingDirectory, QStringLiteral("/srv/shop"));
        QCOMPARE(spec.environment.value(QStringLiteral("FLASK_DEBUG")), QStringLiteral("1"));
        QCOMPARE(spec.environment.value(QStringLiteral("GREETING")), QStringLiteral("a=b"));
        // Ours is kept underneath.
        QCOMPARE(spec.environment.value(QStringLiteral("PATH")), qEnvironmentVariable("PATH"));
    }

    void refusesWhatCannotStart()
    {
        TargetPage page;
        QSignalSpy start(&page, &TargetPage::startRequested);
        page.setLaunchSettings(LaunchSettings {});
        page.startButton()->click();
        QCOMPARE(start.size(), 0);
        QVERIFY(page.message().contains(QStringLiteral("command")));

        page.setLaunchSettings(LaunchSettings { QStringLiteral("python3 app.py"), {}, { QStringLiteral("NOEQUALS") } });
        page.startButton()->click();
        QCOMPARE(start.size(), 0);
        QVERIFY(page.message().contains(QStringLiteral("NOEQUALS")));
    }

    void remembersLaunchesPerProject()
    {
        QSettings().clear();
        TargetPage page;
        QSignalSpy start(&page, &TargetPage::startRequested);
        const LaunchSettings shop { QStringLiteral("python3 shop.py"), QStringLiteral("/srv/shop"), { "A=1" } };
        const LaunchSettings blog { QStringLiteral("node blog.js"), QStringLiteral("/srv/blog"), {} };
        for (const LaunchSettings& project : { shop, blog, shop }) {
            page.setLaunchSettings(project);
            page.startButton()->click();
        }
        QCOMPARE(start.size(), 3);
        QCOMPARE(start.last().at(0).toLongLong(), 0);
        QCOMPARE(start.last().at(1).value<LaunchSpec>().argv, (QStringList { "python3", "shop.py" }));
        // One entry per working directory, most recent first.
        QCOMPARE(LaunchSettingsStore::recent(), (QList<LaunchSettings> { shop, blog }));

        // A new page starts with the most recent project and offers the others.
        TargetPage reopened;
        QCOMPARE(reopened.launchSettings(), shop);
        auto* recent = reopened.findChild<QComboBox*>();
        QCOMPARE(recent->count(), 2);
        QCOMPARE(recent->itemText(1), QStringLiteral("/srv/blog"));
        recent->setCurrentIndex(1);
        Q_EMIT recent->activated(1);
        QCOMPARE(reopened.launchSettings(), blog);
    }

    void attachesByPid()
    {
        TargetPage page;
        QSignalSpy start(&page, &TargetPage::startRequested);
        auto* attach = page.findChildren<QRadioButton*>().last();
        attach->setChecked(true);
        QVERIFY(page.attachSelected());
        QVERIFY(!page.commandEdit()->isEnabled());
        page.findChild<QSpinBox*>()->setValue(4242);
        page.startButton()->click();
        QCOMPARE(start.size(), 1);
        QCOMPARE(start.first().at(0).toLongLong(), 4242);
    }

    void showsTheProxyAddress()
    {
        TargetPage page;
        QVERIFY(page.proxyUrl().isEmpty());
        page.setRecording(true);
        QVERIFY(!page.startButton()->isEnabled());
        QVERIFY(page.stopButton()->isEnabled());
        page.setProxyAddress(QStringLiteral("127.0.0.1:38211"));
        QCOMPARE(page.proxyUrl(), QStringLiteral("http://127.0.0.1:38211/"));
        QCOMPARE(page.proxyLabel()->text(), QStringLiteral("http://127.0.0.1:38211/"));
        page.setProxyAddress({});
        QVERIFY(page.proxyUrl().isEmpty());
    }
};

QTEST_MAIN(TestTargetPage)
#include "tst_targetpage.moc"
