#pragma once
// How the window words one notification outcome as it arrives ("Mattermost: sent", "e-mail: failed - why"),
// for the status bar, the console and the history's notification column.

#include "notify/NotificationOutcome.h"

namespace wpm {

// The channel's name for people, from an outcome's notifier ("notice_list[0] email" -> "e-mail").
QString notifierDisplayName(const QString& notifier);
QString notificationOutcomeText(const NotificationOutcome& outcome);

} // namespace wpm
