// PythonTrampoline: how the code of CPython's perf trampoline is followed instruction by instruction, and how its
// copies are found in memory. tst_mixedstacks samples real interpreters run with -X perf.

#include "sampling/PythonTrampoline.h"

#include <QTest>

#include <unistd.h>

using namespace wpm;

namespace {

// CPython 3.12 and 3.13 on x86-64: sub $8,%rsp; call *%rcx; add $8,%rsp; ret.
const QByteArray kCPythonCode = QByteArray::fromHex("4883ec08ffd14883c408c3");
// A frame-pointer variant: endbr64; push %rbp; mov %rsp,%rbp; call *%rcx; pop %rbp; ret.
const QByteArray kFramePointerCode = QByteArray::fromHex("f30f1efa554889e5ffd15dc3");

struct Expected {
    int offset;
    quint64 returnAddressOffset;
    std::optional<quint64> savedRbpOffset;
};

void compareSteps(const PythonTrampoline& trampoline, const QList<Expected>& expected)
{
    QSet<int> boundaries;
    for (const Expected& step : expected) {
        boundaries.insert(step.offset);
        const std::optional<PythonTrampoline::Step> found = trampoline.stepAt(step.offset);
        QVERIFY2(found, qPrintable(QStringLiteral("no step at offset %1").arg(step.offset)));
        QCOMPARE(found->returnAddressOffset, step.returnAddressOffset);
        QCOMPARE(found->savedRbpOffset, step.savedRbpOffset);
    }
    for (int offset = 0; offset < trampoline.size(); ++offset)
        QCOMPARE(trampoline.stepAt(offset).has_value(), boundaries.contains(offset));
}

} // namespace

class TestPythonTrampoline : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void followsCPythonsTrampoline();
    void followsAFramePointerTrampoline();
    void refusesOtherCode_data();
    void refusesOtherCode();
    void findsCopiesInMemory();
    void aCopyCutByTheMappingIsNoCopy();
    void aCopyFoundAnswersForItsOtherAddresses();
    void onlyAnonymousCodeHoldsCopies();
};

void TestPythonTrampoline::followsCPythonsTrampoline()
{
    const std::optional<PythonTrampoline> trampoline = PythonTrampoline::fromCode(kCPythonCode);
    QVERIFY(trampoline);
    // At entry and at the ret the return address is on top; between, 8 bytes below it. Offset 6 is where the
    // evaluation loop it called returns to.
    compareSteps(*trampoline, { { 0, 0, {} }, { 4, 8, {} }, { 6, 8, {} }, { 10, 0, {} } });
}

void TestPythonTrampoline::followsAFramePointerTrampoline()
{
    const std::optional<PythonTrampoline> trampoline = PythonTrampoline::fromCode(kFramePointerCode);
    QVERIFY(trampoline);
    compareSteps(*trampoline, { { 0, 0, {} }, { 4, 0, {} }, { 5, 8, 0 }, { 8, 8, 0 }, { 10, 8, 0 }, { 11, 0, {} } });
}

void TestPythonTrampoline::refusesOtherCode_data()
{
    QTest::addColumn<QByteArray>("code");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("unknown instruction") << QByteArray::fromHex("4889c8c3"); // mov %rcx,%rax; ret
    QTest::newRow("unbalanced stack") << QByteArray::fromHex("4883ec08ffd1c3");
    QTest::newRow("no return") << QByteArray::fromHex("4883ec08ffd14883c408");
    QTest::newRow("code after the return") << QByteArray::fromHex("4883ec08ffd14883c408c390");
}

void TestPythonTrampoline::refusesOtherCode()
{
    QFETCH(QByteArray, code);
    QVERIFY(!PythonTrampoline::fromCode(code));
}

