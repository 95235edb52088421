// The recording proxy against a real HTTP/1.1 server (tests/targets/http/upstream.py): keep-alive,
// pipelining, streamed bodies both ways, 100-continue, HEAD, protocol switches, and every error it
// must answer itself (400, 408, 431, 502), with a record of each request's timing.

#include "HttpTestClient.h"
#include "capture/HttpProxy.h"
#include "core/MonotonicClock.h"

#include <QProcess>
#include <QTcpServer>
#include <QTest>

using namespace wpm;

class TestHttpProxy : public QObject {
    Q_OBJECT

private:
    QProcess m_upstream;
    quint16 m_upstreamPort = 0;
    HttpProxy* m_proxy = nullptr;
    QList<RequestRecord> m_records;
    QList<RequestRecord> m_started;
    QList<RequestRecord> m_upgraded;

    void discardProxy()
    {
        delete m_proxy;
        m_proxy = nullptr;
        // Records of the old proxy may still be queued to us: deliver them now, then forget them.
        QCoreApplication::sendPostedEvents(this);
        m_records.clear();
        m_started.clear();
        m_upgraded.clear();
    }

    bool startProxy(quint16 upstreamPort, int headerTimeoutMs = 30000)
    {
        discardProxy();
        m_proxy = new HttpProxy;
        connect(m_proxy, &HttpProxy::requestFinished, this,
            [this](const RequestRecord& record) { m_records.append(record); });
        connect(m_proxy, &HttpProxy::requestStarted, this,
            [this](const RequestRecord& record) { m_started.append(record); });
        connect(m_proxy, &HttpProxy::requestUpgraded, this,
            [this](const RequestRecord& record) { m_upgraded.append(record); });
        ProxyOptions options;
        options.upstreamPort = upstreamPort;
        options.headerTimeoutMs = headerTimeoutMs;
        options.maxHeaderBytes = 16 * 1024;
        const Status started = m_proxy->start(options);
        if (!started)
            qWarning() << started.error().message;
        return started.ok();
    }

    HttpTestClient* client()
    {
        auto* connection = new HttpTestClient;
        m_clients.append(connection);
        return connection->connectTo(m_proxy->port()) ? connection : nullptr;
    }
    QList<HttpTestClient*> m_clients;

private Q_SLOTS:
    void initTestCase()
    {
        m_upstream.start(QStringLiteral("/usr/bin/python3"), { QStringLiteral(WPM_HTTP_UPSTREAM) });
        QVERIFY(m_upstream.waitForReadyRead(10000));
        const QByteArray ready = m_upstream.readLine();
        QVERIFY2(ready.startsWith("ready port="), ready.constData());
        m_upstreamPort = quint16(ready.mid(11).trimmed().toUInt());
        QVERIFY(m_upstreamPort > 0);
    }

    void init() { QVERIFY(startProxy(m_upstreamPort)); }

    void cleanup()
    {
        qDeleteAll(m_clients);
        m_clients.clear();
        discardProxy();
    }

    void cleanupTestCase()
    {
        m_upstream.kill();
        m_upstream.waitForFinished();
    }

    void keepAliveRequestsAreTimedOneByOne()
    {
        HttpTestClient* c = client();
        QVERIFY(c);
        const qint64 before = monotonicNs();
        for (const char* target : { "/fast", "/slow?ms=200&x=y", "/fast" }) {
            c->send(QByteArray("GET ") + target + " HTTP/1.1\r\nHost: test\r\n\r\n");
            const HttpResponse response = c->read();
            QVERIFY(response.complete);
            QCOMPARE(response.status, 200);
        }
        QTRY_COMPARE(m_records.size(), 3);
        QCOMPARE(m_records[1].method, QStringLiteral("GET"));
        QCOMPARE(m_records[1].path, QStringLiteral("/slow"));
        QCOMPARE(m_records[1].query, QStringLiteral("ms=200&x=y"));
        QCOMPARE(m_records[1].status, 200);
        QVERIFY2(m_records[1].durationSeconds() >= 0.2, qPrintable(QString::number(m_records[1].durationSeconds())));
        QVERIFY(m_records[0].durationSeconds() < 0.2);
        QCOMPARE(m_records[0].connectionId, m_records[2].connectionId); // one connection, kept alive
        QVERIFY(m_records[0].startNs >= before && m_records[2].endNs <= monotonicNs());
        QVERIFY(m_records[0].upstreamLocalPort != 0);
        QVERIFY(m_records[0].startTime.isValid());
    }

    void pipelinedRequestsKeepTheirOrder()
    {
        HttpTestClient* c = client();
        QVERIFY(c);
        c->send("GET /slow?ms=100 HTTP/1.1\r\nHost: t\r\n\r\nGET /fast HTTP/1.1\r\nHost: t\r\n\r\n");
        const HttpResponse first = c->read();
        const HttpResponse second = c->read();
        QCOMPARE(first.body, QByteArray("slow"));
        QCOMPARE(second.body, QByteArray("ok"));
        QTRY_COMPARE(m_records.size(), 2);
        QCOMPARE(m_records[0].path, QStringLiteral("/slow"));
        QCOMPARE(m_records[1].path, QStringLiteral("/fast"));
    }

