// Notifier types and their options: the registry makes built-ins with defaults filled in, takes a new type
// as one entry, and names the entry, option, value and accepted values in every complaint.

#include "NotifyTestSupport.h"
#include "notify/NotificationText.h"
#include "notify/NotifierRegistry.h"
#include "notify/SecretStore.h"

#include <QJsonArray>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace wpm;
using namespace wpm::test;

namespace {

// A channel added the way a new built-in would be: one class, one add<T>().
class RecordingNotifier : public Notifier {
public:
    explicit RecordingNotifier(const NotifierOptions& options)
        : m_prefix(options.text(u"prefix"_s))
    {
    }
    static QString type() { return u"recording"_s; }
    static QList<NotifierOption> options()
    {
        return { { u"prefix"_s, NotifierOption::Kind::OptionalText, false, u"[slow]"_s, {}, "" } };
    }
    DeliveryResult send(const NotificationPayload& payload, const SendLimits&) override
    {
        return DeliveryResult::sent(m_prefix + u' ' + payload.title);
    }

private:
    QString m_prefix;
};

} // namespace

class TestNotifierOptions : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void builtInsAreTheFourChannels();
    void newTypeIsOneClass();
    void defaultsAreFilledIn();
    void problemsNameEntryOptionValueAndAccepted_data();
    void problemsNameEntryOptionValueAndAccepted();
    void missingSecretSaysHowToStoreIt();
    void longMarkdownIsCutWithANote();
    void subjectIsEncodedWhenNotAscii();
};

void TestNotifierOptions::builtInsAreTheFourChannels()
{
    QCOMPARE(
        NotifierRegistry::builtIn().names(), (QStringList { u"mattermost"_s, u"email"_s, u"webhook"_s, u"command"_s }));
    for (const NotifierType& type : NotifierRegistry::builtIn().types()) {
        for (const NotifierOption& option : type.options)
            QVERIFY2(qstrlen(option.description) > 0, qPrintable(type.name + u' ' + option.name));
    }
}

void TestNotifierOptions::newTypeIsOneClass()
{
    NotifierRegistry registry;
    registry.add<RecordingNotifier>();
    QTemporaryDir dir;
    Result<std::unique_ptr<Notifier>> made
        = registry.create({ u"recording"_s, {} }, SecretStore(dir.filePath(u"s.json"_s)), u"notice_list[0]"_s);
    QVERIFY(made.ok());
    NotificationPayload payload;
    payload.title = u"GET /x"_s;
    QCOMPARE((*made)->send(payload, {}).message, u"[slow] GET /x"_s);
    const Result<std::unique_ptr<Notifier>> unknown
        = registry.create({ u"pager"_s, {} }, SecretStore(dir.filePath(u"s.json"_s)), u"notice_list[1]"_s);
    QVERIFY(!unknown.ok());
    QVERIFY2(unknown.error().message.contains(u"known types: recording"_s), qPrintable(unknown.error().message));
}

void TestNotifierOptions::defaultsAreFilledIn()
{
    const QList<NotifierOption> email = NotifierRegistry::builtIn().find(u"email"_s)->options;
    const QJsonObject filled = NotifierOptionCheck::withDefaults({ { u"smtp_host"_s, u"mx"_s } }, email);
    QCOMPARE(filled.value(u"smtp_port"_s).toInt(), 587);
    QCOMPARE(filled.value(u"use_tls"_s).toBool(), true);
    QCOMPARE(filled.value(u"use_ssl"_s).toBool(), false);
    QCOMPARE(filled.value(u"format"_s).toString(), u"html"_s);
    QCOMPARE(filled.value(u"subject_prefix"_s).toString(), u"[Performance Alert]"_s);
    QVERIFY(!filled.contains(u"username"_s));
}

