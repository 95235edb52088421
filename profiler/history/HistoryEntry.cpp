#include "history/HistoryEntry.h"

#include <array>

namespace wpm {
namespace {

constexpr std::array<std::pair<NotificationResult, QStringView>, 5> kOutcomeNames { {
    { NotificationResult::Sent, u"sent" },
    { NotificationResult::Failed, u"failed" },
    { NotificationResult::Dropped, u"dropped" },
    { NotificationResult::Suppressed, u"suppressed" },
    { NotificationResult::NotSent, u"not sent" },
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

QString reportZipName(const QString& id)
{
    return id + QLatin1String(".zip");
}

QStringList reportFileNamesAndZip(const QString& id)
{
    return reportFileNames(id) << reportZipName(id);
}

QString outcomeName(NotificationResult outcome)
{
    for (const auto& [value, name] : kOutcomeNames) {
        if (value == outcome)
            return name.toString();
    }
    return {};
}

std::optional<NotificationResult> outcomeFromName(QStringView name)
{
    for (const auto& [value, known] : kOutcomeNames) {
        if (known == name)
            return value;
    }
    return std::nullopt;
}

} // namespace wpm
