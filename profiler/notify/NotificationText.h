#pragma once
// The words of a notification, shared by the notifiers: a plain summary, the chat message in the asked
// format, and the e-mail subject.

#include "NotificationPayload.h"

#include <QCoreApplication>

namespace wpm {

class NotificationText {
    Q_DECLARE_TR_FUNCTIONS(wpm::NotificationText)

public:
    // Title, endpoint, URL, duration against threshold and report id, one per line.
    static QString summary(const NotificationPayload& payload);
    // "markdown": the Markdown report cut to maxLength characters (chat servers refuse longer posts);
    // "text": the summary.
    static QString message(const NotificationPayload& payload, const QString& format, qsizetype maxLength);
    // A Subject header value: prefix and title, RFC 2047-encoded when not plain ASCII.
    static QByteArray subjectHeader(const QString& prefix, const NotificationPayload& payload);
    // The summary and the Markdown report as an HTML e-mail body, every value escaped.
    static QString htmlBody(const NotificationPayload& payload);
};

} // namespace wpm
