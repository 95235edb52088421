// The main window opens offscreen, in English and in Chinese, with its menus, pages, the first-start
// demo offer and the About dialog.

#include "AboutDialog.h"
#include "HistoryPage.h"
#include "LivePage.h"
#include "MainWindow.h"
#include "RequestsModel.h"
#include "TargetPage.h"
#include "Translations.h"
#include "history/HistoryDatabase.h"

#include <QApplication>
#include <QLabel>
#include <QMenuBar>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTranslator>

using namespace wpm;

class TestMainWindow : public QObject {
    Q_OBJECT

    QTemporaryDir m_logs; // the windows' log_path: their history stays out of /tmp

    MonitorConfig testConfig() const
    {
        MonitorConfig config;
        config.logPath = m_logs.path();
        return config;
    }

private:
    static QStringList menuTitles(const MainWindow& window)
    {
        QStringList titles;
        for (QAction* action : window.menuBar()->actions())
            titles.append(action->text());
        return titles;
    }

    static void removeTranslators()
    {
        for (QTranslator* translator : qApp->findChildren<QTranslator*>()) {
            QCoreApplication::removeTranslator(translator);
            delete translator;
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true); // settings away from the user's
        QSettings().clear();
    }

    void cleanup() { removeTranslators(); }

    void opensInEnglish()
    {
        QTemporaryDir logs;
        MonitorConfig config;
        config.thresholdSeconds = 0.25;
        config.logPath = logs.path();
        MainWindow window(config);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(window.windowTitle(), QStringLiteral("web-perfmonitor"));
        QCOMPARE(menuTitles(window), (QStringList { "&File", "&Recording", "&View", "&Help" }));
        QCOMPARE(window.statusBar()->currentMessage(), QStringLiteral("Not recording"));
        auto* pages = window.findChild<QTabWidget*>();
        QVERIFY(pages);
        QCOMPARE(pages->count(), 3);
        QCOMPARE(pages->widget(0), window.targetPage());
        QCOMPARE(pages->widget(1), window.livePage());
        QCOMPARE(pages->widget(2), window.historyPage());
        // The history page opened log_path's (new, empty) history.
        QTRY_VERIFY(QFile::exists(QDir(logs.path()).filePath(QString(kHistoryFileName))));
        QVERIFY(!window.isRecording());
        // Nothing to send demo traffic to before the proxy runs.
        QVERIFY(!window.findChild<QAction*>(QStringLiteral("sendDemoTrafficAction"))->isEnabled());
        QCOMPARE(window.livePage()->requestsModel()->thresholdSeconds(), 0.25);
    }

    void storedSettingsApplyToTheNextRecording()
    {
        QTemporaryDir logs;
        MonitorConfig config;
        config.logPath = logs.path();
        QSettings().setValue(QStringLiteral("config/threshold_seconds"), QStringLiteral("0.75"));
        QSettings().setValue(QStringLiteral("config/sampling_rate_hz"), QStringLiteral("0")); // out of range: left out
        MainWindow window(config);
        QSettings().remove(QStringLiteral("config"));
        QCOMPARE(window.livePage()->requestsModel()->thresholdSeconds(), 0.75);
        QVERIFY2(
            window.statusBar()->currentMessage().startsWith(QStringLiteral("sampling_rate_hz (from the settings)")),
            qPrintable(window.statusBar()->currentMessage()));
        QVERIFY(window.findChild<QAction*>(QStringLiteral("settingsAction")));
    }

    void offersTheDemoOnFirstStartOnly()
    {
        MonitorConfig config = testConfig();
        config.thresholdSeconds = 0.25;
        {
            MainWindow window(config);
            auto* offer = window.findChild<QWidget*>(QStringLiteral("demoOffer"));
            QVERIFY(offer);
            // The offer names the threshold in effect, not the default.
            bool thresholdShown = false;
            for (QLabel* label : offer->findChildren<QLabel*>())
                thresholdShown = thresholdShown || label->text().contains(QStringLiteral("threshold 0.25 s"));
            QVERIFY(thresholdShown);
            for (QPushButton* button : offer->findChildren<QPushButton*>()) {
                if (button->text() == QStringLiteral("Dismiss"))
                    button->click();
            }
            QVERIFY(offer->isHidden());
        }
        MainWindow again(config);
        QVERIFY(!again.findChild<QWidget*>(QStringLiteral("demoOffer")));
        QSettings().remove(QStringLiteral("welcome/demoOffered"));
    }

    void opensInChinese()
    {
        const Result<QString> language = installTranslations(*qApp, QStringLiteral("zh_CN"));
        QVERIFY2(language.ok(), qPrintable(language ? QString() : language.error().message));
        QCOMPARE(language.value(), QStringLiteral("zh_CN"));
        MainWindow window { testConfig() };
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        const QStringList titles = menuTitles(window);
        QCOMPARE(titles.first(), QStringLiteral("文件(&F)"));
        QCOMPARE(titles.last(), QStringLiteral("帮助(&H)"));
        QCOMPARE(window.statusBar()->currentMessage(), QStringLiteral("未在录制"));
    }

    void unknownLanguageIsAnError()
    {
        const Result<QString> language = installTranslations(*qApp, QStringLiteral("xx_YY"));
        QVERIFY(!language.ok());
        QVERIFY(language.error().message.contains(QStringLiteral("xx_YY")));
        QVERIFY(language.error().message.contains(QStringLiteral("zh_CN")));
        QVERIFY(qApp->findChildren<QTranslator*>().isEmpty());
    }

    void aboutListsLibraryVersions()
    {
        AboutDialog dialog;
        QTableWidget* table = dialog.libraryTable();
        QStringList names;
        for (int row = 0; row < table->rowCount(); ++row) {
            names.append(table->item(row, 0)->text());
            QVERIFY2(!table->item(row, 1)->text().isEmpty(), qPrintable(names.last()));
        }
        QVERIFY(names.contains(QStringLiteral("Qt")));
        QVERIFY(names.contains(QStringLiteral("libunwind")));
        QVERIFY(names.contains(QStringLiteral("elfutils")));
        const int qtRow = int(names.indexOf(QStringLiteral("Qt")));
        QCOMPARE(table->item(qtRow, 1)->text(), QString::fromLatin1(qVersion()));
        const int sqliteRow = int(names.indexOf(QStringLiteral("SQLite")));
        QVERIFY(table->item(sqliteRow, 1)->text().startsWith(QLatin1Char('3')));
    }

    void aboutOpensFromTheHelpMenu()
    {
        MainWindow window { testConfig() };
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto* about = window.findChild<QAction*>(QStringLiteral("aboutAction"));
        QVERIFY(about);
        bool seen = false;
        // The dialog is modal: inspect and close it from the event loop it runs.
        QTimer::singleShot(0, this, [&seen] {
            auto* dialog = qobject_cast<AboutDialog*>(QApplication::activeModalWidget());
            seen = dialog != nullptr;
            if (dialog)
                dialog->reject();
        });
        about->trigger();
        QVERIFY(seen);
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
