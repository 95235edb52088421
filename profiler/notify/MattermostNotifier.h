#pragma once
// Posts the report to a Mattermost channel through REST API v4: the zip is uploaded (POST /api/v4/files),
// then a post with the Markdown message links it (POST /api/v4/posts), authorised by a Bearer token.

#include "Notifier.h"
#include "NotifierOption.h"

#include <optional>

namespace wpm {

class MattermostNotifier : public Notifier {
    Q_DECLARE_TR_FUNCTIONS(wpm::MattermostNotifier)

public:
    explicit MattermostNotifier(const NotifierOptions& options);

    static QString type() { return QStringLiteral("mattermost"); }
    static QList<NotifierOption> options();

    DeliveryResult send(const NotificationPayload& payload, const SendLimits& limits) override;

private:
    struct Upload {
        DeliveryResult result;
        QString fileId;
    };
    Upload upload(const QString& zipPath, const SendLimits& limits) const;
    // 401 and 403 each with what to do; nothing for other statuses.
    std::optional<DeliveryResult> refusal(long status, const QString& what) const;
    QByteArray authorization() const;

    QString m_serverUrl;
    QString m_token;
    QString m_channelId;
    QString m_format;
};

} // namespace wpm
