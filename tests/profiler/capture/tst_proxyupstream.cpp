// The recording proxy's way to its server when the server's name has several addresses: a real
// server listening only on IPv6 loopback, named `localhost`, which resolves to 127.0.0.1 first and
// ::1 second. The proxy must pass the refused 127.0.0.1 by, keep ::1 for later connections, and name
// every address it tried in a 502.
//
// Where /etc/hosts maps localhost to 127.0.0.1 only (as on many containers), the test runs itself
// again in a private mount namespace whose /etc/hosts maps it to both (root and unshare(1) needed):
// the resolver the proxy uses is the machine's own, only the file differs.

#include "HttpTestClient.h"
#include "capture/HttpProxy.h"
#include "capture/SocketAddress.h"

#include <QProcess>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

using namespace wpm;

namespace {

constexpr const char* kPrivateHostsVariable = "WPM_TEST_PRIVATE_HOSTS";

bool localhostResolvesToBothFamilies(quint16 port)
{
    const Result<QList<SocketAddress>> addresses = SocketAddress::resolve(QStringLiteral("localhost"), port);
    if (!addresses || addresses->size() < 2)
        return false;
    return addresses->first().toString() == QStringLiteral("127.0.0.1:%1").arg(port)
        && addresses->at(1).toString() == QStringLiteral("[::1]:%1").arg(port);
}

// Whether nothing listens on the port of either loopback address (connecting is refused).
bool refusedOnBoth(quint16 port)
{
    for (const QHostAddress& address :
        { QHostAddress(QHostAddress::LocalHost), QHostAddress(QHostAddress::LocalHostIPv6) }) {
        QTcpSocket probe;
        probe.connectToHost(address, port);
        if (probe.waitForConnected(2000) || probe.error() != QAbstractSocket::ConnectionRefusedError)
            return false;
    }
    return true;
}

} // namespace

class TestProxyUpstream : public QObject {
    Q_OBJECT

private:
    QProcess m_upstream; // listens on [::1] only
    quint16 m_upstreamPort = 0;
    bool m_hasIpv6Loopback = false;
    QList<RequestRecord> m_records;

    bool startProxy(HttpProxy& proxy, quint16 upstreamPort)
    {
        connect(&proxy, &HttpProxy::requestFinished, this,
            [this](const RequestRecord& record) { m_records.append(record); });
        ProxyOptions options;
        options.upstreamHost = QStringLiteral("localhost");
        options.upstreamPort = upstreamPort;
        const Status started = proxy.start(options);
        if (!started)
            qWarning() << started.error().message;
        return started.ok();
    }

    // Runs the current test function again with localhost mapped to both addresses by a private
    // /etc/hosts, and passes on its verdict; skips where a mount namespace cannot be made.
    void runWithPrivateHosts()
    {
        if (qEnvironmentVariableIsSet(kPrivateHostsVariable))
            QFAIL("localhost does not resolve to 127.0.0.1 and ::1 even with the private /etc/hosts");
        const QString unshare = QStandardPaths::findExecutable(QStringLiteral("unshare"));
        if (::geteuid() != 0 || unshare.isEmpty()
            || QProcess::execute(unshare, { QStringLiteral("--mount"), QStringLiteral("true") }) != 0)
            QSKIP("localhost resolves to 127.0.0.1 only here, and a mount namespace with an /etc/hosts that maps "
                  "it to ::1 too needs root and unshare(1) (util-linux)");
        QTemporaryDir dir;
        QFile hosts(dir.filePath(QStringLiteral("hosts")));
        QVERIFY(hosts.open(QIODevice::WriteOnly));
        hosts.write("127.0.0.1 localhost\n::1 localhost\n");
        hosts.close();
        QProcess again;
        again.setProcessChannelMode(QProcess::MergedChannels);
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QString::fromLatin1(kPrivateHostsVariable), QStringLiteral("1"));
        again.setProcessEnvironment(environment);
        again.start(unshare,
            { QStringLiteral("--mount"), QStringLiteral("sh"), QStringLiteral("-c"),
                QStringLiteral("mount --bind \"$1\" /etc/hosts && exec \"$2\" \"$3\""), QStringLiteral("sh"),
                hosts.fileName(), QCoreApplication::applicationFilePath(),
                QString::fromLatin1(QTest::currentTestFunction()) });
        QVERIFY(again.waitForFinished(60000));
        const QByteArray output = again.readAll();
        QVERIFY2(again.exitStatus() == QProcess::NormalExit && again.exitCode() == 0, output.constData());
        QVERIFY2(!output.contains("SKIP"), output.constData());
        qInfo("ran with a private /etc/hosts mapping localhost to 127.0.0.1 and ::1");
    }

