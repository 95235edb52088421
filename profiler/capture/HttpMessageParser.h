#pragma once
// Finds the boundaries and the few fields the proxy needs (method, target, status, Expect,
// Upgrade, body length) in a stream of HTTP/1.x messages, with Debian's http-parser library.
// The bytes themselves are forwarded unchanged by the caller.

#include <QByteArray>
#include <QString>

#include <functional>
#include <http_parser.h>

namespace wpm {

class HttpMessageParser {
public:
    enum class Kind { Request, Response };
    enum class Failure { None, Malformed, HeadersTooLarge };

    struct Message {
        QString method; // requests
        QByteArray target; // requests
        int status = 0; // responses
        bool expectsContinue = false;
        bool upgrade = false; // the connection switches protocols after this message
        qint64 bodyBytes = 0;
    };

    explicit HttpMessageParser(Kind kind);

    // Called when a message starts, when its headers are complete, and when it ends.
    std::function<void()> onBegin;
    std::function<void(const Message&)> onHeaders;
    std::function<void(const Message&)> onComplete;
    // For responses: whether the response being parsed answers a HEAD (it then has no body).
    std::function<bool()> answersHead;

    // Parses `data`; returns how many bytes belong to HTTP messages (less than the size only
    // after an upgrade, when the rest belongs to the new protocol, or on failure).
    qsizetype feed(const char* data, qsizetype size);
    Failure failure() const { return m_failure; }
    QString failureText() const;
    bool upgraded() const { return m_parser.upgrade != 0; }
    bool inMessage() const { return m_inMessage; }

private:
    static int messageBegin(http_parser* parser);
    static int url(http_parser* parser, const char* at, size_t length);
    static int headerField(http_parser* parser, const char* at, size_t length);
    static int headerValue(http_parser* parser, const char* at, size_t length);
    static int headersComplete(http_parser* parser);
    static int body(http_parser* parser, const char* at, size_t length);
    static int messageComplete(http_parser* parser);

    http_parser m_parser {};
    http_parser_settings m_settings {};
    Message m_message;
    // Of the header names only Expect matters: a name is kept only up to its length, so the
    // headers of a message cost no allocation.
    char m_field[6] {};
    qsizetype m_fieldLength = 0;
    QByteArray m_value; // the value of an Expect header
    bool m_inValue = false;
    bool m_inMessage = false;
    Failure m_failure = Failure::None;

    bool inExpectHeader() const;
    void finishHeader();
};

} // namespace wpm
