// proxy_listen and upstream addresses: what is accepted, how it is split, and that the reason is given.

#include "config/HostPort.h"

#include <QTest>

using namespace wpm;
using namespace Qt::StringLiterals;

class TestHostPort : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void listenAddress_data();
    void listenAddress();
    void upstream_data();
    void upstream();
};

namespace {

void addColumns()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("host"); // or a part of the error message
    QTest::addColumn<int>("port");
}

void check(const Result<HostPort>& parsed, bool valid, const QString& host, int port)
{
    if (!valid) {
        QVERIFY(!parsed.ok());
        QVERIFY2(parsed.error().message.contains(host), qPrintable(parsed.error().message));
        return;
    }
    QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().message));
    QCOMPARE(parsed->host, host);
    QCOMPARE(int(parsed->port), port);
}

} // namespace

void TestHostPort::listenAddress_data()
{
    addColumns();
    QTest::newRow("default") << u"127.0.0.1:0"_s << true << u"127.0.0.1"_s << 0;
    QTest::newRow("all interfaces") << u"0.0.0.0:8080"_s << true << u"0.0.0.0"_s << 8080;
    QTest::newRow("localhost") << u"localhost:9000"_s << true << u"localhost"_s << 9000;
    QTest::newRow("IPv6 loopback") << u"[::1]:8080"_s << true << u"::1"_s << 8080;
    QTest::newRow("IPv6 any") << u"[::]:0"_s << true << u"::"_s << 0;
    QTest::newRow("highest port") << u"127.0.0.1:65535"_s << true << u"127.0.0.1"_s << 65535;
    QTest::newRow("port too high") << u"127.0.0.1:65536"_s << false << u"65536"_s << 0;
    QTest::newRow("negative port") << u"127.0.0.1:-1"_s << false << u"-1"_s << 0;
    QTest::newRow("port with sign") << u"127.0.0.1:+80"_s << false << u"+80"_s << 0;
    QTest::newRow("no port") << u"127.0.0.1"_s << false << u"port is missing"_s << 0;
    QTest::newRow("empty port") << u"127.0.0.1:"_s << false << u"port"_s << 0;
    QTest::newRow("empty host") << u":8080"_s << false << u"host is missing"_s << 0;
    QTest::newRow("empty") << QString() << false << u"port is missing"_s << 0;
    QTest::newRow("host name") << u"example.com:80"_s << false << u"\"example.com\" is not an IPv4"_s << 0;
    QTest::newRow("short IPv4") << u"127.1:80"_s << false << u"127.1"_s << 0;
    QTest::newRow("octet too big") << u"127.0.0.256:80"_s << false << u"127.0.0.256"_s << 0;
    QTest::newRow("leading zero") << u"127.0.0.01:80"_s << false << u"127.0.0.01"_s << 0;
    QTest::newRow("bare IPv6") << u"::1:8080"_s << false << u"brackets"_s << 0;
    QTest::newRow("unclosed bracket") << u"[::1:8080"_s << false << u"not closed"_s << 0;
    QTest::newRow("IPv6 without port") << u"[::1]"_s << false << u"port is missing"_s << 0;
    QTest::newRow("IPv4 in brackets") << u"[127.0.0.1]:80"_s << false << u"not an IPv6"_s << 0;
    QTest::newRow("scheme") << u"http://127.0.0.1:80"_s << false << u"\"http://\""_s << 0;
}

void TestHostPort::listenAddress()
{
    QFETCH(QString, text);
    QFETCH(bool, valid);
    QFETCH(QString, host);
    QFETCH(int, port);
    check(HostPort::parseListenAddress(text), valid, host, port);
}

void TestHostPort::upstream_data()
{
    addColumns();
    QTest::newRow("host:port") << u"127.0.0.1:5000"_s << true << u"127.0.0.1"_s << 5000;
    QTest::newRow("http://") << u"http://127.0.0.1:5000"_s << true << u"127.0.0.1"_s << 5000;
    QTest::newRow("HTTP:// upper case") << u"HTTP://localhost:5000"_s << true << u"localhost"_s << 5000;
    QTest::newRow("trailing slash") << u"http://localhost:5000/"_s << true << u"localhost"_s << 5000;
    QTest::newRow("host name") << u"backend.internal:8000"_s << true << u"backend.internal"_s << 8000;
    QTest::newRow("IPv6") << u"http://[::1]:8000"_s << true << u"::1"_s << 8000;
    QTest::newRow("port 0") << u"127.0.0.1:0"_s << false << u"from 1 to 65535"_s << 0;
    QTest::newRow("https") << u"https://localhost:5000"_s << false << u"only http://"_s << 0;
    QTest::newRow("path") << u"http://localhost:5000/api"_s << false << u"path"_s << 0;
    QTest::newRow("no port") << u"http://localhost"_s << false << u"port is missing"_s << 0;
    QTest::newRow("bad host name") << u"-bad-.example:80"_s << false << u"not a host name"_s << 0;
    QTest::newRow("space in host") << u"local host:80"_s << false << u"not a host name"_s << 0;
}

void TestHostPort::upstream()
{
    QFETCH(QString, text);
    QFETCH(bool, valid);
    QFETCH(QString, host);
    QFETCH(int, port);
    check(HostPort::parseUpstream(text), valid, host, port);
}

QTEST_GUILESS_MAIN(TestHostPort)
#include "tst_hostport.moc"
