// Chinese text renders: with the zh_CN translation loaded (offscreen), every character of the main
// window's menu titles and tab names and of the settings dialog's labels is drawn from a font that has
// its glyph, different characters come out as different pictures (not one "tofu" box), and the HTML
// report draws a Chinese function name and URL from its font stack; the reports and the live flame graph
// speak Chinese too. Needs a CJK font: scripts/setup.sh
// installs fonts-wqy-microhei; without it this test fails on purpose.

#include "../views/PageScript.h"
#include "FlameGraphView.h"
#include "MainWindow.h"
#include "ReportTestTrees.h"
#include "SettingsDialog.h"
#include "Translations.h"
#include "report/ReportWriter.h"

#include <QApplication>
#include <QDir>
#include <QGlyphRun>
#include <QLabel>
#include <QMenuBar>
#include <QPainter>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTextLayout>
#include <QTranslator>
#include <QWebEngineView>

using namespace wpm;

namespace {

struct ShownText {
    QString where;
    QString text;
    QFont font;
};

bool isCjk(QChar c)
{
    return c.script() == QChar::Script_Han;
}

// The characters of `text` that Qt draws without a glyph (glyph 0, a font's "missing" box), after its
// font fallback: QTextLayout picks for each run the font the widget really paints it with.
QString missingGlyphs(const QString& text, const QFont& font, QStringList* fontsUsed)
{
    QTextLayout layout(text, font);
    layout.beginLayout();
    layout.createLine();
    layout.endLayout();
    QString missing;
    for (const QGlyphRun& run : layout.glyphRuns()) {
        fontsUsed->append(run.rawFont().familyName());
        const QList<quint32> glyphs = run.glyphIndexes();
        if (std::find(glyphs.begin(), glyphs.end(), 0u) != glyphs.end())
            missing += QStringLiteral("[%1 in %2]").arg(text, run.rawFont().familyName());
    }
    for (QChar c : text) {
        // A character no font of the layout claims is missing too, whatever glyph index it got.
        bool supported = !isCjk(c);
        for (const QGlyphRun& run : layout.glyphRuns())
            supported = supported || run.rawFont().supportsCharacter(c);
        if (!supported)
            missing += c;
    }
    return missing;
}

// `c` drawn black on white in `font`, large enough that glyphs differ in many pixels.
QImage picture(const QString& c, QFont font)
{
    font.setPixelSize(32);
    QImage image(40, 40, QImage::Format_RGB32);
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.setFont(font);
    painter.setPen(Qt::black);
    painter.drawText(image.rect(), Qt::AlignCenter, c);
    return image;
}

QVariant evaluate(QWebEngineView& view, const QString& script)
{
    return evaluateInPage(view.page(), script);
}

} // namespace

