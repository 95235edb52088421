// ModuleMap: parsing /proc/PID/maps, reading code locally from ELF images, finding unwind tables.

#include "sampling/ModuleMap.h"

#include <QTest>

#include <cstring>
#include <sys/auxv.h>
#include <unistd.h>

using namespace wpm;

class TestModuleMap : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void parsesMapsLines()
    {
        const QByteArray text = "55d0c0a00000-55d0c0a02000 r--p 00000000 fe:01 1234 /usr/bin/my server\n"
                                "55d0c0a02000-55d0c0a05000 r-xp 00002000 fe:01 1234 /usr/bin/my server\n"
                                "7f0000000000-7f0000021000 rw-p 00000000 00:00 0 \n"
                                "7ffd00000000-7ffd00021000 rw-p 00000000 00:00 0                          [stack]\n"
                                "garbage line\n";
        const QList<MemoryMapping> mappings = ModuleMap::parse(text);
        QCOMPARE(mappings.size(), 4);
        QCOMPARE(mappings[1].start, 0x55d0c0a02000ULL);
        QCOMPARE(mappings[1].end, 0x55d0c0a05000ULL);
        QCOMPARE(mappings[1].offset, 0x2000ULL);
        QVERIFY(mappings[1].executable && mappings[1].readable && !mappings[1].writable);
        QCOMPARE(mappings[1].path, QStringLiteral("/usr/bin/my server"));
        QVERIFY(mappings[1].isFile());
        QVERIFY(mappings[2].path.isEmpty());
        QVERIFY(!mappings[2].isFile());
        QCOMPARE(mappings[3].path, QStringLiteral("[stack]"));
        QVERIFY(!mappings[3].isFile());
    }

    void readsCodeOfThisProcessFromItsFile()
    {
        ElfImageCache images;
        Result<ModuleMap> modules = ModuleMap::read(getpid(), images);
        QVERIFY(modules.ok());
        // The bytes at the address of a libc function, read from libc's file, equal those in memory.
        const auto address = quint64(reinterpret_cast<quintptr>(&::getpid));
        const MemoryMapping* mapping = modules->find(address);
        QVERIFY(mapping);
        QVERIFY(mapping->executable);
        unsigned char fromFile[32];
        QVERIFY(modules->readFromImage(address, fromFile, sizeof fromFile));
        QCOMPARE(std::memcmp(fromFile, reinterpret_cast<const void*>(address), sizeof fromFile), 0);
        // Writable memory is never served from a file.
        static int writable = 42;
        QVERIFY(!modules->readFromImage(quint64(reinterpret_cast<quintptr>(&writable)), fromFile, sizeof writable));
    }

    void findsTheUnwindTableOfLibc()
    {
        ElfImageCache images;
        Result<ModuleMap> modules = ModuleMap::read(getpid(), images);
        QVERIFY(modules.ok());
        const auto address = quint64(reinterpret_cast<quintptr>(&::getpid));
        const std::optional<UnwindTable> table = modules->unwindTable(address);
        QVERIFY(table.has_value());
        QVERIFY(table->entryCount > 100);
        QVERIFY(address >= table->startIp && address < table->endIp);
        // The header's first byte is version 1, read through the same local image.
        unsigned char version = 0;
        QVERIFY(modules->readFromImage(table->headerAddress, &version, 1));
        QCOMPARE(version, 1);
        // Anonymous memory has no table.
        QVERIFY(!modules->unwindTable(quint64(reinterpret_cast<quintptr>(&version))).has_value());
    }

    void readsTheVdsoFromMemory()
    {
        // clock_gettime runs in the vDSO, which has no file: its unwind table comes from a copy.
        ElfImageCache images;
        Result<ModuleMap> modules = ModuleMap::read(getpid(), images);
        QVERIFY(modules.ok());
        const auto base = quint64(getauxval(AT_SYSINFO_EHDR));
        QVERIFY(base != 0);
        const MemoryMapping* vdso = modules->find(base);
        QVERIFY(vdso);
        QVERIFY(vdso->isVdso());
        QVERIFY(vdso->executable);
        const std::optional<UnwindTable> table = modules->unwindTable(base);
        QVERIFY(table.has_value());
        QVERIFY(table->entryCount > 0);
        unsigned char magic[4];
        QVERIFY(modules->readFromImage(base, magic, sizeof magic));
        QCOMPARE(std::memcmp(magic,
                     "\x7f"
                     "ELF",
                     4),
            0);
    }

    void vanishedProcessIsAnError()
    {
        ElfImageCache images;
        const Result<ModuleMap> modules = ModuleMap::read(999999999, images);
        QVERIFY(!modules.ok());
        QVERIFY(modules.error().message.contains(QStringLiteral("999999999")));
    }
};

QTEST_GUILESS_MAIN(TestModuleMap)
#include "tst_modulemap.moc"
