#include "report/HtmlReport.h"

#include "report/ProfileJson.h"
#include "report/ReportTexts.h"
#include "report/TextEscape.h"

#include <QCoreApplication>
#include <QFile>

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

QString summaryRows(const CallTree& tree, const ReportMetadata& meta)
{
    QString rows;
    for (const SummaryField& field : summaryFields(tree, meta)) {
        QString value = field.value.isEmpty() ? QStringLiteral("&ndash;") : htmlEscaped(field.value);
        if ((field.kind == SummaryField::Kind::Url || field.kind == SummaryField::Kind::Command) && !field.value.isEmpty())
            value = QLatin1String("<code>") + value + QLatin1String("</code>");
        rows += QLatin1String("<tr><th>") + htmlEscaped(field.label) + QLatin1String("</th><td>") + value
            + QLatin1String("</td></tr>\n");
    }
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
        else if (name == QLatin1String("TEXTS"))
            out += reportTextsJson();
        else if (name.startsWith(QLatin1String("T:")))
            out += htmlEscaped(reportText(QStringView(name).mid(2)));
    }
    return out;
}

} // namespace wpm