private Q_SLOTS:
    void initTestCase()
    {
        QTcpServer probe;
        m_hasIpv6Loopback = probe.listen(QHostAddress::LocalHostIPv6);
        if (!m_hasIpv6Loopback)
            return; // each test skips, saying why
        probe.close();
        m_upstream.start(
            QStringLiteral("/usr/bin/python3"), { QStringLiteral(WPM_HTTP_UPSTREAM), QStringLiteral("::1") });
        QVERIFY(m_upstream.waitForReadyRead(10000));
        const QByteArray ready = m_upstream.readLine();
        QVERIFY2(ready.startsWith("ready port="), ready.constData());
        m_upstreamPort = quint16(ready.mid(11).trimmed().toUInt());
        QVERIFY(m_upstreamPort > 0);
    }

    void init()
    {
        if (!m_hasIpv6Loopback)
            QSKIP("this machine has no IPv6 loopback (::1)");
        m_records.clear();
    }

    void cleanupTestCase()
    {
        m_upstream.kill();
        m_upstream.waitForFinished();
    }

    void refusedAddressIsPassedAndTheAnsweringOneKept()
    {
        if (!localhostResolvesToBothFamilies(m_upstreamPort)) {
            runWithPrivateHosts();
            return;
        }
        QTcpSocket ipv4;
        ipv4.connectToHost(QHostAddress::LocalHost, m_upstreamPort);
        QVERIFY2(!ipv4.waitForConnected(2000) && ipv4.error() == QAbstractSocket::ConnectionRefusedError,
            "the first address must refuse for this test: something listens on 127.0.0.1 at the server's port");
        HttpProxy proxy;
        QVERIFY(startProxy(proxy, m_upstreamPort));
        HttpTestClient first;
        QVERIFY(first.connectTo(proxy.port()));
        // Sent at once: it may wait in the proxy while 127.0.0.1 refuses, and must reach ::1 whole.
        first.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\n\r\nhello");
        const HttpResponse echoed = first.read();
        QCOMPARE(echoed.status, 200);
        QCOMPARE(echoed.body, QByteArray("5"));

        // Now something listens on 127.0.0.1 at that port (never answering): a proxy that went
        // back to the first address would hang there instead of using ::1, which answered.
        QTcpServer decoy;
        QVERIFY(decoy.listen(QHostAddress::LocalHost, m_upstreamPort));
        HttpTestClient second;
        QVERIFY(second.connectTo(proxy.port()));
        second.send("GET /fast HTTP/1.1\r\nHost: t\r\n\r\n");
        const HttpResponse fast = second.read(5000);
        QCOMPARE(fast.status, 200);
        QCOMPARE(fast.body, QByteArray("ok"));
        QVERIFY(!decoy.waitForNewConnection(0));
        QTRY_COMPARE(m_records.size(), 2);
        QCOMPARE(m_records[0].status, 200);
        QCOMPARE(m_records[0].requestBytes, 5);
        QVERIFY(m_records[1].upstreamLocalPort != 0);
    }

    void everyRefusedAddressIsNamedInThe502()
    {
        QTcpServer placeholder; // a port that surely refuses once closed, on both addresses
        QVERIFY(placeholder.listen(QHostAddress::Any));
        const quint16 closedPort = placeholder.serverPort();
        placeholder.close();
        QVERIFY(refusedOnBoth(closedPort));
        if (!localhostResolvesToBothFamilies(closedPort)) {
            runWithPrivateHosts();
            return;
        }
        HttpProxy proxy;
        QVERIFY(startProxy(proxy, closedPort));
        HttpTestClient client;
        QVERIFY(client.connectTo(proxy.port()));
        client.send("GET /fast HTTP/1.1\r\nHost: t\r\n\r\n");
        const HttpResponse response = client.read();
        QCOMPARE(response.status, 502);
        const QByteArray port = QByteArray::number(closedPort);
        QVERIFY2(response.body.contains("localhost:" + port), response.body.constData());
        QVERIFY2(response.body.contains("127.0.0.1:" + port), response.body.constData());
        QVERIFY2(response.body.contains("[::1]:" + port), response.body.constData());
        QTRY_COMPARE(m_records.size(), 1);
        QCOMPARE(m_records[0].status, 502);
    }
};

QTEST_GUILESS_MAIN(TestProxyUpstream)
#include "tst_proxyupstream.moc"
