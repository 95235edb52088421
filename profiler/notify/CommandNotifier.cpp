#include "CommandNotifier.h"

#include "NotificationText.h"

#include <QDeadlineTimer>
#include <QProcess>

using namespace Qt::StringLiterals;
using Kind = wpm::NotifierOption::Kind;

namespace wpm {

namespace {

QProcessEnvironment reportEnvironment(const NotificationPayload& payload)
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"WPM_REPORT_ID"_s, payload.reportId);
    environment.insert(u"WPM_REPORT_TITLE"_s, payload.title);
    environment.insert(u"WPM_REPORT_ENDPOINT"_s, payload.endpoint);
    environment.insert(u"WPM_REPORT_URL"_s, payload.url);
    environment.insert(u"WPM_REPORT_DURATION_SECONDS"_s, QString::number(payload.durationSeconds, 'f', 3));
    environment.insert(u"WPM_REPORT_THRESHOLD_SECONDS"_s, QString::number(payload.thresholdSeconds, 'g', 6));
    environment.insert(u"WPM_REPORT_HTML"_s, payload.htmlPath);
    environment.insert(u"WPM_REPORT_ZIP"_s, payload.zipPath);
    return environment;
}

QString lastLine(const QByteArray& output)
{
    const QList<QByteArray> lines = output.trimmed().split('\n');
    return QString::fromUtf8(lines.last().left(300)).trimmed();
}

} // namespace

CommandNotifier::CommandNotifier(const NotifierOptions& options)
    : m_argv(options.list(u"argv"_s))
    , m_format(options.text(u"format"_s))
{
}

QList<NotifierOption> CommandNotifier::options()
{
    return {
        { u"argv"_s, Kind::TextList, true, {}, {},
            QT_TRANSLATE_NOOP("wpm::NotifierOption",
                "the program and its arguments as an array, e.g. [\"/usr/local/bin/on-slow\", \"--team\", \"web\"]; "
                "the HTML and zip paths follow") },
        { u"format"_s, Kind::Choice, false, u"markdown"_s, { u"markdown"_s, u"text"_s },
            QT_TRANSLATE_NOOP(
                "wpm::NotifierOption", "what goes to standard input: the Markdown report or a short summary") },
    };
}

DeliveryResult CommandNotifier::send(const NotificationPayload& payload, const SendLimits& limits)
{
    const QDeadlineTimer deadline(limits.timeout);
    QProcess process;
    process.setProgram(m_argv.first());
    process.setArguments(m_argv.mid(1) + QStringList { payload.htmlPath, payload.zipPath });
    process.setProcessEnvironment(reportEnvironment(payload));
    process.start();
    if (!process.waitForStarted(int(std::max<qint64>(1, deadline.remainingTime()))))
        return DeliveryResult::permanent(tr("the command \"%1\" could not be started (%2); check \"argv\"")
                                             .arg(m_argv.first(), process.errorString()));
    process.write(NotificationText::message(payload, m_format, payload.markdown.size() + 1).toUtf8());
    process.closeWriteChannel();
    // In slices, so that a shutdown running out of time does not wait for the whole timeout.
    while (process.state() != QProcess::NotRunning
        && !process.waitForFinished(int(std::clamp<qint64>(deadline.remainingTime(), 1, 100)))) {
        if (!deadline.hasExpired() && !limits.isCancelled())
            continue;
        process.kill();
        process.waitForFinished(-1);
        return DeliveryResult::transient(tr("the command \"%1\" was still running after %2 s and was killed")
                                             .arg(m_argv.first())
                                             .arg(double(limits.timeout.count()) / 1000.0));
    }
    if (process.exitStatus() == QProcess::CrashExit)
        return DeliveryResult::permanent(tr("the command \"%1\" crashed").arg(m_argv.first()));
    if (process.exitCode() != 0)
        return DeliveryResult::permanent(tr("the command \"%1\" exited with status %2: %3")
                                             .arg(m_argv.first())
                                             .arg(process.exitCode())
                                             .arg(lastLine(process.readAllStandardError())));
    return DeliveryResult::sent();
}

} // namespace wpm