    void bodiesStreamBothWays()
    {
        HttpTestClient* c = client();
        QVERIFY(c);
        c->send("GET /chunked?n=50 HTTP/1.1\r\nHost: t\r\n\r\n");
        const HttpResponse chunked = c->read();
        QVERIFY(chunked.complete);
        QCOMPARE(chunked.body.count('x'), 5000);
        const QByteArray big(3 * 1024 * 1024, 'b');
        c->send(
            "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: " + QByteArray::number(big.size()) + "\r\n\r\n" + big);
        const HttpResponse echoed = c->read(20000);
        QCOMPARE(echoed.body, QByteArray::number(big.size()));
        c->send("POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n "
                "world\r\n0\r\n\r\n");
        QCOMPARE(c->read().body, QByteArray("11"));
        QTRY_COMPARE(m_records.size(), 3);
        QCOMPARE(m_records[0].responseBytes, 5000);
        QCOMPARE(m_records[1].requestBytes, big.size());
        QCOMPARE(m_records[2].requestBytes, 11);
    }

    void slowReaderGetsTheWholeResponse_data()
    {
        QTest::addColumn<QByteArray>("path");
        QTest::addColumn<char>("filler");
        QTest::addColumn<bool>("endedByClose");
        QTest::newRow("content-length") << QByteArray("/big?bytes=16000000") << 'x' << false;
        // The server's close arrives while most of the answer still waits in the proxy: it must not end it early.
        QTest::newRow("ended by close") << QByteArray("/no-length?bytes=16000000") << 'z' << true;
    }

    void slowReaderGetsTheWholeResponse()
    {
        QFETCH(QByteArray, path);
        QFETCH(char, filler);
        QFETCH(bool, endedByClose);
        HttpTestClient* c = client();
        QVERIFY(c);
        // Leave the rest in the kernel while not reading, in a small receive window: the 16 MB answer
        // then outgrows what the kernel holds on both ends, and the proxy must keep some and wait.
        c->socket().setSocketOption(QAbstractSocket::ReceiveBufferSizeSocketOption, 16 * 1024);
        c->socket().setReadBufferSize(64 * 1024);
        c->send("GET " + path + " HTTP/1.1\r\nHost: t\r\n\r\n");
        QTest::qWait(500); // the proxy has to hold back (and stop reading the server) meanwhile
        c->socket().setReadBufferSize(0);
        const HttpResponse response = c->read(20000);
        QVERIFY(response.complete);
        QCOMPARE(response.body.size(), 16'000'000);
        QCOMPARE(response.body.count(filler), 16'000'000);
        HttpTestClient* next = endedByClose ? client() : c; // reading resumed on both sides
        QVERIFY(next);
        next->send("GET /fast HTTP/1.1\r\nHost: t\r\n\r\n");
        QCOMPARE(next->read().body, QByteArray("ok"));
        QTRY_COMPARE(m_records.size(), 2);
        QCOMPARE(m_records[0].responseBytes, 16'000'000);
        QCOMPARE(m_records[0].status, 200);
        QVERIFY2(m_records[0].error.isEmpty(), qPrintable(m_records[0].error));
    }

    void clientLeavingMidwayIsRecorded()
    {
        HttpTestClient* c = client();
        QVERIFY(c);
        c->send("GET /slow?ms=300 HTTP/1.1\r\nHost: t\r\n\r\n");
        QTRY_COMPARE(m_started.size(), 1);
        c->socket().abort();
        QTRY_COMPARE(m_records.size(), 1);
        QCOMPARE(m_records[0].status, 0);
        QVERIFY(!m_records[0].error.isEmpty());
        HttpTestClient* other = client(); // the proxy itself carries on
        QVERIFY(other);
        other->send("GET /fast HTTP/1.1\r\nHost: t\r\n\r\n");
        QCOMPARE(other->read().body, QByteArray("ok"));
    }

    void expectContinueAndHead()
    {
        HttpTestClient* c = client();
        QVERIFY(c);
        c->send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n");
        const HttpResponse interim = c->read();
        QCOMPARE(interim.status, 100);
        c->send("data");
        const HttpResponse final = c->read();
        QCOMPARE(final.status, 200);
        QCOMPARE(final.body, QByteArray("4"));
        c->send("HEAD /fast HTTP/1.1\r\nHost: t\r\n\r\n");
        const HttpResponse head = c->read(10000, true);
        QCOMPARE(head.status, 200);
        c->send("GET /fast HTTP/1.1\r\nHost: t\r\n\r\n"); // the connection still works after a HEAD
        QCOMPARE(c->read().body, QByteArray("ok"));
        QTRY_COMPARE(m_records.size(), 3); // the 100 Continue is not a request of its own
        QCOMPARE(m_records[0].status, 200);
        QCOMPARE(m_records[1].method, QStringLiteral("HEAD"));
    }

