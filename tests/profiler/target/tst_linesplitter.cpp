// Cutting a child's output into lines: chunks that split lines (and UTF-8 sequences), CRLF, and lines
// longer than the limit.

#include "target/LineSplitter.h"

#include <QTest>

using namespace wpm;
using namespace Qt::StringLiterals;

class TestLineSplitter : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void splitsAcrossChunks();
    void stripsCarriageReturn();
    void keepsEmptyLines();
    void decodesUtf8SplitAcrossChunks();
    void cutsOverlongLines();
    void cutsOverlongLinesOnCharacterBoundary();
    void flushesUnterminatedLine();
};

void TestLineSplitter::splitsAcrossChunks()
{
    LineSplitter splitter;
    QCOMPARE(splitter.feed("hel"), QList<QString>());
    QCOMPARE(splitter.feed("lo\nwor"), QList<QString>({ u"hello"_s }));
    QCOMPARE(splitter.feed("ld\nagain\nx"), QList<QString>({ u"world"_s, u"again"_s }));
    QCOMPARE(splitter.flush(), std::optional<QString>(u"x"_s));
}

void TestLineSplitter::stripsCarriageReturn()
{
    LineSplitter splitter;
    QCOMPARE(splitter.feed("a\r\nb\r"), QList<QString>({ u"a"_s }));
    QCOMPARE(splitter.feed("\n"), QList<QString>({ u"b"_s }));
}

void TestLineSplitter::keepsEmptyLines()
{
    LineSplitter splitter;
    QCOMPARE(splitter.feed("\n\na\n"), QList<QString>({ QString(), QString(), u"a"_s }));
    QCOMPARE(splitter.flush(), std::nullopt);
}

void TestLineSplitter::decodesUtf8SplitAcrossChunks()
{
    const QByteArray text = u"héllo 世界\n"_s.toUtf8();
    LineSplitter splitter;
    QList<QString> lines;
    for (char byte : text)
        lines += splitter.feed(QByteArrayView(&byte, 1));
    QCOMPARE(lines, QList<QString>({ u"héllo 世界"_s }));
}

void TestLineSplitter::cutsOverlongLines()
{
    LineSplitter splitter(10);
    QCOMPARE(splitter.feed("0123456789abcdefghijklmnop"), QList<QString>({ u"0123456789"_s, u"abcdefghij"_s }));
    QCOMPARE(splitter.feed("q\nshort\n"), QList<QString>({ u"klmnopq"_s, u"short"_s }));
    QCOMPARE(splitter.flush(), std::nullopt);
}

void TestLineSplitter::cutsOverlongLinesOnCharacterBoundary()
{
    LineSplitter splitter(4);
    // "aé" is 3 bytes; "aéé" is 5: the cut falls inside the second é and moves before it.
    QCOMPARE(splitter.feed(u"aéé\n"_s.toUtf8()), QList<QString>({ u"aé"_s, u"é"_s }));
}

void TestLineSplitter::flushesUnterminatedLine()
{
    LineSplitter splitter;
    QCOMPARE(splitter.feed("no newline"), QList<QString>());
    QCOMPARE(splitter.flush(), std::optional<QString>(u"no newline"_s));
    QCOMPARE(splitter.flush(), std::nullopt);
}

QTEST_GUILESS_MAIN(TestLineSplitter)
#include "tst_linesplitter.moc"
