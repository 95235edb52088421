#pragma once
// What a notifier tells about one slow request: the report's text and files, and the figures a message
// names. The caller makes the files (HTML report, zip export) before enqueuing; notifiers only read them.

#include <QMetaType>
#include <QString>

namespace wpm {

struct NotificationPayload {
    QString reportId;
    QString title; // one line, e.g. "Slow request: GET /api/users took 2.31 s"
    QString endpoint; // "GET /api/users"
    QString url; // the full request URL as the client sent it
    double durationSeconds = 0;
    double thresholdSeconds = 0;
    QString markdown; // the Markdown report, the body of chat messages
    QString htmlPath; // the HTML report on disk; may be empty
    QString zipPath; // the zip with the HTML and Markdown reports; attached where the channel carries files

    bool operator==(const NotificationPayload&) const = default;
};

} // namespace wpm

Q_DECLARE_METATYPE(wpm::NotificationPayload)
