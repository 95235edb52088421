#include "history/HistoryEntry.h"

#include <array>

namespace wpm {
namespace {

constexpr std::array<std::pair<NotificationOutcome, QStringView>, 4> kOutcomeNames { {
    { NotificationOutcome::Sent, u"sent" },
    { NotificationOutcome::Failed, u"failed" },
    { NotificationOutcome::Dropped, u"dropped" },
    { NotificationOutcome::Suppressed, u"suppressed" },
} };

} // namespace

QStringList HistoryEntry::fileNames() const
{
    return reportFileNames(id);
}

QStringList reportFileNames(const QString& id)
{
    return { id + QLatin1String(".html"), id + QLatin1String(".md"), id + QLatin1String(".speedscope.json"),
        id + QLatin1String(".folded") };
}

QString outcomeName(NotificationOutcome outcome)
{
    for (const auto& [value, name] : kOutcomeNames) {
        if (value == outcome)
            return name.toString();
    }
    return {};
}

std::optional<NotificationOutcome> outcomeFromName(QStringView name)
{
    for (const auto& [value, known] : kOutcomeNames) {
        if (known == name)
            return value;
    }
    return std::nullopt;
}

} // namespace wpm
