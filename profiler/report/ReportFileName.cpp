#include "report/ReportFileName.h"

#include <QUrl>

#include <algorithm>

namespace wpm {
namespace {

bool isSlugChar(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || (u >= u'0' && u <= u'9') || u == u'-';
}

} // namespace

QString reportSlug(const QString& url)
{
    // Only the path: a query can hold tokens, and it is not what identifies the endpoint.
    QStringView path = url;
    for (qsizetype i = 0; i < path.size(); ++i) {
        if (path[i] == u'?' || path[i] == u'#') {
            path = path.left(i);
            break;
        }
    }
    QString slug;
    slug.reserve(std::min<qsizetype>(path.size(), kMaxSlugLength));
    for (const QChar c : QUrl::fromPercentEncoding(path.toUtf8())) {
        if (slug.size() == kMaxSlugLength)
            break;
        if (isSlugChar(c) && !(slug.isEmpty() && c == u'-')) // a leading `-` would read as an option
            slug += c;
        else if (!slug.isEmpty() && !slug.endsWith(u'_'))
            slug += u'_';
    }
    while (!slug.isEmpty() && (slug.back() == u'_' || slug.back() == u'-'))
        slug.chop(1);
    return slug.isEmpty() ? QStringLiteral("root") : slug;
}

QString reportMethodPart(const QString& method)
{
    QString part;
    for (const QChar c : method) {
        if (part.size() == 10)
            break;
        if (c.unicode() < 128 && c.isLetter())
            part += c.toUpper();
    }
    return part.isEmpty() ? QStringLiteral("REQUEST") : part;
}

QString reportBaseName(const ReportMetadata& metadata, const QString& suffix)
{
    const QDateTime time = metadata.time.isValid() ? metadata.time : QDateTime::currentDateTimeUtc();
    return time.toUTC().toString(QStringLiteral("yyyyMMdd-HHmmss-zzz")) + u'_' + reportMethodPart(metadata.method)
        + u'_' + reportSlug(metadata.url) + u'_' + suffix;
}

} // namespace wpm
