#include "WebhookNotifier.h"

#include "CurlRequest.h"
#include "NotificationText.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>

using namespace Qt::StringLiterals;
using Kind = wpm::NotifierOption::Kind;

namespace wpm {

namespace {
constexpr qsizetype maxMessageLength = 16000; // within Mattermost's 16383 and Slack's 40000
}

WebhookNotifier::WebhookNotifier(const NotifierOptions& options)
    : m_url(options.text(u"url"_s))
    , m_format(options.text(u"format"_s))
{
}

QList<NotifierOption> WebhookNotifier::options()
{
    return {
        { u"url"_s, Kind::Url, true, {}, {}, QT_TRANSLATE_NOOP("wpm::NotifierOption", "the incoming webhook's URL") },
        { u"format"_s, Kind::Choice, false, u"markdown"_s, { u"markdown"_s, u"text"_s },
            QT_TRANSLATE_NOOP("wpm::NotifierOption", "markdown: the report as the message; text: a short summary") },
    };
}

DeliveryResult WebhookNotifier::send(const NotificationPayload& payload, const SendLimits& limits)
{
    CurlRequest request;
    request.setUrl(m_url);
    const QJsonObject body { { u"text"_s, NotificationText::message(payload, m_format, maxMessageLength) } };
    request.setJsonBody(QJsonDocument(body).toJson(QJsonDocument::Compact));
    // The URL itself is the webhook's secret: name only its host in messages.
    const QString what = tr("posting to the webhook at %1").arg(QUrl(m_url).host());
    const CurlRequest::Response response = request.perform(limits);
    if (response.code != CURLE_OK)
        return CurlRequest::failure(response, what, limits);
    return CurlRequest::httpStatus(response, what);
}

} // namespace wpm
