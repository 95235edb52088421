// The views follow the palette: with a dark application palette the duration chart, the console, error
// labels and the web pages (live flame graph, HTML report) are dark with readable text and red, and a
// palette switched while they are open reaches them all. The switch is made on their window: Qt 6.4 does
// not hand a second QApplication::setPalette() to widgets that already exist (they keep the first one).

#include "ConsoleView.h"
#include "DarkPalette.h"
#include "DurationChart.h"
#include "FlameGraphView.h"
#include "PageScript.h"
#include "PaletteColours.h"
#include "ReportTestTrees.h"
#include "RequestsModel.h"
#include "TargetPage.h"
#include "WebPageScheme.h"
#include "report/ReportWriter.h"

#include <QApplication>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QWebEngineView>

using namespace wpm;
using wpm::test::darkPalette;
using wpm::test::lightPalette;

namespace {

// WCAG 2 contrast ratio of two colours (1 to 21); 4.5 is the minimum for body text.
double contrast(const QColor& a, const QColor& b)
{
    const auto luminance = [](const QColor& c) {
        const auto channel = [](double v) { return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
        return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
    };
    const double la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

// How many pixels of `image` are within a few steps of `colour` (antialiased edges are not counted).
int pixelsOf(const QImage& image, const QColor& colour)
{
    int count = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            const QColor pixel = image.pixelColor(x, y);
            if (std::abs(pixel.red() - colour.red()) + std::abs(pixel.green() - colour.green())
                    + std::abs(pixel.blue() - colour.blue())
                < 24)
                ++count;
        }
    }
    return count;
}

RequestRecord request(quint64 id, double startS, double durationS)
{
    RequestRecord record;
    record.id = id;
    record.method = QStringLiteral("GET");
    record.target = record.path = QStringLiteral("/r%1").arg(id);
    record.status = 200;
    record.startNs = qint64(startS * 1e9);
    record.endNs = record.startNs + qint64(durationS * 1e9);
    record.startTime = QDateTime::currentDateTime();
    return record;
}

QVariant evaluate(QWebEngineView* view, const QString& script)
{
    return evaluateInPage(view->page(), script);
}

// getComputedStyle(document.body)'s `property` ("rgb(r, g, b)") as a colour.
QColor bodyColour(QWebEngineView* view, const QString& property)
{
    const QString css = evaluate(view, QStringLiteral("getComputedStyle(document.body).%1").arg(property)).toString();
    const QStringList parts
        = QString(css).remove(QStringLiteral("rgba(")).remove(QStringLiteral("rgb(")).remove(u')').split(u',');
    if (parts.size() < 3)
        return {};
    return QColor(parts[0].trimmed().toInt(), parts[1].trimmed().toInt(), parts[2].trimmed().toInt());
}

} // namespace

