#include "ListeningSockets.h"

#include "ProcFs.h"

#include <QDir>
#include <QFile>
#include <QHash>
#include <QHostAddress>

#include <QtEndian>

#include <cstring>

namespace wpm {
namespace {

constexpr int kTcpListen = 0x0A; // st column of /proc/net/tcp

// /proc/net/tcp prints each 32-bit word of an address as the integer the kernel holds in memory
// (network byte order bytes read as a host-order number), in hex: put the words back in memory.
QString decodeAddress(QByteArrayView hex, bool ipv6)
{
    const int words = ipv6 ? 4 : 1;
    if (hex.size() != words * 8)
        return {};
    quint8 bytes[16];
    for (int word = 0; word < words; ++word) {
        bool ok = false;
        const quint32 value = QByteArray(hex.data() + word * 8, 8).toUInt(&ok, 16);
        if (!ok)
            return {};
        std::memcpy(bytes + word * 4, &value, 4);
    }
    if (ipv6)
        return QHostAddress(bytes).toString();
    quint32 networkOrder;
    std::memcpy(&networkOrder, bytes, 4);
    return QHostAddress(qFromBigEndian(networkOrder)).toString();
}

QHash<quint64, ListeningSocket> readTable(const QString& path, bool ipv6)
{
    QHash<quint64, ListeningSocket> sockets;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return sockets;
    for (const auto& [inode, socket] : parseListeningTable(file.readAll(), ipv6))
        sockets.insert(inode, socket);
    return sockets;
}

QList<quint64> socketInodes(pid_t pid)
{
    QList<quint64> inodes;
    const QDir fds(QStringLiteral("/proc/%1/fd").arg(pid));
    for (const QFileInfo& fd : fds.entryInfoList(QDir::Files | QDir::System | QDir::NoDotAndDotDot)) {
        const QString name = QFileInfo(fd.symLinkTarget()).fileName(); // ".../socket:[inode]"
        if (name.startsWith(QLatin1String("socket:[")))
            inodes.append(name.mid(8, name.size() - 9).toULongLong());
    }
    return inodes;
}

} // namespace

QList<std::pair<quint64, ListeningSocket>> parseListeningTable(QByteArrayView text, bool ipv6)
{
    QList<std::pair<quint64, ListeningSocket>> sockets;
    const QList<QByteArray> lines = QByteArray(text.data(), text.size()).split('\n');
    for (qsizetype i = 1; i < lines.size(); ++i) { // the first line names the columns
        const QList<QByteArray> fields = lines[i].simplified().split(' ');
        if (fields.size() < 10 || fields[3].toInt(nullptr, 16) != kTcpListen)
            continue;
        const QList<QByteArray> local = fields[1].split(':');
        if (local.size() != 2)
            continue;
        ListeningSocket socket;
        socket.host = decodeAddress(local[0], ipv6);
        socket.port = quint16(local[1].toUInt(nullptr, 16));
        if (!socket.host.isEmpty())
            sockets.append({ fields[9].toULongLong(), socket });
    }
    return sockets;
}

QList<ListeningSocket> listeningSockets(pid_t pid, bool includeDescendants)
{
    QHash<quint64, ListeningSocket> table = readTable(QStringLiteral("/proc/%1/net/tcp").arg(pid), false);
    table.insert(readTable(QStringLiteral("/proc/%1/net/tcp6").arg(pid), true));
    QList<pid_t> processes { pid };
    if (includeDescendants)
        processes += listDescendants(pid);
    QList<ListeningSocket> found;
    for (pid_t process : processes) {
        for (quint64 inode : socketInodes(process)) {
            if (auto socket = table.constFind(inode); socket != table.constEnd()) {
                ListeningSocket entry = *socket;
                entry.pid = process;
                found.append(entry);
            }
        }
    }
    return found;
}

} // namespace wpm
