// HttpMessageParser on its own: the few fields the proxy reads (method, target, status, Expect,
// body length), HEAD answers, upgrades and failures, also when a message arrives split anywhere.

#include "capture/HttpMessageParser.h"

#include <QTest>

#include <http_parser.h>

using namespace wpm;

namespace {

struct Parsed {
    QList<HttpMessageParser::Message> headers;
    QList<HttpMessageParser::Message> completed;
    int begun = 0;
};

// Feeds `bytes` in pieces of `piece` bytes; returns what the callbacks saw.
Parsed parse(HttpMessageParser& parser, const QByteArray& bytes, qsizetype piece)
{
    Parsed parsed;
    parser.onBegin = [&] { ++parsed.begun; };
    parser.onHeaders = [&](const HttpMessageParser::Message& message) { parsed.headers.append(message); };
    parser.onComplete = [&](const HttpMessageParser::Message& message) { parsed.completed.append(message); };
    for (qsizetype offset = 0; offset < bytes.size(); offset += piece) {
        const qsizetype size = std::min(piece, bytes.size() - offset);
        if (parser.feed(bytes.constData() + offset, size) != size)
            break;
    }
    return parsed;
}

} // namespace

class TestHttpMessageParser : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { http_parser_set_max_header_size(1024); }

    void requestFieldsWhereverSplit_data()
    {
        QTest::addColumn<qsizetype>("piece");
        for (const qsizetype piece : { 1, 2, 3, 7, 1000 })
            QTest::addRow("pieces of %lld", qlonglong(piece)) << piece;
    }

    void requestFieldsWhereverSplit()
    {
        QFETCH(qsizetype, piece);
        HttpMessageParser parser(HttpMessageParser::Kind::Request);
        const Parsed parsed = parse(parser,
            "POST /upload?x=1 HTTP/1.1\r\nHost: t\r\neXpEcT:  100-Continue \r\nContent-Length: 4\r\n\r\ndata"
            "GET /next HTTP/1.1\r\nHost: t\r\nExpect-CT: 100-continue\r\nX-Expect: 100-continue\r\n\r\n",
            piece);
        QCOMPARE(parser.failure(), HttpMessageParser::Failure::None);
        QCOMPARE(parsed.begun, 2);
        QCOMPARE(parsed.completed.size(), 2);
        QCOMPARE(parsed.headers[0].method, QStringLiteral("POST"));
        QCOMPARE(parsed.headers[0].target, QByteArray("/upload?x=1"));
        QVERIFY(parsed.headers[0].expectsContinue); // names and values compare without case or spaces
        QCOMPARE(parsed.completed[0].bodyBytes, 4);
        QCOMPARE(parsed.headers[1].method, QStringLiteral("GET"));
        QVERIFY(!parsed.headers[1].expectsContinue); // names that only contain "expect" do not count
        QCOMPARE(parsed.completed[1].bodyBytes, 0);
        QVERIFY(!parser.inMessage());
    }

    void responsesToHeadHaveNoBody()
    {
        HttpMessageParser parser(HttpMessageParser::Kind::Response);
        bool head = true;
        parser.answersHead = [&] { return head; };
        Parsed parsed;
        parser.onComplete = [&](const HttpMessageParser::Message& message) {
            parsed.completed.append(message);
            head = false; // the next response answers a GET
        };
        const QByteArray bytes = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n"
                                 "HTTP/1.1 404 Not Found\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n";
        QCOMPARE(parser.feed(bytes.constData(), bytes.size()), bytes.size());
        QCOMPARE(parsed.completed.size(), 2);
        QCOMPARE(parsed.completed[0].status, 200);
        QCOMPARE(parsed.completed[0].bodyBytes, 0);
        QCOMPARE(parsed.completed[1].status, 404);
        QCOMPARE(parsed.completed[1].bodyBytes, 3);
    }

    void upgradeLeavesTheRestUnparsed()
    {
        HttpMessageParser parser(HttpMessageParser::Kind::Request);
        const QByteArray head = "GET /ws HTTP/1.1\r\nHost: t\r\nConnection: Upgrade\r\nUpgrade: echo\r\n\r\n";
        const QByteArray bytes = head + "\x01\x02raw";
        QCOMPARE(parser.feed(bytes.constData(), bytes.size()), head.size());
        QVERIFY(parser.upgraded());
        QCOMPARE(parser.feed(bytes.constData(), bytes.size()), 0); // stays stopped
    }

    void failuresAreNamed()
    {
        HttpMessageParser malformed(HttpMessageParser::Kind::Request);
        const QByteArray garbage = "NOT HTTP AT ALL\r\n\r\n";
        QVERIFY(malformed.feed(garbage.constData(), garbage.size()) < garbage.size());
        QCOMPARE(malformed.failure(), HttpMessageParser::Failure::Malformed);
        QVERIFY(!malformed.failureText().isEmpty());

        HttpMessageParser large(HttpMessageParser::Kind::Request);
        const QByteArray big = "GET / HTTP/1.1\r\nX-Big: " + QByteArray(2000, 'a') + "\r\n\r\n";
        large.feed(big.constData(), big.size());
        QCOMPARE(large.failure(), HttpMessageParser::Failure::HeadersTooLarge);
    }
};

QTEST_GUILESS_MAIN(TestHttpMessageParser)
#include "tst_httpmessageparser.moc"
