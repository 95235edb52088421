// The settings dialog's notifiers: a form per type generated from the registry and checked as it is typed,
// a typed secret moved to the real secret store (here its 0600 fallback file: no keychain service runs
// headless) while QSettings keeps only "keychain:NAME", and "Send test notification" through a real
// notification queue: a command notifier that really runs, and a webhook whose port nobody listens on.

#include "NotifierForm.h"
#include "NotifierListEditor.h"
#include "SettingsDialog.h"
#include "TemporarySettings.h"
#include "WorkbenchSettings.h"
#include "notify/NotifierRegistry.h"

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QSettings>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace wpm;

class TestNotifierSettings : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString secretsFile() const { return m_dir.filePath(QStringLiteral("secrets.json")); }

private Q_SLOTS:
    void initTestCase() { QVERIFY(test::keepSettingsIn(m_dir, QStringLiteral("tst_notifiersettings"))); }

    void formFollowsTheRegistry()
    {
        const NotifierType* email = NotifierRegistry::builtIn().find(QStringLiteral("email"));
        QVERIFY(email);
        NotifierForm form(*email, {});
        for (const NotifierOption& option : email->options)
            QVERIFY2(form.field(option.name), qPrintable(option.name));
        QVERIFY(qobject_cast<QComboBox*>(form.field(QStringLiteral("format"))));
        // Empty: the required options are named, with the registry's own messages.
        QVERIFY(form.problems().join(u' ').contains(QStringLiteral("smtp_host")));
        qobject_cast<QLineEdit*>(form.field(QStringLiteral("smtp_host")))->setText(QStringLiteral("127.0.0.1"));
        qobject_cast<QLineEdit*>(form.field(QStringLiteral("sender")))->setText(QStringLiteral("wpm@example.com"));
        QTest::keyClicks(qobject_cast<QLineEdit*>(form.field(QStringLiteral("recipients"))),
            QStringLiteral("a@example.com, b@example.com"));
        QTest::keyClicks(qobject_cast<QLineEdit*>(form.field(QStringLiteral("smtp_port"))), QStringLiteral("http"));
        QCOMPARE(form.problems().size(), 1);
        QVERIFY2(form.problems().first().contains(QStringLiteral("smtp_port")), qPrintable(form.problems().first()));
        qobject_cast<QLineEdit*>(form.field(QStringLiteral("smtp_port")))->setText(QStringLiteral("2525"));
        QVERIFY2(form.problems().isEmpty(), qPrintable(form.problems().join(u'\n')));
        QCOMPARE(form.options().value(QStringLiteral("recipients")).toArray().size(), 2);
        QCOMPARE(form.options().value(QStringLiteral("smtp_port")).toInt(), 2525);
    }

    void secretsGoToTheSecretStore()
    {
        const NotifierType* mattermost = NotifierRegistry::builtIn().find(QStringLiteral("mattermost"));
        NotifierForm form(*mattermost, {});
        qobject_cast<QLineEdit*>(form.field(QStringLiteral("server_url")))
            ->setText(QStringLiteral("http://127.0.0.1:1"));
        qobject_cast<QLineEdit*>(form.field(QStringLiteral("channel_id")))->setText(QStringLiteral("town-square"));
        qobject_cast<QLineEdit*>(form.field(QStringLiteral("token")))->setText(QStringLiteral("tok-5ecret-91"));
        QVERIFY(form.problems().isEmpty());
        QCOMPARE(form.typedSecrets(), QStringList { QStringLiteral("token") });

        SettingsDialog dialog(MonitorConfig {}, {}, SecretStore(secretsFile()));
        QSignalSpy stored(dialog.notifiers(), &NotifierListEditor::secretsStored);
        dialog.notifiers()->setEntry(-1, form.type(), form.options(), form.typedSecrets());
        QVERIFY(stored.wait(30000));
        const QString reference
            = dialog.notifiers()->notifiers().first().options.value(QStringLiteral("token")).toString();
        QVERIFY2(reference.startsWith(SecretStore::referencePrefix()), qPrintable(reference));
        const Result<QString> secret
            = SecretStore(secretsFile()).read(reference.mid(SecretStore::referencePrefix().size()));
        QVERIFY2(secret, secret ? "" : qPrintable(secret.error().message));
        QCOMPARE(*secret, QStringLiteral("tok-5ecret-91"));

        // The settings file holds the reference, never the token; the next recording gets the notifier.
        {
            QSettings settings;
            dialog.save(settings);
        }
        QFile ini(QSettings().fileName());
        QVERIFY(ini.open(QIODevice::ReadOnly));
        const QByteArray saved = ini.readAll();
        QVERIFY(saved.contains("keychain:"));
        QVERIFY(!saved.contains("tok-5ecret-91"));
        MonitorConfig config;
        QVERIFY(WorkbenchSettings::applyStored(config, QSettings()).isEmpty());
        QCOMPARE(config.noticeList.size(), 1);
        QCOMPARE(config.noticeList.first().type, QStringLiteral("mattermost"));

        // Editing again shows the secret as kept, and keeps it when nothing new is typed.
        NotifierForm again(*mattermost, config.noticeList.first().options);
        auto* token = qobject_cast<QLineEdit*>(again.field(QStringLiteral("token")));
        QVERIFY(token->text().isEmpty());
        QVERIFY(token->placeholderText().contains(reference.mid(SecretStore::referencePrefix().size())));
        QCOMPARE(again.options().value(QStringLiteral("token")).toString(), reference);
        QVERIFY(again.typedSecrets().isEmpty());
        QSettings().clear();
    }

    void sendsATestNotification()
    {
        const QString received = m_dir.filePath(QStringLiteral("received.md"));
        NotifierSettings command { QStringLiteral("command"),
            QJsonObject { { QStringLiteral("argv"),
                QJsonArray {
                    QStringLiteral("/bin/sh"), QStringLiteral("-c"), QStringLiteral("cat > \"$0\""), received } } } };
        NotifierListEditor editor({ command }, SecretStore(secretsFile()));
        QSignalSpy finished(&editor, &NotifierListEditor::testFinished);
        editor.sendTest(0);
        QVERIFY(finished.wait(30000));
        QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));
        QVERIFY(editor.result()->text().contains(QStringLiteral("was sent")));
        QFile file(received);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.readAll().contains("web-perfmonitor test notification"));
    }

    void showsWhyATestFailed()
    {
        QTcpServer closed; // a port that was free a moment ago: nobody listens on it now
        QVERIFY(closed.listen(QHostAddress::LocalHost));
        const quint16 port = closed.serverPort();
        closed.close();
        NotifierSettings webhook { QStringLiteral("webhook"),
            QJsonObject { { QStringLiteral("url"), QStringLiteral("http://127.0.0.1:%1/hook").arg(port) } } };
        NotifierListEditor editor({ webhook }, SecretStore(secretsFile()));
        QSignalSpy finished(&editor, &NotifierListEditor::testFinished);
        editor.sendTest(0);
        QVERIFY(finished.wait(30000));
        QVERIFY(!finished.first().at(0).toBool());
        QVERIFY2(finished.first().at(1).toString().contains(QStringLiteral("not sent: ")),
            qPrintable(finished.first().at(1).toString()));
        QCOMPARE(editor.result()->text(), finished.first().at(1).toString());

        // With WPM_SCREENSHOT_DIR set, the dialog's Notifiers page with this result is saved there (for reviews).
        if (const QString directory = qEnvironmentVariable("WPM_SCREENSHOT_DIR"); !directory.isEmpty()) {
            MonitorConfig config;
            config.noticeList = { webhook };
            SettingsDialog dialog(config, {}, SecretStore(secretsFile()));
            QSignalSpy shown(dialog.notifiers(), &NotifierListEditor::testFinished);
            dialog.notifiers()->list()->setCurrentRow(0);
            dialog.notifiers()->sendTest(0);
            QVERIFY(shown.wait(30000));
            dialog.findChild<QTabWidget*>()->setCurrentWidget(dialog.notifiers());
            dialog.resize(720, 420);
            dialog.grab().save(QDir(directory).filePath(QStringLiteral("settings-notifiers.png")));
        }
    }
};

QTEST_MAIN(TestNotifierSettings)
#include "tst_notifiersettings.moc"
