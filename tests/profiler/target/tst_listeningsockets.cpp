// ListeningSockets: decoding /proc/net/tcp{,6} and finding the ports a real process listens on.

#include "target/ListeningSockets.h"

#include <QTcpServer>
#include <QTest>

#include <unistd.h>

using namespace wpm;

class TestListeningSockets : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void decodesTheKernelsTables()
    {
        // The kernel prints each 32-bit word of an address as a host-order number in hex.
        const QByteArray tcp
            = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n"
              "   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4242 1\n"
              "   1: 0100007F:1F91 0100007F:C350 01 00000000:00000000 00:00000000 00000000     0        0 4243 1\n"
              "   2: 00000000:0050 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4244 1\n";
        const auto ipv4 = parseListeningTable(tcp, false);
        QCOMPARE(ipv4.size(), 2); // the established connection (st 01) is left out
        QCOMPARE(ipv4[0].first, 4242u);
        QCOMPARE(ipv4[0].second.host, QStringLiteral("127.0.0.1"));
        QCOMPARE(ipv4[0].second.port, 8080);
        QCOMPARE(ipv4[1].second.host, QStringLiteral("0.0.0.0"));
        QCOMPARE(ipv4[1].second.port, 80);

        const QByteArray tcp6 = "  sl  local_address header\n"
                                "   0: 00000000000000000000000001000000:1F90 00000000000000000000000000000000:0000 0A "
                                "00000000:00000000 00:00000000 00000000     0        0 777 1\n";
        const auto ipv6 = parseListeningTable(tcp6, true);
        QCOMPARE(ipv6.size(), 1);
        QCOMPARE(ipv6[0].second.host, QStringLiteral("::1"));
        QCOMPARE(ipv6[0].second.port, 8080);
    }

    void findsThePortsOfARealProcess()
    {
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost));
        const QList<ListeningSocket> sockets = listeningSockets(getpid(), false);
        const bool found = std::any_of(sockets.begin(), sockets.end(), [&](const ListeningSocket& socket) {
            return socket.port == server.serverPort() && socket.host == QStringLiteral("127.0.0.1")
                && socket.pid == getpid();
        });
        QVERIFY(found);
        QVERIFY(listeningSockets(999999999).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestListeningSockets)
#include "tst_listeningsockets.moc"
