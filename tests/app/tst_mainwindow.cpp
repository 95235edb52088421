// The main window opens offscreen, in English and in Chinese, with its menus and About dialog.

#include "AboutDialog.h"
#include "MainWindow.h"
#include "Translations.h"

#include <QApplication>
#include <QLabel>
#include <QMenuBar>
#include <QStatusBar>
#include <QTableWidget>
#include <QTest>
#include <QTimer>
#include <QTranslator>

using namespace wpm;

class TestMainWindow : public QObject {
    Q_OBJECT

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
    void cleanup() { removeTranslators(); }

    void opensInEnglish()
    {
        MonitorConfig config;
        config.thresholdSeconds = 0.25;
        MainWindow window(config);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(window.windowTitle(), QStringLiteral("web-perfmonitor"));
        QCOMPARE(menuTitles(window), (QStringList { "&File", "&Help" }));
        QCOMPARE(window.statusBar()->currentMessage(), QStringLiteral("Not recording"));
        // The welcome page shows the settings in effect, not the defaults.
        bool thresholdShown = false;
        for (QLabel* label : window.findChildren<QLabel*>())
            thresholdShown = thresholdShown || label->text() == QStringLiteral("0.25 s");
        QVERIFY(thresholdShown);
    }

    void opensInChinese()
    {
        const Result<QString> language = installTranslations(*qApp, QStringLiteral("zh_CN"));
        QVERIFY2(language.ok(), qPrintable(language ? QString() : language.error().message));
        QCOMPARE(language.value(), QStringLiteral("zh_CN"));
        MainWindow window { MonitorConfig {} };
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(menuTitles(window), (QStringList { QStringLiteral("文件(&F)"), QStringLiteral("帮助(&H)") }));
        QCOMPARE(window.statusBar()->currentMessage(), QStringLiteral("未在记录"));
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
        MainWindow window { MonitorConfig {} };
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