class TestCjkText : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QList<ShownText> m_texts;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        const Result<QString> language = installTranslations(*qApp, QStringLiteral("zh_CN"));
        QVERIFY2(language.ok(), qPrintable(language ? QString() : language.error().message));

        MonitorConfig config;
        config.logPath = m_dir.path();
        MainWindow window(config);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        for (QAction* menu : window.menuBar()->actions())
            m_texts.append({ QStringLiteral("menu"), menu->text().remove(u'&'), window.menuBar()->font() });
        QTabBar* tabs = window.findChild<QTabBar*>();
        QVERIFY(tabs);
        for (int i = 0; i < tabs->count(); ++i)
            m_texts.append({ QStringLiteral("tab"), tabs->tabText(i).remove(u'&'), tabs->font() });
        SettingsDialog dialog(config, availableLanguages(), SecretStore(m_dir.filePath(QStringLiteral("secrets"))));
        for (QLabel* label : dialog.findChildren<QLabel*>())
            m_texts.append({ QStringLiteral("settings label"), label->text().remove(u'&'), label->font() });
        // With WPM_SCREENSHOT_DIR set, the Chinese settings dialog is saved there (scripts/screenshots.sh).
        if (const QString directory = qEnvironmentVariable("WPM_SCREENSHOT_DIR"); !directory.isEmpty()) {
            dialog.resize(720, 760);
            dialog.grab().save(QDir(directory).filePath(QStringLiteral("settings-dialog.png")));
        }
        int chinese = 0;
        for (const ShownText& shown : m_texts)
            chinese += std::count_if(shown.text.begin(), shown.text.end(), isCjk) > 0 ? 1 : 0;
        QVERIFY2(chinese >= 10, qPrintable(QString::number(chinese))); // the translation is really in use
    }

    void everyCharacterHasAGlyph()
    {
        QStringList problems;
        QStringList fontsUsed;
        for (const ShownText& shown : m_texts) {
            const QString missing = missingGlyphs(shown.text, shown.font, &fontsUsed);
            if (!missing.isEmpty())
                problems.append(shown.where + QStringLiteral(": ") + missing);
        }
        fontsUsed.removeDuplicates();
        QVERIFY2(problems.isEmpty(),
            qPrintable(QStringLiteral("no glyph (install fonts-wqy-microhei) for %1; fonts used: %2")
                           .arg(problems.join(QStringLiteral("; ")), fontsUsed.join(QStringLiteral(", ")))));
    }

    void differentCharactersLookDifferent()
    {
        // The menu titles' characters (文件 记录 视图 帮助) against each other and against a code point
        // no font draws (U+10FFFD, private use): a missing glyph is the same box for every character.
        QString characters;
        for (const ShownText& shown : m_texts) {
            for (QChar c : shown.text) {
                if (shown.where == QLatin1String("menu") && isCjk(c) && !characters.contains(c))
                    characters += c;
            }
        }
        QVERIFY2(characters.size() >= 6, qPrintable(characters));
        const QFont font = QApplication::font();
        const QImage tofu = picture(QString::fromUcs4(U"\U0010FFFD"), font);
        QList<QImage> pictures;
        for (QChar c : characters) {
            pictures.append(picture(c, font));
            QVERIFY2(pictures.last() != tofu, qPrintable(QStringLiteral("%1 is drawn as a missing-glyph box").arg(c)));
            QVERIFY2(pictures.last() != picture(QStringLiteral(" "), font), qPrintable(QString(c) + " is blank"));
        }
        for (qsizetype i = 0; i < pictures.size(); ++i) {
            for (qsizetype j = i + 1; j < pictures.size(); ++j)
                QVERIFY2(pictures[i] != pictures[j],
                    qPrintable(QStringLiteral("%1 and %2 look the same").arg(characters[i]).arg(characters[j])));
        }
    }

    void reportDrawsChineseNames()
    {
        Result<CallTree> tree
            = readFolded(QStringLiteral("main;处理请求;查询数据库 30\nmain;处理请求;渲染模板 20\n"), 1000000);
        QVERIFY(tree);
        const Result<ReportFiles> files
            = ReportWriter::write(*tree, reporttest::metadata(QStringLiteral("/用户/资料")), m_dir.path());
        QVERIFY2(files, files ? "" : qPrintable(files.error().message));
        QWebEngineView view;
        view.resize(900, 600);
        QSignalSpy loaded(&view, &QWebEngineView::loadFinished);
        view.load(QUrl::fromLocalFile(files->html));
        QVERIFY(loaded.wait(60000));
        QTRY_VERIFY_WITH_TIMEOUT(evaluate(view, QStringLiteral("!!window.wpmReport")).toBool(), 10000);

        // The font stack of the page and of the flame graph's canvas names a CJK family.
        const QString bodyFonts
            = evaluate(view, QStringLiteral("getComputedStyle(document.body).fontFamily")).toString();
        QVERIFY2(bodyFonts.contains(QLatin1String("WenQuanYi Micro Hei")), qPrintable(bodyFonts));
        const QString canvasFont
            = evaluate(view, QStringLiteral("wpmReport.view.canvas.getContext('2d').font")).toString();
        QVERIFY2(canvasFont.contains(QLatin1String("WenQuanYi Micro Hei")), qPrintable(canvasFont));
        QVERIFY(evaluate(view,
            QStringLiteral("wpmReport.view.rects.some((r) => "
                           "WpmFlame.nodeName(wpmReport.tree, r.node) === '处理请求')"))
                    .toBool());

        // Drawn in the canvas's font, 处, 理 and 查 are three different pictures, none the missing-glyph box.
        const QVariantList different = evaluate(view, QStringLiteral(R"((() => {
            const font = wpmReport.view.canvas.getContext('2d').font.replace(/^\d+px/, '32px');
            const draw = (text) => {
              const c = document.createElement('canvas'); c.width = 40; c.height = 40;
              const ctx = c.getContext('2d'); ctx.font = font; ctx.textBaseline = 'top';
              ctx.fillText(text, 2, 2);
              return Array.from(ctx.getImageData(0, 0, 40, 40).data).join(',');
            };
            const tofu = draw('\u{10FFFD}'), chars = ['处', '理', '查'].map(draw);
            return [chars[0] !== chars[1], chars[1] !== chars[2], chars[0] !== chars[2],
                    chars.every((p) => p !== tofu)];
        })())"))
                                           .toList();
        QCOMPARE(different, (QVariantList { true, true, true, true }));
    }

    void reportsAndTheLiveGraphSpeakTheProgramsLanguage()
    {
        Result<CallTree> tree = readFolded(QStringLiteral("main;handle;query 30\nmain;handle;render 20\n"), 1000000);
        QVERIFY(tree);
        const Result<ReportFiles> files = ReportWriter::write(*tree, reporttest::metadata(QStringLiteral("/x")), m_dir.path());
        QVERIFY2(files, files ? "" : qPrintable(files.error().message));
        QFile markdown(files->markdown);
        QVERIFY(markdown.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(markdown.readAll());
        for (const char* expected : { "### 慢请求: GET /x", "| 耗时 | ", "#### 最热路径", "#### 调用树", "| 自身 | 总计 | 函数 | 位置 |" })
            QVERIFY2(text.contains(QString::fromUtf8(expected)), expected);

        // The page's static words, its summary, and the words its script makes (tree rows, search status).
        QWebEngineView view;
        QSignalSpy loaded(&view, &QWebEngineView::loadFinished);
        view.load(QUrl::fromLocalFile(files->html));
        QVERIFY(loaded.wait(60000));
        QTRY_VERIFY_WITH_TIMEOUT(evaluate(view, QStringLiteral("!!window.wpmReport")).toBool(), 10000);
        const QVariantMap page = evaluate(view, QStringLiteral(R"((() => {
            const search = document.getElementById('flame-search');
            search.value = 'query';
            search.dispatchEvent(new Event('input'));
            return { lang: document.documentElement.lang, heading: document.querySelector('h2').textContent,
                     label: document.querySelector('.summary th').textContent, placeholder: search.placeholder,
                     row: document.querySelector('#topdown .tree-pct').textContent,
                     status: document.getElementById('flame-status').textContent };
        })())"))
                                     .toMap();
        QCOMPARE(page.value("lang").toString(), QStringLiteral("zh-CN"));
        QCOMPARE(page.value("heading").toString(), QStringLiteral("火焰图"));
        QCOMPARE(page.value("label").toString(), QStringLiteral("方法"));
        QCOMPARE(page.value("placeholder").toString(), QStringLiteral("搜索函数"));
        QVERIFY2(page.value("row").toString().contains(QStringLiteral("（自身 ")), qPrintable(page.value("row").toString()));
        QCOMPARE(page.value("status").toString(), QStringLiteral("1 个帧，占样本的 60.0%"));

        // The live flame graph's toolbar, before any sample.
        FlameGraphView live;
        QTRY_VERIFY_WITH_TIMEOUT(evaluate(live, QStringLiteral("!!(window.wpmLive && wpmLive.connected)")).toBool(), 60000);
        QCOMPARE(evaluate(live, QStringLiteral("document.getElementById('flame-status').textContent")).toString(),
            QStringLiteral("等待样本"));
        QCOMPARE(evaluate(live, QStringLiteral("document.getElementById('flame-reset').textContent")).toString(),
            QStringLiteral("重置缩放"));
    }
};

int main(int argc, char** argv)
{
    QCoreApplication::setAttribute(Qt::AA_ShareOpenGLContexts); // before the application, as WebEngine asks
    QApplication app(argc, argv);
    TestCjkText test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_cjktext.moc"
