#include "ReportNotifications.h"

#include "history/ReportZip.h"
#include "notify/NotifierRegistry.h"

#include <QFile>

using namespace Qt::StringLiterals;

namespace wpm {
namespace {

NotificationResult resultOf(NotificationOutcome::Kind kind)
{
    switch (kind) {
    case NotificationOutcome::Kind::Sent:
        return NotificationResult::Sent;
    case NotificationOutcome::Kind::Failed:
        return NotificationResult::Failed;
    case NotificationOutcome::Kind::Dropped:
        return NotificationResult::Dropped;
    case NotificationOutcome::Kind::Suppressed:
        return NotificationResult::Suppressed;
    case NotificationOutcome::Kind::NotSent:
        break;
    }
    return NotificationResult::NotSent;
}

} // namespace

ReportNotifications::ReportNotifications(const MonitorConfig& config, ReportHistory& history, OutcomeShown shown)
    : m_notifiers(config.noticeList)
    , m_history(history)
    , m_shown(std::move(shown))
    , m_queue(
          config.noticeList, NotificationQueueOptions::fromConfig(config), SecretStore(), NotifierRegistry::builtIn())
{
    // Direct: the worker only parks the outcome; the history is touched on this object's thread.
    connect(
        &m_queue, &NotificationQueue::outcomeAvailable, this,
        [this](const NotificationOutcome& outcome) {
            {
                const std::lock_guard lock(m_mutex);
                m_arrived.append(outcome);
            }
            QMetaObject::invokeMethod(this, &ReportNotifications::recordArrived, Qt::QueuedConnection);
        },
        Qt::DirectConnection);
}

ReportNotifications::~ReportNotifications()
{
    finish();
}

QString ReportNotifications::notifierName(qsizetype index, const NotifierSettings& settings)
{
    return u"notice_list[%1] %2"_s.arg(index).arg(settings.type);
}

void ReportNotifications::notify(const HistoryEntry& entry, const ReportFiles& files)
{
    const QString zipPath = m_history.directory().filePath(reportZipName(entry.id));
    if (const Status zipped = writeReportZip(m_history.directory(), entry.id, zipPath); !zipped) {
        for (qsizetype i = 0; i < m_notifiers.size(); ++i) {
            NotificationOutcome outcome { NotificationOutcome::Kind::Failed, entry.id,
                notifierName(i, m_notifiers.at(i)), zipped.error().message, 0, QDateTime::currentDateTimeUtc() };
            const std::lock_guard lock(m_mutex);
            m_arrived.append(outcome);
        }
        recordArrived();
        return;
    }
    NotificationPayload payload = payloadFor(entry, files);
    payload.zipPath = zipPath;
    m_queue.enqueue(std::move(payload));
}

NotificationPayload ReportNotifications::payloadFor(const HistoryEntry& entry, const ReportFiles& files) const
{
    NotificationPayload payload;
    payload.reportId = entry.id;
    payload.title = tr("Slow request: %1 took %2 s").arg(entry.endpoint).arg(entry.durationS, 0, 'f', 2);
    payload.endpoint = entry.endpoint;
    payload.url = entry.url;
    payload.durationSeconds = entry.durationS;
    payload.thresholdSeconds = entry.thresholdS;
    QFile markdown(files.markdown);
    if (markdown.open(QIODevice::ReadOnly))
        payload.markdown = QString::fromUtf8(markdown.readAll());
    payload.htmlPath = files.html;
    return payload;
}

void ReportNotifications::recordArrived()
{
    QList<NotificationOutcome> arrived;
    {
        const std::lock_guard lock(m_mutex);
        arrived.swap(m_arrived);
    }
    for (const NotificationOutcome& outcome : arrived) {
        const Status recorded = m_history.recordNotification(
            outcome.reportId, outcome.notifier, resultOf(outcome.kind), outcome.reason, outcome.finishedAt);
        if (m_shown)
            m_shown(outcome, recorded ? QString() : recorded.error().message);
    }
}

void ReportNotifications::finish()
{
    m_queue.shutdown();
    recordArrived();
}

} // namespace wpm
