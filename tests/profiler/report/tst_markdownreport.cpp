// Tests for the Markdown report: a golden file, escaping of untrusted text, pruning and fences.

#include "FrameBuilders.h"
#include "ReportTestTrees.h"
#include "report/FunctionStats.h"
#include "report/MarkdownReport.h"
#include "report/TextEscape.h"

#include <QTest>

using namespace wpm;
using testframes::native;

class TestMarkdownReport : public QObject {
    Q_OBJECT

private slots:
    void golden()
    {
        const CallTree tree = reporttest::foldedTree(QStringLiteral("report-layout.folded"));
        const QString markdown = markdownReport(tree, reporttest::metadata());
        const QString path = QStringLiteral(WPM_TEST_DATA_DIR "/report-markdown.md");
        if (qEnvironmentVariableIsSet("WPM_UPDATE_GOLDEN")) {
            QFile out(path);
            QVERIFY(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
            out.write(markdown.toUtf8());
        }
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(markdown, QString::fromUtf8(file.readAll()));
    }

    void escaping_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("escaped");
        QTest::newRow("plain") << "handler"
                               << "handler";
        QTest::newRow("script") << "<script>alert(1)</script>"
                                << "\\<script\\>alert\\(1\\)\\</script\\>";
        QTest::newRow("emphasis") << "*_x_*"
                                  << "\\*\\_x\\_\\*";
        QTest::newRow("link") << "[a](http://b)"
                              << "\\[a\\]\\(http\\://b\\)";
        QTest::newRow("table pipe") << "a|b"
                                    << "a\\|b";
        QTest::newRow("code") << "`x`"
                              << "\\`x\\`";
        QTest::newRow("backslash") << "a\\b"
                                   << "a\\\\b";
        QTest::newRow("heading") << "# h"
                                 << "\\# h";
        QTest::newRow("entity") << "&lt;"
                                << "\\&lt;";
        QTest::newRow("strike") << "~~x~~"
                                << "\\~\\~x\\~\\~";
        QTest::newRow("newline") << "a\nb\r\nc"
                                 << "a b  c";
        QTest::newRow("list at start") << "-x"
                                       << "\\-x";
        QTest::newRow("dashes inside") << "a-b.c+d"
                                       << "a-b.c+d";
        QTest::newRow("hashtag") << "a #tag"
                                 << "a \\#tag";
        QTest::newRow("unicode") << "处理请求"
                                 << "处理请求";
    }

    void escaping()
    {
        QFETCH(QString, text);
        QFETCH(QString, escaped);
        QCOMPARE(markdownEscaped(text), escaped);
    }

    void escapingBoundsLength()
    {
        QCOMPARE(markdownEscaped(QStringLiteral("abcdef"), 3), QStringLiteral("abc\u2026"));
        // A surrogate pair is one code point and never split.
        QCOMPARE(markdownEscaped(QStringLiteral("\U0001F600\U0001F600"), 1), QStringLiteral("\U0001F600\u2026"));
    }

    void hostileRequestShowsAsText()
    {
        CallTree tree;
        const QList<Frame> stack { native(QStringLiteral("operator<")), native(QStringLiteral("```evil``` *x* |y|")) };
        tree.addStack(stack, 10);
        ReportMetadata meta = reporttest::metadata(QStringLiteral("/x?<script>alert(1)</script>*_[]|"));
        const QString markdown = markdownReport(tree, meta);
        QVERIFY(!markdown.contains(QLatin1String("<script>")));
        QVERIFY(markdown.contains(QLatin1String("/x?\\<script\\>alert\\(1\\)\\</script\\>\\*\\_\\[\\]\\|")));
        // The call tree's fence is longer than the backtick run in the symbol, so it cannot be closed.
        QVERIFY(markdown.contains(QLatin1String("````text\n")));
        QVERIFY(markdown.contains(QLatin1String("```evil``` *x* |y|")));
        // Table rows keep their column count: every untrusted `|` is escaped.
        for (const QString& line : markdown.split(u'\n')) {
            if (line.startsWith(QLatin1String("| ")) && line.contains(QLatin1String("evil")))
                QCOMPARE(line.count(QLatin1String(" | ")), 3);
        }
    }

