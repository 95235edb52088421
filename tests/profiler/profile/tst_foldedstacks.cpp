// Tests for the folded-stacks format: frame encoding, round trips, canonical output and errors.

#include "profile/FoldedFrame.h"
#include "profile/FoldedStacks.h"
#include "FrameBuilders.h"

#include <QFile>
#include <QMap>
#include <QRandomGenerator>
#include <QTest>

using namespace wpm;
using testframes::native;
using testframes::python;

namespace {

QString readData(const QString& name)
{
    QFile file(QStringLiteral(WPM_TEST_DATA_DIR "/") + name);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readAll());
}

// An independent canonical form: comments, blank lines and CRs dropped, repeated stacks summed,
// zero counts dropped, lines sorted. Assumes well-formed, already canonically encoded frames.
QString canonical(const QString& text)
{
    QMap<QString, quint64> counts;
    for (QString line : text.split(u'\n')) {
        line = line.trimmed();
        if (line.isEmpty() || line.startsWith(u'#'))
            continue;
        const qsizetype space = std::max(line.lastIndexOf(u' '), line.lastIndexOf(u'\t'));
        counts[line.left(space)] += line.mid(space + 1).toULongLong();
    }
    QStringList lines;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it) {
        if (it.value() > 0)
            lines.append(it.key() + u' ' + QString::number(it.value()));
    }
    lines.sort();
    return lines.isEmpty() ? QString() : lines.join(u'\n') + u'\n';
}

} // namespace

class TestFoldedStacks : public QObject {
    Q_OBJECT

private slots:
    void frameEncoding_data()
    {
        QTest::addColumn<Frame>("frame");
        QTest::addColumn<QString>("text");
        // clang-format off
        QTest::newRow("python") << python("handle", "app.py", 12) << "handle (app.py:12)";
        QTest::newRow("python, line 0") << python("<module>", "app.py", 0) << "<module> (app.py)";
        QTest::newRow("python, no file") << python("time.sleep", "", 0) << "time.sleep ()";
        QTest::newRow("python, dotted qualname")
            << python("Order.__init__", "models.py", 3) << "Order.__init__ (models.py:3)";
        QTest::newRow("python, name with parentheses") << python("f (x)", "a.py", 1) << "f (x) (a.py:1)";
        QTest::newRow("python, path with spaces and parentheses")
            << python("f", "/home/me/My Project (copy)/app.py", 3) << "f (/home/me/My Project (copy)/app.py:3)";
        QTest::newRow("python, windows path") << python("f", "C:\\srv\\app.py", 5) << "f (C:\\srv\\app.py:5)";
        QTest::newRow("python, file ending in :digits, line 0") << python("f", "weird:12", 0) << "f (weird:12:0)";
        QTest::newRow("native, module") << native("malloc", "libc.so.6") << "malloc [libc.so.6]";
        QTest::newRow("native, module and location")
            << native("main", "server", "src/main.cpp", 41) << "main [server] (src/main.cpp:41)";
        QTest::newRow("native, file but no module")
            << native("main", "", "src/main.cpp", 41) << "main [] (src/main.cpp:41)";
        QTest::newRow("native, module, file, line 0")
            << native("main", "server", "src/main.cpp") << "main [server] (src/main.cpp)";
        QTest::newRow("native, line but no file") << native("f", "", "", 7) << "f [] (:7)";
        QTest::newRow("native, negative line") << native("f", "m", "a.c", -1) << "f [m] (a.c:-1)";
        QTest::newRow("native, bare") << native("frame_dummy") << "frame_dummy";
        QTest::newRow("native, bare with spaces")
            << native("operator new(unsigned long)") << "operator new(unsigned long)";
        QTest::newRow("native, operator()") << native("operator()") << "operator()";
        QTest::newRow("native, lambda operator()")
            << native("Handler::handle(Request const&)::{lambda(int)#1}::operator()(int) const")
            << "Handler::handle(Request const&)::{lambda(int)#1}::operator()(int) const";
        QTest::newRow("native, template with space-parenthesis")
            << native("std::function<void (int)>::operator()(int) const", "server")
            << "std::function<void (int)>::operator()(int) const [server]";
        QTest::newRow("native, [clone .cold]")
            << native("std::vector<int>::push_back(int&&) [clone .cold]")
            << "std::vector<int>::push_back(int&&) [clone .cold] []";
        QTest::newRow("native, [clone .cold] with module")
            << native("std::vector<int>::push_back(int&&) [clone .cold]", "libfoo.so")
            << "std::vector<int>::push_back(int&&) [clone .cold] [libfoo.so]";
        QTest::newRow("native, name ending in a spaced group") << native("foo (anonymous)") << "foo (anonymous) []";
        QTest::newRow("native, perf's [unknown]") << native("[unknown]") << "[unknown]";
        QTest::newRow("native, bracketed module")
            << native("__vdso_clock_gettime", "[vdso]") << "__vdso_clock_gettime [[vdso]]";
        QTest::newRow("native, empty name") << native("") << " []";
        QTest::newRow("python, empty name") << python("", "a.py", 2) << " (a.py:2)";
        QTest::newRow("non-ASCII") << python("grüße", "ñ/π.py", 9) << "grüße (ñ/π.py:9)";
        // clang-format on
    }

