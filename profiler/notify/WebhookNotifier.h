#pragma once
// Posts {"text": message} as JSON to an incoming webhook, the format Slack and Mattermost both accept.
// Webhooks carry no files: the message is the Markdown report (cut to fit) or a summary.

#include "Notifier.h"
#include "NotifierOption.h"

namespace wpm {

class WebhookNotifier : public Notifier {
    Q_DECLARE_TR_FUNCTIONS(wpm::WebhookNotifier)

public:
    explicit WebhookNotifier(const NotifierOptions& options);

    static QString type() { return QStringLiteral("webhook"); }
    static QList<NotifierOption> options();

    DeliveryResult send(const NotificationPayload& payload, const SendLimits& limits) override;

private:
    QString m_url;
    QString m_format;
};

} // namespace wpm
