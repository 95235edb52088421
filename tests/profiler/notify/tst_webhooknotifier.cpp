// The webhook notifier against a loopback server: the Slack/Mattermost incoming-webhook JSON, server
// errors, a server that is down and one that never answers (the timeout is honoured).

#include "NotifyTestSupport.h"
#include "notify/WebhookNotifier.h"

#include <QElapsedTimer>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace wpm;
using namespace wpm::test;

class TestWebhookNotifier : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void postsTextAsJson_data();
    void postsTextAsJson();
    void serverErrorIsTransientClientErrorIsNot();
    void serverDownIsTransient();
    void silentServerTimesOut();

private:
    bool startServer(const QString& behaviour);
    DeliveryResult send(const QString& url, const QString& format = u"markdown"_s,
        std::chrono::milliseconds timeout = std::chrono::seconds(10));

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<LoopbackServer> m_server;
    NotificationPayload m_payload;
};

void TestWebhookNotifier::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_server = std::make_unique<LoopbackServer>();
    m_payload = makePayload(QDir(m_dir->path()));
}

bool TestWebhookNotifier::startServer(const QString& behaviour)
{
    return m_server->start(
        u"http_recorder.py"_s, { u"--record"_s, m_dir->filePath(u"calls.jsonl"_s), u"--behaviour"_s, behaviour });
}

DeliveryResult TestWebhookNotifier::send(const QString& url, const QString& format, std::chrono::milliseconds timeout)
{
    WebhookNotifier notifier(NotifierOptions({ { u"url"_s, url }, { u"format"_s, format } }));
    return notifier.send(m_payload, { timeout, nullptr });
}

void TestWebhookNotifier::postsTextAsJson_data()
{
    QTest::addColumn<QString>("format");
    QTest::addColumn<bool>("wholeReport");
    QTest::newRow("markdown") << u"markdown"_s << true;
    QTest::newRow("text") << u"text"_s << false;
}

void TestWebhookNotifier::postsTextAsJson()
{
    QFETCH(QString, format);
    QFETCH(bool, wholeReport);
    QVERIFY2(startServer(u"ok"_s), qPrintable(m_server->error()));
    const DeliveryResult result = send(m_server->url(u"/hook"_s), format);
    QVERIFY2(result.ok(), qPrintable(result.message));
    const QList<QJsonObject> calls = recordedCalls(m_dir->filePath(u"calls.jsonl"_s));
    QCOMPARE(calls.size(), 1);
    QCOMPARE(calls[0][u"status"_s].toInt(), 200);
    QVERIFY(calls[0][u"content_type"_s].toString().startsWith(u"application/json"_s));
    const QString text = calls[0][u"json"_s][u"text"_s].toString();
    QCOMPARE(text == m_payload.markdown, wholeReport);
    QVERIFY2(text.contains(u"GET /api/users"_s), qPrintable(text));
    if (!wholeReport)
        QVERIFY2(text.contains(u"2.345 s (threshold 1 s)"_s) && text.contains(u"r-42"_s), qPrintable(text));
}

void TestWebhookNotifier::serverErrorIsTransientClientErrorIsNot()
{
    QVERIFY2(startServer(u"status:503"_s), qPrintable(m_server->error()));
    DeliveryResult result = send(m_server->url(u"/hook"_s));
    QCOMPARE(result.state, DeliveryResult::State::TransientFailure);
    QVERIFY2(result.message.contains(u"HTTP 503"_s), qPrintable(result.message));
    m_server->stop();
    QVERIFY2(startServer(u"status:404"_s), qPrintable(m_server->error()));
    result = send(m_server->url(u"/hook"_s));
    QCOMPARE(result.state, DeliveryResult::State::PermanentFailure);
    QVERIFY2(result.message.contains(u"HTTP 404"_s), qPrintable(result.message));
}

void TestWebhookNotifier::serverDownIsTransient()
{
    const DeliveryResult result = send(u"http://127.0.0.1:%1/hook"_s.arg(closedPort()));
    QCOMPARE(result.state, DeliveryResult::State::TransientFailure);
    QVERIFY2(result.message.contains(u"could not connect"_s), qPrintable(result.message));
}

void TestWebhookNotifier::silentServerTimesOut()
{
    QVERIFY2(startServer(u"hang"_s), qPrintable(m_server->error()));
    QElapsedTimer clock;
    clock.start();
    const DeliveryResult result = send(m_server->url(u"/hook"_s), u"markdown"_s, std::chrono::milliseconds(800));
    const qint64 elapsed = clock.elapsed();
    QCOMPARE(result.state, DeliveryResult::State::TransientFailure);
    QVERIFY2(result.message.contains(u"no answer within 0.8 s"_s), qPrintable(result.message));
    // libcurl rounds elapsed time up to whole milliseconds, so its timer may end up to 1 ms before ours.
    QVERIFY2(elapsed >= 798 && elapsed < 2500, qPrintable(QString::number(elapsed)));
    QCOMPARE(recordedCalls(m_dir->filePath(u"calls.jsonl"_s)).size(), 1); // it did reach the server
}

QTEST_GUILESS_MAIN(TestWebhookNotifier)
#include "tst_webhooknotifier.moc"
