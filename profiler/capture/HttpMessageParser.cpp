#include "HttpMessageParser.h"

#include <QList>

#include <algorithm>
#include <cstring>

namespace wpm {
namespace {

HttpMessageParser& self(http_parser* parser)
{
    return *static_cast<HttpMessageParser*>(parser->data);
}

// Method names made once: a request's record shares them instead of building a string each time.
const QString& methodName(unsigned method)
{
    static const QList<QString> names = [] {
        QList<QString> list;
        for (unsigned m = 0; qstrcmp(http_method_str(http_method(m)), "<unknown>") != 0; ++m)
            list.append(QString::fromLatin1(http_method_str(http_method(m))));
        return list;
    }();
    static const QString unknown = QStringLiteral("<unknown>");
    return method < unsigned(names.size()) ? names[method] : unknown;
}

} // namespace

HttpMessageParser::HttpMessageParser(Kind kind)
{
    http_parser_init(&m_parser, kind == Kind::Request ? HTTP_REQUEST : HTTP_RESPONSE);
    m_parser.data = this;
    http_parser_settings_init(&m_settings);
    m_settings.on_message_begin = messageBegin;
    m_settings.on_url = url;
    m_settings.on_header_field = headerField;
    m_settings.on_header_value = headerValue;
    m_settings.on_headers_complete = headersComplete;
    m_settings.on_body = body;
    m_settings.on_message_complete = messageComplete;
}

qsizetype HttpMessageParser::feed(const char* data, qsizetype size)
{
    // size 0 tells the parser the stream ended: a response without a length ends there.
    if (m_failure != Failure::None || upgraded())
        return 0;
    const size_t parsed = http_parser_execute(&m_parser, &m_settings, data, size_t(size));
    const auto error = http_errno(m_parser.http_errno);
    if (error != HPE_OK && !upgraded())
        m_failure = error == HPE_HEADER_OVERFLOW ? Failure::HeadersTooLarge : Failure::Malformed;
    return qsizetype(parsed);
}

QString HttpMessageParser::failureText() const
{
    return QString::fromLatin1(http_errno_description(http_errno(m_parser.http_errno)));
}

int HttpMessageParser::messageBegin(http_parser* parser)
{
    HttpMessageParser& p = self(parser);
    QByteArray target = std::move(p.m_message.target);
    target.resize(0); // keeps its capacity: the next target is read without allocating
    p.m_message = Message {};
    p.m_message.target = std::move(target);
    p.m_fieldLength = 0;
    p.m_value.clear();
    p.m_inValue = false;
    p.m_inMessage = true;
    if (p.onBegin)
        p.onBegin();
    return 0;
}

int HttpMessageParser::url(http_parser* parser, const char* at, size_t length)
{
    self(parser).m_message.target.append(at, qsizetype(length));
    return 0;
}

bool HttpMessageParser::inExpectHeader() const
{
    return m_fieldLength == qsizetype(sizeof m_field) && qstrnicmp(m_field, "expect", sizeof m_field) == 0;
}

void HttpMessageParser::finishHeader()
{
    if (inExpectHeader() && m_value.trimmed().toLower() == "100-continue")
        m_message.expectsContinue = true;
    m_fieldLength = 0;
    m_value.clear();
}

int HttpMessageParser::headerField(http_parser* parser, const char* at, size_t length)
{
    HttpMessageParser& p = self(parser);
    if (p.m_inValue) {
        p.finishHeader();
        p.m_inValue = false;
    }
    const qsizetype room = qsizetype(sizeof p.m_field) - p.m_fieldLength;
    if (room > 0)
        std::memcpy(p.m_field + p.m_fieldLength, at, std::min(size_t(room), length));
    p.m_fieldLength += qsizetype(length);
    return 0;
}

int HttpMessageParser::headerValue(http_parser* parser, const char* at, size_t length)
{
    HttpMessageParser& p = self(parser);
    p.m_inValue = true;
    if (p.inExpectHeader())
        p.m_value.append(at, qsizetype(length));
    return 0;
}

int HttpMessageParser::headersComplete(http_parser* parser)
{
    HttpMessageParser& p = self(parser);
    p.finishHeader();
    p.m_inValue = false;
    if (parser->type == HTTP_REQUEST)
        p.m_message.method = methodName(parser->method);
    else
        p.m_message.status = int(parser->status_code);
    p.m_message.upgrade = parser->upgrade != 0;
    if (p.onHeaders)
        p.onHeaders(p.m_message);
    // 1 tells http-parser that this response has no body (it answers a HEAD request).
    return parser->type == HTTP_RESPONSE && p.answersHead && p.answersHead() ? 1 : 0;
}

int HttpMessageParser::body(http_parser* parser, const char*, size_t length)
{
    self(parser).m_message.bodyBytes += qint64(length);
    return 0;
}

int HttpMessageParser::messageComplete(http_parser* parser)
{
    HttpMessageParser& p = self(parser);
    p.m_inMessage = false;
    if (p.onComplete)
        p.onComplete(p.m_message);
    return 0;
}

} // namespace wpm
