#include "NotificationOutcomeText.h"

#include <QCoreApplication>

namespace wpm {
namespace {

struct Text {
    Q_DECLARE_TR_FUNCTIONS(wpm::NotificationOutcomeText)
};

} // namespace

QString notifierDisplayName(const QString& notifier)
{
    const QString type = notifier.section(u' ', -1);
    if (type == QLatin1String("mattermost"))
        return Text::tr("Mattermost");
    if (type == QLatin1String("email"))
        return Text::tr("e-mail");
    if (type == QLatin1String("webhook"))
        return Text::tr("webhook");
    if (type == QLatin1String("command"))
        return Text::tr("command");
    return type;
}

QString notificationOutcomeText(const NotificationOutcome& outcome)
{
    const QString name = notifierDisplayName(outcome.notifier);
    switch (outcome.kind) {
    case NotificationOutcome::Kind::Sent:
        return Text::tr("%1: sent").arg(name);
    case NotificationOutcome::Kind::Failed:
        return Text::tr("%1: failed - %2").arg(name, outcome.reason);
    case NotificationOutcome::Kind::Dropped:
        return Text::tr("%1: dropped (the notification queue was full)").arg(name);
    case NotificationOutcome::Kind::Suppressed:
        return Text::tr("%1: suppressed by the alert window").arg(name);
    case NotificationOutcome::Kind::NotSent:
        break;
    }
    return Text::tr("%1: not sent - %2").arg(name, outcome.reason);
}

} // namespace wpm
