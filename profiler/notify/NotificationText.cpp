#include "NotificationText.h"

#include "report/TextEscape.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace wpm {

QString NotificationText::summary(const NotificationPayload& payload)
{
    return tr("%1\nEndpoint: %2\nURL: %3\nDuration: %4 s (threshold %5 s)\nReport: %6")
        .arg(payload.title, payload.endpoint, payload.url)
        .arg(payload.durationSeconds, 0, 'f', 3)
        .arg(payload.thresholdSeconds, 0, 'g', 6)
        .arg(payload.reportId);
}

QString NotificationText::message(const NotificationPayload& payload, const QString& format, qsizetype maxLength)
{
    if (format != u"markdown"_s || payload.markdown.isEmpty())
        return summary(payload);
    if (payload.markdown.size() <= maxLength)
        return payload.markdown;
    const QString note = u"\n\n"_s + tr("(cut here; the full report is in the attached zip)");
    return payload.markdown.left(maxLength - note.size()) + note;
}

QByteArray NotificationText::subjectHeader(const QString& prefix, const NotificationPayload& payload)
{
    const QString subject = (prefix.isEmpty() ? payload.title : prefix + u' ' + payload.title).simplified();
    const bool ascii = std::all_of(subject.begin(), subject.end(), [](QChar c) { return c.unicode() < 128; });
    if (ascii)
        return "Subject: " + subject.toLatin1();
    return "Subject: =?UTF-8?B?" + subject.toUtf8().toBase64() + "?=";
}

QString NotificationText::htmlBody(const NotificationPayload& payload)
{
    QString html = u"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"></head><body>\n<h2>"_s
        + htmlEscaped(payload.title) + u"</h2>\n<table>\n"_s;
    const auto row = [&html](const QString& name, const QString& value) {
        html += u"<tr><th align=\"left\">"_s + htmlEscaped(name) + u"</th><td>"_s + htmlEscaped(value)
            + u"</td></tr>\n"_s;
    };
    row(tr("Endpoint"), payload.endpoint);
    row(tr("URL"), payload.url);
    row(tr("Duration"), tr("%1 s").arg(payload.durationSeconds, 0, 'f', 3));
    row(tr("Threshold"), tr("%1 s").arg(payload.thresholdSeconds, 0, 'g', 6));
    row(tr("Report"), payload.reportId);
    html += u"</table>\n<p>"_s + htmlEscaped(tr("The HTML report with the flame graph is in the attached zip."))
        + u"</p>\n<pre>"_s + htmlEscaped(payload.markdown) + u"</pre>\n</body></html>\n"_s;
    return html;
}

} // namespace wpm
