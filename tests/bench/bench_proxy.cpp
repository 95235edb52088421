// bench_proxy: what the recording proxy costs a request. Starts nginx on loopback (its own configs,
// pids and temp files in a temporary directory) serving a small static file, and measures with wrk,
// side by side in one run: nginx directly, nginx behind nginx as a reverse proxy (a second nginx
// process with one worker, keep-alive to its upstream), and nginx behind our HttpProxy (one thread;
// its records received on another thread, as `record` does, unless --receiver 0). Each
// configuration runs `--rounds` times, interleaved; medians of requests/s, of wrk's p50/p99 latency
// and of the CPU time per request of the serving or proxying process are printed with ratios.
// Goals: our added p50 latency <= 100 us; our throughput >= nginx as a proxy. Last line: one JSON
// object.
//
// Usage: bench_proxy [--rounds N] [--seconds S] [--connections C] [--receiver 0|1]

#include "capture/HttpProxy.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QThread>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <unistd.h>

using namespace wpm;

namespace {

struct Options {
    int rounds = 3;
    int seconds = 5;
    int connections = 8;
    bool receiver = true; // records handed to a thread of their own, as `record` does
};

struct WrkResult {
    double rps = 0;
    double p50Us = 0;
    double p99Us = 0;
    qint64 requests = 0;
};

Options parse(const QStringList& args)
{
    Options options;
    for (qsizetype i = 1; i + 1 < args.size(); i += 2) {
        if (args.at(i) == QLatin1String("--receiver")) {
            options.receiver = args.at(i + 1).toInt() != 0;
            continue;
        }
        const int value = std::max(1, args.at(i + 1).toInt());
        if (args.at(i) == QLatin1String("--rounds"))
            options.rounds = value;
        else if (args.at(i) == QLatin1String("--seconds"))
            options.seconds = value;
        else if (args.at(i) == QLatin1String("--connections"))
            options.connections = value;
    }
    return options;
}

quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

// "123.45us", "1.20ms", "2.00s" -> microseconds.
double toMicroseconds(const QString& text)
{
    static const QRegularExpression pattern(QStringLiteral("([0-9.]+)(us|ms|s)"));
    const QRegularExpressionMatch match = pattern.match(text);
    if (!match.hasMatch())
        return 0;
    const double value = match.captured(1).toDouble();
    const QString unit = match.captured(2);
    return unit == QLatin1String("us") ? value : unit == QLatin1String("ms") ? value * 1e3 : value * 1e6;
}

std::optional<WrkResult> runWrk(const QString& wrk, quint16 port, const Options& options)
{
    QProcess process;
    process.start(wrk,
        { QStringLiteral("-t1"), QStringLiteral("-c%1").arg(options.connections),
            QStringLiteral("-d%1s").arg(options.seconds), QStringLiteral("--latency"),
            QStringLiteral("http://127.0.0.1:%1/index.html").arg(port) });
    if (!process.waitForFinished((options.seconds + 30) * 1000) || process.exitCode() != 0)
        return std::nullopt;
    const QString output = QString::fromUtf8(process.readAllStandardOutput());
    WrkResult result;
    for (const QString& line : output.split(u'\n')) {
        const QStringList fields = line.simplified().split(u' ');
        if (fields.size() > 3 && fields[1] == QLatin1String("requests") && fields[2] == QLatin1String("in"))
            result.requests = fields[0].toLongLong();
        else if (fields.size() == 2 && fields[0] == QLatin1String("Requests/sec:"))
            result.rps = fields[1].toDouble();
        else if (fields.size() == 2 && fields[0] == QLatin1String("50%"))
            result.p50Us = toMicroseconds(fields[1]);
        else if (fields.size() == 2 && fields[0] == QLatin1String("99%"))
            result.p99Us = toMicroseconds(fields[1]);
        else if (line.contains(QLatin1String("Non-2xx")) || line.contains(QLatin1String("Socket errors")))
            std::fprintf(stderr, "wrk on port %u: %s\n", port, qPrintable(line.trimmed()));
    }
    if (result.rps <= 0)
        return std::nullopt;
    return result;
}

bool waitForListening(quint16 port)
{
    for (int attempt = 0; attempt < 50; ++attempt) {
        QTcpSocket socket;
        socket.connectToHost(QStringLiteral("127.0.0.1"), port);
        if (socket.waitForConnected(100))
            return true;
        QThread::msleep(100);
    }
    return false;
}

// One nginx process (no master, no user switch, one worker), its files under `dir`/`name`.*: the
// origin and nginx-as-proxy run as two such processes, so each proxy has one thread of its own.
bool writeNginxConfig(const QString& dir, const QString& name, const QString& servers)
{
    QFile config(dir + QStringLiteral("/%1.conf").arg(name));
    if (!config.open(QIODevice::WriteOnly))
        return false;
    const QString text = QStringLiteral(
        "daemon off;\nmaster_process off;\nworker_processes 1;\npid %1/%2.pid;\nerror_log %1/%2-error.log warn;\n"
        "events { worker_connections 1024; }\n"
        "http {\n  access_log off;\n  client_body_temp_path %1/%2-body;\n  proxy_temp_path %1/%2-proxy;\n"
        "  fastcgi_temp_path %1/%2-fastcgi;\n  uwsgi_temp_path %1/%2-uwsgi;\n  scgi_temp_path %1/%2-scgi;\n%3}\n")
                             .arg(dir, name, servers);
    return config.write(text.toUtf8()) > 0;
}

bool writeNginxConfigs(const QString& dir, quint16 originPort, quint16 proxyPort)
{
    QDir(dir).mkpath(QStringLiteral("www"));
    QFile page(dir + QStringLiteral("/www/index.html"));
    if (!page.open(QIODevice::WriteOnly) || page.write(QByteArray(512, 'x')) != 512)
        return false;
    const QString origin = QStringLiteral("  server { listen 127.0.0.1:%2; location / { root %1/www; } }\n")
                               .arg(dir)
                               .arg(originPort);
    const QString proxy = QStringLiteral(
        "  upstream origin { server 127.0.0.1:%1; keepalive 32; }\n"
        "  server { listen 127.0.0.1:%2; location / { proxy_pass http://origin; proxy_http_version 1.1;\n"
        "    proxy_set_header Connection \"\"; } }\n")
                              .arg(originPort)
                              .arg(proxyPort);
    return writeNginxConfig(dir, QStringLiteral("origin"), origin)
        && writeNginxConfig(dir, QStringLiteral("proxy"), proxy);
}

bool startNginx(QProcess& process, const QString& nginx, const QString& dir, const QString& name, quint16 port)
{
    process.setProcessChannelMode(QProcess::ForwardedChannels);
    process.start(nginx, { QStringLiteral("-p"), dir, QStringLiteral("-c"), dir + QStringLiteral("/%1.conf").arg(name) });
    if (process.waitForStarted(5000) && waitForListening(port))
        return true;
    std::fprintf(stderr, "nginx did not start; see %s/%s-error.log\n", qPrintable(dir), qPrintable(name));
    return false;
}

// CPU time (user + system) a process has used so far: what serving the requests cost, whatever
// the load of the rest of the machine.
double cpuSeconds(qint64 pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return 0;
    const QByteArray text = stat.readAll();
    const QList<QByteArray> fields = text.mid(text.lastIndexOf(')') + 2).split(' ');
    if (fields.size() < 13)
        return 0;
    return double(fields[11].toLongLong() + fields[12].toLongLong()) / double(sysconf(_SC_CLK_TCK));
}

double median(QList<double> values)
{
    std::ranges::sort(values);
    const qsizetype middle = values.size() / 2;
    return values.size() % 2 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    const Options options = parse(app.arguments());
    const QString wrk = QStandardPaths::findExecutable(QStringLiteral("wrk"));
    QString nginx = QStandardPaths::findExecutable(QStringLiteral("nginx"));
    if (nginx.isEmpty())
        nginx = QStandardPaths::findExecutable(QStringLiteral("nginx"), { QStringLiteral("/usr/sbin") });
    if (wrk.isEmpty() || nginx.isEmpty()) {
        std::fprintf(stderr, "bench_proxy needs wrk and nginx (Debian packages wrk, nginx; scripts/setup.sh)\n");
        return 2;
    }
    QTemporaryDir dir;
    const quint16 originPort = freePort();
    const quint16 nginxProxyPort = freePort();
    if (!dir.isValid() || !writeNginxConfigs(dir.path(), originPort, nginxProxyPort)) {
        std::fprintf(stderr, "cannot write nginx's configuration in %s\n", qPrintable(dir.path()));
        return 1;
    }
    QProcess origin;
    QProcess nginxProxy;
    if (!startNginx(origin, nginx, dir.path(), QStringLiteral("origin"), originPort)
        || !startNginx(nginxProxy, nginx, dir.path(), QStringLiteral("proxy"), nginxProxyPort))
        return 1;

    HttpProxy proxy;
    ProxyOptions proxyOptions;
    proxyOptions.upstreamPort = originPort;
    if (Status started = proxy.start(proxyOptions); !started) {
        std::fprintf(stderr, "%s\n", qPrintable(started.error().message));
        return 1;
    }

    // The capture engine of `record` receives every record on its own thread: so does this one.
    QThread receiverThread;
    QObject receiver;
    std::atomic<qint64> startedRecords = 0;
    std::atomic<qint64> finishedRecords = 0;
    if (options.receiver) {
        receiver.moveToThread(&receiverThread);
        receiverThread.start();
        QObject::connect(&proxy, &HttpProxy::requestEvents, &receiver, [&](const RequestEvents& events) {
            for (const RequestEvent& event : events)
                ++(event.kind == RequestEvent::Kind::Started ? startedRecords : finishedRecords);
        });
    }
    qint64 ourRequests = 0;

    // Each with the process that does the serving or the proxying: its CPU time per request is measured.
    struct Target {
        QString name;
        quint16 port;
        qint64 pid;
    };
    const QList<Target> targets { { QStringLiteral("direct"), originPort, origin.processId() },
        { QStringLiteral("nginx"), nginxProxyPort, nginxProxy.processId() },
        { QStringLiteral("ours"), proxy.port(), QCoreApplication::applicationPid() } };
    QHash<QString, QList<double>> rps, p50, p99, cpuUs;
    for (int round = 0; round < options.rounds; ++round) {
        for (const auto& [name, port, pid] : targets) {
            const double cpuBefore = cpuSeconds(pid);
            const std::optional<WrkResult> result = runWrk(wrk, port, options);
            if (!result) {
                std::fprintf(stderr, "wrk failed against %s (port %u)\n", qPrintable(name), port);
                return 1;
            }
            if (port == proxy.port())
                ourRequests += result->requests;
            rps[name].append(result->rps);
            p50[name].append(result->p50Us);
            p99[name].append(result->p99Us);
            cpuUs[name].append((cpuSeconds(pid) - cpuBefore) * 1e6 / double(std::max<qint64>(1, result->requests)));
            std::printf("round %d %-6s %9.0f req/s  p50 %7.1f us  p99 %8.1f us  CPU %5.1f us/request\n", round + 1,
                qPrintable(name), result->rps, result->p50Us, result->p99Us, cpuUs[name].last());
            std::fflush(stdout);
        }
    }
    proxy.stop();
    receiverThread.quit();
    receiverThread.wait();
    for (QProcess* process : { &nginxProxy, &origin }) {
        process->terminate();
        process->waitForFinished(5000);
    }

    QJsonObject summary;
    for (const auto& [name, port, pid] : targets) {
        summary.insert(name + QStringLiteral("_cpu_us"), std::round(median(cpuUs[name]) * 10) / 10);
        summary.insert(name + QStringLiteral("_rps"), std::round(median(rps[name])));
        summary.insert(name + QStringLiteral("_p50_us"), std::round(median(p50[name]) * 10) / 10);
        summary.insert(name + QStringLiteral("_p99_us"), std::round(median(p99[name]) * 10) / 10);
    }
    const double ourAddedP50 = median(p50[QStringLiteral("ours")]) - median(p50[QStringLiteral("direct")]);
    const double nginxAddedP50 = median(p50[QStringLiteral("nginx")]) - median(p50[QStringLiteral("direct")]);
    std::printf("medians of %d rounds of %d s, %d connections, 512-byte page:\n", options.rounds, options.seconds,
        options.connections);
    std::printf(
        "  p50 added: ours %.1f us, nginx as a proxy %.1f us (goal for ours: <= 100 us)\n", ourAddedP50, nginxAddedP50);
    std::printf("  throughput: ours/direct %.2f, nginx/direct %.2f, ours/nginx %.2f (goal: >= 1)\n",
        median(rps[QStringLiteral("ours")]) / median(rps[QStringLiteral("direct")]),
        median(rps[QStringLiteral("nginx")]) / median(rps[QStringLiteral("direct")]),
        median(rps[QStringLiteral("ours")]) / median(rps[QStringLiteral("nginx")]));
    std::printf("  CPU per request: nginx serving it directly %.1f us; proxying it: nginx %.1f us, ours %.1f us "
                "(our whole process: proxy thread%s)\n",
        median(cpuUs[QStringLiteral("direct")]), median(cpuUs[QStringLiteral("nginx")]),
        median(cpuUs[QStringLiteral("ours")]), options.receiver ? " and the records' receiver" : "");
    if (options.receiver)
        std::printf("  records received on another thread: %lld started, %lld finished; wrk counted %lld responses\n",
            qlonglong(startedRecords.load()), qlonglong(finishedRecords.load()), qlonglong(ourRequests));
    else
        std::printf("  records not received (--receiver 0): only emitted\n");
    summary.insert(QStringLiteral("ours_added_p50_us"), std::round(ourAddedP50 * 10) / 10);
    std::printf("%s\n", QJsonDocument(summary).toJson(QJsonDocument::Compact).constData());
    return 0;
}
