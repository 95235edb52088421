// The bounded console: lines and bytes limits, oldest dropped first and counted, the newest always kept.

#include "target/ConsoleBuffer.h"

#include <QTest>

using namespace wpm;
using namespace Qt::StringLiterals;

namespace {

QStringList texts(const ConsoleBuffer& buffer)
{
    QStringList result;
    for (const ConsoleLine& line : buffer.lines())
        result.append(line.text);
    return result;
}

} // namespace

class TestConsoleBuffer : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void keepsOrderAndChannel();
    void dropsOldestBeyondLineLimit();
    void dropsOldestBeyondByteLimit();
    void keepsNewestLineEvenIfTooLarge();
    void tighterLimitsDropAtOnce();
    void clearResetsCounts();
    void defaultLimits();
};

void TestConsoleBuffer::keepsOrderAndChannel()
{
    ConsoleBuffer buffer;
    buffer.append({ u"a"_s, false });
    buffer.append({ u"b"_s, true });
    QCOMPARE(buffer.lines(), QList<ConsoleLine>({ { u"a"_s, false }, { u"b"_s, true } }));
    QCOMPARE(buffer.byteCount(), 4);
    QCOMPARE(buffer.droppedLineCount(), 0u);
}

void TestConsoleBuffer::dropsOldestBeyondLineLimit()
{
    ConsoleBuffer buffer(3, 1 << 20);
    for (int i = 1; i <= 5; ++i)
        buffer.append({ QString::number(i), false });
    QCOMPARE(texts(buffer), QStringList({ u"3"_s, u"4"_s, u"5"_s }));
    QCOMPARE(buffer.lineCount(), 3);
    QCOMPARE(buffer.droppedLineCount(), 2u);
    QCOMPARE(buffer.byteCount(), 6);
}

void TestConsoleBuffer::dropsOldestBeyondByteLimit()
{
    ConsoleBuffer buffer(100, 20); // 10 UTF-16 characters
    buffer.append({ u"aaaa"_s, false });
    buffer.append({ u"bbbb"_s, false });
    QCOMPARE(buffer.droppedLineCount(), 0u);
    buffer.append({ u"cccc"_s, true }); // 24 bytes: the oldest goes
    QCOMPARE(texts(buffer), QStringList({ u"bbbb"_s, u"cccc"_s }));
    QCOMPARE(buffer.byteCount(), 16);
    QCOMPARE(buffer.droppedLineCount(), 1u);
}

void TestConsoleBuffer::keepsNewestLineEvenIfTooLarge()
{
    ConsoleBuffer buffer(100, 8);
    buffer.append({ u"ab"_s, false });
    buffer.append({ QString(50, u'x'), false });
    QCOMPARE(buffer.lineCount(), 1);
    QCOMPARE(buffer.lines().constFirst().text.size(), 50);
    QCOMPARE(buffer.droppedLineCount(), 1u);
}

void TestConsoleBuffer::tighterLimitsDropAtOnce()
{
    ConsoleBuffer buffer;
    for (int i = 0; i < 10; ++i)
        buffer.append({ QString::number(i), false });
    buffer.setLimits(4, 1 << 20);
    QCOMPARE(texts(buffer), QStringList({ u"6"_s, u"7"_s, u"8"_s, u"9"_s }));
    QCOMPARE(buffer.droppedLineCount(), 6u);
    QCOMPARE(buffer.maxLines(), 4);
    buffer.setLimits(0, 1 << 20); // at least one line
    QCOMPARE(texts(buffer), QStringList({ u"9"_s }));
}

void TestConsoleBuffer::clearResetsCounts()
{
    ConsoleBuffer buffer(1, 100);
    buffer.append({ u"a"_s, false });
    buffer.append({ u"b"_s, false });
    QCOMPARE(buffer.droppedLineCount(), 1u);
    buffer.clear();
    QCOMPARE(buffer.lineCount(), 0);
    QCOMPARE(buffer.byteCount(), 0);
    QCOMPARE(buffer.droppedLineCount(), 0u);
}

void TestConsoleBuffer::defaultLimits()
{
    ConsoleBuffer buffer;
    QCOMPARE(buffer.maxLines(), 10'000);
    QCOMPARE(buffer.maxBytes(), qsizetype { 4 } * 1024 * 1024);
    for (int i = 0; i < 10'050; ++i)
        buffer.append({ u"line"_s, false });
    QCOMPARE(buffer.lineCount(), 10'000);
    QCOMPARE(buffer.droppedLineCount(), 50u);
}

QTEST_GUILESS_MAIN(TestConsoleBuffer)
#include "tst_consolebuffer.moc"