void TestPythonTrampoline::findsCopiesInMemory()
{
    // Three copies back to back, as CPython lays them out, between bytes of other code.
    const QByteArray before(5, '\x90'), after(4, '\x90');
    const QByteArray memory = before + kCPythonCode + kCPythonCode + kCPythonCode + after;
    const auto start = quint64(reinterpret_cast<quintptr>(memory.constData()));
    const quint64 end = start + quint64(memory.size());
    std::optional<PythonTrampoline> trampoline = PythonTrampoline::fromCode(kCPythonCode);
    QVERIFY(trampoline);
    for (qsizetype at = 0; at < memory.size(); ++at) {
        const qsizetype inCopies = at - before.size();
        const bool inACopy = inCopies >= 0 && inCopies < 3 * kCPythonCode.size();
        const std::optional<int> found = trampoline->offsetInCopy(getpid(), start + quint64(at), start, end);
        QCOMPARE(found.has_value(), inACopy);
        if (inACopy)
            QCOMPARE(*found, int(inCopies % kCPythonCode.size()));
        // Asked again: the same answer, from the cache.
        QCOMPARE(trampoline->offsetInCopy(getpid(), start + quint64(at), start, end), found);
    }
}

void TestPythonTrampoline::aCopyCutByTheMappingIsNoCopy()
{
    const QByteArray memory = kCPythonCode + kCPythonCode;
    const auto start = quint64(reinterpret_cast<quintptr>(memory.constData()));
    std::optional<PythonTrampoline> trampoline = PythonTrampoline::fromCode(kCPythonCode);
    QVERIFY(trampoline);
    // The mapping ends 5 bytes into the second copy: the first is whole, the second is not a copy.
    const quint64 end = start + quint64(kCPythonCode.size()) + 5;
    QCOMPARE(trampoline->offsetInCopy(getpid(), start + 6, start, end), std::optional<int>(6));
    QCOMPARE(trampoline->offsetInCopy(getpid(), start + quint64(kCPythonCode.size()) + 2, start, end), std::nullopt);
}

void TestPythonTrampoline::aCopyFoundAnswersForItsOtherAddresses()
{
    QByteArray memory = QByteArray(3, '\x90') + kCPythonCode;
    const auto start = quint64(reinterpret_cast<quintptr>(memory.constData()));
    const quint64 end = start + quint64(memory.size());
    std::optional<PythonTrampoline> trampoline = PythonTrampoline::fromCode(kCPythonCode);
    QVERIFY(trampoline);
    QCOMPARE(trampoline->offsetInCopy(getpid(), start + 3 + 6, start, end), std::optional<int>(6)); // a return address
    // The memory no longer holds the code: the call before that return address is still in the copy found, so no
    // read is made for it.
    memory.fill('\x90');
    QCOMPARE(trampoline->offsetInCopy(getpid(), start + 3 + 5, start, end), std::optional<int>(5));
    trampoline->forgetCopies();
    QCOMPARE(trampoline->offsetInCopy(getpid(), start + 3 + 4, start, end), std::nullopt);
}

void TestPythonTrampoline::onlyAnonymousCodeHoldsCopies()
{
    ElfImageCache images;
    const Result<ModuleMap> modules = ModuleMap::read(getpid(), images);
    QVERIFY(modules.ok());
    std::optional<PythonTrampoline> trampoline = PythonTrampoline::fromCode(kCPythonCode);
    QVERIFY(trampoline);
    // A copy on the heap (not executable) and code in this test's own file are no copies.
    const QByteArray heap = kCPythonCode;
    QCOMPARE(trampoline->offsetInCopy(getpid(), quint64(reinterpret_cast<quintptr>(heap.constData())) + 6, *modules),
        std::nullopt);
    const auto ownCode = quint64(reinterpret_cast<quintptr>(&PythonTrampoline::fromCode));
    QCOMPARE(trampoline->offsetInCopy(getpid(), ownCode, *modules), std::nullopt);
}

QTEST_GUILESS_MAIN(TestPythonTrampoline)
#include "tst_pythontrampoline.moc"