    void frameEncoding()
    {
        QFETCH(Frame, frame);
        QFETCH(QString, text);
        QCOMPARE(encodeFoldedFrame(frame), text);
        QCOMPARE(decodeFoldedFrame(text), frame);
    }

    void foreignFrameText_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<Frame>("frame");
        QTest::newRow("C++ arguments") << "foo(int)" << native("foo(int)");
        QTest::newRow("leading zeros") << "f (a.py:007)" << python("f", "a.py", 7);
        QTest::newRow("line too large for an int") << "f (a.py:99999999999)" << python("f", "a.py:99999999999", 0);
        QTest::newRow("colon without digits") << "f (a.py:)" << python("f", "a.py:", 0);
        QTest::newRow("unclosed parenthesis") << "f (a.py" << native("f (a.py");
        QTest::newRow("unbalanced group") << "f a.py:1)" << native("f a.py:1)");
        QTest::newRow("group without a space") << "f(a.py:1)" << native("f(a.py:1)");
        QTest::newRow("empty text") << "" << native("");
    }

    void foreignFrameText()
    {
        QFETCH(QString, text);
        QFETCH(Frame, frame);
        QCOMPARE(decodeFoldedFrame(text), frame);
    }

    void separatorsAreReplacedOnWrite()
    {
        // The only characters a name cannot keep: they would split the frame or the line.
        const Frame frame = native("a;b\nc\rd", "lib;x.so", "f;\n.c", 3);
        QCOMPARE(encodeFoldedFrame(frame), "a:b c d [lib:x.so] (f: .c:3)");

        CallTree tree;
        tree.addStack(QList<Frame> { native("#pragma"), native("x") }, 2);
        QCOMPARE(writeFolded(tree), "_pragma;x 2\n"); // a leading '#' would make the line a comment
    }

    void dataFilesAreCanonical_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<quint64>("samples");
        QTest::newRow("flask") << "flask-request.folded" << quint64(170);
        QTest::newRow("native") << "native-small.folded" << quint64(257);
    }

    void dataFilesAreCanonical()
    {
        QFETCH(QString, file);
        QFETCH(quint64, samples);
        const QString text = readData(file);
        QVERIFY2(!text.isEmpty(), qPrintable(file));
        const Result<CallTree> tree = readFolded(text);
        QVERIFY2(tree.ok(), qPrintable(tree.ok() ? QString() : tree.error().message));
        QCOMPARE(tree->totalSamples(), samples);
        QCOMPARE(writeFolded(*tree), text);
        QCOMPARE(canonical(text), text);

        const Result<CallTree> again = readFolded(writeFolded(*tree));
        QVERIFY(again.ok());
        QVERIFY(again->sameAs(*tree));
    }

    void treeRoundTrip()
    {
        // Random trees over every encoding case above: readFolded(writeFolded(t)) sameAs t.
        QList<Frame> alphabet { python("handle", "app.py", 12), python("<module>", "app.py", 0),
            python("time.sleep", "", 0), python("f (x)", "a.py", 1), python("f", "/p (copy)/a.py", 3),
            python("f", "weird:12", 0), native("malloc", "libc.so.6"), native("main", "server", "main.cpp", 41),
            native("main", "", "main.cpp", 41), native("f", "", "", 7), native("frame_dummy"), native("operator()"),
            native("foo (anonymous)"), native("push_back(int&&) [clone .cold]"), native("[unknown]"),
            native("clock_gettime", "[vdso]"), native(""), python("", "a.py", 2) };
        QRandomGenerator random(7);
        for (int round = 0; round < 20; ++round) {
            CallTree tree;
            for (int sample = 0; sample < 300; ++sample) {
                QList<Frame> frames;
                const int depth = random.bounded(1, 8);
                for (int d = 0; d < depth; ++d)
                    frames.append(alphabet[random.bounded(int(alphabet.size()))]);
                tree.addStack(frames, random.bounded(1, 5));
            }
            const QString text = writeFolded(tree);
            const Result<CallTree> read = readFolded(text);
            QVERIFY2(read.ok(), qPrintable(read.ok() ? QString() : read.error().message));
            QVERIFY(read->sameAs(tree));
            QCOMPARE(writeFolded(*read), text);
        }
    }

    void canonicalOutput_data()
    {
        QTest::addColumn<QString>("text");
        const QString messy = readData("messy-input.folded");
        QTest::newRow("messy file") << messy;
        QTest::newRow("messy file, CRLF") << QString(messy).replace(u'\n', QStringLiteral("\r\n"));
        QTest::newRow("no final newline") << "b 1\na 2";
        QTest::newRow("only comments") << "# nothing\n\n#\n";
        QTest::newRow("empty") << "";
        QTest::newRow("data file, lines reversed") << [] {
            QStringList lines = readData("native-small.folded").split(u'\n', Qt::SkipEmptyParts);
            std::reverse(lines.begin(), lines.end());
            return lines.join(u'\n');
        }();
    }

    void canonicalOutput()
    {
        QFETCH(QString, text);
        const Result<CallTree> tree = readFolded(text);
        QVERIFY2(tree.ok(), qPrintable(tree.ok() ? QString() : tree.error().message));
        QCOMPARE(writeFolded(*tree), canonical(text));
    }

    void messyFileContent()
    {
        const Result<CallTree> tree = readFolded(readData("messy-input.folded"));
        QVERIFY(tree.ok());
        QCOMPARE(writeFolded(*tree),
            "handle (app.py:10) 1\n"
            "handle (app.py:10);query (db.py:5) 7\n"
            "handle (app.py:10);render (app.py:20) 5\n"
            "main [server] 2\n"
            "main [server];work() [server] 10\n"
            "main [server];work() [server];memcpy [libc.so.6] 6\n");
    }

    void zeroCountsAddNothing()
    {
        const Result<CallTree> tree = readFolded(u"a;b 0\na 1\nc 0\n");
        QVERIFY(tree.ok());
        QCOMPARE(tree->nodeCount(), 2);
        QCOMPARE(writeFolded(*tree), "a 1\n");
    }

    void byteOrderMarkIsSkipped()
    {
        const Result<CallTree> tree = readFolded(QStringLiteral("\uFEFFa;b 1\n"));
        QVERIFY(tree.ok());
        QCOMPARE(writeFolded(*tree), "a;b 1\n");
    }

    void duplicatesMerge()
    {
        const Result<CallTree> tree = readFolded(u"a;b 2\nc 1\na;b 3\n", 1000);
        QVERIFY(tree.ok());
        QCOMPARE(tree->nodeCount(), 4);
        QCOMPARE(tree->totalSamples(), 6u);
        QCOMPARE(tree->totalNs(), 6000);
        const CallTree::Node& a = tree->node(tree->sortedChildren(kRootNode).front());
        QCOMPARE(a.totalSamples, 5u);
        QCOMPARE(tree->node(a.children.front()).selfSamples, 5u);
        QCOMPARE(tree->node(a.children.front()).selfNs, 5000);
        QCOMPARE(writeFolded(*tree), "a;b 5\nc 1\n");
    }

    void sortIsByCodePoint()
    {
        // U+FF21 (fullwidth A) sorts before U+1F600 in code-point / UTF-8 order, after it in UTF-16.
        const QString text = QStringLiteral("\U0001F600 1\n\uFF21 1\n");
        const Result<CallTree> tree = readFolded(text);
        QVERIFY(tree.ok());
        QCOMPARE(writeFolded(*tree), QStringLiteral("\uFF21 1\n\U0001F600 1\n"));
    }

    void rootSamplesAreNotWritten()
    {
        CallTree tree;
        tree.addStack(std::span<const Frame>(), 3);
        tree.addStack(QList<Frame> { native("a") }, 1);
        QCOMPARE(writeFolded(tree), "a 1\n");
    }

    void malformedLines_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("lineNumber");
        QTest::addColumn<QString>("quote");
        QTest::newRow("no count") << "a;b" << 1 << "\"a;b\"";
        QTest::newRow("no count after good lines") << "a 1\n\n# c\nmain;work\n" << 4 << "\"main;work\"";
        QTest::newRow("non-integer count") << "a;b 5\na;c x" << 2 << "\"a;c x\"";
        QTest::newRow("fractional count") << "a 1.5" << 1 << "\"a 1.5\"";
        QTest::newRow("negative count") << "a 1\na -3" << 2 << "\"a -3\"";
        QTest::newRow("count too large") << "a 99999999999999999999999" << 1 << "99999999999999999999999";
        QTest::newRow("empty stack") << "a 1\n 5" << 2 << "\" 5\"";
        QTest::newRow("CRLF") << "a;b 5\r\nbad\r\n" << 2 << "\"bad\"";
    }

    void malformedLines()
    {
        QFETCH(QString, text);
        QFETCH(int, lineNumber);
        QFETCH(QString, quote);
        const Result<CallTree> tree = readFolded(text);
        QVERIFY(!tree.ok());
        const QString message = tree.error().message;
        QVERIFY2(message.contains(QStringLiteral("Line %1 ").arg(lineNumber)), qPrintable(message));
        QVERIFY2(message.contains(quote), qPrintable(message));
    }

    void durationOverflowIsAnError()
    {
        const Result<CallTree> tree = readFolded(u"a 9223372036854775807\n", 2);
        QVERIFY(!tree.ok());
        QVERIFY2(tree.error().message.contains(QStringLiteral("Line 1 ")), qPrintable(tree.error().message));
    }

    void longLinesAreTruncatedInErrors()
    {
        const QString line = QString(500, u'x') + QStringLiteral(" nope");
        const Result<CallTree> tree = readFolded(line);
        QVERIFY(!tree.ok());
        const QString message = tree.error().message;
        QVERIFY2(message.size() < 300, qPrintable(message));
        QVERIFY(message.contains(QString(79, u'x') + QChar(0x2026)));
        QVERIFY(!message.contains(QString(81, u'x')));
    }
};

QTEST_GUILESS_MAIN(TestFoldedStacks)
#include "tst_foldedstacks.moc"
