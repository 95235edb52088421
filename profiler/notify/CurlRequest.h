#pragma once
// One libcurl transfer, owned: the easy handle, its header list, MIME parts and response body are freed
// with it. Shared by the notifiers that speak HTTP and SMTP, and the place that turns libcurl's errors into
// transient or permanent failures.

#include "DeliveryResult.h"
#include "Notifier.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <curl/curl.h>

namespace wpm {

class CurlRequest {
public:
    CurlRequest();
    ~CurlRequest();
    CurlRequest(const CurlRequest&) = delete;
    CurlRequest& operator=(const CurlRequest&) = delete;

    CURL* handle() const { return m_curl; }
    void setUrl(const QString& url);
    void setHeaders(const QList<QByteArray>& headers); // also the mail headers of an SMTP MIME message
    void setJsonBody(const QByteArray& json);
    void setMailRecipients(const QList<QByteArray>&
            recipients); // SMTP RCPT TO, e.g. "<dev@example.com>" // POST with Content-Type: application/json
    curl_mime* mime(); // made on first use, sent as the body (CURLOPT_MIMEPOST)

    struct Response {
        CURLcode code = CURLE_OK;
        long status = 0; // HTTP status, or the last SMTP reply code
        QByteArray body;
        QString error; // libcurl's detailed message
    };
    Response perform(const SendLimits& limits); // ends within 50 ms of limits being cancelled

    // A failed transfer (code != CURLE_OK) as a result: connection and timeout problems are transient.
    static DeliveryResult failure(const Response& response, const QString& what, const SendLimits& limits);
    // An HTTP answer as a result: 2xx sent, 5xx transient, anything else permanent (never retried).
    static DeliveryResult httpStatus(const Response& response, const QString& what);

private:
    CURL* m_curl = nullptr;
    curl_slist* m_headers = nullptr;
    curl_slist* m_recipients = nullptr;
    curl_mime* m_mime = nullptr;
    QByteArray m_url;
    QByteArray m_body;
    QByteArray m_responseBody;
    char m_errorBuffer[CURL_ERROR_SIZE] = {};
};

} // namespace wpm
