#pragma once
// `web-perfmonitor report list|show|export|reindex`: the history of log_path's reports on the console.

#include "config/MonitorConfig.h"
#include "history/ReportHistory.h"

#include <QTextStream>

namespace wpm {

class CommandLine;

// The history options a configuration asks for: its alert window and retention keys.
HistoryOptions historyOptions(const MonitorConfig& config);

int runReportCommand(const CommandLine& commandLine, const MonitorConfig& config, QTextStream& out, QTextStream& err);

} // namespace wpm
