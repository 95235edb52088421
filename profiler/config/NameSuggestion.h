#pragma once
// "Did you mean ...?" for misspelt key, flag and variable names.

#include <QString>
#include <QStringList>

namespace wpm {

// Case-insensitive Levenshtein distance.
int editDistance(QStringView a, QStringView b);

// The known name closest to given, if it is a likely slip: at most two edits away (one for short names), or
// the same words with one more or fewer at the end ("threshold" for "threshold_seconds"). Empty otherwise.
QString suggestName(QStringView given, const QStringList& known, QChar wordSeparator = u'_');

} // namespace wpm
