// Tests for the endpoint a request counts as, for de-duplication: ids collapsed, words kept.

#include "history/EndpointPattern.h"

#include <QTest>

using namespace wpm;

class TestEndpointPattern : public QObject {
    Q_OBJECT

private slots:
    void patterns_data();
    void patterns();
    void longPathIsBounded();
};

void TestEndpointPattern::patterns_data()
{
    QTest::addColumn<QString>("method");
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("expected");
    QTest::newRow("number") << "GET"
                            << "/users/42"
                            << "GET /users/{id}";
    QTest::newRow("query dropped") << "GET"
                                   << "/users/43?page=2#top"
                                   << "GET /users/{id}";
    QTest::newRow("two ids") << "post"
                             << "/users/7/orders/19"
                             << "POST /users/{id}/orders/{id}";
    QTest::newRow("uuid") << "DELETE"
                          << "/items/123e4567-e89b-12d3-a456-426614174000"
                          << "DELETE /items/{id}";
    QTest::newRow("hex id") << "GET"
                            << "/commits/9fceb02d0ae598e95dc970b74767f19372d61af8"
                            << "GET /commits/{id}";
    QTest::newRow("hex word kept") << "GET"
                                   << "/api/deadbeefcafe"
                                   << "GET /api/deadbeefcafe";
    QTest::newRow("short hex kept") << "GET"
                                    << "/colour/ff00aa"
                                    << "GET /colour/ff00aa";
    QTest::newRow("mixed kept") << "GET"
                                << "/v2/users"
                                << "GET /v2/users";
    QTest::newRow("root") << "GET"
                          << "/"
                          << "GET /";
    QTest::newRow("empty") << "GET"
                           << ""
                           << "GET /";
    QTest::newRow("trailing slash") << "GET"
                                    << "/users/5/"
                                    << "GET /users/{id}/";
    QTest::newRow("doubled slashes") << "GET"
                                     << "//users//5"
                                     << "GET /users/{id}";
    QTest::newRow("method sanitized") << "G<E>T"
                                      << "/a"
                                      << "GET /a";
}

void TestEndpointPattern::patterns()
{
    QFETCH(QString, method);
    QFETCH(QString, url);
    QFETCH(QString, expected);
    QCOMPARE(endpointPattern(method, url), expected);
}

void TestEndpointPattern::longPathIsBounded()
{
    const QString pattern = endpointPattern(QStringLiteral("GET"), QStringLiteral("/segment").repeated(1000));
    QVERIFY2(pattern.size() <= 300, qPrintable(QString::number(pattern.size())));
    QVERIFY(pattern.startsWith(QLatin1String("GET /segment/segment")));
}

QTEST_GUILESS_MAIN(TestEndpointPattern)
#include "tst_endpointpattern.moc"
