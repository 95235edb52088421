#pragma once
// One external channel a slow request is reported to. A new channel is one subclass plus one entry in
// NotifierRegistry. send() runs on the notification queue's worker thread and must return within timeout.

#include "DeliveryResult.h"
#include "NotificationPayload.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QStringList>

#include <atomic>
#include <chrono>

namespace wpm {

// A notice_list entry's options after validation, with defaults filled in and secret references resolved.
class NotifierOptions {
public:
    explicit NotifierOptions(QJsonObject options = {})
        : m_options(std::move(options))
    {
    }

    QString text(const QString& name) const { return m_options.value(name).toString(); }
    int integer(const QString& name) const { return m_options.value(name).toInt(); }
    bool flag(const QString& name) const { return m_options.value(name).toBool(); }
    QStringList list(const QString& name) const
    {
        QStringList items;
        for (const QJsonValue& item : m_options.value(name).toArray())
            items.append(item.toString());
        return items;
    }
    const QJsonObject& json() const { return m_options; }

private:
    QJsonObject m_options;
};

// How long one send may take, and a flag the queue raises when its shutdown bound runs out mid-send.
struct SendLimits {
    std::chrono::milliseconds timeout { 30000 };
    const std::atomic<bool>* cancelled = nullptr;

    bool isCancelled() const { return cancelled && cancelled->load(); }
};

class Notifier {
public:
    virtual ~Notifier() = default;
    virtual DeliveryResult send(const NotificationPayload& payload, const SendLimits& limits) = 0;
};

} // namespace wpm
