#pragma once
// The TCP addresses a process (or any of its descendants) listens on, from /proc/PID/fd and
// /proc/net/tcp{,6}: how the workbench finds the server it launched without being told.

#include <QList>
#include <QString>

#include <sys/types.h>

namespace wpm {

struct ListeningSocket {
    QString host; // "127.0.0.1", "0.0.0.0", "::1", "::"
    quint16 port = 0;
    pid_t pid = 0;
};

QList<ListeningSocket> listeningSockets(pid_t pid, bool includeDescendants = true);

// Parses the text of /proc/net/tcp or /proc/net/tcp6: inode -> listening address (exposed for tests).
QList<std::pair<quint64, ListeningSocket>> parseListeningTable(QByteArrayView text, bool ipv6);

} // namespace wpm
