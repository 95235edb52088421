#include "UrlPattern.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace wpm {

namespace {

// Length of "scheme" in "scheme://", or 0 when the target is not in absolute form.
qsizetype schemeLength(QStringView url)
{
    const auto isAsciiLetter = [](QChar c) { return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z'); };
    if (url.isEmpty() || !isAsciiLetter(url.front()))
        return 0;
    qsizetype i = 1;
    while (i < url.size()
        && (isAsciiLetter(url[i]) || (url[i] >= u'0' && url[i] <= u'9') || url[i] == u'+' || url[i] == u'-'
            || url[i] == u'.'))
        ++i;
    return url.mid(i).startsWith(u"://") ? i : 0;
}

qsizetype indexOfAny(QStringView text, QStringView characters)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (characters.contains(text[i]))
            return i;
    }
    return -1;
}

} // namespace

QStringView UrlPattern::pathOf(QStringView urlOrPath)
{
    static const QString root = u"/"_s;
    QStringView rest = urlOrPath;
    if (const qsizetype scheme = schemeLength(rest); scheme > 0) {
        rest = rest.mid(scheme + 3);
        const qsizetype authorityEnd = indexOfAny(rest, u"/?#");
        if (authorityEnd < 0 || rest[authorityEnd] != u'/')
            return root; // "http://host" and "http://host?q" ask for "/"
        rest = rest.mid(authorityEnd);
    }
    if (const qsizetype end = indexOfAny(rest, u"?#"); end >= 0)
        rest = rest.left(end);
    return rest;
}

Error UrlPattern::invalid(const QString& text, const QString& reason)
{
    return Error { tr("URL pattern \"%1\" is not valid: %2").arg(text, reason) };
}

Result<UrlPattern> UrlPattern::parse(const QString& text)
{
    if (text.isEmpty())
        return invalid(text, tr("it is empty"));
    if (text.front().isSpace() || text.back().isSpace())
        return invalid(text, tr("it starts or ends with white space"));
    const QList<uint> chars = text.toUcs4();
    for (qsizetype i = 0; i < chars.size(); ++i) {
        if (QChar::category(chars[i]) == QChar::Other_Control)
            return invalid(text, tr("it contains a control character at position %1").arg(i + 1));
    }
    if (chars.front() != u'/' && chars.front() != u'*')
        return invalid(text, tr("it must start with / or *, e.g. /api/*"));

    UrlPattern pattern;
    pattern.m_text = text;
    using Kind = Token::Kind;
    for (qsizetype i = 0; i < chars.size(); ++i) {
        const char32_t c = chars[i];
        if (c == u'*') {
            if (pattern.m_tokens.isEmpty() || pattern.m_tokens.back().kind != Kind::AnyRun)
                pattern.m_tokens.append({ Kind::AnyRun }); // "**" is "*": fewer restart points
        } else if (c == u'?') {
            pattern.m_tokens.append({ Kind::AnyOne });
        } else if (c == u'\\') {
            if (++i == chars.size())
                return invalid(text, tr("it ends with a lone \\; write \\\\ to match a backslash"));
            pattern.m_tokens.append({ Kind::Literal, chars[i] });
        } else if (c == u'[') {
            const qsizetype open = i;
            Token token { Kind::Class };
            token.firstRange = pattern.m_ranges.size();
            if (i + 1 < chars.size() && chars[i + 1] == u'!') {
                token.negated = true;
                ++i;
            }
            // Reads one class member, honouring '\'; false at the end of the pattern.
            const auto next = [&](char32_t& out) {
                if (++i < chars.size() && chars[i] == u'\\')
                    ++i;
                if (i >= chars.size())
                    return false;
                out = chars[i];
                return true;
            };
            bool closed = false;
            while (i + 1 < chars.size()) {
                if (chars[i + 1] == u']') {
                    ++i;
                    closed = true;
                    break;
                }
                Range range {};
                if (!next(range.first))
                    break;
                range.last = range.first;
                if (i + 2 < chars.size() && chars[i + 1] == u'-' && chars[i + 2] != u']') {
                    ++i;
                    if (!next(range.last))
                        break;
                    if (range.last < range.first) {
                        return invalid(text,
                            tr("the range %1-%2 is reversed")
                                .arg(QString::fromUcs4(&range.first, 1), QString::fromUcs4(&range.last, 1)));
                    }
                }
                pattern.m_ranges.append(range);
            }
            if (!closed)
                return invalid(text, tr("the [ at position %1 is not closed with ]").arg(open + 1));
            token.rangeCount = pattern.m_ranges.size() - token.firstRange;
            if (token.rangeCount == 0)
                return invalid(text, tr("the character class at position %1 is empty").arg(open + 1));
            pattern.m_tokens.append(token);
        } else {
            pattern.m_tokens.append({ Kind::Literal, c });
        }
    }
    return pattern;
}

bool UrlPattern::matchesOne(const Token& token, char32_t c) const
{
    switch (token.kind) {
    case Token::Kind::Literal:
        return token.character == c;
    case Token::Kind::AnyOne:
        return true;
    case Token::Kind::Class: {
        const auto begin = m_ranges.begin() + token.firstRange;
        const bool inClass = std::any_of(
            begin, begin + token.rangeCount, [c](const Range& range) { return c >= range.first && c <= range.last; });
        return inClass != token.negated;
    }
    case Token::Kind::AnyRun:
        break;
    }
    return false;
}

bool UrlPattern::matchesPath(QStringView path) const
{
    const QList<uint> text = path.toUcs4();
    // Greedy with one restart point, the last '*': since '*' crosses '/', an earlier '*' never needs to
    // take more than the later one can. No recursion, no exponential blow-up on "*a*a*a*b".
    qsizetype p = 0;
    qsizetype t = 0;
    qsizetype starToken = -1;
    qsizetype starText = 0;
    while (t < text.size()) {
        if (p < m_tokens.size() && m_tokens[p].kind == Token::Kind::AnyRun) {
            starToken = p++;
            starText = t;
        } else if (p < m_tokens.size() && matchesOne(m_tokens[p], text[t])) {
            ++p;
            ++t;
        } else if (starToken >= 0) {
            p = starToken + 1;
            t = ++starText;
        } else {
            return false;
        }
    }
    while (p < m_tokens.size() && m_tokens[p].kind == Token::Kind::AnyRun)
        ++p;
    return p == m_tokens.size();
}

} // namespace wpm
