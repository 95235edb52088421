#include "MattermostNotifier.h"

#include "CurlRequest.h"
#include "NotificationText.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;
using Kind = wpm::NotifierOption::Kind;

namespace wpm {

namespace {

constexpr qsizetype maxPostLength = 16000; // Mattermost refuses posts over 16383 characters

// What is left of the send's time after the upload.
SendLimits remaining(const SendLimits& limits, const QElapsedTimer& clock)
{
    return { std::max(std::chrono::milliseconds(1), limits.timeout - std::chrono::milliseconds(clock.elapsed())),
        limits.cancelled };
}

} // namespace

MattermostNotifier::MattermostNotifier(const NotifierOptions& options)
    : m_serverUrl(options.text(u"server_url"_s))
    , m_token(options.text(u"token"_s))
    , m_channelId(options.text(u"channel_id"_s))
    , m_format(options.text(u"format"_s))
{
    while (m_serverUrl.endsWith(u'/'))
        m_serverUrl.chop(1);
}

QList<NotifierOption> MattermostNotifier::options()
{
    return {
        { u"server_url"_s, Kind::Url, true, {}, {},
            QT_TRANSLATE_NOOP("wpm::NotifierOption", "the Mattermost server, e.g. https://mattermost.example.com") },
        { u"token"_s, Kind::Secret, true, {}, {},
            QT_TRANSLATE_NOOP("wpm::NotifierOption", "a bot or personal access token that may post in the channel") },
        { u"channel_id"_s, Kind::Text, true, {}, {},
            QT_TRANSLATE_NOOP("wpm::NotifierOption", "the channel's id (not its name)") },
        { u"format"_s, Kind::Choice, false, u"markdown"_s, { u"markdown"_s, u"text"_s },
            QT_TRANSLATE_NOOP("wpm::NotifierOption", "markdown: the report as the message; text: a short summary") },
    };
}

QByteArray MattermostNotifier::authorization() const
{
    return "Authorization: Bearer " + m_token.toUtf8();
}

MattermostNotifier::Upload MattermostNotifier::upload(const QString& zipPath, const SendLimits& limits) const
{
    CurlRequest request;
    request.setUrl(m_serverUrl + u"/api/v4/files"_s);
    request.setHeaders({ authorization() });
    curl_mimepart* channel = curl_mime_addpart(request.mime());
    curl_mime_name(channel, "channel_id");
    curl_mime_data(channel, m_channelId.toUtf8().constData(), CURL_ZERO_TERMINATED);
    curl_mimepart* file = curl_mime_addpart(request.mime());
    curl_mime_name(file, "files");
    curl_mime_type(file, "application/zip");
    if (curl_mime_filedata(file, QFile::encodeName(zipPath).constData()) != CURLE_OK)
        return { DeliveryResult::permanent(tr("the report zip \"%1\" cannot be read").arg(zipPath)), {} };

    const QString what = tr("uploading the report zip to Mattermost");
    const CurlRequest::Response response = request.perform(limits);
    if (response.code != CURLE_OK)
        return { CurlRequest::failure(response, what, limits), {} };
    if (response.status == 413)
        return { DeliveryResult::permanent(tr("%1: the server refused the %2-byte zip as too large (HTTP 413); raise "
                                              "its maximum file size (FileSettings.MaxFileSize)")
                                               .arg(what)
                                               .arg(QFileInfo(zipPath).size())),
            {} };
    if (std::optional<DeliveryResult> refused = refusal(response.status, what))
        return { *refused, {} };
    DeliveryResult result = CurlRequest::httpStatus(response, what);
    if (!result.ok())
        return { result, {} };
    const QString id = QJsonDocument::fromJson(response.body)[u"file_infos"_s][0][u"id"_s].toString();
    if (id.isEmpty())
        return { DeliveryResult::permanent(
                     tr("%1: the answer holds no file id; is %2 a Mattermost server?").arg(what, m_serverUrl)),
            {} };
    return { result, id };
}

std::optional<DeliveryResult> MattermostNotifier::refusal(long status, const QString& what) const
{
    if (status == 401)
        return DeliveryResult::permanent(
            tr("%1: the token was refused (HTTP 401); check \"token\" or make a new one").arg(what));
    if (status == 403)
        return DeliveryResult::permanent(
            tr("%1: the token may not post in channel \"%2\" (HTTP 403); add its user to the channel")
                .arg(what, m_channelId));
    return std::nullopt;
}

DeliveryResult MattermostNotifier::send(const NotificationPayload& payload, const SendLimits& limits)
{
    QElapsedTimer clock;
    clock.start();
    QJsonArray fileIds;
    if (!payload.zipPath.isEmpty()) {
        const Upload uploaded = upload(payload.zipPath, limits);
        if (!uploaded.result.ok())
            return uploaded.result;
        fileIds.append(uploaded.fileId);
    }

    CurlRequest request;
    request.setUrl(m_serverUrl + u"/api/v4/posts"_s);
    request.setHeaders({ authorization() });
    const QJsonObject post { { u"channel_id"_s, m_channelId },
        { u"message"_s, NotificationText::message(payload, m_format, maxPostLength) }, { u"file_ids"_s, fileIds } };
    request.setJsonBody(QJsonDocument(post).toJson(QJsonDocument::Compact));
    const QString what = tr("posting to Mattermost");
    const SendLimits left = remaining(limits, clock);
    const CurlRequest::Response response = request.perform(left);
    if (response.code != CURLE_OK)
        return CurlRequest::failure(response, what, left);
    if (std::optional<DeliveryResult> refused = refusal(response.status, what))
        return *refused;
    DeliveryResult result = CurlRequest::httpStatus(response, what);
    if (result.ok())
        result.message = tr("post %1").arg(QJsonDocument::fromJson(response.body)[u"id"_s].toString());
    return result;
}

} // namespace wpm
