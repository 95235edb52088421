// PLT stubs are named "function@plt", as objdump names them: every stub objdump finds in .plt, .plt.sec and .plt.got
// of the native test target (and its stripped copy), libc and a pyenv libpython is checked at an address inside it.
// objdump names a call to the module's own indirect function (libc's memcpy) by its address; that must be the
// address of an indirect function of that name, as nm lists them.

#include "../python/PythonInterpreters.h"
#include "symbols/Symbolizer.h"

#include <QProcess>
#include <QRegularExpression>
#include <QTest>

using namespace wpm;

namespace {

struct Section {
    quint64 address = 0;
    quint64 fileOffset = 0;
};

QString run(const QString& program, const QStringList& arguments)
{
    QProcess process;
    process.start(program, arguments);
    if (!process.waitForFinished(60000) || process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0)
        return {};
    return QString::fromLocal8Bit(process.readAllStandardOutput());
}

// Section name -> its address and file offset, from "objdump -h".
QHash<QString, Section> sectionsOf(const QString& path)
{
    static const QRegularExpression line(
        QStringLiteral(R"(^\s*\d+\s+(\S+)\s+[0-9a-f]+\s+([0-9a-f]+)\s+[0-9a-f]+\s+([0-9a-f]+)\s)"),
        QRegularExpression::MultilineOption);
    QHash<QString, Section> sections;
    for (const QRegularExpressionMatch& match : line.globalMatch(run(QStringLiteral("objdump"), { "-h", path })))
        sections.insert(match.captured(1),
            { match.captured(2).toULongLong(nullptr, 16), match.captured(3).toULongLong(nullptr, 16) });
    return sections;
}

} // namespace

class TestPltStubs : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void stubsAreNamedAsObjdumpNamesThem_data();
    void stubsAreNamedAsObjdumpNamesThem();
};

void TestPltStubs::stubsAreNamedAsObjdumpNamesThem_data()
{
    QTest::addColumn<QString>("path");
    QTest::newRow("native target") << QStringLiteral(WPM_NATIVE_TARGET);
    QTest::newRow("stripped native target") << QStringLiteral(WPM_NATIVE_TARGET_STRIPPED);
    QTest::newRow("libc") << QStringLiteral("/lib/x86_64-linux-gnu/libc.so.6");
    const QString python = pyenvPython(12);
    QTest::newRow("pyenv libpython3.12") << (python.isEmpty()
            ? QString()
            : QFileInfo(python).dir().filePath(QStringLiteral("../lib/libpython3.12.so.1.0")));
}

void TestPltStubs::stubsAreNamedAsObjdumpNamesThem()
{
    QFETCH(QString, path);
    if (path.isEmpty() || !QFile::exists(path))
        QSKIP(qPrintable(QStringLiteral("Not installed: %1 (pyenv root %2)").arg(path, pyenvRoot())));
    const QHash<QString, Section> sections = sectionsOf(path);
    QVERIFY2(sections.contains(QStringLiteral(".plt")), "objdump -h lists no .plt (is binutils installed?)");
    const QString disassembly
        = run(QStringLiteral("objdump"), { "-d", "-j", ".plt", "-j", ".plt.sec", "-j", ".plt.got", path });
    static const QRegularExpression sectionHeader(QStringLiteral(R"(^Disassembly of section (\S+):$)"));
    // "name@plt", "name@VERSION@plt", or for a call to the module's own indirect function "*ABS*+0xADDRESS@plt".
    static const QRegularExpression stubHeader(
        QStringLiteral(R"(^([0-9a-f]+) <(?:([^@>+*]+)(?:@[^>+]*)?|\*ABS\*\+0x([0-9a-f]+))@plt>:$)"));
    // Address -> names of the exported indirect functions ("i" in nm), for the *ABS* stubs.
    QMultiHash<quint64, QString> indirectFunctions;
    static const QRegularExpression indirectSymbol(
        QStringLiteral(R"(^([0-9a-f]+) i ([^@\s]+))"), QRegularExpression::MultilineOption);
    for (const QRegularExpressionMatch& match : indirectSymbol.globalMatch(run(QStringLiteral("nm"), { "-D", path })))
        indirectFunctions.insert(match.captured(1).toULongLong(nullptr, 16), match.captured(2));
    Symbolizer symbolizer;
    QString section;
    int checked = 0;
    for (const QString& line : disassembly.split(QLatin1Char('\n'))) {
        if (const QRegularExpressionMatch match = sectionHeader.match(line); match.hasMatch())
            section = match.captured(1);
        const QRegularExpressionMatch stub = stubHeader.match(line);
        if (!stub.hasMatch())
            continue;
        const quint64 address = stub.captured(1).toULongLong(nullptr, 16);
        const Section& holder = sections[section];
        const quint64 fileOffset = holder.fileOffset + (address - holder.address);
        const NativeSymbol symbol = symbolizer.symbolize(path, fileOffset + 2);
        QVERIFY(symbol.found);
        if (stub.captured(3).isEmpty()) {
            QCOMPARE(symbol.function, stub.captured(2) + QStringLiteral("@plt"));
        } else {
            const QStringList aliases = indirectFunctions.values(stub.captured(3).toULongLong(nullptr, 16));
            QVERIFY2(symbol.function.endsWith(QLatin1String("@plt")) && aliases.contains(symbol.function.chopped(4)),
                qPrintable(QStringLiteral("%1 at %2, an indirect function of %3")
                               .arg(symbol.function, stub.captured(1), aliases.join(u','))));
        }
        ++checked;
    }
    QVERIFY2(checked >= 10, qPrintable(QStringLiteral("only %1 stubs in %2").arg(checked).arg(path)));
    qInfo("%d stubs named in %s", checked, qPrintable(path));
}

QTEST_GUILESS_MAIN(TestPltStubs)
#include "tst_pltstubs.moc"
