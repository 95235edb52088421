#include "UrlFilter.h"

#include <algorithm>

namespace wpm {

namespace {

// Parses every pattern, appending one problem line per malformed one.
QList<UrlPattern> parseAll(const QStringList& texts, const QString& listName, QStringList& problems)
{
    QList<UrlPattern> patterns;
    for (const QString& text : texts) {
        Result<UrlPattern> pattern = UrlPattern::parse(text);
        if (pattern)
            patterns.append(std::move(pattern).value());
        else
            problems.append(listName + QLatin1String(": ") + pattern.error().message);
    }
    return patterns;
}

bool anyMatches(const QList<UrlPattern>& patterns, QStringView path)
{
    return std::any_of(
        patterns.begin(), patterns.end(), [path](const UrlPattern& pattern) { return pattern.matchesPath(path); });
}

} // namespace

Result<UrlFilter> UrlFilter::create(const QStringList& whitelist, const QStringList& blacklist)
{
    QStringList problems;
    UrlFilter filter;
    filter.m_whitelist = parseAll(whitelist, QStringLiteral("url_whitelist"), problems);
    filter.m_blacklist = parseAll(blacklist, QStringLiteral("url_blacklist"), problems);
    if (!problems.isEmpty())
        return Error { problems.join(u'\n') };
    return filter;
}

bool UrlFilter::allows(QStringView urlOrPath) const
{
    const QStringView path = UrlPattern::pathOf(urlOrPath);
    if (anyMatches(m_whitelist, path))
        return true;
    if (!m_whitelist.isEmpty())
        return false;
    return !anyMatches(m_blacklist, path);
}

} // namespace wpm
