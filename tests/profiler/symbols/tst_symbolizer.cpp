// Symbolizer against real binaries: the native test target (with DWARF, and a stripped copy), libc
// (with its separate debug file when libc6-dbg is installed) and this test's own process.

#include "SymbolizerTestHelpers.h"

#include "symbols/Demangle.h"
#include "symbols/Symbolizer.h"

#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <sys/auxv.h>
#include <time.h>

using namespace wpm;
using namespace wpm::test;

namespace {

const QString kTarget = QStringLiteral(WPM_NATIVE_TARGET);
const QString kStrippedTarget = QStringLiteral(WPM_NATIVE_TARGET_STRIPPED);

QString libcPath()
{
    const std::optional<MappedAddress> mapped = mapAddress(reinterpret_cast<quintptr>(&::nanosleep));
    return mapped ? mapped->path : QString();
}

} // namespace

// Lives in this test executable, so the /proc/self/maps path is checked end to end.
__attribute__((noinline)) int symbolizerTestMarker(int value)
{
    return value * 3 + 1;
}

class TestSymbolizer : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(kTarget), qPrintable(kTarget));
        QVERIFY2(QFile::exists(kStrippedTarget), qPrintable(kStrippedTarget));
        QVERIFY(!libcPath().isEmpty());
    }

    void nothingIsOpenedBeforeTheFirstLookup()
    {
        Symbolizer symbolizer;
        QCOMPARE(symbolizer.stats().moduleOpens, 0u);
        symbolizer.symbolize(kTarget, 0);
        QCOMPARE(symbolizer.stats().moduleOpens, 1u);
    }

    void chainFunctionsWithLines_data()
    {
        QTest::addColumn<QString>("level");
        QTest::addColumn<bool>("oneLiner");
        QTest::newRow("01") << QStringLiteral("01") << true;
        QTest::newRow("07") << QStringLiteral("07") << true;
        QTest::newRow("19") << QStringLiteral("19") << true;
        QTest::newRow("20 (leaf)") << QStringLiteral("20") << false;
    }

    void chainFunctionsWithLines()
    {
        QFETCH(QString, level);
        QFETCH(bool, oneLiner);
        const QString name = QStringLiteral("wpm_target::chainLevel%1(int)").arg(level);
        Symbolizer symbolizer;
        const std::optional<quint64> offset = symbolizer.fileOffsetOfSymbol(kTarget, name);
        QVERIFY(offset);

        const NativeSymbol symbol = symbolizer.symbolize(kTarget, *offset + 4);
        QVERIFY(symbol.found);
        QCOMPARE(symbol.function, name);
        QCOMPARE(symbol.symbolOffset, 4u);
        QCOMPARE(symbol.module, QStringLiteral("wpm_native_target"));
        QVERIFY2(symbol.file.endsWith(QStringLiteral("tests/targets/native_target.cpp")), qPrintable(symbol.file));
        const int definition = targetSourceLine("int chainLevel" + level.toLatin1() + "(int units)");
        QVERIFY(definition > 0);
        if (oneLiner)
            QCOMPARE(symbol.line, definition);
        else
            QVERIFY2(
                symbol.line >= definition && symbol.line < definition + 10, qPrintable(QString::number(symbol.line)));
    }

    // These functions have library code inlined into them (std::unique_lock, the sleepUntil helper):
    // every address of them must still report a line inside the function's own body.
    void linesStayInTheNamedFunction_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("signature");
        QTest::newRow("waitOnCondition") << QStringLiteral("wpm_target::waitOnCondition()")
                                         << QByteArray("void waitOnCondition()");
        QTest::newRow("churnWorker") << QStringLiteral("wpm_target::churnWorker(int)")
                                     << QByteArray("void churnWorker(int lifetimeMs)");
    }

    void linesStayInTheNamedFunction()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, signature);
        const auto [first, last] = targetFunctionLines(signature);
        QVERIFY(first > 0 && last > first);
        Symbolizer symbolizer;
        const std::optional<quint64> start = symbolizer.fileOffsetOfSymbol(kTarget, name);
        QVERIFY(start);
        int checked = 0;
        for (quint64 offset = *start;; ++offset) {
            const NativeSymbol symbol = symbolizer.symbolize(kTarget, offset);
            if (symbol.function != name)
                break;
            const QString where = QStringLiteral("+%1: %2:%3").arg(offset - *start).arg(symbol.file).arg(symbol.line);
            QVERIFY2(symbol.file.endsWith(QStringLiteral("native_target.cpp")), qPrintable(where));
            QVERIFY2(symbol.line >= first && symbol.line <= last, qPrintable(where));
            ++checked;
        }
        QVERIFY(checked > 16);
    }

    void mangledAndDemangledLookupsAgree()
    {
        Symbolizer symbolizer;
        const auto demangled = symbolizer.fileOffsetOfSymbol(kTarget, QStringLiteral("wpm_target::chainLevel07(int)"));
        const auto mangled = symbolizer.fileOffsetOfSymbol(kTarget, QStringLiteral("_ZN10wpm_target12chainLevel07Ei"));
        QVERIFY(demangled);
        QCOMPARE(mangled, demangled);
        const auto other = symbolizer.fileOffsetOfSymbol(kTarget, QStringLiteral("wpm_target::chainLevel08(int)"));
        QVERIFY(other);
        QVERIFY(*other != *demangled);
        QCOMPARE(symbolizer.fileOffsetOfSymbol(kTarget, QStringLiteral("wpm_target::noSuchFunction()")), std::nullopt);
    }

    void ownProcessAddressThroughProcMaps()
    {
        const std::optional<MappedAddress> mapped = mapAddress(reinterpret_cast<quintptr>(&symbolizerTestMarker) + 2);
        QVERIFY(mapped);
        Symbolizer symbolizer;
        const NativeSymbol symbol = symbolizer.symbolize(mapped->path, mapped->fileOffset);
        QVERIFY(symbol.found);
        QCOMPARE(symbol.function, QStringLiteral("symbolizerTestMarker(int)"));
        QCOMPARE(symbol.symbolOffset, 2u);
        QVERIFY2(symbol.file.endsWith(QStringLiteral("tst_symbolizer.cpp")), qPrintable(symbol.file));
        QCOMPARE(symbolizer.fileOffsetOfSymbol(mapped->path, symbol.function), mapped->fileOffset - 2);
    }

    void libcFunctionByName_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("nanosleep") << QStringLiteral("nanosleep");
        QTest::newRow("read") << QStringLiteral("read");
        // Versioned in libc's symbol table: pthread_cond_wait@@GLIBC_2.3.2 is the default version.
        QTest::newRow("pthread_cond_wait") << QStringLiteral("pthread_cond_wait");
        QTest::newRow("clock_nanosleep") << QStringLiteral("clock_nanosleep");
    }

    void libcFunctionByName()
    {
        QFETCH(QString, name);
        const QString libc = libcPath();
        Symbolizer symbolizer;
        const std::optional<quint64> offset = symbolizer.fileOffsetOfSymbol(libc, name);
        QVERIFY(offset);
        const NativeSymbol symbol = symbolizer.symbolize(libc, *offset + 1);
        QVERIFY(symbol.found);
        // Of the aliases (read, __read, __libc_read, read@@GLIBC_2.2.5) the exported, least underscored
        // one names the address, without its symbol version.
        QCOMPARE(symbol.function, name);
        QCOMPARE(symbol.symbolOffset, 1u);
        QCOMPARE(symbol.module, QStringLiteral("libc.so.6"));
        QCOMPARE(symbolizer.fileOffsetOfSymbol(libc, symbol.function), offset);
    }

    void libcLiveAddressThroughProcMaps()
    {
        const std::optional<MappedAddress> mapped = mapAddress(reinterpret_cast<quintptr>(&::nanosleep));
        QVERIFY(mapped);
        Symbolizer symbolizer;
        const NativeSymbol symbol = symbolizer.symbolize(mapped->path, mapped->fileOffset);
        QVERIFY(symbol.found);
        QVERIFY2(symbol.function.contains(QStringLiteral("nanosleep")), qPrintable(symbol.function));
        QCOMPARE(symbol.symbolOffset, 0u);
    }

    void libcLinesFromBuildIdDebugFile()
    {
        const QString libc = libcPath();
        const QString debugFile = buildIdDebugPath(libc);
        QVERIFY(!debugFile.isEmpty()); // Debian's libc always carries a build-id
        if (!QFile::exists(debugFile))
            QSKIP("libc6-dbg is not installed: no separate debug file to find");
        Symbolizer symbolizer;
        const std::optional<quint64> offset = symbolizer.fileOffsetOfSymbol(libc, QStringLiteral("nanosleep"));
        QVERIFY(offset);
        const NativeSymbol symbol = symbolizer.symbolize(libc, *offset + 1);
        QVERIFY2(symbol.file.endsWith(QStringLiteral("nanosleep.c")), qPrintable(symbol.file));
        QVERIFY(symbol.line > 0);
    }

    void strippedBinaryStillHasDynsymNames()
    {
        Symbolizer symbolizer;
        const QString name = QStringLiteral("wpm_target::chainLevel07(int)");
        const std::optional<quint64> offset = symbolizer.fileOffsetOfSymbol(kTarget, name);
        QVERIFY(offset);
        QCOMPARE(symbolizer.fileOffsetOfSymbol(kStrippedTarget, name), offset);
        const NativeSymbol symbol = symbolizer.symbolize(kStrippedTarget, *offset + 4);
        QVERIFY(symbol.found);
        QCOMPARE(symbol.function, name);
        QCOMPARE(symbol.module, QStringLiteral("wpm_native_target_stripped"));
        QCOMPARE(symbol.file, QString()); // no DWARF anywhere
        QCOMPARE(symbol.line, 0);
    }

    void vdsoFunctionsAreNamed()
    {
        // "[vdso]" has no file: its symbols come from a copy of the kernel's image. The offset found for
        // clock_gettime must be the real one in this process's vDSO: called there, it tells the time.
        Symbolizer symbolizer;
        const QString vdso = QStringLiteral("[vdso]");
        const std::optional<quint64> offset = symbolizer.fileOffsetOfSymbol(vdso, QStringLiteral("clock_gettime"));
        QVERIFY2(offset, qPrintable(symbolizer.moduleError(vdso)));
        using ClockGettime = int (*)(clockid_t, timespec*);
        const auto inVdso = reinterpret_cast<ClockGettime>(getauxval(AT_SYSINFO_EHDR) + *offset);
        timespec before {}, viaVdso {}, after {};
        clock_gettime(CLOCK_MONOTONIC, &before);
        QCOMPARE(inVdso(CLOCK_MONOTONIC, &viaVdso), 0);
        clock_gettime(CLOCK_MONOTONIC, &after);
        const auto ns = [](const timespec& time) { return qint64(time.tv_sec) * 1000000000 + time.tv_nsec; };
        QVERIFY(ns(before) <= ns(viaVdso) && ns(viaVdso) <= ns(after));

        const NativeSymbol symbol = symbolizer.symbolize(vdso, *offset + 4);
        QVERIFY(symbol.found);
        QVERIFY2(symbol.function.contains(QLatin1String("clock_gettime")), qPrintable(symbol.function));
        QCOMPARE(symbol.symbolOffset, 4u);
        QCOMPARE(symbol.module, vdso);
        QVERIFY(symbolizer.moduleError(vdso).isEmpty());
    }

    void unknownOffsetGivesHexName()
    {
        Symbolizer symbolizer;
        const NativeSymbol symbol = symbolizer.symbolize(kTarget, 0x7fff0000);
        QVERIFY(!symbol.found);
        QCOMPARE(symbol.function, QStringLiteral("0x7fff0000"));
        QCOMPARE(symbol.module, QStringLiteral("wpm_native_target"));
        QCOMPARE(symbol.line, 0);
        QVERIFY(symbolizer.moduleError(kTarget).isEmpty());
    }

    void missingModuleIsRememberedAsMissing()
    {
        Symbolizer symbolizer;
        const QString missing = QStringLiteral("/nonexistent/wpm/libmissing.so");
        for (int i = 0; i < 3; ++i) {
            const NativeSymbol symbol = symbolizer.symbolize(missing, 0x1234 + i);
            QVERIFY(!symbol.found);
            QCOMPARE(symbol.function, QStringLiteral("0x%1").arg(0x1234 + i, 0, 16));
            QCOMPARE(symbol.module, QStringLiteral("libmissing.so"));
        }
        QCOMPARE(symbolizer.fileOffsetOfSymbol(missing, QStringLiteral("main")), std::nullopt);
        QCOMPARE(symbolizer.stats().moduleOpens, 1u);
        QVERIFY(symbolizer.moduleError(missing).contains(missing));
    }

    void nonElfFileIsRememberedAsUnusable()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("notelf.so"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QVERIFY(file.write("this is not an ELF file\n") > 0);
        file.close();

        Symbolizer symbolizer;
        QVERIFY(!symbolizer.symbolize(path, 0x10).found);
        QVERIFY(!symbolizer.symbolize(path, 0x20).found);
        QCOMPARE(symbolizer.stats().moduleOpens, 1u);
        QVERIFY(symbolizer.moduleError(path).contains(path));
    }

    void deviceFileIsNeverRead()
    {
        Symbolizer symbolizer;
        const QString device = QStringLiteral("/dev/zero"); // what a process mapping /dev/zero shows
        QVERIFY(!symbolizer.symbolize(device, 0x40).found);
        QCOMPARE(symbolizer.moduleError(device),
            QStringLiteral("/dev/zero is not a regular file, so it has no symbols to read."));
    }

    void answersAndModulesAreCached()
    {
        Symbolizer symbolizer;
        const auto offset = symbolizer.fileOffsetOfSymbol(kTarget, QStringLiteral("wpm_target::chainLevel03(int)"));
        QVERIFY(offset);
        QCOMPARE(symbolizer.stats().moduleOpens, 1u);

        const NativeSymbol first = symbolizer.symbolize(kTarget, *offset + 1);
        QCOMPARE(symbolizer.stats().cacheMisses, 1u);
        QCOMPARE(symbolizer.stats().cacheHits, 0u);
        const NativeSymbol second = symbolizer.symbolize(kTarget, *offset + 1);
        QCOMPARE(second, first);
        QCOMPARE(symbolizer.stats().cacheMisses, 1u);
        QCOMPARE(symbolizer.stats().cacheHits, 1u);

        QVERIFY(symbolizer.symbolize(kTarget, *offset + 2).found);
        QCOMPARE(symbolizer.stats().cacheMisses, 2u);
        QCOMPARE(symbolizer.stats().moduleOpens, 1u);
    }

    void withoutLookupsOnlyCachedAnswersHaveNames()
    {
        Symbolizer symbolizer;
        const auto offset = symbolizer.fileOffsetOfSymbol(kTarget, QStringLiteral("wpm_target::chainLevel03(int)"));
        QVERIFY(offset);
        const NativeSymbol cached = symbolizer.symbolize(kTarget, *offset + 1);
        QVERIFY(cached.found);

        symbolizer.setLookUp(false);
        QCOMPARE(symbolizer.symbolize(kTarget, *offset + 1), cached);
        const NativeSymbol notLookedUp = symbolizer.symbolize(kTarget, *offset + 2);
        QVERIFY(!notLookedUp.found);
        QCOMPARE(notLookedUp.function, QStringLiteral("0x") + QString::number(*offset + 2, 16));
        QCOMPARE(notLookedUp.module, QFileInfo(kTarget).fileName());
        QCOMPARE(symbolizer.stats().notLookedUp, 1u);
        QCOMPARE(symbolizer.stats().cacheMisses, 1u);

        // That answer was not cached: with lookups on again, the address gets its name.
        symbolizer.setLookUp(true);
        QCOMPARE(symbolizer.symbolize(kTarget, *offset + 2).function, cached.function);
        QCOMPARE(symbolizer.stats().cacheMisses, 2u);
    }

    void replacedModuleIsReopened()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("replaced"));
        QVERIFY(QFile::copy(kTarget, path));
        const QString name = QStringLiteral("wpm_target::chainLevel05(int)");

        Symbolizer symbolizer;
        symbolizer.setRevalidateInterval(std::chrono::milliseconds(0));
        const std::optional<quint64> offset = symbolizer.fileOffsetOfSymbol(path, name);
        QVERIFY(offset);
        QCOMPARE(symbolizer.symbolize(path, *offset).function, name);

        QVERIFY(replaceFile(path, QStringLiteral(WPM_SOURCE_DIR "/tests/targets/README.md")));
        QVERIFY(!symbolizer.symbolize(path, *offset).found);
        QCOMPARE(symbolizer.stats().moduleOpens, 2u);

        QVERIFY(replaceFile(path, kTarget));
        QCOMPARE(symbolizer.symbolize(path, *offset).function, name);
        QCOMPARE(symbolizer.stats().moduleOpens, 3u);
    }

    void demangling_data()
    {
        QTest::addColumn<QByteArray>("raw");
        QTest::addColumn<QString>("expected");
        QTest::newRow("namespace function")
            << QByteArray("_ZN10wpm_target12chainLevel07Ei") << QStringLiteral("wpm_target::chainLevel07(int)");
        QTest::newRow("template member") << QByteArray("_ZNSt6vectorIiSaIiEE9push_backERKi")
                                         << QStringLiteral(
                                                "std::vector<int, std::allocator<int> >::push_back(int const&)");
        QTest::newRow("C name") << QByteArray("nanosleep") << QStringLiteral("nanosleep");
        QTest::newRow("C name that looks like a type code") << QByteArray("f") << QStringLiteral("f");
        QTest::newRow("broken mangling") << QByteArray("_Zbroken") << QStringLiteral("_Zbroken");
        QTest::newRow("empty") << QByteArray("") << QString();
    }

    void demangling()
    {
        QFETCH(QByteArray, raw);
        QFETCH(QString, expected);
        QCOMPARE(demangleSymbol(raw.constData()), expected);
    }
};

QTEST_GUILESS_MAIN(TestSymbolizer)
#include "tst_symbolizer.moc"
