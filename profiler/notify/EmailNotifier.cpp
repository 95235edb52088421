#include "EmailNotifier.h"

#include "CurlRequest.h"
#include "NotificationText.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QUuid>

using namespace Qt::StringLiterals;
using Kind = wpm::NotifierOption::Kind;

namespace wpm {

namespace {

QByteArray angleAddress(const QString& address)
{
    return '<' + address.trimmed().toUtf8() + '>';
}

} // namespace

EmailNotifier::EmailNotifier(const NotifierOptions& options)
    : m_options(options)
{
}

QList<NotifierOption> EmailNotifier::options()
{
    return {
        { u"smtp_host"_s, Kind::Text, true, {}, {}, QT_TRANSLATE_NOOP("wpm::NotifierOption", "the SMTP server") },
        { u"smtp_port"_s, Kind::Port, false, 587, {}, QT_TRANSLATE_NOOP("wpm::NotifierOption", "its port") },
        { u"username"_s, Kind::Text, false, {}, {},
            QT_TRANSLATE_NOOP("wpm::NotifierOption", "the SMTP login; no AUTH without it") },
        { u"password"_s, Kind::Secret, false, {}, {}, QT_TRANSLATE_NOOP("wpm::NotifierOption", "the SMTP password") },
        { u"sender"_s, Kind::Text, true, {}, {}, QT_TRANSLATE_NOOP("wpm::NotifierOption", "the From address") },
        { u"recipients"_s, Kind::TextList, true, {}, {},
            QT_TRANSLATE_NOOP("wpm::NotifierOption", "the To addresses, an array") },
        { u"use_tls"_s, Kind::Flag, false, true, {},
            QT_TRANSLATE_NOOP("wpm::NotifierOption", "STARTTLS, required: the mail is not sent in the clear") },
        { u"use_ssl"_s, Kind::Flag, false, false, {},
            QT_TRANSLATE_NOOP("wpm::NotifierOption", "TLS from the first byte (port 465); wins over use_tls") },
        { u"format"_s, Kind::Choice, false, u"html"_s, { u"html"_s, u"text"_s },
            QT_TRANSLATE_NOOP(
                "wpm::NotifierOption", "the body: an HTML summary with the Markdown report, or plain text") },
        { u"subject_prefix"_s, Kind::OptionalText, false, u"[Performance Alert]"_s, {},
            QT_TRANSLATE_NOOP("wpm::NotifierOption", "put before the title in the subject") },
        { u"ca_file"_s, Kind::File, false, {}, {},
            QT_TRANSLATE_NOOP(
                "wpm::NotifierOption", "PEM certificates to trust instead of the system's, for a private CA") },
    };
}

void EmailNotifier::setConnection(CurlRequest& request) const
{
    const bool implicitTls = m_options.flag(u"use_ssl"_s);
    request.setUrl(u"%1://%2:%3"_s.arg(implicitTls ? u"smtps"_s : u"smtp"_s, m_options.text(u"smtp_host"_s))
                       .arg(m_options.integer(u"smtp_port"_s)));
    CURL* curl = request.handle();
    if (!implicitTls && m_options.flag(u"use_tls"_s))
        curl_easy_setopt(curl, CURLOPT_USE_SSL, long(CURLUSESSL_ALL));
    if (const QString caFile = m_options.text(u"ca_file"_s); !caFile.isEmpty())
        curl_easy_setopt(curl, CURLOPT_CAINFO, QFile::encodeName(caFile).constData());
    if (const QString user = m_options.text(u"username"_s); !user.isEmpty()) {
        curl_easy_setopt(curl, CURLOPT_USERNAME, user.toUtf8().constData());
        curl_easy_setopt(curl, CURLOPT_PASSWORD, m_options.text(u"password"_s).toUtf8().constData());
    }
    curl_easy_setopt(curl, CURLOPT_MAIL_FROM, angleAddress(m_options.text(u"sender"_s)).constData());
}

QList<QByteArray> EmailNotifier::headers(const NotificationPayload& payload) const
{
    QByteArrayList to;
    for (const QString& recipient : m_options.list(u"recipients"_s))
        to.append(recipient.trimmed().toUtf8());
    const QByteArray domain = m_options.text(u"sender"_s).section(u'@', -1).toUtf8();
    return { "From: " + m_options.text(u"sender"_s).toUtf8(), "To: " + to.join(", "),
        NotificationText::subjectHeader(m_options.text(u"subject_prefix"_s), payload),
        "Date: " + QDateTime::currentDateTime().toString(Qt::RFC2822Date).toLatin1(),
        "Message-ID: <" + QUuid::createUuid().toByteArray(QUuid::WithoutBraces) + '@' + domain + '>',
        "X-Web-Perfmonitor-Report: " + payload.reportId.toUtf8() };
}

bool EmailNotifier::addParts(CurlRequest& request, const NotificationPayload& payload) const
{
    const bool html = m_options.text(u"format"_s) == u"html"_s;
    const QByteArray body = html ? NotificationText::htmlBody(payload).toUtf8()
                                 : (NotificationText::summary(payload) + u"\n\n"_s + payload.markdown).toUtf8();
    curl_mimepart* text = curl_mime_addpart(request.mime());
    curl_mime_data(text, body.constData(), size_t(body.size()));
    curl_mime_type(text, html ? "text/html; charset=utf-8" : "text/plain; charset=utf-8");
    curl_mime_encoder(text, "quoted-printable");
    if (payload.zipPath.isEmpty())
        return true;
    curl_mimepart* zip = curl_mime_addpart(request.mime());
    if (curl_mime_filedata(zip, QFile::encodeName(payload.zipPath).constData()) != CURLE_OK)
        return false;
    curl_mime_type(zip, "application/zip");
    curl_mime_encoder(zip, "base64");
    curl_mime_filename(zip, QFileInfo(payload.zipPath).fileName().toUtf8().constData());
    return true;
}

DeliveryResult EmailNotifier::send(const NotificationPayload& payload, const SendLimits& limits)
{
    CurlRequest request;
    setConnection(request);
    QList<QByteArray> recipients;
    for (const QString& recipient : m_options.list(u"recipients"_s))
        recipients.append(angleAddress(recipient));
    request.setMailRecipients(recipients);
    request.setHeaders(headers(payload));
    if (!addParts(request, payload))
        return DeliveryResult::permanent(tr("the report zip \"%1\" cannot be read").arg(payload.zipPath));
    const QString what
        = tr("sending e-mail through %1:%2").arg(m_options.text(u"smtp_host"_s)).arg(m_options.integer(u"smtp_port"_s));
    const CurlRequest::Response response = request.perform(limits);
    if (response.code == CURLE_OK)
        return DeliveryResult::sent();
    if (response.code == CURLE_LOGIN_DENIED)
        return DeliveryResult::permanent(
            tr("%1: the server refused the login of \"%2\"; check \"username\" and \"password\"")
                .arg(what, m_options.text(u"username"_s)));
    if (response.code == CURLE_USE_SSL_FAILED)
        return DeliveryResult::permanent(tr("%1: the server offers no STARTTLS; set \"use_ssl\" for port 465, or "
                                            "\"use_tls\": false if the mail may go in the clear")
                                             .arg(what));
    // SMTP's 4xx replies mean "try again later", its 5xx ones "never" (the reverse of HTTP's 5xx).
    if (response.status >= 400 && response.status < 500)
        return DeliveryResult::transient(
            tr("%1: the server answered %2 (%3)").arg(what).arg(response.status).arg(response.error));
    if (response.status >= 500)
        return DeliveryResult::permanent(
            tr("%1: the server answered %2 (%3)").arg(what).arg(response.status).arg(response.error));
    return CurlRequest::failure(response, what, limits);
}

} // namespace wpm
