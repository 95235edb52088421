// The e-mail notifier against a real SMTP server (python3-aiosmtpd) on loopback: AUTH, STARTTLS and
// implicit TLS with a throw-away certificate made here by openssl, the MIME message as Python's e-mail
// parser reads it (headers, body, the zip attachment and its entries) and the failures that need a human.

#include "NotifyTestSupport.h"
#include "notify/EmailNotifier.h"

#include <QJsonArray>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace wpm;
using namespace wpm::test;

class TestEmailNotifier : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void htmlMailWithAuthAndZip();
    void textMailOverStartTls();
    void implicitTls();
    void untrustedCertificateIsRefused();
    void wrongPasswordIsPermanent();
    void missingStartTlsIsPermanent();
    void serverDownIsTransient();

private:
    bool startServer(const QStringList& arguments);
    QJsonObject options(bool useTls, const QString& password = u"s3cret"_s) const;
    DeliveryResult send(const QJsonObject& options);
    QJsonObject readMail(int number) const;

    QTemporaryDir m_certificates;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<LoopbackServer> m_server;
    NotificationPayload m_payload;
};

void TestEmailNotifier::initTestCase()
{
    QProcess probe;
    probe.start(python, { u"-c"_s, u"import aiosmtpd"_s });
    if (!probe.waitForFinished(10000) || probe.exitCode() != 0)
        QSKIP("python3-aiosmtpd is not installed (scripts/setup.sh installs it)");
    if (QStandardPaths::findExecutable(u"openssl"_s).isEmpty())
        QSKIP("openssl is not installed (scripts/setup.sh installs it)");
    QProcess openssl;
    openssl.setWorkingDirectory(m_certificates.path());
    openssl.start(u"openssl"_s,
        { u"req"_s, u"-x509"_s, u"-newkey"_s, u"rsa:2048"_s, u"-nodes"_s, u"-days"_s, u"1"_s, u"-keyout"_s,
            u"key.pem"_s, u"-out"_s, u"cert.pem"_s, u"-subj"_s, u"/CN=127.0.0.1"_s, u"-addext"_s,
            u"subjectAltName=IP:127.0.0.1"_s });
    QVERIFY(openssl.waitForFinished(30000));
    QVERIFY2(openssl.exitCode() == 0, openssl.readAllStandardError().constData());
}

void TestEmailNotifier::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_server = std::make_unique<LoopbackServer>();
    m_payload = makePayload(QDir(m_dir->path()));
    QVERIFY(QDir(m_dir->path()).mkdir(u"mail"_s) && QDir(m_dir->path()).mkdir(u"attachments"_s));
}

bool TestEmailNotifier::startServer(const QStringList& arguments)
{
    return m_server->start(u"smtp_server.py"_s,
        QStringList {
            u"--maildir"_s, m_dir->filePath(u"mail"_s), u"--user"_s, u"alice"_s, u"--password"_s, u"s3cret"_s }
            + arguments);
}

QStringList tlsArguments(const QTemporaryDir& certificates)
{
    return { u"--cert"_s, certificates.filePath(u"cert.pem"_s), u"--key"_s, certificates.filePath(u"key.pem"_s) };
}

QJsonObject TestEmailNotifier::options(bool useTls, const QString& password) const
{
    return { { u"smtp_host"_s, u"127.0.0.1"_s }, { u"smtp_port"_s, m_server->port() }, { u"username"_s, u"alice"_s },
        { u"password"_s, password }, { u"sender"_s, u"perf@example.com"_s },
        { u"recipients"_s, QJsonArray { u"dev@example.com"_s, u"ops@example.com"_s } }, { u"use_tls"_s, useTls },
        { u"use_ssl"_s, false }, { u"format"_s, u"html"_s }, { u"subject_prefix"_s, u"[性能告警]"_s } };
}

DeliveryResult TestEmailNotifier::send(const QJsonObject& options)
{
    EmailNotifier notifier { NotifierOptions(options) };
    return notifier.send(m_payload, { std::chrono::seconds(15), nullptr });
}

QJsonObject TestEmailNotifier::readMail(int number) const
{
    QProcess reader;
    reader.start(python,
        { targetsDir + u"/read_mail.py"_s, m_dir->filePath(u"mail/%1.eml"_s.arg(number)), u"--attachments-dir"_s,
            m_dir->filePath(u"attachments"_s) });
    reader.waitForFinished(10000);
    QJsonObject mail = QJsonDocument::fromJson(reader.readAllStandardOutput()).object();
    QFile envelope(m_dir->filePath(u"mail/%1.json"_s.arg(number)));
    if (envelope.open(QIODevice::ReadOnly))
        mail.insert(u"envelope"_s, QJsonDocument::fromJson(envelope.readAll()).object());
    return mail;
}

