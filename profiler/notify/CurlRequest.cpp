#include "CurlRequest.h"

#include <QCoreApplication>

#include <mutex>

namespace wpm {

namespace {

struct CurlText {
    Q_DECLARE_TR_FUNCTIONS(wpm::CurlRequest)
};

size_t appendToBody(char* data, size_t size, size_t count, void* body)
{
    static_cast<QByteArray*>(body)->append(data, qsizetype(size * count));
    return size * count;
}

constexpr int cancelCheckMs = 50; // how soon a cancelled send lets go

// One transfer through a multi handle, so that a cancel is noticed within cancelCheckMs even while the
// server is silent (libcurl's progress callback may wait a second then).
class MultiTransfer {
public:
    explicit MultiTransfer(CURL* easy)
        : m_multi(curl_multi_init())
        , m_easy(easy)
    {
        curl_multi_add_handle(m_multi, m_easy);
    }
    ~MultiTransfer()
    {
        curl_multi_remove_handle(m_multi, m_easy);
        curl_multi_cleanup(m_multi);
    }
    MultiTransfer(const MultiTransfer&) = delete;
    MultiTransfer& operator=(const MultiTransfer&) = delete;

    CURLcode run(const SendLimits& limits)
    {
        int running = 1;
        while (running) {
            if (curl_multi_perform(m_multi, &running) != CURLM_OK)
                return CURLE_FAILED_INIT;
            if (running && limits.isCancelled())
                return CURLE_ABORTED_BY_CALLBACK;
            if (running)
                curl_multi_poll(m_multi, nullptr, 0, cancelCheckMs, nullptr);
        }
        int queued = 0;
        while (CURLMsg* message = curl_multi_info_read(m_multi, &queued)) {
            if (message->msg == CURLMSG_DONE)
                return message->data.result;
        }
        return CURLE_FAILED_INIT;
    }

private:
    CURLM* m_multi;
    CURL* m_easy;
};

bool isTransient(CURLcode code)
{
    switch (code) {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_CONNECT:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
        return true;
    default:
        return false;
    }
}

} // namespace

CurlRequest::CurlRequest()
{
    // curl_global_init is not thread-safe on every libcurl; do it once before the first handle.
    static std::once_flag initialised;
    std::call_once(initialised, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
    m_curl = curl_easy_init();
    curl_easy_setopt(m_curl, CURLOPT_NOSIGNAL, 1L); // timeouts without SIGALRM: we run on a worker thread
    curl_easy_setopt(m_curl, CURLOPT_ERRORBUFFER, m_errorBuffer);
    curl_easy_setopt(m_curl, CURLOPT_WRITEFUNCTION, appendToBody);
    curl_easy_setopt(m_curl, CURLOPT_WRITEDATA, &m_responseBody);
    curl_easy_setopt(m_curl, CURLOPT_PROTOCOLS_STR, "http,https,smtp,smtps");
}

CurlRequest::~CurlRequest()
{
    curl_easy_cleanup(m_curl);
    curl_mime_free(m_mime);
    curl_slist_free_all(m_headers);
    curl_slist_free_all(m_recipients);
}

void CurlRequest::setUrl(const QString& url)
{
    m_url = url.toUtf8();
    curl_easy_setopt(m_curl, CURLOPT_URL, m_url.constData());
}

void CurlRequest::setHeaders(const QList<QByteArray>& headers)
{
    for (const QByteArray& header : headers)
        m_headers = curl_slist_append(m_headers, header.constData());
    curl_easy_setopt(m_curl, CURLOPT_HTTPHEADER, m_headers);
}

void CurlRequest::setMailRecipients(const QList<QByteArray>& recipients)
{
    for (const QByteArray& recipient : recipients)
        m_recipients = curl_slist_append(m_recipients, recipient.constData());
    curl_easy_setopt(m_curl, CURLOPT_MAIL_RCPT, m_recipients);
}

void CurlRequest::setJsonBody(const QByteArray& json)
{
    m_body = json;
    setHeaders({ QByteArrayLiteral("Content-Type: application/json") });
    curl_easy_setopt(m_curl, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(m_body.size()));
    curl_easy_setopt(m_curl, CURLOPT_POSTFIELDS, m_body.constData());
}

curl_mime* CurlRequest::mime()
{
    if (!m_mime) {
        m_mime = curl_mime_init(m_curl);
        curl_easy_setopt(m_curl, CURLOPT_MIMEPOST, m_mime);
    }
    return m_mime;
}

CurlRequest::Response CurlRequest::perform(const SendLimits& limits)
{
    curl_easy_setopt(m_curl, CURLOPT_TIMEOUT_MS, long(std::max<qint64>(1, limits.timeout.count())));
    m_responseBody.clear();
    m_errorBuffer[0] = '\0';
    Response response;
    response.code = MultiTransfer(m_curl).run(limits);
    curl_easy_getinfo(m_curl, CURLINFO_RESPONSE_CODE, &response.status);
    response.body = m_responseBody;
    response.error = QString::fromUtf8(m_errorBuffer[0] ? m_errorBuffer : curl_easy_strerror(response.code));
    return response;
}

DeliveryResult CurlRequest::failure(const Response& response, const QString& what, const SendLimits& limits)
{
    if (response.code == CURLE_ABORTED_BY_CALLBACK)
        return DeliveryResult::transient(CurlText::tr("%1: cancelled by the shutdown").arg(what));
    if (response.code == CURLE_OPERATION_TIMEDOUT)
        return DeliveryResult::transient(CurlText::tr("%1: no answer within %2 s (notice_timeout_seconds); the "
                                                      "server may be overloaded or unreachable")
                                             .arg(what)
                                             .arg(double(limits.timeout.count()) / 1000.0));
    if (response.code == CURLE_COULDNT_CONNECT)
        return DeliveryResult::transient(
            CurlText::tr("%1: could not connect (%2); check that the server runs and the host and port are right")
                .arg(what, response.error));
    if (response.code == CURLE_PEER_FAILED_VERIFICATION || response.code == CURLE_SSL_CACERT_BADFILE)
        return DeliveryResult::permanent(CurlText::tr("%1: the server's TLS certificate was not accepted (%2); "
                                                      "give its CA with \"ca_file\" or fix the host name")
                                             .arg(what, response.error));
    const QString reason = CurlText::tr("%1: %2").arg(what, response.error);
    return isTransient(response.code) ? DeliveryResult::transient(reason) : DeliveryResult::permanent(reason);
}

DeliveryResult CurlRequest::httpStatus(const Response& response, const QString& what)
{
    if (response.status >= 200 && response.status < 300)
        return DeliveryResult::sent();
    // Servers answer errors with a short text or JSON; a bounded excerpt helps without flooding the history.
    const QString excerpt = QString::fromUtf8(response.body.left(300)).simplified();
    const QString reason = CurlText::tr("%1: HTTP %2 %3").arg(what).arg(response.status).arg(excerpt).trimmed();
    if (response.status >= 500)
        return DeliveryResult::transient(CurlText::tr("%1 (a server error; will be retried)").arg(reason));
    return DeliveryResult::permanent(reason);
}

} // namespace wpm
