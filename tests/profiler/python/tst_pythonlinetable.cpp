// The line-table decoders on hand-built tables: 3.11+ (every entry form), 3.10's address/line pairs and
// 3.9's co_lnotab; plus the 3.13 debug-offsets parser's refusals.

#include "python/PythonLayout.h"
#include "python/PythonLineTable.h"

#include <QTest>

using namespace wpm;

class TestPythonLineTable : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void everyForm_data();
    void everyForm();
    void addressLinePairs_data();
    void addressLinePairs();
    void lnotab_data();
    void lnotab();
    void debugOffsetsRefused();
};

namespace {

// First line 10. Entry byte: 0x80 | code << 3 | (length - 1).
const QByteArray kTable = QByteArray::fromHex("81"
                                              "05" // short form, 2 units: line 10
                                              "da"
                                              "0408" // one-line form, delta +1, 3 units: line 11
                                              "e8"
                                              "07" // no columns, delta -3 (svarint 7): line 8
                                              "f0"
                                              "4803"
                                              "00"
                                              "01"
                                              "02" // long form, delta +100 (svarint 200): line 108
                                              "f8" // no location
                                              "80"
                                              "03"); // short form: line 108 again

} // namespace

void TestPythonLineTable::everyForm_data()
{
    QTest::addColumn<int>("unit");
    QTest::addColumn<int>("line");
    QTest::newRow("not started") << -1 << 10;
    QTest::newRow("short 0") << 0 << 10;
    QTest::newRow("short 1") << 1 << 10;
    QTest::newRow("one-line") << 2 << 11;
    QTest::newRow("one-line end") << 4 << 11;
    QTest::newRow("no columns") << 5 << 8;
    QTest::newRow("long") << 6 << 108;
    QTest::newRow("no location") << 7 << 0;
    QTest::newRow("after none") << 8 << 108;
    QTest::newRow("past the end") << 9 << 0;
}

void TestPythonLineTable::everyForm()
{
    QFETCH(int, unit);
    QFETCH(int, line);
    QCOMPARE(pythonLineForInstruction(kTable, 10, unit), line);
}

void TestPythonLineTable::addressLinePairs_data()
{
    QTest::addColumn<int>("byteOffset");
    QTest::addColumn<int>("line");
    QTest::newRow("not started") << -2 << 5;
    QTest::newRow("first range") << 0 << 6;
    QTest::newRow("first range end") << 3 << 6;
    QTest::newRow("after an empty range") << 4 << 8;
    QTest::newRow("no line") << 6 << 0;
    QTest::newRow("negative delta") << 8 << 7;
    QTest::newRow("past the end") << 10 << 0;
}

void TestPythonLineTable::addressLinePairs()
{
    QFETCH(int, byteOffset);
    QFETCH(int, line);
    // First line 5: [0,4) +1, empty +2, [4,6) +0, [6,8) no line (-128), [8,10) -1.
    const QByteArray table = QByteArray::fromHex("0401"
                                                 "0002"
                                                 "0200"
                                                 "0280"
                                                 "02ff");
    QCOMPARE(pythonLineFromAddressPairs(table, 5, byteOffset), line);
}

void TestPythonLineTable::lnotab_data()
{
    QTest::addColumn<int>("byteOffset");
    QTest::addColumn<int>("line");
    QTest::newRow("not started") << -1 << 5;
    QTest::newRow("first") << 0 << 5;
    QTest::newRow("before the first step") << 5 << 5;
    QTest::newRow("first step") << 6 << 6;
    QTest::newRow("before the second step") << 9 << 6;
    QTest::newRow("two steps at one address") << 10 << 7;
    QTest::newRow("far") << 100 << 7;
}

void TestPythonLineTable::lnotab()
{
    QFETCH(int, byteOffset);
    QFETCH(int, line);
    // First line 5: at byte 6 +1, at byte 10 +2 then -1.
    const QByteArray table = QByteArray::fromHex("0601"
                                                 "0402"
                                                 "00ff");
    QCOMPARE(pythonLineFromLnotab(table, 5, byteOffset), line);
}

void TestPythonLineTable::debugOffsetsRefused()
{
    QByteArray block(qsizetype(kPythonDebugOffsetsSize), '\0');
    QVERIFY(!pythonLayoutFromDebugOffsets(block).ok()); // no cookie
    std::memcpy(block.data(), "xdebugpy", 8);
    QVERIFY(!pythonLayoutFromDebugOffsets(block.first(100)).ok()); // truncated
    block[16] = 1; // free-threaded
    const Result<PythonLayout> freeThreaded = pythonLayoutFromDebugOffsets(block);
    QVERIFY(!freeThreaded.ok());
    QVERIFY(freeThreaded.error().message.contains(QLatin1String("free-threaded")));
    block[16] = 0;
    QVERIFY(!pythonLayoutFromDebugOffsets(block).ok()); // all offsets zero: version 0.0
}

QTEST_GUILESS_MAIN(TestPythonLineTable)
#include "tst_pythonlinetable.moc"