void TestNotifierOptions::problemsNameEntryOptionValueAndAccepted_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QJsonObject>("options");
    QTest::addColumn<QString>("expected");
    const QJsonObject mattermost { { u"server_url"_s, u"https://m.example"_s }, { u"channel_id"_s, u"c"_s } };
    QJsonObject badUrl = mattermost;
    badUrl.insert(u"server_url"_s, u"ftp://m.example"_s);
    QTest::newRow("url scheme")
        << u"mattermost"_s << badUrl
        << u"notice_list[3] (mattermost): \"server_url\" is \"ftp://m.example\"; expected an http:// or https:// URL"_s;
    QJsonObject emptyChannel = mattermost;
    emptyChannel.insert(u"channel_id"_s, u" "_s);
    QTest::newRow("empty text")
        << u"mattermost"_s << emptyChannel
        << u"notice_list[3] (mattermost): \"channel_id\" is \" \"; expected a non-empty string"_s;
    QJsonObject literalSecret = mattermost;
    literalSecret.insert(u"token"_s, u""_s);
    QTest::newRow("empty secret masked") << u"mattermost"_s << literalSecret
                                         << u"notice_list[3] (mattermost): \"token\" is \"********\""_s;
    const QJsonObject email { { u"smtp_host"_s, u"mx"_s }, { u"sender"_s, u"a@x"_s },
        { u"recipients"_s, QJsonArray {} }, { u"use_tls"_s, u"yes"_s } };
    QTest::newRow("empty list") << u"email"_s << email
                                << u"\"recipients\" is []; expected a non-empty array of non-empty strings"_s;
    QTest::newRow("flag as text") << u"email"_s << email << u"\"use_tls\" is \"yes\"; expected true or false"_s;
    QJsonObject caFile { { u"smtp_host"_s, u"mx"_s }, { u"sender"_s, u"a@x"_s },
        { u"recipients"_s, QJsonArray { u"b@x"_s } }, { u"ca_file"_s, u"/no/such/ca.pem"_s } };
    QTest::newRow("missing file") << u"email"_s << caFile
                                  << u"\"ca_file\" is \"/no/such/ca.pem\"; expected the path of a readable file"_s;
    QTest::newRow("unknown option listed")
        << u"webhook"_s << QJsonObject { { u"url"_s, u"https://h.example"_s }, { u"channel"_s, u"x"_s } }
        << u"has an unknown option \"channel\"; webhook accepts url, format"_s;
}

void TestNotifierOptions::problemsNameEntryOptionValueAndAccepted()
{
    QFETCH(QString, type);
    QFETCH(QJsonObject, options);
    QFETCH(QString, expected);
    const QStringList problems = NotifierOptionCheck::problems(
        u"notice_list[3]"_s, type, options, NotifierRegistry::builtIn().find(type)->options);
    QVERIFY2(problems.join(u'\n').contains(expected), qPrintable(problems.join(u'\n')));
}

void TestNotifierOptions::missingSecretSaysHowToStoreIt()
{
    // A file saved by the workbench leaves the token out: loading accepts it, making the notifier does not.
    const QJsonObject saved { { u"server_url"_s, u"https://m.example"_s }, { u"channel_id"_s, u"c"_s } };
    QVERIFY(NotifierOptionCheck::problems(
        u"notice_list[0]"_s, u"mattermost"_s, saved, NotifierRegistry::builtIn().find(u"mattermost"_s)->options)
                .isEmpty());
    QTemporaryDir dir;
    const Result<std::unique_ptr<Notifier>> made = NotifierRegistry::builtIn().create(
        { u"mattermost"_s, saved }, SecretStore(dir.filePath(u"s.json"_s)), u"notice_list[2]"_s);
    QVERIFY(!made.ok());
    QVERIFY2(made.error().message.contains(u"notice_list[2] (mattermost) has no \"token\"; store it with: "
                                           u"web-perfmonitor notify set-secret NAME"_s),
        qPrintable(made.error().message));
}

void TestNotifierOptions::longMarkdownIsCutWithANote()
{
    NotificationPayload payload;
    payload.markdown = QString(20000, u'x');
    const QString message = NotificationText::message(payload, u"markdown"_s, 16000);
    QCOMPARE(message.size(), 16000);
    QVERIFY(message.endsWith(u"the full report is in the attached zip)"_s));
    QCOMPARE(NotificationText::message(payload, u"markdown"_s, 30000), payload.markdown);
}

void TestNotifierOptions::subjectIsEncodedWhenNotAscii()
{
    NotificationPayload payload;
    payload.title = u"GET /a took 2 s"_s;
    QCOMPARE(NotificationText::subjectHeader(u"[Perf]"_s, payload), QByteArray("Subject: [Perf] GET /a took 2 s"));
    const QByteArray encoded = NotificationText::subjectHeader(u"[性能告警]"_s, payload);
    QVERIFY(encoded.startsWith("Subject: =?UTF-8?B?"));
    QCOMPARE(QByteArray::fromBase64(encoded.mid(19).chopped(2)), u"[性能告警] GET /a took 2 s"_s.toUtf8());
}

QTEST_GUILESS_MAIN(TestNotifierOptions)
#include "tst_notifieroptions.moc"
