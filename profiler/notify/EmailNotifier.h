#pragma once
// Sends the report by e-mail through libcurl's SMTP: STARTTLS when use_tls, TLS from the first byte when
// use_ssl (which wins when both are set), AUTH when a username is given, a MIME message with an HTML or
// text body and the report zip attached.

#include "Notifier.h"
#include "NotifierOption.h"

namespace wpm {

class CurlRequest;

class EmailNotifier : public Notifier {
    Q_DECLARE_TR_FUNCTIONS(wpm::EmailNotifier)

public:
    explicit EmailNotifier(const NotifierOptions& options);

    static QString type() { return QStringLiteral("email"); }
    static QList<NotifierOption> options();

    DeliveryResult send(const NotificationPayload& payload, const SendLimits& limits) override;

private:
    void setConnection(CurlRequest& request) const;
    QList<QByteArray> headers(const NotificationPayload& payload) const;
    bool addParts(CurlRequest& request, const NotificationPayload& payload) const;

    NotifierOptions m_options;
};

} // namespace wpm