    void protocolSwitchIsTunnelledUntimed()
    {
        HttpTestClient* c = client();
        QVERIFY(c);
        c->send("GET /ws HTTP/1.1\r\nHost: t\r\nConnection: Upgrade\r\nUpgrade: echo\r\n\r\n");
        QCOMPARE(c->read(10000, true).status, 101);
        c->send("raw bytes \x01\x02 not HTTP");
        QTRY_VERIFY(c->socket().bytesAvailable() >= 21 || c->socket().waitForReadyRead(100));
        QCOMPARE(c->socket().readAll(), QByteArray("raw bytes \x01\x02 not HTTP"));
        QTest::qWait(100);
        QVERIFY(m_records.isEmpty());
        // Started as a request, then no longer one: the capture engine stops waiting for its end.
        QCOMPARE(m_started.size(), 1);
        QCOMPARE(m_upgraded.size(), 1);
        QCOMPARE(m_upgraded.first().id, m_started.first().id);
        QCOMPARE(m_upgraded.first().path, QStringLiteral("/ws"));
    }

    void errorsTheProxyAnswersItself_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<int>("status");
        QTest::newRow("malformed") << QByteArray("NOT HTTP AT ALL\r\n\r\n") << 400;
        QTest::newRow("bad header") << QByteArray("GET / HTTP/1.1\r\nHost t\r\n\r\n") << 400;
        QTest::newRow("headers too large")
            << QByteArray("GET / HTTP/1.1\r\nHost: t\r\nX-Big: " + QByteArray(20000, 'a') + "\r\n\r\n") << 431;
    }

    void errorsTheProxyAnswersItself()
    {
        QFETCH(QByteArray, request);
        QFETCH(int, status);
        HttpTestClient* c = client();
        QVERIFY(c);
        c->send(request);
        const HttpResponse response = c->read();
        QCOMPARE(response.status, status);
        QVERIFY(response.head.contains("Connection: close"));
        QVERIFY(c->closedByPeer());
    }

    void unreachableServerIsA502NamingIt()
    {
        QTcpServer placeholder; // a port that surely refuses once closed
        QVERIFY(placeholder.listen(QHostAddress::LocalHost));
        const quint16 closedPort = placeholder.serverPort();
        placeholder.close();
        QVERIFY(startProxy(closedPort));
        HttpTestClient* c = client();
        QVERIFY(c);
        c->send("GET /fast HTTP/1.1\r\nHost: t\r\n\r\n");
        const HttpResponse response = c->read();
        QCOMPARE(response.status, 502);
        QVERIFY2(response.body.contains("127.0.0.1:" + QByteArray::number(closedPort)), response.body.constData());
        QTRY_COMPARE(m_records.size(), 1);
        QCOMPARE(m_records[0].status, 502);
    }

    void serverClosingMidwayIsHandled()
    {
        HttpTestClient* c = client();
        QVERIFY(c);
        c->send("GET /close-midway HTTP/1.1\r\nHost: t\r\n\r\n");
        const HttpResponse response = c->read(5000);
        QCOMPARE(response.status, 200);
        QVERIFY(!response.complete); // 10 of 100 bytes: the client sees the truncation
        QVERIFY(c->closedByPeer());
        QTRY_COMPARE(m_records.size(), 1);
        QCOMPARE(m_records[0].status, 0);
        QVERIFY(!m_records[0].error.isEmpty());

        HttpTestClient* other = client(); // the proxy itself carries on
        QVERIFY(other);
        other->send("GET /no-length HTTP/1.1\r\nHost: t\r\n\r\n");
        const HttpResponse unbounded = other->read();
        QVERIFY(unbounded.complete);
        QCOMPARE(unbounded.body.size(), 500);
        QTRY_COMPARE(m_records.size(), 2);
        QCOMPARE(m_records[1].status, 200);
    }

    void slowClientTimesOut()
    {
        QVERIFY(startProxy(m_upstreamPort, 300));
        HttpTestClient* c = client();
        QVERIFY(c);
        c->send("GET /fast HTTP/1.1\r\nHo");
        const HttpResponse response = c->read(3000);
        QCOMPARE(response.status, 408);
        QVERIFY(c->closedByPeer());
    }

    void addressInUseIsAClearError()
    {
        QTcpServer taken;
        QVERIFY(taken.listen(QHostAddress::LocalHost));
        HttpProxy proxy;
        ProxyOptions options;
        options.listenPort = taken.serverPort();
        options.upstreamPort = m_upstreamPort;
        const Status started = proxy.start(options);
        QVERIFY(!started.ok());
        QVERIFY(started.error().message.contains(QString::number(taken.serverPort())));
        QVERIFY(!proxy.isRunning());
    }
};

QTEST_GUILESS_MAIN(TestHttpProxy)
#include "tst_httpproxy.moc"
