#include "NameSuggestion.h"

#include <QList>

#include <algorithm>
#include <limits>

namespace wpm {

int editDistance(QStringView a, QStringView b)
{
    // Two rows of the classic table are enough.
    QList<int> previous(b.size() + 1);
    QList<int> current(b.size() + 1);
    for (qsizetype j = 0; j <= b.size(); ++j)
        previous[j] = int(j);
    for (qsizetype i = 1; i <= a.size(); ++i) {
        current[0] = int(i);
        for (qsizetype j = 1; j <= b.size(); ++j) {
            const int substitution = previous[j - 1] + (a[i - 1].toCaseFolded() == b[j - 1].toCaseFolded() ? 0 : 1);
            current[j] = std::min({ previous[j] + 1, current[j - 1] + 1, substitution });
        }
        std::swap(previous, current);
    }
    return previous[b.size()];
}

QString suggestName(QStringView given, const QStringList& known, QChar wordSeparator)
{
    const auto extendsByWords = [wordSeparator](QStringView shorter, QStringView longer) {
        return longer.size() > shorter.size() && longer.startsWith(shorter, Qt::CaseInsensitive)
            && longer[shorter.size()] == wordSeparator;
    };
    QString best;
    int bestDistance = std::numeric_limits<int>::max();
    for (const QString& name : known) {
        const int distance = editDistance(given, name);
        const int allowed = name.size() <= 5 ? 1 : 2;
        const bool likely = distance <= allowed || extendsByWords(given, name) || extendsByWords(name, given);
        if (likely && distance < bestDistance) {
            best = name;
            bestDistance = distance;
        }
    }
    return best;
}

} // namespace wpm
