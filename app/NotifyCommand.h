#pragma once
// `web-perfmonitor notify test`: sends a test notification through every notifier in notice_list and
// prints each outcome. `web-perfmonitor notify set-secret NAME`: stores a token or password read from
// standard input in the secret store, for options written as "keychain:NAME". `notify options`: every
// notifier type's options as the README's table.

#include "config/MonitorConfig.h"

#include <QTextStream>

namespace wpm {

class CommandLine;

// Exit status: 0 when every notifier sent (or the secret was stored), 1 otherwise, 2 for bad usage.
int runNotifyCommand(const CommandLine& commandLine, const MonitorConfig& config, QTextStream& out, QTextStream& err);

} // namespace wpm
