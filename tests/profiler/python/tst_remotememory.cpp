// RemoteMemory against a real child process: requests on the same or adjacent pages are read as one range, each
// request still gets its own bytes, an unreadable one fails alone, and a process that is gone fails the read.

#include "python/RemoteMemory.h"

#include <QTest>

#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>

using namespace wpm;

class TestRemoteMemory : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void samePageRequestsAreOneRange();
    void overlappingRequests();
    void distantRequestsStayApart();
    void unreadableRequestFailsAlone();
    void requestsAtTheTopOfTheAddressSpaceFailAlone();
    void goneProcessFails();

private:
    // Byte i of page p holds (p * 31 + i) & 0xff, in the child as in this process.
    static char expected(quint64 address, quint64 base)
    {
        return char(((address - base) / 4096 * 31 + (address - base) % 4096) & 0xff);
    }
    void check(const RemoteMemory::Request& request, const QByteArray& bytes) const;

    static constexpr size_t kPages = 8;
    static constexpr size_t kHole = 5; // unmapped before the fork
    char* m_pages = nullptr;
    pid_t m_child = 0;
};

void TestRemoteMemory::init()
{
    void* pages = mmap(nullptr, kPages * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    QVERIFY(pages != MAP_FAILED);
    m_pages = static_cast<char*>(pages);
    for (size_t i = 0; i < kPages * 4096; ++i)
        m_pages[i] = expected(quint64(quintptr(m_pages) + i), quint64(quintptr(m_pages)));
    QCOMPARE(munmap(m_pages + kHole * 4096, 4096), 0);
    m_child = fork();
    QVERIFY(m_child >= 0);
    if (m_child == 0) {
        for (;;)
            pause();
    }
}

void TestRemoteMemory::cleanup()
{
    if (m_child > 0) {
        kill(m_child, SIGKILL);
        waitpid(m_child, nullptr, 0);
        m_child = 0;
    }
    munmap(m_pages, kHole * 4096);
    munmap(m_pages + (kHole + 1) * 4096, (kPages - kHole - 1) * 4096);
}

void TestRemoteMemory::check(const RemoteMemory::Request& request, const QByteArray& bytes) const
{
    QVERIFY(request.ok);
    const quint64 base = quint64(quintptr(m_pages));
    for (qsizetype i = 0; i < bytes.size(); ++i)
        QCOMPARE(bytes[i], expected(request.address + quint64(i), base));
}

void TestRemoteMemory::samePageRequestsAreOneRange()
{
    RemoteMemory memory(m_child);
    const quint64 base = quint64(quintptr(m_pages));
    // Out of order, on pages 0 and 1, with gaps between them.
    const QList<std::pair<quint64, size_t>> places { { 4096 + 100, 24 }, { 8, 8 }, { 3000, 112 }, { 4096 * 2 - 16, 16 },
        { 500, 1 } };
    QList<QByteArray> bytes;
    for (const auto& [offset, size] : places)
        bytes.append(QByteArray(qsizetype(size), '\0'));
    QList<RemoteMemory::Request> requests;
    for (qsizetype i = 0; i < places.size(); ++i)
        requests.append({ base + places[i].first, bytes[i].data(), places[i].second });
    QVERIFY(memory.read(requests));
    for (qsizetype i = 0; i < requests.size(); ++i)
        check(requests[i], bytes[i]);
    QCOMPARE(memory.syscalls(), quint64(1));
    QCOMPARE(memory.ranges(), quint64(1));
}

void TestRemoteMemory::overlappingRequests()
{
    RemoteMemory memory(m_child);
    const quint64 base = quint64(quintptr(m_pages));
    QByteArray whole(3 * 4096, '\0');
    quint64 inside = 0;
    QByteArray straddling(64, '\0');
    QList<RemoteMemory::Request> requests { { base + 100, straddling.data(), size_t(straddling.size()) },
        { base, whole.data(), size_t(whole.size()) }, { base + 4096 + 8, &inside, sizeof inside },
        { base + 4096 * 3 - 32, straddling.data() + 32, 32 } };
    QVERIFY(memory.read(requests));
    check(requests[1], whole);
    QVERIFY(requests[0].ok && requests[2].ok && requests[3].ok);
    QCOMPARE(std::memcmp(&inside, whole.constData() + 4096 + 8, sizeof inside), 0);
    QCOMPARE(straddling.left(32), whole.mid(100, 32));
    QCOMPARE(straddling.mid(32), whole.right(32));
    QCOMPARE(memory.ranges(), quint64(1));
}

void TestRemoteMemory::distantRequestsStayApart()
{
    RemoteMemory memory(m_child);
    const quint64 base = quint64(quintptr(m_pages));
    QByteArray first(16, '\0');
    QByteArray second(16, '\0');
    // Pages 0 and 3: the pages between them are read by no request, so they are not read at all.
    QList<RemoteMemory::Request> requests { { base + 16, first.data(), 16 },
        { base + 3 * 4096 + 16, second.data(), 16 } };
    QVERIFY(memory.read(requests));
    check(requests[0], first);
    check(requests[1], second);
    QCOMPARE(memory.syscalls(), quint64(1));
    QCOMPARE(memory.ranges(), quint64(2));
}

void TestRemoteMemory::unreadableRequestFailsAlone()
{
    RemoteMemory memory(m_child);
    const quint64 base = quint64(quintptr(m_pages));
    // Pages 4, 5 (the hole) and 6 are adjacent: merged, the span fails, and its requests are read again one by one.
    QByteArray before(32, '\0');
    QByteArray inHole(32, '\0');
    QByteArray after(32, '\0');
    QByteArray elsewhere(32, '\0');
    QList<RemoteMemory::Request> requests { { base + (kHole + 1) * 4096 + 64, after.data(), 32 },
        { base + kHole * 4096 + 64, inHole.data(), 32 }, { base + kHole * 4096 - 64, before.data(), 32 },
        { base + 64, elsewhere.data(), 32 } };
    QVERIFY(memory.read(requests));
    check(requests[0], after);
    QVERIFY(!requests[1].ok);
    check(requests[2], before);
    check(requests[3], elsewhere);
}

void TestRemoteMemory::requestsAtTheTopOfTheAddressSpaceFailAlone()
{
    RemoteMemory memory(m_child);
    const quint64 base = quint64(quintptr(m_pages));
    QByteArray good(32, '\0');
    quint64 below = 0;
    QByteArray wrapping(16, '\0');
    // Garbage pointers as a moving target gives them: one ends 8 bytes below the top, one wraps past it.
    QList<RemoteMemory::Request> requests { { ~quint64(0) - 7, wrapping.data(), size_t(wrapping.size()) },
        { base + 64, good.data(), 32 }, { ~quint64(0) - 15, &below, sizeof below } };
    QVERIFY(memory.read(requests));
    QVERIFY(!requests[0].ok);
    check(requests[1], good);
    QVERIFY(!requests[2].ok);
}

void TestRemoteMemory::goneProcessFails()
{
    RemoteMemory memory(m_child);
    kill(m_child, SIGKILL);
    waitpid(m_child, nullptr, 0);
    m_child = 0;
    quint64 value = 0;
    QVERIFY(!memory.readValue(quint64(quintptr(m_pages)), value));
    QCOMPARE(memory.lastError(), ESRCH);
}

QTEST_GUILESS_MAIN(TestRemoteMemory)
#include "tst_remotememory.moc"
