#pragma once
// Decides which requests are monitored, from url_whitelist and url_blacklist: a whitelisted path is always
// monitored (the whitelist wins), a non-empty whitelist refuses everything else, and without a whitelist
// everything not blacklisted is monitored.

#include "UrlPattern.h"
#include "core/Result.h"

#include <QList>
#include <QStringList>

namespace wpm {

class UrlFilter {
public:
    UrlFilter() = default; // allows everything

    // Fails naming every malformed pattern, not only the first.
    static Result<UrlFilter> create(const QStringList& whitelist, const QStringList& blacklist);

    // urlOrPath is a request target as the client sent it; only its path is matched.
    bool allows(QStringView urlOrPath) const;

    const QList<UrlPattern>& whitelist() const { return m_whitelist; }
    const QList<UrlPattern>& blacklist() const { return m_blacklist; }

private:
    QList<UrlPattern> m_whitelist;
    QList<UrlPattern> m_blacklist;
};

} // namespace wpm
