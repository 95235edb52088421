// Tests for the report files on disk: the self-contained HTML, speedscope JSON, file names derived from
// hostile URLs, and atomic writes. Real files in a QTemporaryDir.

#include "FrameBuilders.h"
#include "ReportTestTrees.h"
#include "profile/FoldedStacks.h"
#include "report/HtmlReport.h"
#include "report/ReportFileName.h"
#include "report/ReportWriter.h"
#include "report/SpeedscopeExport.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <sys/resource.h>

using namespace wpm;
using testframes::native;
using testframes::python;

namespace {

QString readText(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

// The JSON inside <script type="application/json" id="wpm-profile">.
QJsonObject embeddedProfile(const QString& html)
{
    const QString open = QStringLiteral("<script type=\"application/json\" id=\"wpm-profile\">");
    const qsizetype start = html.indexOf(open);
    const qsizetype end = html.indexOf(QLatin1String("</script>"), start);
    if (start < 0 || end < 0)
        return {};
    return QJsonDocument::fromJson(html.mid(start + open.size(), end - start - open.size()).toUtf8()).object();
}

CallTree hostileTree()
{
    CallTree tree = reporttest::foldedTree(QStringLiteral("report-layout.folded"));
    tree.addStack(QList<Frame> { native(QStringLiteral("operator<")),
                      native(QStringLiteral("</script><script>alert(2)</script>")) },
        4);
    return tree;
}

} // namespace

class TestReportWriter : public QObject {
    Q_OBJECT

private slots:
    void writesFourFiles()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const CallTree tree = reporttest::foldedTree(QStringLiteral("report-layout.folded"));
        const Result<ReportFiles> files = ReportWriter::write(tree, reporttest::metadata(), dir.path() + "/reports");
        QVERIFY2(files.ok(), files.ok() ? "" : qPrintable(files.error().message));
        QVERIFY(files->baseName.startsWith(QLatin1String("20261125-180001-250_GET_api_users_42_")));
        QVERIFY(QRegularExpression(QStringLiteral("^[A-Za-z0-9_-]+$")).match(files->baseName).hasMatch());
        for (const QString& path : { files->html, files->markdown, files->speedscope, files->folded }) {
            QVERIFY2(QFileInfo(path).size() > 0, qPrintable(path));
            QCOMPARE(QFileInfo(path).absolutePath(), QDir(dir.path() + "/reports").absolutePath());
        }
        QCOMPARE(readText(files->folded), writeFolded(tree));
        // Atomic writes leave no temporary files behind.
        QCOMPARE(QDir(dir.path() + "/reports").entryList(QDir::Files | QDir::Hidden).size(), 4);
    }

