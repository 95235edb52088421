#include "ConfigKeys.h"

#include "ConfigChecks.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>

using namespace Qt::StringLiterals;

namespace wpm {

namespace {

// The native_sampling key's values: whether running threads are stopped, or sampled by the kernel.
const QStringList& nativeSamplingNames()
{
    static const QStringList names { QStringLiteral("ptrace"), QStringLiteral("kernel") };
    return names;
}

const char* const context = "wpm::ConfigKeys";

template <typename T> Status store(T& target, Result<T> value)
{
    if (!value)
        return value.error();
    target = std::move(value).value();
    return success();
}

QJsonArray toJsonArray(const QList<NotifierSettings>& notifiers, SecretHandling secrets)
{
    QJsonArray result;
    for (const NotifierSettings& notifier : notifiers)
        result.append(notifier.toJson(secrets));
    return result;
}

using Range = ConfigChecks::Range;

QList<ConfigKey> makeTable()
{
    // Environment names: the original library's five short ones, then PERF_ + the key in capitals.
    return {
        { u"threshold_seconds"_s, u"PERF_THRESHOLD"_s, QT_TRANSLATE_NOOP("wpm::ConfigKeys", "seconds"),
            QT_TRANSLATE_NOOP(
                "wpm::ConfigKeys", "Requests slower than this are profiled and reported; 0 reports every request."),
            QT_TRANSLATE_NOOP("wpm::ConfigKeys", "a number of seconds from 0 to 86400, e.g. 0.5"), ConfigKind::Number,
            [](const QJsonValue& v, MonitorConfig& c) {
                return store(c.thresholdSeconds, ConfigChecks::number(v, Range { 0, 86400 }));
            },
            [](const MonitorConfig& c, SecretHandling) -> QJsonValue { return c.thresholdSeconds; } },
        { u"alert_window_days"_s, u"PERF_ALERT_WINDOW"_s, QT_TRANSLATE_NOOP("wpm::ConfigKeys", "days"),
            QT_TRANSLATE_NOOP("wpm::ConfigKeys",
                "A slow endpoint is reported again only after this many days; 0 reports it every time."),
            QT_TRANSLATE_NOOP("wpm::ConfigKeys", "a whole number of days from 0 to 3650, e.g. 7"), ConfigKind::Integer,
            [](const QJsonValue& v, MonitorConfig& c) {
                return store(c.alertWindowDays, ConfigChecks::integer(v, 0, 3650));
            },
            [](const MonitorConfig& c, SecretHandling) -> QJsonValue { return c.alertWindowDays; } },
        { u"max_performance_overhead"_s, u"PERF_MAX_PERFORMANCE_OVERHEAD"_s,
            QT_TRANSLATE_NOOP("wpm::ConfigKeys", "fraction"),
            QT_TRANSLATE_NOOP("wpm::ConfigKeys",
                "Largest share of the server's time that profiling may cost; sampling slows down to stay "
                "below it."),
            QT_TRANSLATE_NOOP("wpm::ConfigKeys", "a number greater than 0 and less than 1, e.g. 0.05 for 5%"),
            ConfigKind::Number,
            [](const QJsonValue& v, MonitorConfig& c) {
                return store(c.maxPerformanceOverhead, ConfigChecks::number(v, Range { 0, 1, true, true }));
            },
            [](const MonitorConfig& c, SecretHandling) -> QJsonValue { return c.maxPerformanceOverhead; } },
        { u"log_path"_s, u"PERF_LOG_PATH"_s, QT_TRANSLATE_NOOP("wpm::ConfigKeys", "directory"),
            QT_TRANSLATE_NOOP("wpm::ConfigKeys", "Directory where the HTML and Markdown reports are written."),
            QT_TRANSLATE_NOOP(
                "wpm::ConfigKeys", "a directory that can be written to, or created, e.g. /var/log/perf-reports"),
            ConfigKind::Path,
            [](const QJsonValue& v, MonitorConfig& c) { return store(c.logPath, ConfigChecks::writableDirectory(v)); },
            [](const MonitorConfig& c, SecretHandling) -> QJsonValue { return c.logPath; } },
        { u"url_whitelist"_s, u"PERF_URL_WHITELIST"_s, QT_TRANSLATE_NOOP("wpm::ConfigKeys", "patterns"),
            QT_TRANSLATE_NOOP("wpm::ConfigKeys",
                "Only requests whose path matches one of these patterns are monitored; the whitelist wins "
                "over the blacklist."),
            QT_TRANSLATE_NOOP("wpm::ConfigKeys",
                "URL patterns starting with / or * (* any text, ? one character, [a-z] a class), as a JSON "
                "array in the file and separated by commas elsewhere, e.g. /api/*,/v1/users"),
            ConfigKind::PatternList,
            [](const QJsonValue& v, MonitorConfig& c) { return store(c.urlWhitelist, ConfigChecks::urlPatterns(v)); },
            [](const MonitorConfig& c, SecretHandling) -> QJsonValue {
                return QJsonArray::fromStringList(c.urlWhitelist);
            } },
        { u"url_blacklist"_s, u"PERF_URL_BLACKLIST"_s, QT_TRANSLATE_NOOP("wpm::ConfigKeys", "patterns"),
            QT_TRANSLATE_NOOP("wpm::ConfigKeys",
                "Requests whose path matches one of these patterns are not monitored, e.g. health checks."),
            QT_TRANSLATE_NOOP("wpm::ConfigKeys",
                "URL patterns starting with / or * (* any text, ? one character, [a-z] a class), as a JSON "
                "array in the file and separated by commas elsewhere, e.g. /health,/static/*"),
            ConfigKind::PatternList,
            [](const QJsonValue& v, MonitorConfig& c) { return store(c.urlBlacklist, ConfigChecks::urlPatterns(v)); },
            [](const MonitorConfig& c, SecretHandling) -> QJsonValue {
                return QJsonArray::fromStringList(c.urlBlacklist);
            } },
        { u"notice_list"_s, u"PERF_NOTICE_LIST"_s, QT_TRANSLATE_NOOP("wpm::ConfigKeys", "json"),
            QT_TRANSLATE_NOOP("wpm::ConfigKeys",
                "External notifiers told about each slow request; reports are always saved to log_path."),
            QT_TRANSLATE_NOOP("wpm::ConfigKeys",
                "a JSON array of objects, each with a \"type\" among mattermost, email, webhook, command and "
                "that type's options (see Notifications), e.g. "
                "[{\"type\": \"webhook\", \"url\": \"https://example.com/hook\"}]"),
            ConfigKind::NotifierList,
            [](const QJsonValue& v, MonitorConfig& c) { return store(c.noticeList, ConfigChecks::notifiers(v)); },
            [](const MonitorConfig& c, SecretHandling secrets) -> QJsonValue {
                return toJsonArray(c.noticeList, secrets);
            } },
        { u"notice_timeout_seconds"_s, u"PERF_NOTICE_TIMEOUT_SECONDS"_s,
            QT_TRANSLATE_NOOP("wpm::ConfigKeys", "seconds"),
            QT_TRANSLATE_NOOP("wpm::ConfigKeys", "How long sending one notification may take before it is given up."),
            QT_TRANSLATE_NOOP("wpm::ConfigKeys", "a number of seconds greater than 0 and up to 3600, e.g. 30"),
            ConfigKind::Number,
            [](const QJsonValue& v, MonitorConfig& c) {
                return store(c.noticeTimeoutSeconds, ConfigChecks::number(v, Range { 0, 3600, true }));
            },
            [](const MonitorConfig& c, SecretHandling) -> QJsonValue { return c.noticeTimeoutSeconds; } },
        { u"notice_queue_size"_s, u"PERF_NOTICE_QUEUE_SIZE"_s, QT_TRANSLATE_NOOP("wpm::ConfigKeys", "count"),
            QT_TRANSLATE_NOOP("wpm::ConfigKeys", "How many notifications may wait to be sent."),
            QT_TRANSLATE_NOOP("wpm::ConfigKeys", "a whole number from 1 to 1000000, e.g. 1000"), ConfigKind::Integer,
            [](const QJsonValue& v, MonitorConfig& c) {
                return store(c.noticeQueueSize, ConfigChecks::integer(v, 1, 1000000));
            },
            [](const MonitorConfig& c, SecretHandling) -> QJsonValue { return c.noticeQueueSize; } },
        { u"graceful_shutdown_seconds"_s, u"PERF_GRACEFUL_SHUTDOWN_SECONDS"_s,
            QT_TRANSLATE_NOOP("wpm::ConfigKeys", "seconds"),
            QT_TRANSLATE_NOOP("wpm::ConfigKeys",
                "When the workbench stops: how long pending notifications may still take, and how long a "
                "launched server may take to exit after SIGTERM before it gets SIGKILL."),
            QT_TRANSLATE_NOOP("wpm::ConfigKeys", "a number of seconds from 0 to 600, e.g. 5"), ConfigKind::Number,
            [](const QJsonValue& v, MonitorConfig& c) {
                return store(c.gracefulShutdownSeconds, ConfigChecks::number(v, Range { 0, 600 }));
            },
            [](const MonitorConfig& c, SecretHandling) -> QJsonValue { return c.gracefulShutdownSeconds; } },
        { u"sampling_rate_hz"_s, u"PERF_SAMPLING_RATE_HZ"_s, QT_TRANSLATE_NOOP("wpm::ConfigKeys", "hz"),
            QT_TRANSLATE_NOOP("wpm::ConfigKeys", "How many call-stack samples are taken from the server per second."),
            QT_TRANSLATE_NOOP("wpm::ConfigKeys", "a whole number of samples per second from 1 to 10000, e.g. 100"),
            ConfigKind::Integer,
            [](const QJsonValue& v, MonitorConfig& c) {
                return store(c.samplingRateHz, ConfigChecks::integer(v, 1, 10000));
            },
            [](const MonitorConfig& c, SecretHandling) -> QJsonValue { return c.samplingRateHz; } },
        { u"sample_memory_mb"_s, u"PERF_SAMPLE_MEMORY_MB"_s, QT_TRANSLATE_NOOP("wpm::ConfigKeys", "MiB"),
            QT_TRANSLATE_NOOP("wpm::ConfigKeys",
                "Memory the recorded samples may use; beyond it the oldest samples are dropped first."),
            QT_TRANSLATE_NOOP("wpm::ConfigKeys", "a whole number of MiB from 16 to 65536, e.g. 256"),
            ConfigKind::Integer,
            [](const QJsonValue& v, MonitorConfig& c) {
                return store(c.sampleMemoryMb, ConfigChecks::integer(v, 16, 65536));
            },
            [](const MonitorConfig& c, SecretHandling) -> QJsonValue { return c.sampleMemoryMb; } },
        { u"proxy_listen"_s, u"PERF_PROXY_LISTEN"_s, QT_TRANSLATE_NOOP("wpm::ConfigKeys", "host:port"),
            QT_TRANSLATE_NOOP("wpm::ConfigKeys", "Address the recording proxy listens on; port 0 picks a free port."),
            QT_TRANSLATE_NOOP("wpm::ConfigKeys",
                "host:port with an IPv4 address, localhost or [IPv6] and a port from 0 to 65535, e.g. "
                "127.0.0.1:8080"),
            ConfigKind::Address,
            [](const QJsonValue& v, MonitorConfig& c) { return store(c.proxyListen, ConfigChecks::listenAddress(v)); },
            [](const MonitorConfig& c, SecretHandling) -> QJsonValue { return c.proxyListen; } },
        { u"upstream"_s, u"PERF_UPSTREAM"_s, QT_TRANSLATE_NOOP("wpm::ConfigKeys", "host:port"),
            QT_TRANSLATE_NOOP("wpm::ConfigKeys",
                "Address of the server the proxy forwards to; empty detects it from the launched server."),
            QT_TRANSLATE_NOOP("wpm::ConfigKeys",
                "empty, or host:port or http://host:port with a port from 1 to 65535, e.g. 127.0.0.1:5000"),
            ConfigKind::Address,
            [](const QJsonValue& v, MonitorConfig& c) { return store(c.upstream, ConfigChecks::upstream(v)); },
            [](const MonitorConfig& c, SecretHandling) -> QJsonValue { return c.upstream; } },
        { u"history_max_age_days"_s, u"PERF_HISTORY_MAX_AGE_DAYS"_s, QT_TRANSLATE_NOOP("wpm::ConfigKeys", "days"),
            QT_TRANSLATE_NOOP(
                "wpm::ConfigKeys", "Reports older than this are removed from log_path and the history; 0 keeps them."),
            QT_TRANSLATE_NOOP("wpm::ConfigKeys", "a whole number of days from 0 (unlimited) to 36500, e.g. 30"),
            ConfigKind::Integer,
            [](const QJsonValue& v, MonitorConfig& c) {
                return store(c.historyMaxAgeDays, ConfigChecks::integer(v, 0, 36500));
            },
            [](const MonitorConfig& c, SecretHandling) -> QJsonValue { return c.historyMaxAgeDays; } },
        { u"history_max_reports"_s, u"PERF_HISTORY_MAX_REPORTS"_s, QT_TRANSLATE_NOOP("wpm::ConfigKeys", "count"),
            QT_TRANSLATE_NOOP("wpm::ConfigKeys",
                "Beyond this many reports the oldest are removed from log_path and the history; 0 keeps all."),
            QT_TRANSLATE_NOOP("wpm::ConfigKeys", "a whole number from 0 (unlimited) to 10000000, e.g. 1000"),
            ConfigKind::Integer,
            [](const QJsonValue& v, MonitorConfig& c) {
                return store(c.historyMaxReports, ConfigChecks::integer(v, 0, 10000000));
            },
            [](const MonitorConfig& c, SecretHandling) -> QJsonValue { return c.historyMaxReports; } },
        { u"history_max_mb"_s, u"PERF_HISTORY_MAX_MB"_s, QT_TRANSLATE_NOOP("wpm::ConfigKeys", "MiB"),
            QT_TRANSLATE_NOOP(
                "wpm::ConfigKeys", "Beyond this many MiB of report files the oldest reports are removed; 0 keeps all."),
            QT_TRANSLATE_NOOP("wpm::ConfigKeys", "a whole number of MiB from 0 (unlimited) to 10000000, e.g. 500"),
            ConfigKind::Integer,
            [](const QJsonValue& v, MonitorConfig& c) {
                return store(c.historyMaxMb, ConfigChecks::integer(v, 0, 10000000));
            },
            [](const MonitorConfig& c, SecretHandling) -> QJsonValue { return c.historyMaxMb; } },
        { u"watch"_s, u"PERF_WATCH"_s, QT_TRANSLATE_NOOP("wpm::ConfigKeys", "function[=seconds]"),
            QT_TRANSLATE_NOOP("wpm::ConfigKeys",
                "Functions to watch, the decorator-free @profile(threshold=...): a report whenever one call "
                "stays on a thread's stack longer than its threshold (default: threshold_seconds). A name with "
                "one colon, module:qualname, matches Python frames of that qualified name whose file path ends "
                "as the module says (app.views: .../app/views.py or .../app/views/__init__.py); any other name "
                "matches native frames."),
            QT_TRANSLATE_NOOP("wpm::ConfigKeys",
                "native symbols (ns::f or ns::f(int)) or Python module:qualname, each with an optional =seconds, "
                "separated by commas (a flag may be repeated); in the file, a JSON array of such strings or "
                "of {\"function\": ..., \"threshold_seconds\": ...} objects, e.g. app::render=0.2"),
            ConfigKind::PatternList,
            [](const QJsonValue& v, MonitorConfig& c) { return store(c.watch, ConfigChecks::functionWatches(v)); },
            [](const MonitorConfig& c, SecretHandling) -> QJsonValue {
                QJsonArray items;
                for (const FunctionWatch& watch : c.watch)
                    items.append(watch.toText());
                return items;
            } },
        { u"python_sampling"_s, u"PERF_PYTHON_SAMPLING"_s, QT_TRANSLATE_NOOP("wpm::ConfigKeys", "mode"),
            QT_TRANSLATE_NOOP("wpm::ConfigKeys",
                "How the Python frames of a CPython server are read: mixed stops each thread in turn and merges "
                "its Python frames with its native ones; gil_holder stops only the thread holding the GIL; "
                "nonblocking stops none (Python frames only, the lightest on the server)."),
            QT_TRANSLATE_NOOP("wpm::ConfigKeys", "one of mixed, gil_holder, nonblocking, e.g. nonblocking"),
            ConfigKind::Text,
            [](const QJsonValue& v, MonitorConfig& c) {
                Result<qsizetype> index = ConfigChecks::oneOf(v, pythonReadingNames());
                if (!index)
                    return Status(index.error());
                c.pythonSampling = PythonReading(*index);
                return success();
            },
            [](const MonitorConfig& c, SecretHandling) -> QJsonValue { return pythonReadingName(c.pythonSampling); } },
        { u"native_sampling"_s, u"PERF_NATIVE_SAMPLING"_s, QT_TRANSLATE_NOOP("wpm::ConfigKeys", "mode"),
            QT_TRANSLATE_NOOP("wpm::ConfigKeys",
                "How the running threads of a server without Python are sampled: kernel has the kernel copy their "
                "stacks without stopping them (perf_event_open; where the kernel refuses, they are stopped and the "
                "reason is said once); ptrace stops each in turn, as blocked threads always are. On the VM it was "
                "measured on, kernel cost the server a third of what ptrace did; compare on yours with "
                "bench_sampler."),
            QT_TRANSLATE_NOOP("wpm::ConfigKeys", "one of ptrace, kernel, e.g. ptrace"), ConfigKind::Text,
            [](const QJsonValue& v, MonitorConfig& c) {
                Result<qsizetype> index = ConfigChecks::oneOf(v, nativeSamplingNames());
                if (!index)
                    return Status(index.error());
                c.kernelSampling = *index == 1;
                return success();
            },
            [](const MonitorConfig& c, SecretHandling) -> QJsonValue {
                return nativeSamplingNames().value(c.kernelSampling ? 1 : 0);
            } },
    };
}

} // namespace

const QList<ConfigKey>& configKeys()
{
    static const QList<ConfigKey> keys = makeTable();
    return keys;
}

const ConfigKey* findConfigKey(QStringView name)
{
    for (const ConfigKey& key : configKeys()) {
        if (key.name == name)
            return &key;
    }
    return nullptr;
}

QString ConfigKey::flag() const
{
    return QString(name).replace(u'_', u'-');
}

QString ConfigKey::valueName() const
{
    return QCoreApplication::translate(context, valueNameSource);
}

QString ConfigKey::description() const
{
    return QCoreApplication::translate(context, descriptionSource);
}

QString ConfigKey::acceptedValues() const
{
    return QCoreApplication::translate(context, acceptedSource);
}

QJsonValue ConfigKey::defaultValue() const
{
    return read(MonitorConfig {}, SecretHandling::Masked);
}

QString ConfigKey::defaultText() const
{
    return toText(defaultValue());
}

Result<QJsonValue> ConfigKey::parseText(const QString& text) const
{
    switch (kind) {
    case ConfigKind::Number:
    case ConfigKind::Integer: {
        bool ok = false;
        const double n = text.trimmed().toDouble(&ok); // always the C locale: "0.5", never "0,5"
        if (!ok)
            return Error {};
        return QJsonValue(n);
    }
    case ConfigKind::PatternList: {
        QJsonArray items;
        for (const QString& item : text.split(u',')) {
            if (!item.trimmed().isEmpty())
                items.append(item.trimmed());
        }
        return QJsonValue(items);
    }
    case ConfigKind::NotifierList: {
        if (text.trimmed().isEmpty()) // like an empty list of patterns: no notifiers
            return QJsonValue(QJsonArray {});
        const QByteArray json = text.toUtf8();
        QJsonParseError error {};
        const QJsonDocument document = QJsonDocument::fromJson(json, &error);
        if (error.error != QJsonParseError::NoError)
            return Error { QCoreApplication::translate("wpm::ConfigKeys", "it is not valid JSON: %1")
                               .arg(ConfigChecks::jsonSyntaxError(json, error)) };
        return document.isArray() ? QJsonValue(document.array()) : QJsonValue(document.object());
    }
    case ConfigKind::Text:
    case ConfigKind::Path:
    case ConfigKind::Address:
        break;
    }
    return QJsonValue(text);
}

QString ConfigKey::toText(const QJsonValue& value) const
{
    switch (value.type()) {
    case QJsonValue::Double:
        return QString::number(value.toDouble(), 'g', QLocale::FloatingPointShortest);
    case QJsonValue::Array:
        if (kind == ConfigKind::PatternList)
            return value.toVariant().toStringList().join(u',');
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    case QJsonValue::Object:
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    default:
        break;
    }
    return value.toString();
}

} // namespace wpm
