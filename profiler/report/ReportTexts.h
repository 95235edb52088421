#pragma once
// The words of the reports, in the language of the program's translator (zh_CN when the workbench runs in
// Chinese): the summary's labels, shared by the HTML and the Markdown report; the HTML page's static texts
// (its template's @@WPM_T:key@@ placeholders); and the texts its script shows (the page's #wpm-texts JSON,
// and the live flame graph's, which gets the same object through its web channel).

#include "report/ReportMetadata.h"

#include <QList>
#include <QString>

namespace wpm {

class CallTree;

// The translated text of one of the page's keys, e.g. "flameGraph"; empty for an unknown key.
QString reportText(QStringView key);

// Every key with its translation, as one JSON object that is safe inside an HTML <script> element.
QString reportTextsJson();

// One row of a report's summary: a translated label and its value as plain, unescaped text.
struct SummaryField {
    // A URL and a command line are shown as code; a figure is the program's own text (numbers and units).
    enum class Kind { Method, Url, Command, Note, Time, Figure };
    QString label;
    QString value;
    Kind kind = Kind::Figure;
};

// The rows both reports show, in order; a value that is not known is empty.
QList<SummaryField> summaryFields(const CallTree& tree, const ReportMetadata& meta);

// "1.234 s" (three decimals; 0 for a value that is not finite).
QString secondsText(double value);

} // namespace wpm
