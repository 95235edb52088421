#pragma once
// Remembers how the user arranged a window's insides: every splitter's sizes and every table header's
// column widths, order and sort, in QSettings under one group, restored when the window opens again.

class QSettings;
class QString;
class QWidget;

namespace wpm {

void saveWidgetStates(const QWidget* root, QSettings& settings, const QString& group);

// Restores what saveWidgetStates() wrote; a kind of widget whose count has changed since (another
// version of the window) is left as it is rather than given another widget's state.
void restoreWidgetStates(QWidget* root, const QSettings& settings, const QString& group);

} // namespace wpm
