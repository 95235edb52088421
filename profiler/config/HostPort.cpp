#include "HostPort.h"

#include <QHostAddress>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace wpm {

namespace {

bool isAsciiDigits(QStringView text)
{
    return !text.isEmpty() && std::all_of(text.begin(), text.end(), [](QChar c) { return c >= u'0' && c <= u'9'; });
}

// Strict dotted quad: QHostAddress would also take "127.1" or "0x7f.1", which are more likely typos.
bool isIpv4Literal(QStringView host)
{
    const QList<QStringView> parts = host.split(u'.');
    if (parts.size() != 4)
        return false;
    return std::all_of(parts.begin(), parts.end(), [](QStringView part) {
        return isAsciiDigits(part) && part.size() <= 3 && !(part.size() > 1 && part.front() == u'0')
            && part.toInt() <= 255;
    });
}

bool isHostName(QStringView host)
{
    if (host.isEmpty() || host.size() > 253)
        return false;
    const QList<QStringView> labels = host.split(u'.');
    return std::all_of(labels.begin(), labels.end(), [](QStringView label) {
        const auto allowed = [](QChar c) { return (c.isLetterOrNumber() && c.unicode() < 128) || c == u'-'; };
        return !label.isEmpty() && label.size() <= 63 && std::all_of(label.begin(), label.end(), allowed)
            && label.front() != u'-' && label.back() != u'-';
    });
}

} // namespace

Result<HostPort> HostPort::parseListenAddress(QStringView text)
{
    if (const qsizetype schemeEnd = text.indexOf(u"://"); schemeEnd >= 0)
        return Error { tr("write only host:port, without \"%1\"").arg(text.left(schemeEnd + 3)) };
    return parse(text, HostRule::ListenAddress, 0);
}

Result<HostPort> HostPort::parseUpstream(QStringView text)
{
    QStringView rest = text;
    const qsizetype schemeEnd = rest.indexOf(u"://");
    if (schemeEnd >= 0) {
        if (rest.left(schemeEnd).compare(u"http", Qt::CaseInsensitive) != 0)
            return Error { tr("only http:// is supported: the proxy talks plain HTTP to the server") };
        rest = rest.mid(schemeEnd + 3);
        if (rest.endsWith(u'/'))
            rest.chop(1);
    }
    if (rest.contains(u'/'))
        return Error { tr("a path after the port is not supported") };
    return parse(rest, HostRule::AnyHost, 1);
}

Result<HostPort> HostPort::parse(QStringView text, HostRule rule, int minPort)
{
    QStringView host;
    QStringView portText;
    bool bracketed = false;
    if (text.startsWith(u'[')) {
        const qsizetype close = text.indexOf(u']');
        if (close < 0)
            return Error { tr("the \"[\" of the IPv6 address is not closed with \"]\"") };
        host = text.mid(1, close - 1);
        bracketed = true;
        if (close + 1 >= text.size() || text[close + 1] != u':')
            return Error { tr("the port is missing, e.g. [::1]:8080") };
        portText = text.mid(close + 2);
    } else {
        const qsizetype colon = text.lastIndexOf(u':');
        if (colon < 0)
            return Error { tr("the port is missing, e.g. 127.0.0.1:8080") };
        host = text.left(colon);
        portText = text.mid(colon + 1);
        if (host.contains(u':'))
            return Error { tr("an IPv6 address needs brackets, e.g. [::1]:8080") };
    }

    if (bracketed) {
        QHostAddress address;
        if (!address.setAddress(host.toString()) || address.protocol() != QAbstractSocket::IPv6Protocol)
            return Error { tr("\"%1\" is not an IPv6 address").arg(host) };
    } else if (host.isEmpty()) {
        return Error { tr("the host is missing, e.g. 127.0.0.1:8080") };
    } else if (rule == HostRule::ListenAddress) {
        if (!isIpv4Literal(host) && host.compare(u"localhost", Qt::CaseInsensitive) != 0)
            return Error { tr("\"%1\" is not an IPv4 address, localhost or a bracketed IPv6 address").arg(host) };
    } else if (!isIpv4Literal(host) && !isHostName(host)) {
        return Error { tr("\"%1\" is not a host name or an IP address").arg(host) };
    }

    const int port = isAsciiDigits(portText) && portText.size() <= 5 ? portText.toInt() : -1;
    if (port < minPort || port > 65535)
        return Error { tr("the port \"%1\" is not a number from %2 to 65535").arg(portText).arg(minPort) };
    return HostPort { host.toString(), static_cast<quint16>(port) };
}

QString HostPort::toString() const
{
    const QString shownHost = host.contains(u':') ? u'[' + host + u']' : host;
    return shownHost + u':' + QString::number(port);
}

} // namespace wpm