    void twoReportsOfOneRequestDoNotCollide()
    {
        QTemporaryDir dir;
        const CallTree tree = reporttest::foldedTree(QStringLiteral("report-layout.folded"));
        const Result<ReportFiles> a = ReportWriter::write(tree, reporttest::metadata(), dir.path());
        const Result<ReportFiles> b = ReportWriter::write(tree, reporttest::metadata(), dir.path());
        QVERIFY(a.ok() && b.ok());
        QVERIFY(a->baseName != b->baseName);
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).size(), 8);
    }

    void unwritableDirectoryIsAnError()
    {
        QTemporaryDir dir;
        QFile blocker(dir.filePath("file"));
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        const Result<ReportFiles> files
            = ReportWriter::write(CallTree(), reporttest::metadata(), dir.filePath("file/sub"));
        QVERIFY(!files.ok());
        QVERIFY(files.error().message.contains(QLatin1String("file/sub")));
    }

    void failedWriteLeavesNothing()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        // A file-size limit lets the small files through and makes the HTML (written last) fail.
        rlimit saved {};
        QCOMPARE(getrlimit(RLIMIT_FSIZE, &saved), 0);
        const auto previousHandler = std::signal(SIGXFSZ, SIG_IGN);
        rlimit small = saved;
        small.rlim_cur = 8192;
        QCOMPARE(setrlimit(RLIMIT_FSIZE, &small), 0);
        const Result<ReportFiles> files = ReportWriter::write(hostileTree(), reporttest::metadata(), dir.path());
        setrlimit(RLIMIT_FSIZE, &saved);
        std::signal(SIGXFSZ, previousHandler);
        QVERIFY(!files.ok());
        QVERIFY2(files.error().message.contains(QLatin1String(".html")), qPrintable(files.error().message));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden | QDir::System), QStringList());
    }

    void htmlIsSelfContained()
    {
        const Result<QString> html = htmlReport(hostileTree(), reporttest::metadata());
        QVERIFY(html.ok());
        const QRegularExpression external(
            QStringLiteral("(src|href)\\s*=|@import|url\\(|<link"), QRegularExpression::CaseInsensitiveOption);
        QVERIFY2(!external.match(*html).hasMatch(), qPrintable(external.match(*html).captured()));
        QVERIFY(html->contains(QLatin1String("window.WpmFlame"))); // the renderer is inlined
        QVERIFY(html->contains(QLatin1String("<style>")));
        QVERIFY(!html->contains(QLatin1String("@@"))); // every placeholder filled
    }

    void htmlEmbedsTheProfile()
    {
        const CallTree tree = hostileTree();
        const Result<QString> html = htmlReport(tree, reporttest::metadata());
        QVERIFY(html.ok());
        const QJsonObject profile = embeddedProfile(*html);
        QCOMPARE(profile.value("totalSamples").toInteger(), qint64(tree.totalSamples()));
        QCOMPARE(profile.value("nodes").toArray().size(), tree.nodeCount() * 4);
        QCOMPARE(profile.value("meta").toObject().value("pid").toInt(), 4242);
        QCOMPARE(profile.value("nodes").toArray().at(3).toInteger(), qint64(tree.totalSamples()));
        bool found = false;
        for (const QJsonValue& frame : profile.value("frames").toArray())
            found = found || frame.toArray().at(0).toString() == QLatin1String("</script><script>alert(2)</script>");
        QVERIFY(found);
    }

    void htmlEscapesHostileText()
    {
        const Result<QString> html
            = htmlReport(hostileTree(), reporttest::metadata(QStringLiteral("/x?<script>alert(1)</script>")));
        QVERIFY(html.ok());
        QVERIFY(!html->contains(QLatin1String("<script>alert"), Qt::CaseInsensitive));
        QVERIFY(!html->contains(QLatin1String("operator<\""))); // the symbol is \u003c in the JSON
        QVERIFY(html->contains(QLatin1String("/x?&lt;script&gt;alert(1)&lt;/script&gt;")));
        QCOMPARE(embeddedProfile(*html).value("meta").toObject().value("url").toString(),
            QStringLiteral("/x?<script>alert(1)</script>"));
        // Exactly the page's own three scripts (profile, texts, renderer): nothing from the profile opened or closed one.
        QCOMPARE(html->count(QLatin1String("<script")), 3);
        QCOMPARE(html->count(QLatin1String("</script")), 3);
    }

    void speedscopeIsStructurallyValid()
    {
        CallTree tree = hostileTree();
        tree.addStack(std::span<const Frame>(), 2); // samples on the root: an empty stack
        tree.addStack(QList<Frame> { python("view", "app.py", 7) }, 3);
        QJsonParseError error;
        const QJsonObject json
            = QJsonDocument::fromJson(speedscopeJson(tree, QStringLiteral("GET /x")).toUtf8(), &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(
            json.value("$schema").toString(), QStringLiteral("https://www.speedscope.app/file-format-schema.json"));
        const QJsonArray frames = json.value("shared").toObject().value("frames").toArray();
        QCOMPARE(frames.size(), tree.frames().size());
        for (const QJsonValue& frame : frames)
            QVERIFY(frame.toObject().value("name").isString());
        const QJsonArray profiles = json.value("profiles").toArray();
        QCOMPARE(profiles.size(), 1);
        const QJsonObject profile = profiles.at(0).toObject();
        for (const char* key : { "type", "name", "unit", "startValue", "endValue", "samples", "weights" })
            QVERIFY2(profile.contains(QLatin1String(key)), key);
        QCOMPARE(profile.value("type").toString(), QStringLiteral("sampled"));
        QCOMPARE(profile.value("unit").toString(), QStringLiteral("none"));
        QCOMPARE(profile.value("endValue").toInteger(), qint64(tree.totalSamples()));
        const QJsonArray samples = profile.value("samples").toArray(), weights = profile.value("weights").toArray();
        QCOMPARE(samples.size(), weights.size());
        qint64 sum = 0;
        for (qsizetype i = 0; i < samples.size(); ++i) {
            for (const QJsonValue& index : samples.at(i).toArray())
                QVERIFY(index.isDouble() && index.toInt() >= 0 && index.toInt() < frames.size());
            QVERIFY(weights.at(i).toInteger() > 0);
            sum += weights.at(i).toInteger();
        }
        QCOMPARE(sum, qint64(tree.totalSamples()));
    }

    void slugs_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("slug");
        QTest::newRow("simple") << "/api/users/42"
                                << "api_users_42";
        QTest::newRow("query dropped") << "/search?q=secret-token"
                                       << "search";
        QTest::newRow("traversal") << "../../etc/passwd"
                                   << "etc_passwd";
        QTest::newRow("encoded traversal") << "/%2e%2e/%2e%2e/etc/passwd"
                                           << "etc_passwd";
        QTest::newRow("root") << "/"
                              << "root";
        QTest::newRow("empty") << ""
                               << "root";
        QTest::newRow("dots only") << "/../.."
                                   << "root";
        QTest::newRow("unicode") << "/café/处理"
                                 << "caf";
        QTest::newRow("leading dash") << "/-rf"
                                      << "rf";
        QTest::newRow("backslash and nul") << QStringLiteral("/a\\..\\b%00c") << "a_b_c";
        QTest::newRow("script") << "/x<script>alert(1)</script>"
                                << "x_script_alert_1_script";
        QTest::newRow("long") << "/" + QString(5000, u'a') << QString(kMaxSlugLength, u'a');
    }

    void slugs()
    {
        QFETCH(QString, url);
        QFETCH(QString, slug);
        QCOMPARE(reportSlug(url), slug);
    }

    void methodPart()
    {
        QCOMPARE(reportMethodPart(QStringLiteral("get")), QStringLiteral("GET"));
        QCOMPARE(reportMethodPart(QStringLiteral("../X")), QStringLiteral("X"));
        QCOMPARE(reportMethodPart(QStringLiteral("Ünï")), QStringLiteral("N"));
        QCOMPARE(reportMethodPart(QString()), QStringLiteral("REQUEST"));
        QCOMPARE(reportMethodPart(QString(100, u'A')).size(), 10);
    }

    void hostileRequestStaysInTheDirectory()
    {
        QTemporaryDir dir;
        ReportMetadata meta = reporttest::metadata(QStringLiteral("/../../../tmp/x/") + QString(3000, u'y'));
        meta.method = QStringLiteral("../../POST");
        const Result<ReportFiles> files = ReportWriter::write(hostileTree(), meta, dir.path());
        QVERIFY(files.ok());
        QVERIFY(files->baseName.size() < 120);
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).size(), 4);
        QCOMPARE(QFileInfo(files->html).absolutePath(), QDir(dir.path()).absolutePath());
    }
};

QTEST_GUILESS_MAIN(TestReportWriter)
#include "tst_reportwriter.moc"
