#pragma once
// Runs a user's program for each slow request: argv as given (never through a shell), the HTML report and
// zip paths appended as the last two arguments, the figures in WPM_REPORT_* variables, the message on
// standard input. Exit status 0 means sent; a run longer than the timeout is killed.

#include "Notifier.h"
#include "NotifierOption.h"

namespace wpm {

class CommandNotifier : public Notifier {
    Q_DECLARE_TR_FUNCTIONS(wpm::CommandNotifier)

public:
    explicit CommandNotifier(const NotifierOptions& options);

    static QString type() { return QStringLiteral("command"); }
    static QList<NotifierOption> options();

    DeliveryResult send(const NotificationPayload& payload, const SendLimits& limits) override;

private:
    QStringList m_argv;
    QString m_format;
};

} // namespace wpm
