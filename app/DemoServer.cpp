#include "DemoServer.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QSaveFile>
#include <QStandardPaths>

namespace wpm {

Result<LaunchSpec> demoLaunchSpec()
{
    const QString directory
        = QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) + QLatin1String("/demo");
    const QString path = directory + QLatin1String("/demo_server.py");
    QFile source(QStringLiteral(":/wpm/demo/demo_server.py"));
    QSaveFile target(path);
    if (!QDir().mkpath(directory) || !source.open(QIODevice::ReadOnly) || !target.open(QIODevice::WriteOnly)
        || target.write(source.readAll()) < 0 || !target.commit())
        return Error { QCoreApplication::translate(
            "wpm::DemoServer", "Cannot write the demo server to %1: %2. Check that the folder can be written to.")
                           .arg(path, target.errorString()) };
    const QString python = QStandardPaths::findExecutable(QStringLiteral("python3"));
    if (python.isEmpty())
        return Error { QCoreApplication::translate("wpm::DemoServer",
            "The demo server needs python3, which is not on PATH. Install it (Debian: apt install python3).") };
    return LaunchSpec { { python, path }, directory, QProcessEnvironment::systemEnvironment() };
}

DemoTraffic::DemoTraffic(QObject* parent)
    : QObject(parent)
    , m_network(new QNetworkAccessManager(this))
{
    m_network->setProxy(QNetworkProxy::NoProxy); // straight to our proxy, whatever http_proxy says
}

QStringList DemoTraffic::paths()
{
    return { QStringLiteral("/fast"), QStringLiteral("/cpu"), QStringLiteral("/fast"), QStringLiteral("/io"),
        QStringLiteral("/nested"), QStringLiteral("/fast") };
}

void DemoTraffic::send(const QString& baseUrl)
{
    if (isSending())
        return;
    m_baseUrl = baseUrl.endsWith(u'/') ? baseUrl.chopped(1) : baseUrl;
    m_pending = paths();
    m_answered = m_failed = 0;
    sendNext();
}

void DemoTraffic::sendNext()
{
    QNetworkReply* reply = m_network->get(QNetworkRequest(QUrl(m_baseUrl + m_pending.first())));
    connect(reply, &QNetworkReply::finished, this, [this, reply] {
        reply->deleteLater();
        ++(reply->error() == QNetworkReply::NoError ? m_answered : m_failed);
        m_pending.removeFirst();
        if (m_pending.isEmpty())
            Q_EMIT finished(m_answered, m_failed);
        else
            sendNext();
    });
}

} // namespace wpm
