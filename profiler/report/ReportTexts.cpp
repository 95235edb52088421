#include "report/ReportTexts.h"

#include "profile/CallTree.h"
#include "report/TextEscape.h"

#include <QCoreApplication>

#include <cmath>

namespace wpm {

// Gives tr() the context "wpm::ReportTexts", as lupdate sees it.
struct ReportTexts {
    Q_DECLARE_TR_FUNCTIONS(wpm::ReportTexts)
};

namespace {

struct PageText {
    const char* key;
    const char* source;
};

// %1, %2... are filled in by the page's script.
constexpr PageText kPageTexts[] = {
    //: The report page's HTML lang attribute: the language's BCP 47 tag.
    { "language", QT_TRANSLATE_NOOP("wpm::ReportTexts", "en") },
    { "slowRequest", QT_TRANSLATE_NOOP("wpm::ReportTexts", "Slow request") },
    { "needsScript", QT_TRANSLATE_NOOP("wpm::ReportTexts", "The flame graph, call trees and function table need JavaScript.") },
    { "flameGraph", QT_TRANSLATE_NOOP("wpm::ReportTexts", "Flame graph") },
    { "searchFunctions", QT_TRANSLATE_NOOP("wpm::ReportTexts", "Search functions") },
    { "resetZoom", QT_TRANSLATE_NOOP("wpm::ReportTexts", "Reset zoom") },
    { "topDown", QT_TRANSLATE_NOOP("wpm::ReportTexts", "Call tree (top-down)") },
    { "foldLibraries", QT_TRANSLATE_NOOP("wpm::ReportTexts", "Fold library frames") },
    { "bottomUp", QT_TRANSLATE_NOOP("wpm::ReportTexts", "Bottom-up (where time was spent, and its callers)") },
    { "topFunctions", QT_TRANSLATE_NOOP("wpm::ReportTexts", "Top functions") },
    { "self", QT_TRANSLATE_NOOP("wpm::ReportTexts", "Self") },
    { "total", QT_TRANSLATE_NOOP("wpm::ReportTexts", "Total") },
    { "selfSamples", QT_TRANSLATE_NOOP("wpm::ReportTexts", "Self samples") },
    { "totalSamples", QT_TRANSLATE_NOOP("wpm::ReportTexts", "Total samples") },
    { "function", QT_TRANSLATE_NOOP("wpm::ReportTexts", "Function") },
    { "file", QT_TRANSLATE_NOOP("wpm::ReportTexts", "File") },
    { "libraryFrames", QT_TRANSLATE_NOOP("wpm::ReportTexts", "[%1 library frames]") },
    { "selfShare", QT_TRANSLATE_NOOP("wpm::ReportTexts", "%1 (self %2)") },
    { "matches", QT_TRANSLATE_NOOP("wpm::ReportTexts", "%1 frames, %2 of samples") },
    { "tipTotal", QT_TRANSLATE_NOOP("wpm::ReportTexts", "total: %1 samples (%2)") },
    { "tipSelf", QT_TRANSLATE_NOOP("wpm::ReportTexts", "self: %1 samples (%2)") },
    { "waiting", QT_TRANSLATE_NOOP("wpm::ReportTexts", "Waiting for samples") },
    { "samples", QT_TRANSLATE_NOOP("wpm::ReportTexts", "%1 samples") },
    { "liveMatches", QT_TRANSLATE_NOOP("wpm::ReportTexts", "%1; \"%2\": %3 frames, %4") },
    // The Markdown report's own.
    { "hottestPath", QT_TRANSLATE_NOOP("wpm::ReportTexts", "Hottest path") },
    { "noSamples", QT_TRANSLATE_NOOP("wpm::ReportTexts", "No samples.") },
    { "callTree", QT_TRANSLATE_NOOP("wpm::ReportTexts", "Call tree") },
    { "location", QT_TRANSLATE_NOOP("wpm::ReportTexts", "Location") },
    { "treeCut", QT_TRANSLATE_NOOP("wpm::ReportTexts", "(cut here; the HTML report has the whole tree)") },
    { "moreCalls", QT_TRANSLATE_NOOP("wpm::ReportTexts", "%1 more call(s), each below the cut-off or too deep") },
};

} // namespace

QString reportText(QStringView key)
{
    for (const PageText& text : kPageTexts) {
        if (key == QLatin1String(text.key))
            return ReportTexts::tr(text.source);
    }
    return {};
}

QString reportTextsJson()
{
    QString json = QStringLiteral("{");
    for (const PageText& text : kPageTexts) {
        if (json.size() > 1)
            json += u',';
        appendJsonString(json, QString::fromLatin1(text.key));
        json += u':';
        appendJsonString(json, ReportTexts::tr(text.source));
    }
    return json + u'}';
}

QString secondsText(double value)
{
    return QString::number(std::isfinite(value) ? value : 0.0, 'f', 3) + QLatin1String(" s");
}

QList<SummaryField> summaryFields(const CallTree& tree, const ReportMetadata& meta)
{
    using Kind = SummaryField::Kind;
    QList<SummaryField> fields {
        { ReportTexts::tr("Method"), meta.method, Kind::Method },
        { ReportTexts::tr("URL"), meta.url, Kind::Url },
        { ReportTexts::tr("Status"), meta.status ? QString::number(meta.status) : QString() },
        { ReportTexts::tr("Duration"),
            ReportTexts::tr("%1 (threshold %2)").arg(secondsText(meta.durationS), secondsText(meta.thresholdS)) },
        { ReportTexts::tr("Time"), meta.time.isValid() ? meta.time.toUTC().toString(Qt::ISODateWithMs) : QString(),
            Kind::Time },
        { ReportTexts::tr("Server"), meta.command, Kind::Command },
        { ReportTexts::tr("PID"), QString::number(meta.pid) },
        { ReportTexts::tr("Samples"),
            ReportTexts::tr("%1 at %2 Hz").arg(tree.totalSamples()).arg(meta.rateHz, 0, 'f', 1) },
        { ReportTexts::tr("Overhead"), QString::number(meta.overhead * 100.0, 'f', 2) + u'%' },
    };
    for (const QString& note : meta.notes)
        fields.append({ ReportTexts::tr("Note"), note, Kind::Note });
    return fields;
}

} // namespace wpm
