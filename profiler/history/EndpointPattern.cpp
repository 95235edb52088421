#include "history/EndpointPattern.h"

#include "report/ReportFileName.h"

#include <QRegularExpression>

namespace wpm {
namespace {

constexpr qsizetype kMaxPathLength = 280;

bool isIdentifier(QStringView segment)
{
    static const QRegularExpression number(QStringLiteral("^[0-9]+$"));
    static const QRegularExpression uuid(
        QStringLiteral("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"));
    static const QRegularExpression hexId(QStringLiteral("^(?=[^0-9]*[0-9])[0-9a-fA-F]{8,}$"));
    return number.match(segment).hasMatch() || uuid.match(segment).hasMatch() || hexId.match(segment).hasMatch();
}

} // namespace

QString endpointPattern(const QString& method, const QString& url)
{
    QStringView path = url;
    if (const qsizetype end = path.indexOf(QRegularExpression(QStringLiteral("[?#]"))); end >= 0)
        path = path.left(end);
    QString pattern;
    for (const QStringView segment : path.split(u'/', Qt::SkipEmptyParts)) {
        pattern += u'/';
        pattern += isIdentifier(segment) ? QStringView(u"{id}") : segment;
        if (pattern.size() > kMaxPathLength) {
            pattern.truncate(kMaxPathLength);
            pattern += QStringLiteral("…");
            break;
        }
    }
    if (pattern.isEmpty() || path.endsWith(u'/'))
        pattern += u'/';
    return reportMethodPart(method) + u' ' + pattern;
}

} // namespace wpm
