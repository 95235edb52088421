// Unwinder on snapshots whose registers are garbage, as a thread caught mid-exec or a corrupt frame pointer gives
// them: the unwind ends, incomplete, and reads nothing outside the copied stack. A read near the top of the address
// space once wrapped the bounds check and crashed the workbench (tst_mainwindow_recording, in a full test run).

#include "sampling/ModuleMap.h"
#include "sampling/Unwinder.h"

#include <QTest>

#include <unistd.h>

using namespace wpm;

class TestUnwinder : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void garbageRegistersEndTheUnwind_data();
    void garbageRegistersEndTheUnwind();
};

void TestUnwinder::garbageRegistersEndTheUnwind_data()
{
    QTest::addColumn<quint64>("rip");
    QTest::addColumn<quint64>("rbp");
    QTest::addColumn<bool>("stackAtTheTop"); // the copy itself ends at the top of the address space
    constexpr quint64 kUnmapped = 0x1000;
    const quint64 top = ~quint64(0);
    QTest::newRow("frame pointer at the last byte") << kUnmapped << top << false;
    QTest::newRow("frame pointer 8 bytes below the top") << kUnmapped << top - 7 << false;
    QTest::newRow("frame pointer 16 bytes below the top") << kUnmapped << top - 15 << false;
    QTest::newRow("stack copy at the top, frame pointer in it") << kUnmapped << top - 31 << true;
    QTest::newRow("null frame pointer") << kUnmapped << quint64(0) << false;
}

void TestUnwinder::garbageRegistersEndTheUnwind()
{
    QFETCH(quint64, rip);
    QFETCH(quint64, rbp);
    QFETCH(bool, stackAtTheTop);
    ElfImageCache images;
    const Result<ModuleMap> modules = ModuleMap::read(getpid(), images);
    QVERIFY(modules.ok());
    StackSnapshot snapshot;
    snapshot.pid = getpid();
    snapshot.tid = gettid();
    snapshot.stack = QByteArray(stackAtTheTop ? 64 : 1024, '\xff'); // every word a garbage address too
    snapshot.stackStart = stackAtTheTop ? ~quint64(0) - 63 : 0x7fff00000000;
    snapshot.registers.rip = rip;
    snapshot.registers.rsp = snapshot.stackStart + 128 % quint64(snapshot.stack.size());
    snapshot.registers.rbp = rbp;
    Unwinder unwinder;
    const UnwindResult unwound = unwinder.unwind(snapshot, *modules, 64);
    QVERIFY(!unwound.complete);
    QVERIFY(!unwound.pcs.isEmpty());
    QCOMPARE(unwound.pcs.front(), rip);
}

QTEST_GUILESS_MAIN(TestUnwinder)
#include "tst_unwinder.moc"
