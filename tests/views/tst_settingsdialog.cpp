// The settings dialog: each value checked as it is typed with the configuration's own messages, URL
// patterns refused by UrlPattern before they reach the list, and a round trip through a temporary
// QSettings file into the configuration of the next recording.

#include "PatternListEditor.h"
#include "SettingsDialog.h"
#include "TemporarySettings.h"
#include "WorkbenchSettings.h"
#include "config/ConfigKeys.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace wpm;

class TestSettingsDialog : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    static QPushButton* okButton(SettingsDialog& dialog)
    {
        return dialog.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(test::keepSettingsIn(m_dir, QStringLiteral("tst_settingsdialog"))); }

    void validatesAsYouType()
    {
        SettingsDialog dialog(MonitorConfig {}, { QStringLiteral("en"), QStringLiteral("zh_CN") });
        QVERIFY(dialog.isValid());
        QVERIFY(okButton(dialog)->isEnabled());
        QCOMPARE(dialog.field(QStringLiteral("threshold_seconds"))->text(), QStringLiteral("1"));

        QLineEdit* threshold = dialog.field(QStringLiteral("threshold_seconds"));
        threshold->clear();
        QTest::keyClicks(threshold, QStringLiteral("fast"));
        const ConfigKey* key = findConfigKey(QStringLiteral("threshold_seconds"));
        QCOMPARE(
            dialog.problem(QStringLiteral("threshold_seconds")), QStringLiteral("expected ") + key->acceptedValues());
        QVERIFY(!okButton(dialog)->isEnabled());
        threshold->setText(QStringLiteral("0.25"));
        QVERIFY(dialog.problem(QStringLiteral("threshold_seconds")).isEmpty());
        QVERIFY(okButton(dialog)->isEnabled());

        // Out of range: ConfigChecks' own reason, then what is accepted.
        dialog.field(QStringLiteral("max_performance_overhead"))->setText(QStringLiteral("1.5"));
        const QString overhead = dialog.problem(QStringLiteral("max_performance_overhead"));
        QVERIFY2(overhead.endsWith(findConfigKey(QStringLiteral("max_performance_overhead"))->acceptedValues()),
            qPrintable(overhead));
        QVERIFY(!okButton(dialog)->isEnabled());
        dialog.field(QStringLiteral("max_performance_overhead"))->setText(QStringLiteral("0.02"));

        dialog.field(QStringLiteral("log_path"))->setText(QStringLiteral("/proc/1/no-such-dir"));
        QVERIFY(!dialog.problem(QStringLiteral("log_path")).isEmpty());
        dialog.field(QStringLiteral("log_path"))->setText(m_dir.path());
        QVERIFY(dialog.isValid());

        // A pattern is checked by UrlPattern as it is typed, and refused before it reaches the list.
        PatternListEditor* whitelist = dialog.whitelist();
        QTest::keyClicks(whitelist->input(), QStringLiteral("api/*"));
        QVERIFY(whitelist->problem().contains(QStringLiteral("api/*")));
        QVERIFY(!whitelist->addButton()->isEnabled());
        whitelist->input()->setText(QStringLiteral("/api/[a-"));
        QVERIFY(!whitelist->problem().isEmpty());
        whitelist->input()->setText(QStringLiteral("/api/*"));
        QVERIFY(whitelist->problem().isEmpty());
        QTest::mouseClick(whitelist->addButton(), Qt::LeftButton);
        QCOMPARE(whitelist->patterns(), QStringList { QStringLiteral("/api/*") });
        QVERIFY(whitelist->input()->text().isEmpty());

        // With WPM_SCREENSHOT_DIR set, the dialog with one rejected value is saved there (for reviews).
        if (const QString directory = qEnvironmentVariable("WPM_SCREENSHOT_DIR"); !directory.isEmpty()) {
            threshold->setText(QStringLiteral("fast"));
            whitelist->input()->setText(QStringLiteral("api/*"));
            dialog.resize(720, 760);
            dialog.grab().save(QDir(directory).filePath(QStringLiteral("settings-dialog.png")));
        }
    }

    void persistsForTheNextRecording()
    {
        {
            SettingsDialog dialog(MonitorConfig {}, { QStringLiteral("en"), QStringLiteral("zh_CN") });
            dialog.field(QStringLiteral("threshold_seconds"))->setText(QStringLiteral("0.25"));
            dialog.field(QStringLiteral("alert_window_days"))->setText(QStringLiteral("3"));
            dialog.field(QStringLiteral("sampling_rate_hz"))->setText(QStringLiteral("250"));
            dialog.field(QStringLiteral("log_path"))->setText(m_dir.path());
            dialog.field(QStringLiteral("history_max_reports"))->setText(QStringLiteral("50"));
            dialog.blacklist()->input()->setText(QStringLiteral("/static/*,v2"));
            QTest::mouseClick(dialog.blacklist()->addButton(), Qt::LeftButton);
            dialog.language()->setCurrentIndex(dialog.language()->findData(QStringLiteral("zh_CN")));
            QVERIFY(dialog.isValid());
            QSettings settings;
            dialog.save(settings);
        }
        MonitorConfig config;
        QVERIFY(WorkbenchSettings::applyStored(config, QSettings()).isEmpty());
        QCOMPARE(config.thresholdSeconds, 0.25);
        QCOMPARE(config.alertWindowDays, 3);
        QCOMPARE(config.samplingRateHz, 250);
        QCOMPARE(config.logPath, m_dir.path());
        QCOMPARE(config.historyMaxReports, 50);
        QCOMPARE(config.urlBlacklist, QStringList { QStringLiteral("/static/*,v2") }); // a comma stays in its pattern
        QCOMPARE(QSettings().value(WorkbenchSettings::languageKey).toString(), QStringLiteral("zh_CN"));

        // The dialog opens on what was saved.
        SettingsDialog reopened(config, { QStringLiteral("en"), QStringLiteral("zh_CN") });
        QCOMPARE(reopened.field(QStringLiteral("threshold_seconds"))->text(), QStringLiteral("0.25"));
        QCOMPARE(reopened.blacklist()->patterns(), config.urlBlacklist);
        QCOMPARE(reopened.language()->currentData().toString(), QStringLiteral("zh_CN"));

        // A stored value that no longer passes is left out, with the configuration's message.
        QSettings().setValue(QStringLiteral("config/alert_window_days"), QStringLiteral("-1"));
        MonitorConfig stale;
        const QStringList problems = WorkbenchSettings::applyStored(stale, QSettings());
        QCOMPARE(problems.size(), 1);
        QVERIFY2(problems.first().startsWith(QStringLiteral("alert_window_days")), qPrintable(problems.first()));
        QCOMPARE(stale.alertWindowDays, MonitorConfig {}.alertWindowDays);
    }
};

QTEST_MAIN(TestSettingsDialog)
#include "tst_settingsdialog.moc"