    void prunesSmallNodesAndDepth()
    {
        CallTree tree;
        tree.addStack(QList<Frame> { native("big"), native("deeper") }, 995);
        tree.addStack(QList<Frame> { native("small") }, 5); // 0.5% < 1%
        MarkdownLimits limits;
        limits.maxDepth = 1;
        const QString markdown = markdownReport(tree, reporttest::metadata(), limits);
        const QString block
            = markdown.section(QLatin1String("#### Call tree"), 1).section(QLatin1String("#### Top"), 0, 0);
        QVERIFY(block.contains(QLatin1String("big")));
        QVERIFY(!block.contains(QLatin1String("small\n")));
        QVERIFY(!block.contains(QLatin1String("deeper")));
        QVERIFY(block.contains(QLatin1String("1 more call(s)")));
        QVERIFY(!block.contains(QLatin1String("cut here")));
        limits.maxTreeLines = 1;
        const QString cut = markdownReport(tree, reporttest::metadata(), limits);
        QVERIFY(cut.contains(QLatin1String("big")));
        QVERIFY(cut.contains(QStringLiteral("\u2026 (cut here")));
    }

    void fitsAMattermostPost()
    {
        // Long names full of characters that need escaping, deep and wide: the worst case for size.
        CallTree tree;
        const QString name = QString(400, u'*');
        for (int i = 0; i < 200; ++i) {
            QList<Frame> stack;
            for (int depth = 0; depth < 60; ++depth)
                stack.append(native(name + QString::number(depth * 1000 + (depth < 3 ? 0 : i)), {}, name, depth));
            tree.addStack(stack, 1);
        }
        ReportMetadata meta = reporttest::metadata(QString(5000, u'|'));
        meta.command = QString(5000, u'_');
        meta.method = QString(100, u'<');
        const QString markdown = markdownReport(tree, meta);
        QVERIFY2(markdown.size() < 16383, qPrintable(QString::number(markdown.size())));
        QVERIFY(markdown.contains(QLatin1String("#### Top functions")));
        QVERIFY(markdown.endsWith(QLatin1String("|\n\n")));
    }

    void topFunctionsCountRecursionOnce()
    {
        CallTree tree;
        tree.addStack(QList<Frame> { native("rec"), native("rec"), native("leaf") }, 5);
        tree.addStack(QList<Frame> { native("rec"), native("rec") }, 3);
        tree.addStack(QList<Frame> { native("rec") }, 2);
        const QList<FunctionStat> top = topFunctions(tree, 10);
        QCOMPARE(top.size(), 2);
        QCOMPARE(top.at(0).function, QStringLiteral("rec"));
        QCOMPARE(top.at(0).selfSamples, 5u);
        QCOMPARE(top.at(0).totalSamples, 10u);
        QCOMPARE(top.at(1).function, QStringLiteral("leaf"));
        QCOMPARE(top.at(1).totalSamples, 5u);
    }

    // Each step of the hottest path names where its function is, after a dash (U+2014, not its UTF-8 bytes read
    // as Latin-1).
    void hotPathSaysWhere()
    {
        CallTree tree;
        tree.addStack(QList<Frame> { native("main", QStringLiteral("/usr/bin/server")),
                          testframes::python(QStringLiteral("handler"), QStringLiteral("app.py"), 12) },
            4);
        const QString markdown = markdownReport(tree, reporttest::metadata());
        QVERIFY2(markdown.contains(QStringLiteral("1. 100.0% **main** \u2014 server\n")), qPrintable(markdown));
        QVERIFY2(markdown.contains(QStringLiteral("2. 100.0% **handler** \u2014 app.py\\:12\n")), qPrintable(markdown));
        QVERIFY(!markdown.contains(QChar(0x00e2)));
    }

    void emptyTree()
    {
        const QString markdown = markdownReport(CallTree(), reporttest::metadata());
        QVERIFY(markdown.contains(QLatin1String("No samples.")));
    }
};

QTEST_GUILESS_MAIN(TestMarkdownReport)
#include "tst_markdownreport.moc"
