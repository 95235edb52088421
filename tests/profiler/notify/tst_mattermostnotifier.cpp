// The Mattermost notifier against a loopback server that enforces the REST API v4 contract: Bearer
// token, multipart channel_id + files, JSON channel_id + message + file_ids linked to the upload.

#include "NotifyTestSupport.h"
#include "notify/MattermostNotifier.h"

#include <QJsonArray>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace wpm;
using namespace wpm::test;

class TestMattermostNotifier : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void uploadsZipThenPostsWithItsId();
    void refusalsEachSayWhatToDo_data();
    void refusalsEachSayWhatToDo();
    void serverErrorIsTransient();
    void serverDownIsTransient();

private:
    bool startServer(const QStringList& extra = {});
    MattermostNotifier notifier(const QString& token = u"tok-123"_s, const QString& channel = u"chan-1"_s) const;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<LoopbackServer> m_server;
    QString m_record;
};

void TestMattermostNotifier::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_server = std::make_unique<LoopbackServer>();
    m_record = m_dir->filePath(u"calls.jsonl"_s);
}

bool TestMattermostNotifier::startServer(const QStringList& extra)
{
    QDir(m_dir->path()).mkdir(u"received"_s);
    return m_server->start(u"http_recorder.py"_s,
        QStringList { u"--record"_s, m_record, u"--token"_s, u"tok-123"_s, u"--channel"_s, u"chan-1"_s,
            u"--files-dir"_s, m_dir->filePath(u"received"_s) }
            + extra);
}

MattermostNotifier TestMattermostNotifier::notifier(const QString& token, const QString& channel) const
{
    return MattermostNotifier(NotifierOptions({ { u"server_url"_s, m_server->url(u"/"_s) }, { u"token"_s, token },
        { u"channel_id"_s, channel }, { u"format"_s, u"markdown"_s } }));
}

void TestMattermostNotifier::uploadsZipThenPostsWithItsId()
{
    QVERIFY2(startServer(), qPrintable(m_server->error()));
    const NotificationPayload payload = makePayload(QDir(m_dir->path()));
    const DeliveryResult result = notifier().send(payload, {});
    QVERIFY2(result.ok(), qPrintable(result.message));
    QCOMPARE(result.message, u"post post1"_s);

    const QList<QJsonObject> calls = recordedCalls(m_record);
    QCOMPARE(calls.size(), 2);
    QCOMPARE(calls[0][u"path"_s].toString(), u"/api/v4/files"_s);
    QCOMPARE(calls[0][u"status"_s].toInt(), 201);
    QCOMPARE(calls[0][u"authorization"_s].toString(), u"Bearer tok-123"_s);
    QCOMPARE(calls[0][u"fields"_s][u"channel_id"_s].toString(), u"chan-1"_s);
    QCOMPARE(calls[0][u"files"_s][u"files"_s][u"filename"_s].toString(), u"r-42.zip"_s);
    QCOMPARE(calls[1][u"path"_s].toString(), u"/api/v4/posts"_s);
    QCOMPARE(calls[1][u"status"_s].toInt(), 201);
    QCOMPARE(calls[1][u"json"_s][u"file_ids"_s].toArray(), QJsonArray { u"file1"_s });
    QCOMPARE(calls[1][u"json"_s][u"message"_s].toString(), payload.markdown);
    // What arrived is the very zip, entries intact.
    QCOMPARE(zipEntries(m_dir->filePath(u"received/file1-r-42.zip"_s)), (QStringList { u"r-42.html"_s, u"r-42.md"_s }));
}

void TestMattermostNotifier::refusalsEachSayWhatToDo_data()
{
    QTest::addColumn<QString>("token");
    QTest::addColumn<QString>("channel");
    QTest::addColumn<QStringList>("serverArguments");
    QTest::addColumn<QString>("expected");
    QTest::newRow("401 bad token") << u"wrong"_s << u"chan-1"_s << QStringList {} << u"token was refused (HTTP 401)"_s;
    QTest::newRow("403 other channel") << u"tok-123"_s << u"chan-2"_s << QStringList {}
                                       << u"may not post in channel \"chan-2\" (HTTP 403)"_s;
    QTest::newRow("413 zip too large") << u"tok-123"_s << u"chan-1"_s << QStringList { u"--max-file-bytes"_s, u"10"_s }
                                       << u"too large (HTTP 413)"_s;
    QTest::newRow("other 4xx") << u"tok-123"_s << u"chan-1"_s << QStringList { u"--behaviour"_s, u"status:400"_s }
                               << u"HTTP 400"_s;
}

void TestMattermostNotifier::refusalsEachSayWhatToDo()
{
    QFETCH(QString, token);
    QFETCH(QString, channel);
    QFETCH(QStringList, serverArguments);
    QFETCH(QString, expected);
    QVERIFY2(startServer(serverArguments), qPrintable(m_server->error()));
    const DeliveryResult result = notifier(token, channel).send(makePayload(QDir(m_dir->path())), {});
    QCOMPARE(result.state, DeliveryResult::State::PermanentFailure);
    QVERIFY2(result.message.contains(expected), qPrintable(result.message));
    QVERIFY2(!result.message.contains(token) || token == u"tok-123"_s, qPrintable(result.message));
    QCOMPARE(recordedCalls(m_record).size(), 1); // the post is never tried after a failed upload
}

void TestMattermostNotifier::serverErrorIsTransient()
{
    QVERIFY2(startServer({ u"--behaviour"_s, u"status:500"_s }), qPrintable(m_server->error()));
    const DeliveryResult result = notifier().send(makePayload(QDir(m_dir->path())), {});
    QCOMPARE(result.state, DeliveryResult::State::TransientFailure);
    QVERIFY2(result.message.contains(u"HTTP 500"_s), qPrintable(result.message));
}

void TestMattermostNotifier::serverDownIsTransient()
{
    const MattermostNotifier down(NotifierOptions({ { u"server_url"_s, u"http://127.0.0.1:%1"_s.arg(closedPort()) },
        { u"token"_s, u"t"_s }, { u"channel_id"_s, u"c"_s }, { u"format"_s, u"markdown"_s } }));
    const DeliveryResult result = MattermostNotifier(down).send(makePayload(QDir(m_dir->path())), {});
    QCOMPARE(result.state, DeliveryResult::State::TransientFailure);
    QVERIFY2(result.message.contains(u"could not connect"_s), qPrintable(result.message));
}

QTEST_GUILESS_MAIN(TestMattermostNotifier)
#include "tst_mattermostnotifier.moc"
