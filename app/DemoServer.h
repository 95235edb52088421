#pragma once
// The embedded demo: the demo web app (resources/demo/demo_server.py, compiled in) written out where
// python3 can run it, and "Send demo traffic": one round of requests to each of its endpoints through
// the proxy, the slow ones among them.

#include "core/Result.h"
#include "target/LaunchedProcess.h"

#include <QObject>
#include <QStringList>

class QNetworkAccessManager;

namespace wpm {

// Writes the demo server into the application's data folder; the launch runs it with python3 there.
Result<LaunchSpec> demoLaunchSpec();

class DemoTraffic : public QObject {
    Q_OBJECT
public:
    explicit DemoTraffic(QObject* parent = nullptr);

    // The paths of one round, in order: fast ones around a CPU-slow, an I/O-slow and a nested one.
    static QStringList paths();
    // Sends one round to `baseUrl` (the proxy, "http://host:port/"), one request after the other.
    void send(const QString& baseUrl);
    bool isSending() const { return !m_pending.isEmpty(); }

Q_SIGNALS:
    void finished(int answered, int failed);

private:
    void sendNext();

    QNetworkAccessManager* m_network;
    QString m_baseUrl;
    QStringList m_pending;
    int m_answered = 0;
    int m_failed = 0;
};

} // namespace wpm
