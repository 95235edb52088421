#pragma once
// The final word on one notification to one notifier, handed to whoever records history. A value: it
// crosses from the queue's worker thread through queued signals.

#include <QDateTime>
#include <QMetaType>
#include <QString>

namespace wpm {

struct NotificationOutcome {
    enum class Kind {
        Sent,
        Failed, // a permanent failure, or a transient one that outlasted every retry
        Dropped, // the queue was full and this was the oldest entry
        NotSent, // still pending when the shutdown bound ran out
        Suppressed, // never queued: the same endpoint was reported within alert_window_days; made by the
                    // caller that decides de-duplication, so the history records every outcome as one type
    };

    Kind kind = Kind::Sent;
    QString reportId;
    QString notifier; // "notice_list[0] mattermost"
    QString reason; // empty when sent
    int attempts = 0;
    QDateTime finishedAt;

    // A stable name for storage ("sent", "failed", "dropped", "not sent"); not translated.
    static QString kindName(Kind kind);
};

inline QString NotificationOutcome::kindName(Kind kind)
{
    switch (kind) {
    case Kind::Sent:
        return QStringLiteral("sent");
    case Kind::Failed:
        return QStringLiteral("failed");
    case Kind::Dropped:
        return QStringLiteral("dropped");
    case Kind::Suppressed:
        return QStringLiteral("suppressed");
    case Kind::NotSent:
        break;
    }
    return QStringLiteral("not sent");
}

} // namespace wpm

Q_DECLARE_METATYPE(wpm::NotificationOutcome)
