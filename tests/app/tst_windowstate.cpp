// The main window's keyboard shortcuts do what their menu entries say (pressed as keys, offscreen), and
// its geometry, splitters and table columns survive closing and reopening it (QSettings in a
// temporary folder).

#include "ConsoleView.h"
#include "HistoryPage.h"
#include "LivePage.h"
#include "MainWindow.h"
#include "SettingsDialog.h"
#include "TargetPage.h"

#include <QApplication>
#include <QHeaderView>
#include <QLineEdit>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace wpm;

class TestWindowState : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir; // settings and the windows' log_path

    MonitorConfig testConfig() const
    {
        MonitorConfig config;
        config.logPath = m_dir.path();
        return config;
    }

    static QTabWidget* pages(const MainWindow& window) { return window.findChild<QTabWidget*>(); }

    static void showActive(MainWindow& window)
    {
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QApplication::setActiveWindow(&window);
        QVERIFY(QTest::qWaitForWindowActive(&window));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_dir.filePath(QStringLiteral("settings")));
        QCoreApplication::setOrganizationName(QStringLiteral("wpm-test"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_windowstate"));
        QSettings().clear();
        QSettings().setValue(QStringLiteral("welcome/demoOffered"), true); // no offer bar above the pages
    }

    void pageShortcutsSwitchPages()
    {
        MainWindow window { testConfig() };
        showActive(window);
        QTest::keyClick(&window, Qt::Key_2, Qt::ControlModifier);
        QCOMPARE(pages(window)->currentWidget(), window.livePage());
        QTest::keyClick(&window, Qt::Key_3, Qt::ControlModifier);
        QCOMPARE(pages(window)->currentWidget(), window.historyPage());
        QTest::keyClick(&window, Qt::Key_1, Qt::ControlModifier);
        QCOMPARE(pages(window)->currentWidget(), window.targetPage());
    }

    void findFocusesTheCurrentPagesSearch()
    {
        MainWindow window { testConfig() };
        showActive(window);
        window.targetPage()->console()->appendLine(QStringLiteral("serving"), false);
        QTest::keyClick(&window, Qt::Key_F, Qt::ControlModifier);
        QTRY_COMPARE(QApplication::focusWidget(), window.targetPage()->console()->searchEdit());
        QTest::keyClick(&window, Qt::Key_3, Qt::ControlModifier);
        QTest::keyClick(&window, Qt::Key_F, Qt::ControlModifier);
        QTRY_COMPARE(QApplication::focusWidget(), window.historyPage()->searchEdit());
        // Typed text goes where the focus went: the history's filter.
        QTest::keyClicks(QApplication::focusWidget(), QStringLiteral("/cpu"));
        QCOMPARE(window.historyPage()->searchEdit()->text(), QStringLiteral("/cpu"));
    }

    void recordShortcutsStartFromTheTargetPage()
    {
        MainWindow window { testConfig() };
        showActive(window);
        // No command typed: Start (F5 or Ctrl+R) asks for one instead of launching anything.
        QTest::keyClick(&window, Qt::Key_R, Qt::ControlModifier);
        QVERIFY(!window.isRecording());
        QVERIFY2(window.targetPage()->message().contains(QStringLiteral("python3 app.py")),
            qPrintable(window.targetPage()->message()));
        window.targetPage()->showMessage({}, false);
        QTest::keyClick(&window, Qt::Key_F5);
        QVERIFY(window.targetPage()->message().contains(QStringLiteral("python3 app.py")));
    }

    void exportShortcutGoesToTheHistory()
    {
        MainWindow window { testConfig() };
        showActive(window);
        QTest::keyClick(&window, Qt::Key_E, Qt::ControlModifier);
        QCOMPARE(pages(window)->currentWidget(), window.historyPage());
        QCOMPARE(window.statusBar()->currentMessage(), QStringLiteral("Select a report in the history to export it."));
    }

    void settingsShortcutOpensTheDialog()
    {
        MainWindow window { testConfig() };
        showActive(window);
        bool opened = false;
        // The dialog is modal: look at it and close it from the event loop it runs.
        QTimer::singleShot(0, this, [&opened] {
            auto* dialog = qobject_cast<SettingsDialog*>(QApplication::activeModalWidget());
            opened = dialog != nullptr;
            if (dialog)
                dialog->reject();
        });
        QTest::keyClick(&window, Qt::Key_Comma, Qt::ControlModifier);
        QVERIFY(opened);
    }

    void stateSurvivesReopening()
    {
        QList<int> splitterSizes;
        int urlColumnWidth = 0;
        {
            MainWindow window { testConfig() };
            showActive(window);
            window.resize(900, 640);
            pages(window)->setCurrentWidget(window.livePage()); // laid out: its splitter has real sizes
            auto* splitter = window.livePage()->findChild<QSplitter*>();
            QVERIFY(splitter);
            splitter->setSizes({ 150, 350 });
            splitterSizes = splitter->sizes();
            QVERIFY2(splitterSizes.value(0) > 100 && splitterSizes.value(0) < 200,
                qPrintable(QString::number(splitterSizes.value(0))));
            QHeaderView* header = window.historyPage()->table()->horizontalHeader();
            header->setSectionResizeMode(QHeaderView::Interactive);
            header->resizeSection(0, 217);
            urlColumnWidth = header->sectionSize(0);
            window.historyPage()->table()->sortByColumn(1, Qt::AscendingOrder);
            QTest::keyClick(&window, Qt::Key_Q, Qt::ControlModifier); // Quit closes the window, which saves
            QVERIFY(!window.isVisible());
        }
        MainWindow again { testConfig() };
        showActive(again);
        QCOMPARE(again.size(), QSize(900, 640));
        pages(again)->setCurrentWidget(again.livePage());
        QCOMPARE(again.livePage()->findChild<QSplitter*>()->sizes(), splitterSizes);
        QHeaderView* header = again.historyPage()->table()->horizontalHeader();
        QCOMPARE(header->sectionSize(0), urlColumnWidth);
        QCOMPARE(header->sortIndicatorSection(), 1);
        QCOMPARE(header->sortIndicatorOrder(), Qt::AscendingOrder);
    }
};

QTEST_MAIN(TestWindowState)
#include "tst_windowstate.moc"
