#pragma once
// Which samples the live flame graph shows: every thread or one, over the whole recording or over
// one request's window.

#include <QMetaType>

#include <optional>

#include <sys/types.h>

namespace wpm {

struct LiveSource {
    std::optional<pid_t> thread; // nullopt: every thread
    qint64 startNs = 0; // a request's window (CLOCK_MONOTONIC), or 0 and 0: everything up to now
    qint64 endNs = 0;

    bool operator==(const LiveSource&) const = default;
};

} // namespace wpm

Q_DECLARE_METATYPE(wpm::LiveSource)
