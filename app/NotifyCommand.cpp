#include "NotifyCommand.h"

#include "CommandLine.h"
#include "Commands.h"
#include "history/HistoryEntry.h"
#include "history/ReportZip.h"
#include "notify/NotificationQueue.h"
#include "notify/NotifierRegistry.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace wpm {

namespace {

struct NotifyText {
    Q_DECLARE_TR_FUNCTIONS(wpm::NotifyCommand)
};

bool writeFile(const QString& path, const QString& text)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(text.toUtf8()) >= 0;
}

// A payload that says what it is, with real report files and their zip, as a recording's notification has.
NotificationPayload testPayload(const MonitorConfig& config, const QTemporaryDir& dir)
{
    NotificationPayload payload;
    payload.reportId = u"test-"_s + QDateTime::currentDateTime().toString(u"yyyyMMdd-hhmmss"_s);
    payload.title = NotifyText::tr("web-perfmonitor test notification");
    payload.endpoint = u"GET /web-perfmonitor/test"_s;
    payload.url = u"http://127.0.0.1/web-perfmonitor/test"_s;
    payload.thresholdSeconds = config.thresholdSeconds;
    payload.markdown = u"# "_s + payload.title + u"\n\n"_s
        + NotifyText::tr("This message checks that notice_list reaches you. No request was slow.") + u'\n';
    payload.htmlPath = dir.filePath(payload.reportId + u".html"_s);
    writeFile(payload.htmlPath,
        u"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>%1</title></head><body><h1>%1</h1></body></html>\n"_s
            .arg(payload.title));
    writeFile(dir.filePath(payload.reportId + u".md"_s), payload.markdown);
    writeFile(dir.filePath(payload.reportId + u".speedscope.json"_s),
        u"{\"$schema\": \"https://www.speedscope.app/file-format-schema.json\", \"shared\": {\"frames\": []}, "
        "\"profiles\": []}\n"_s);
    writeFile(dir.filePath(payload.reportId + u".folded"_s), {});
    const QString zipPath = dir.filePath(reportZipName(payload.reportId));
    if (writeReportZip(QDir(dir.path()), payload.reportId, zipPath))
        payload.zipPath = zipPath; // without it the notifiers still send the text
    return payload;
}

QString describe(const NotificationOutcome& outcome)
{
    switch (outcome.kind) {
    case NotificationOutcome::Kind::Sent:
        return NotifyText::tr("%1: sent").arg(outcome.notifier);
    case NotificationOutcome::Kind::Failed:
        return NotifyText::tr("%1: failed: %2").arg(outcome.notifier, outcome.reason);
    case NotificationOutcome::Kind::Dropped:
        return NotifyText::tr("%1: dropped: %2").arg(outcome.notifier, outcome.reason);
    case NotificationOutcome::Kind::Suppressed:
        return NotifyText::tr("%1: suppressed: %2").arg(outcome.notifier, outcome.reason);
    case NotificationOutcome::Kind::NotSent:
        break;
    }
    return NotifyText::tr("%1: not sent: %2").arg(outcome.notifier, outcome.reason);
}

int sendTest(const MonitorConfig& config, QTextStream& out, QTextStream& err)
{
    if (config.noticeList.isEmpty()) {
        err << NotifyText::tr("notice_list is empty: there is no notifier to test. Add one to the configuration "
                              "file (see README: Notifications) and pass it with --config.")
            << Qt::endl;
        return ExitFailure;
    }
    QTemporaryDir dir;
    NotificationQueueOptions options = NotificationQueueOptions::fromConfig(config);
    options.maxAttempts = 1; // a test reports the first failure instead of retrying it
    NotificationQueue queue(config.noticeList, options, SecretStore(), NotifierRegistry::builtIn());
    QEventLoop loop;
    int failures = 0;
    qsizetype outcomes = 0;
    QObject::connect(&queue, &NotificationQueue::outcomeAvailable, &loop, [&](const NotificationOutcome& outcome) {
        out << describe(outcome) << Qt::endl;
        failures += outcome.kind == NotificationOutcome::Kind::Sent ? 0 : 1;
        if (++outcomes == config.noticeList.size())
            loop.quit();
    });
    out << NotifyText::tr(
        "Sending a test notification through %n notifier(s)...", nullptr, int(config.noticeList.size()))
        << Qt::endl;
    queue.enqueue(testPayload(config, dir));
    loop.exec();
    queue.shutdown();
    return failures == 0 ? ExitOk : ExitFailure;
}

// `notify options`: the options of every notifier type as a Markdown table, pasted as-is into the README.
int printOptions(QTextStream& out)
{
    out << NotifyText::tr("| type | option | required | default | accepted | meaning |") << '\n'
        << "|---|---|---|---|---|---|\n";
    for (const NotifierType& type : NotifierRegistry::builtIn().types()) {
        for (const NotifierOption& option : type.options) {
            const QString defaultText = option.defaultValue.isString()
                ? option.defaultValue.toString()
                : QString::fromUtf8(QJsonDocument(QJsonArray { option.defaultValue }).toJson(QJsonDocument::Compact))
                      .mid(1)
                      .chopped(1);
            out << "| `" << type.name << "` | `" << option.name << "` | "
                << (option.required ? NotifyText::tr("yes") : NotifyText::tr("no")) << " | "
                << (option.defaultValue.isNull() ? u"—"_s : u'`' + defaultText + u'`') << " | " << option.acceptedText()
                << " | " << QCoreApplication::translate("wpm::NotifierOption", option.description) << " |\n";
        }
    }
    out.flush();
    return ExitOk;
}

int setSecret(const QString& name, QTextStream& out, QTextStream& err)
{
    // One line from standard input, so the value never shows in the shell history or the process list.
    QFile input;
    if (!input.open(stdin, QIODevice::ReadOnly)) {
        err << NotifyText::tr("standard input cannot be read") << Qt::endl;
        return ExitFailure;
    }
    const QString value = QString::fromUtf8(input.readLine()).trimmed();
    if (value.isEmpty()) {
        err << NotifyText::tr("no secret on standard input; run e.g.: web-perfmonitor notify set-secret %1 < token.txt")
                   .arg(name)
            << Qt::endl;
        return ExitUsage;
    }
    const SecretStore store;
    const Result<SecretStore::Backend> stored = store.write(name, value);
    if (!stored) {
        err << stored.error().message << Qt::endl;
        return ExitFailure;
    }
    out << (*stored == SecretStore::Backend::Keychain
            ? NotifyText::tr("Stored secret \"%1\" in the system keychain.").arg(name)
            : NotifyText::tr("Stored secret \"%1\" in %2, readable only by you (no keychain service is "
                             "running).")
                  .arg(name, store.fallbackFile()))
        << '\n'
        << NotifyText::tr("Use it in notice_list as \"keychain:%1\".").arg(name) << Qt::endl;
    return ExitOk;
}

} // namespace

int runNotifyCommand(const CommandLine& commandLine, const MonitorConfig& config, QTextStream& out, QTextStream& err)
{
    const QStringList positional = commandLine.positionalArguments();
    const QString action = positional.value(1);
    if (action == u"test"_s && positional.size() == 2)
        return sendTest(config, out, err);
    if (action == u"options"_s && positional.size() == 2)
        return printOptions(out);
    if (action == u"set-secret"_s && positional.size() == 3 && !positional[2].isEmpty())
        return setSecret(positional[2], out, err);
    err << NotifyText::tr(
        "Usage: web-perfmonitor notify test [--config FILE] | notify set-secret NAME | notify options; see --help.")
        << Qt::endl;
    return ExitUsage;
}

} // namespace wpm
