#include "report/HtmlReport.h"

#include "report/ProfileJson.h"
#include "report/TextEscape.h"

#include <QCoreApplication>
#include <QFile>

#include <cmath>

namespace wpm {
namespace {

// The template split at its placeholders, loaded once (the assets are compiled in and never change).
struct Template {
    QStringList pieces; // text between placeholders
    QStringList placeholders; // names, pieces.size() - 1 of them
    QString error;
};

QString readAsset(const QString& name, QString* error)
{
    QFile file(QStringLiteral(":/wpm/report/") + name);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QCoreApplication::translate("wpm::HtmlReport",
            "The report template %1 is missing from the program. Rebuild or reinstall "
            "web-perfmonitor.")
                     .arg(name);
        return {};
    }
    return QString::fromUtf8(file.readAll());
}

Template loadTemplate()
{
    Template result;
    QString page = readAsset(QStringLiteral("report.html"), &result.error);
    const QString css = readAsset(QStringLiteral("report.css"), &result.error);
    const QString js = readAsset(QStringLiteral("flamegraph.js"), &result.error) + u'\n'
        + readAsset(QStringLiteral("report.js"), &result.error);
    if (!result.error.isEmpty())
        return result;
    // Inside <script>, `</script` ends the element and `<!--` changes how the parser finds the end.
    if (js.contains(QLatin1String("</script"), Qt::CaseInsensitive) || js.contains(QLatin1String("<!--"))
        || css.contains(QLatin1String("</style"), Qt::CaseInsensitive)) {
        result.error = QCoreApplication::translate("wpm::HtmlReport",
            "The report assets cannot be inlined: they contain a closing tag. Rebuild web-perfmonitor.");
        return result;
    }
    // Static assets first, then split at the per-report placeholders (@@WPM_NAME@@).
    page.replace(QLatin1String("/*@@CSS@@*/"), css).replace(QLatin1String("/*@@JS@@*/"), js);
    qsizetype from = 0;
    while (true) {
        const qsizetype open = page.indexOf(QLatin1String("@@WPM_"), from);
        const qsizetype close = open < 0 ? -1 : page.indexOf(QLatin1String("@@"), open + 6);
        if (close < 0)
            break;
        result.pieces.append(page.mid(from, open - from));
        result.placeholders.append(page.mid(open + 6, close - open - 6));
        from = close + 2;
    }
    result.pieces.append(page.mid(from));
    return result;
}

QString seconds(double value)
{
    return QString::number(std::isfinite(value) ? value : 0.0, 'f', 3) + QLatin1String(" s");
}

QString summaryRows(const CallTree& tree, const ReportMetadata& meta)
{
    QString rows;
    const auto row = [&rows](QLatin1String key, const QString& escapedValue) {
        rows += QLatin1String("<tr><th>") + key + QLatin1String("</th><td>") + escapedValue
            + QLatin1String("</td></tr>\n");
    };
    row(QLatin1String("Method"), htmlEscaped(meta.method));
    row(QLatin1String("URL"), QLatin1String("<code>") + htmlEscaped(meta.url) + QLatin1String("</code>"));
    row(QLatin1String("Status"), meta.status ? QString::number(meta.status) : QStringLiteral("&ndash;"));
    row(QLatin1String("Duration"),
        seconds(meta.durationS) + QLatin1String(" (threshold ") + seconds(meta.thresholdS) + u')');
    row(QLatin1String("Time"),
        meta.time.isValid() ? htmlEscaped(meta.time.toUTC().toString(Qt::ISODateWithMs)) : QStringLiteral("&ndash;"));
    row(QLatin1String("Server"), QLatin1String("<code>") + htmlEscaped(meta.command) + QLatin1String("</code>"));
    row(QLatin1String("PID"), QString::number(meta.pid));
    row(QLatin1String("Samples"),
        QString::number(tree.totalSamples()) + QLatin1String(" at ") + QString::number(meta.rateHz, 'f', 1)
            + QLatin1String(" Hz"));
    row(QLatin1String("Overhead"), QString::number(meta.overhead * 100.0, 'f', 2) + u'%');
    for (const QString& note : meta.notes)
        row(QLatin1String("Note"), htmlEscaped(note));
    return rows;
}

} // namespace

Result<QString> htmlReport(const CallTree& tree, const ReportMetadata& metadata)
{
    static const Template page = loadTemplate(); // thread-safe initialisation
    if (!page.error.isEmpty())
        return Error { page.error };

    const QString data = profileJson(tree, metadata);
    QString out;
    out.reserve(data.size() + 64 * 1024);
    for (qsizetype i = 0; i < page.pieces.size(); ++i) {
        out += page.pieces.at(i);
        if (i == page.placeholders.size())
            break;
        const QString& name = page.placeholders.at(i);
        if (name == QLatin1String("TITLE"))
            out += htmlEscaped(metadata.method + u' ' + metadata.url.left(200));
        else if (name == QLatin1String("SUMMARY"))
            out += summaryRows(tree, metadata);
        else if (name == QLatin1String("DATA"))
            out += data;
    }
    return out;
}

} // namespace wpm
