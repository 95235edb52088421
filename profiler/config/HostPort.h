#pragma once
// A host and port as written in proxy_listen ("127.0.0.1:0", "[::1]:8080") and upstream
// ("localhost:5000", "http://127.0.0.1:5000"), parsed strictly so typos fail at startup, not at connect time.

#include "core/Result.h"

#include <QCoreApplication>
#include <QString>

namespace wpm {

struct HostPort {
    Q_DECLARE_TR_FUNCTIONS(wpm::HostPort)

public:
    QString host; // IPv6 without brackets
    quint16 port = 0;

    // An IPv4 literal, "localhost" or "[IPv6]", then ":port" with port 0..65535 (0 picks a free port).
    static Result<HostPort> parseListenAddress(QStringView text);
    // "host:port" or "http://host:port" (one trailing "/" allowed); host may also be a DNS name; port 1..65535.
    static Result<HostPort> parseUpstream(QStringView text);

    QString toString() const; // brackets an IPv6 host again

    bool operator==(const HostPort&) const = default;

private:
    enum class HostRule { ListenAddress, AnyHost };
    static Result<HostPort> parse(QStringView text, HostRule rule, int minPort);
};

} // namespace wpm
