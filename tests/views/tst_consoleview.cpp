// The console view: keeps the newest lines only, searches forward and backward with wrap-around,
// counts matching lines, and shows stderr lines in red.

#include "ConsoleView.h"

#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QTest>
#include <QTextBlock>

using namespace wpm;

class TestConsoleView : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void keepsTheNewestLines()
    {
        ConsoleView console;
        console.setMaxLines(100);
        for (int i = 0; i < 250; ++i)
            console.appendLine(QStringLiteral("line %1").arg(i), false);
        QCOMPARE(console.lineCount(), 100);
        QVERIFY(console.text().startsWith(QStringLiteral("line 150\n")));
        QVERIFY(console.text().endsWith(QStringLiteral("line 249")));
        console.clear();
        QCOMPARE(console.lineCount(), 0);
    }

    void searchesWithWrapAround()
    {
        ConsoleView console;
        for (const char* line : { "starting", "GET /fast 200", "GET /slow 200", "warning: slow disk" })
            console.appendLine(QString::fromLatin1(line), false);
        console.searchEdit()->setText(QStringLiteral("slow"));
        QVERIFY(console.findNext());
        QCOMPARE(console.textEdit()->textCursor().block().text(), QStringLiteral("GET /slow 200"));
        QVERIFY(console.findNext());
        QCOMPARE(console.textEdit()->textCursor().block().text(), QStringLiteral("warning: slow disk"));
        QVERIFY(console.findNext()); // wraps to the first match
        QCOMPARE(console.textEdit()->textCursor().block().text(), QStringLiteral("GET /slow 200"));
        QVERIFY(console.findNext(true)); // backward wraps to the last
        QCOMPARE(console.textEdit()->textCursor().block().text(), QStringLiteral("warning: slow disk"));
        console.searchEdit()->setText(QStringLiteral("nowhere"));
        QVERIFY(!console.findNext());
        console.searchEdit()->setText(QStringLiteral("GET"));
        auto* count = console.findChild<QLabel*>();
        QVERIFY(count);
        QCOMPARE(count->text(), QStringLiteral("2 matching line(s)"));
    }

    void showsErrorsInRed() // the light scheme's red (PaletteColours; tst_darkpalette checks the dark one)
    {
        ConsoleView console;
        console.appendLine(QStringLiteral("out"), false);
        console.appendLine(QStringLiteral("Traceback (most recent call last):"), true);
        const QTextBlock error = console.textEdit()->document()->lastBlock();
        QCOMPARE(error.text(), QStringLiteral("Traceback (most recent call last):"));
        QCOMPARE(error.begin().fragment().charFormat().foreground().color(), QColor(0xc6, 0x28, 0x28));
        const QTextBlock out = console.textEdit()->document()->firstBlock();
        QVERIFY(out.begin().fragment().charFormat().foreground().color() != QColor(0xc6, 0x28, 0x28));
    }
};

QTEST_MAIN(TestConsoleView)
#include "tst_consoleview.moc"