class TestDarkPalette : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase() { QApplication::setPalette(darkPalette()); } // the desktop is dark at start

    void errorColourIsReadableOnBothSchemes()
    {
        for (const QPalette& palette : { darkPalette(), lightPalette() }) {
            QVERIFY2(contrast(errorColour(palette), palette.color(QPalette::Base)) >= 4.5,
                qPrintable(errorColour(palette).name()));
            QVERIFY(contrast(errorColour(palette), palette.color(QPalette::Window)) >= 4.5);
        }
        QVERIFY(isDarkPalette(darkPalette()));
        QVERIFY(!isDarkPalette(lightPalette()));
    }

    void chartIsDarkWithReadableTextAndDots()
    {
        RequestsModel model;
        model.setThresholdSeconds(0.5);
        model.append(request(1, 0.0, 0.1));
        model.append(request(2, 1.0, 1.2)); // slow
        model.append(request(3, 2.0, 0.2));
        DurationChart chart(&model);
        chart.resize(400, 160);
        const QImage image = chart.grab().toImage();
        const QPalette dark = darkPalette();
        QCOMPARE(image.pixelColor(1, 1), dark.color(QPalette::Base));
        // Axis labels in the palette's text colour, the threshold line and the slow dot in the dark scheme's red.
        QVERIFY(pixelsOf(image, dark.color(QPalette::Text)) > 20);
        QVERIFY(pixelsOf(image, errorColour(dark)) > 20);
        QVERIFY(pixelsOf(image, QColor(0xc6, 0x28, 0x28)) == 0); // not the light scheme's red
        QVERIFY(contrast(dark.color(QPalette::Text), dark.color(QPalette::Base)) >= 4.5);
        QVERIFY(contrast(dark.color(QPalette::Highlight), dark.color(QPalette::Base)) >= 3); // the fast dots
    }

    void consoleFollowsAPaletteSwitch()
    {
        QWidget window;
        window.setPalette(lightPalette());
        auto* view = new ConsoleView(&window);
        ConsoleView& console = *view;
        console.resize(500, 200);
        console.appendLine(QStringLiteral("serving on port 8000"), false);
        console.appendLine(QStringLiteral("Traceback (most recent call last):"), true);
        const auto errorForeground = [&console] {
            QTextBlock block = console.textEdit()->document()->findBlockByNumber(1);
            return block.begin().fragment().charFormat().foreground().color();
        };
        QCOMPARE(errorForeground(), errorColour(lightPalette()));

        window.setPalette(darkPalette());
        QCOMPARE(errorForeground(), errorColour(darkPalette()));
        const QImage image = console.textEdit()->viewport()->grab().toImage();
        QCOMPARE(image.pixelColor(image.width() - 2, image.height() - 2), darkPalette().color(QPalette::Base));
        QVERIFY(pixelsOf(image, darkPalette().color(QPalette::Text)) > 10); // the stdout line
        QVERIFY(pixelsOf(image, errorColour(darkPalette())) > 10); // the stderr line
    }

    void errorLabelFollowsAPaletteSwitch()
    {
        QWidget window;
        auto* target = new TargetPage(&window);
        TargetPage& page = *target;
        page.showMessage(QStringLiteral("attaching needs ptrace permission"), true);
        auto* message = [&page]() -> QLabel* {
            for (QLabel* label : page.findChildren<QLabel*>()) {
                if (label->text() == QLatin1String("attaching needs ptrace permission"))
                    return label;
            }
            return nullptr;
        }();
        QVERIFY(message);
        QCOMPARE(message->palette().color(QPalette::WindowText), errorColour(darkPalette()));
        window.setPalette(lightPalette());
        QCOMPARE(message->palette().color(QPalette::WindowText), errorColour(lightPalette()));
        page.showMessage(QStringLiteral("recording"), false);
        QCOMPARE(message->palette().color(QPalette::WindowText), lightPalette().color(QPalette::WindowText));
    }

    void liveFlameGraphPageIsDark()
    {
        QWidget window; // embedded, as on the Live page: it hears of a new palette differently from a window
        auto* flame = new FlameGraphView(&window);
        window.resize(600, 300);
        flame->resize(600, 300);
        window.show();
        QSignalSpy loaded(flame, &FlameGraphView::pageLoaded);
        QVERIFY(flame->isPageLoaded() || loaded.wait(60000));
        FlameGraphView& view = *flame;
        QCOMPARE(bodyColour(&view, QStringLiteral("backgroundColor")), darkPalette().color(QPalette::Base));
        QCOMPARE(bodyColour(&view, QStringLiteral("color")), darkPalette().color(QPalette::Text));
        QCOMPARE(evaluate(&view, QStringLiteral("document.documentElement.dataset.scheme")).toString(),
            QStringLiteral("dark"));
        // Back to light while the page is open.
        window.setPalette(lightPalette());
        QTRY_COMPARE(bodyColour(&view, QStringLiteral("backgroundColor")), QColor(Qt::white));
        QCOMPARE(evaluate(&view, QStringLiteral("document.documentElement.dataset.scheme")).toString(),
            QStringLiteral("light"));
    }

    void reportPageIsDarkWithReadableText()
    {
        QVERIFY(m_dir.isValid());
        const Result<ReportFiles> files = ReportWriter::write(
            reporttest::foldedTree(QStringLiteral("native-small.folded")), reporttest::metadata(), m_dir.path());
        QVERIFY2(files, files ? "" : qPrintable(files.error().message));
        QWebEngineView view;
        followPaletteScheme(&view);
        view.resize(800, 500);
        QSignalSpy loaded(&view, &QWebEngineView::loadFinished);
        view.load(QUrl::fromLocalFile(files->html));
        QVERIFY(loaded.wait(60000));
        QVERIFY(loaded.first().first().toBool());
        const QColor background = bodyColour(&view, QStringLiteral("backgroundColor"));
        QCOMPARE(background, darkPalette().color(QPalette::Base));
        QCOMPARE(bodyColour(&view, QStringLiteral("color")), darkPalette().color(QPalette::Text));
        // The summary's headings and the call tree's locations use the scheme's muted colours, readable too.
        const QString muted = evaluate(&view,
            QStringLiteral("getComputedStyle(document.querySelector("
                           "'table.summary th')).color"))
                                  .toString();
        const QStringList rgb = QString(muted).remove(QStringLiteral("rgb(")).remove(u')').split(u',');
        QCOMPARE(rgb.size(), 3);
        const QColor mutedColour(rgb[0].trimmed().toInt(), rgb[1].trimmed().toInt(), rgb[2].trimmed().toInt());
        QVERIFY2(contrast(mutedColour, background) >= 4.5, qPrintable(muted));
    }
};

int main(int argc, char** argv)
{
    QCoreApplication::setAttribute(Qt::AA_ShareOpenGLContexts); // before the application, as WebEngine asks
    QApplication app(argc, argv);
    TestDarkPalette test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_darkpalette.moc"