void TestEmailNotifier::htmlMailWithAuthAndZip()
{
    QVERIFY2(startServer({}), qPrintable(m_server->error()));
    const DeliveryResult result = send(options(false));
    QVERIFY2(result.ok(), qPrintable(result.message));

    const QJsonObject mail = readMail(1);
    QCOMPARE(mail[u"subject"_s].toString(), u"[性能告警] Slow request: GET /api/users took 2.345 s"_s);
    QCOMPARE(mail[u"from"_s].toString(), u"perf@example.com"_s);
    QCOMPARE(mail[u"to"_s].toString(), u"dev@example.com, ops@example.com"_s);
    QVERIFY(!mail[u"date"_s].toString().isEmpty() && mail[u"message-id"_s].toString().endsWith(u"@example.com>"_s));
    QCOMPARE(mail[u"content_type"_s].toString(), u"multipart/mixed"_s);
    const QJsonObject envelope = mail[u"envelope"_s].toObject();
    QCOMPARE(envelope[u"login"_s].toString(), u"alice"_s);
    QCOMPARE(envelope[u"mail_from"_s].toString(), u"perf@example.com"_s);
    QCOMPARE(envelope[u"rcpt_tos"_s].toArray(), (QJsonArray { u"dev@example.com"_s, u"ops@example.com"_s }));
    QCOMPARE(envelope[u"tls"_s].toBool(), false);

    const QJsonArray parts = mail[u"parts"_s].toArray();
    QCOMPARE(parts.size(), 2);
    QCOMPARE(parts[0][u"content_type"_s].toString(), u"text/html"_s);
    const QString html = parts[0][u"text"_s].toString();
    QVERIFY2(html.contains(u"<td>GET /api/users</td>"_s) && html.contains(u"2.345 s"_s), qPrintable(html));
    QVERIFY2(html.contains(u"| `handler` | 99% |"_s), qPrintable(html)); // the Markdown report, escaped
    QCOMPARE(parts[1][u"content_type"_s].toString(), u"application/zip"_s);
    QCOMPARE(parts[1][u"filename"_s].toString(), u"r-42.zip"_s);
    QCOMPARE(zipEntries(parts[1][u"saved"_s].toString()), (QStringList { u"r-42.html"_s, u"r-42.md"_s }));
}

void TestEmailNotifier::textMailOverStartTls()
{
    QVERIFY2(startServer(tlsArguments(m_certificates)), qPrintable(m_server->error()));
    QJsonObject settings = options(true);
    settings.insert(u"format"_s, u"text"_s);
    settings.insert(u"ca_file"_s, m_certificates.filePath(u"cert.pem"_s));
    const DeliveryResult result = send(settings);
    QVERIFY2(result.ok(), qPrintable(result.message));
    const QJsonObject mail = readMail(1);
    QCOMPARE(mail[u"envelope"_s][u"tls"_s].toBool(), true);
    QCOMPARE(mail[u"envelope"_s][u"login"_s].toString(), u"alice"_s);
    const QJsonArray parts = mail[u"parts"_s].toArray();
    QCOMPARE(parts[0][u"content_type"_s].toString(), u"text/plain"_s);
    QVERIFY(parts[0][u"text"_s].toString().contains(u"Endpoint: GET /api/users"_s));
    QVERIFY(parts[0][u"text"_s].toString().contains(m_payload.markdown));
    QCOMPARE(zipEntries(parts[1][u"saved"_s].toString()), (QStringList { u"r-42.html"_s, u"r-42.md"_s }));
}

void TestEmailNotifier::implicitTls()
{
    QVERIFY2(
        startServer(tlsArguments(m_certificates) + QStringList { u"--implicit-tls"_s }), qPrintable(m_server->error()));
    QJsonObject settings = options(false);
    settings.insert(u"use_ssl"_s, true);
    settings.insert(u"ca_file"_s, m_certificates.filePath(u"cert.pem"_s));
    const DeliveryResult result = send(settings);
    QVERIFY2(result.ok(), qPrintable(result.message));
    QCOMPARE(readMail(1)[u"envelope"_s][u"tls"_s].toBool(), true);
}

void TestEmailNotifier::untrustedCertificateIsRefused()
{
    QVERIFY2(startServer(tlsArguments(m_certificates)), qPrintable(m_server->error()));
    const DeliveryResult result = send(options(true)); // no ca_file: the self-signed certificate is not trusted
    QCOMPARE(result.state, DeliveryResult::State::PermanentFailure);
    QVERIFY2(result.message.contains(u"\"ca_file\""_s), qPrintable(result.message));
    QVERIFY(!QFile::exists(m_dir->filePath(u"mail/1.eml"_s)));
}

void TestEmailNotifier::wrongPasswordIsPermanent()
{
    QVERIFY2(startServer({}), qPrintable(m_server->error()));
    const DeliveryResult result = send(options(false, u"guess"_s));
    QCOMPARE(result.state, DeliveryResult::State::PermanentFailure);
    QVERIFY2(result.message.contains(u"refused the login of \"alice\""_s), qPrintable(result.message));
    QVERIFY2(!result.message.contains(u"guess"_s), qPrintable(result.message));
}

void TestEmailNotifier::missingStartTlsIsPermanent()
{
    QVERIFY2(startServer({}), qPrintable(m_server->error()));
    const DeliveryResult result = send(options(true));
    QCOMPARE(result.state, DeliveryResult::State::PermanentFailure);
    QVERIFY2(result.message.contains(u"offers no STARTTLS"_s), qPrintable(result.message));
}

void TestEmailNotifier::serverDownIsTransient()
{
    QJsonObject settings = options(false);
    settings.insert(u"smtp_port"_s, closedPort());
    const DeliveryResult result = send(settings);
    QCOMPARE(result.state, DeliveryResult::State::TransientFailure);
    QVERIFY2(result.message.contains(u"could not connect"_s), qPrintable(result.message));
}

QTEST_GUILESS_MAIN(TestEmailNotifier)
#include "tst_emailnotifier.moc"
