// Tests for the report zip, read back by independent readers: Python's zipfile module and Info-ZIP's
// unzip (real processes), each skipped with a message when it is not installed.

#include "ReportTestTrees.h"
#include "history/HistoryEntry.h"
#include "history/ReportZip.h"
#include "report/ReportWriter.h"

#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace wpm;

namespace {

struct Run {
    int exitCode = -1;
    QString output;
};

Run run(const QString& program, const QStringList& arguments)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(program, arguments);
    if (!process.waitForFinished(30000))
        return {};
    return { process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
        QString::fromUtf8(process.readAll()) };
}

} // namespace

class TestReportZip : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void pythonZipfileReadsIt();
    void unzipListsAndTestsIt();
    void entriesHoldTheFiles();
    void missingReportFileFails();
    void unwritableOutputFails();

private:
    QTemporaryDir m_dir;
    ReportFiles m_files;
    QString m_zip;
};

void TestReportZip::initTestCase()
{
    const CallTree tree = reporttest::foldedTree(QStringLiteral("native-small.folded"));
    Result<ReportFiles> files = ReportWriter::write(tree, reporttest::metadata(), m_dir.path());
    QVERIFY2(files, files ? "" : qPrintable(files.error().message));
    m_files = *files;
    m_zip = m_dir.filePath("export/report.zip");
    QVERIFY(QDir(m_dir.path()).mkpath("export"));
    const Status written = writeReportZip(QDir(m_dir.path()), m_files.baseName, m_zip);
    QVERIFY2(written, written ? "" : qPrintable(written.error().message));
    qInfo("zip backend: %s", qPrintable(zipBackendName()));
}

void TestReportZip::pythonZipfileReadsIt()
{
    const QString python = QStandardPaths::findExecutable("python3");
    if (python.isEmpty())
        QSKIP("python3 is not installed: the zip cannot be checked with Python's zipfile module");
    const Run tested = run(python, { "-m", "zipfile", "-t", m_zip });
    QVERIFY2(tested.exitCode == 0, qPrintable(tested.output));
    const Run listed = run(python, { "-m", "zipfile", "-l", m_zip });
    QCOMPARE(listed.exitCode, 0);
    for (const QString& name : reportFileNames(m_files.baseName))
        QVERIFY2(listed.output.contains(name), qPrintable(listed.output));
}

void TestReportZip::unzipListsAndTestsIt()
{
    const QString unzip = QStandardPaths::findExecutable("unzip");
    if (unzip.isEmpty())
        QSKIP("unzip is not installed (Debian package unzip, listed in scripts/debian-packages.txt)");
    const Run tested = run(unzip, { "-t", m_zip });
    QVERIFY2(tested.exitCode == 0 && tested.output.contains("No errors detected"), qPrintable(tested.output));
    const Run listed = run(unzip, { "-Z1", m_zip }); // names only, one per line
    QCOMPARE(listed.exitCode, 0);
    QCOMPARE(listed.output.split(u'\n', Qt::SkipEmptyParts), reportFileNames(m_files.baseName));
}

void TestReportZip::entriesHoldTheFiles()
{
    const QString unzip = QStandardPaths::findExecutable("unzip");
    if (unzip.isEmpty())
        QSKIP("unzip is not installed (Debian package unzip, listed in scripts/debian-packages.txt)");
    for (const QString& path : { m_files.html, m_files.markdown, m_files.speedscope, m_files.folded }) {
        QProcess process;
        process.start(unzip, { "-p", m_zip, QFileInfo(path).fileName() });
        QVERIFY(process.waitForFinished(30000));
        QFile original(path);
        QVERIFY(original.open(QIODevice::ReadOnly));
        QCOMPARE(process.readAllStandardOutput(), original.readAll());
    }
}

void TestReportZip::missingReportFileFails()
{
    QTemporaryDir dir;
    const Status written = writeReportZip(QDir(dir.path()), m_files.baseName, dir.filePath("x.zip"));
    QVERIFY(!written);
    QVERIFY2(written.error().message.contains(m_files.baseName + ".html"), qPrintable(written.error().message));
    QVERIFY(!QFile::exists(dir.filePath("x.zip")));
}

void TestReportZip::unwritableOutputFails()
{
    const QString target = m_dir.filePath("no/such/folder/x.zip");
    const Status written = writeReportZip(QDir(m_dir.path()), m_files.baseName, target);
    QVERIFY(!written);
    QVERIFY2(written.error().message.contains("no/such/folder/x.zip"), qPrintable(written.error().message));
}

QTEST_GUILESS_MAIN(TestReportZip)
#include "tst_reportzip.moc"
