#pragma once
// The resolved settings of one monitoring session: what counts as slow, where reports go, who is told.
// Built by ConfigLoader from defaults, a file, the environment and the command line.

#include "sampling/PythonReading.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace wpm {

// How secret notifier options (tokens, passwords) appear when a configuration is turned into JSON.
enum class SecretHandling {
    Masked, // replaced by "********": for display, logs and reports
    Omit, // left out: for plain settings files (secrets belong in the keychain)
    Keep, // as they are: only for handing to the notifier itself
};

// One external notifier from notice_list: its type and every other field of its JSON object.
struct NotifierSettings {
    QString type;
    QJsonObject options; // everything but "type", including "format"; per-type fields are checked by the notifier

    QJsonObject toJson(SecretHandling secrets = SecretHandling::Masked) const;
    bool operator==(const NotifierSettings&) const = default;
};

// True for option names that hold secrets: token, password, secret, authorization, *_token, *_password, *_secret.
bool isSecretOptionName(QStringView name);

// True for "keychain:NAME": a reference to a secret kept by the secret store (notify/SecretStore.h), not a secret.
bool isSecretReference(const QJsonValue& value);

// value with the secrets in it (at any depth, by isSecretOptionName) masked, left out or kept.
QJsonValue applySecretHandling(const QJsonValue& value, SecretHandling secrets);

// One function of `watch`: a report whenever one call of it stays on a thread's stack longer than
// its threshold. Named as its frames are: a native symbol ("ns::f(int)", or "ns::f" for any
// overload) or, once Python frames are sampled, "module:qualname".
struct FunctionWatch {
    QString function;
    double thresholdSeconds = -1; // below 0: threshold_seconds

    // "NAME" or "NAME=SECONDS", as typed after --watch.
    QString toText() const;
    bool operator==(const FunctionWatch&) const = default;
};

struct MonitorConfig {
    // The original Python library's settings, with its defaults.
    double thresholdSeconds = 1.0;
    int alertWindowDays = 10;
    double maxPerformanceOverhead = 0.05;
    QString logPath = QStringLiteral("/tmp");
    QStringList urlWhitelist;
    QStringList urlBlacklist;
    QList<NotifierSettings> noticeList;
    double noticeTimeoutSeconds = 30.0;
    int noticeQueueSize = 1000;
    double gracefulShutdownSeconds = 5.0;

    // The workbench's own.
    int samplingRateHz = 100;
    int sampleMemoryMb = 256; // bound of the sample store; the oldest samples go first
    QString proxyListen = QStringLiteral("127.0.0.1:0"); // port 0: pick a free port
    QString upstream; // empty: detect from the launched server
    // Retention of log_path's reports (files and history rows); 0 = unlimited, the oldest go first.
    int historyMaxAgeDays = 0;
    int historyMaxReports = 0;
    int historyMaxMb = 0;
    QList<FunctionWatch> watch;
    PythonReading pythonSampling = PythonReading::Mixed; // how a CPython server's frames are read
    bool kernelSampling = true; // native_sampling=kernel: running threads sampled by the kernel, not stopped

    // Snake_case keys as in the configuration file; notifier secrets handled as asked.
    QJsonObject toJson(SecretHandling secrets = SecretHandling::Masked) const;
    bool operator==(const MonitorConfig&) const = default;
};

} // namespace wpm
