#include "report/TextEscape.h"

namespace wpm {

QString htmlEscaped(QStringView text)
{
    QString out;
    out.reserve(text.size() + text.size() / 8);
    for (const QChar c : text) {
        switch (c.unicode()) {
        case u'&':
            out += QLatin1String("&amp;");
            break;
        case u'<':
            out += QLatin1String("&lt;");
            break;
        case u'>':
            out += QLatin1String("&gt;");
            break;
        case u'"':
            out += QLatin1String("&quot;");
            break;
        case u'\'':
            out += QLatin1String("&#39;");
            break;
        default:
            out += c;
        }
    }
    return out;
}

void appendJsonString(QString& out, QStringView text)
{
    static constexpr char kHex[] = "0123456789abcdef";
    out += u'"';
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        switch (u) {
        case u'"':
            out += QLatin1String("\\\"");
            continue;
        case u'\\':
            out += QLatin1String("\\\\");
            continue;
        case u'\n':
            out += QLatin1String("\\n");
            continue;
        case u'\r':
            out += QLatin1String("\\r");
            continue;
        case u'\t':
            out += QLatin1String("\\t");
            continue;
        default:
            break;
        }
        // Control characters must be escaped in JSON; the rest keeps HTML parsers out of the string.
        if (u < 0x20 || u == u'<' || u == u'>' || u == u'&' || u == 0x2028 || u == 0x2029) {
            out += QLatin1String("\\u");
            for (int shift = 12; shift >= 0; shift -= 4)
                out += QLatin1Char(kHex[(u >> shift) & 0xf]);
        } else {
            out += c;
        }
    }
    out += u'"';
}

QString jsonString(QStringView text)
{
    QString out;
    appendJsonString(out, text);
    return out;
}

QString markdownEscaped(QStringView text, qsizetype maxLength)
{
    // Anywhere: inline markup, tables, entities, autolinks (`:`), Mattermost hashtags and LaTeX.
    static constexpr QStringView kSpecial = u"\\`*_[]{}()<>|~#!&:$";
    // Only at the start, where they could begin a list, heading, quote or rule.
    static constexpr QStringView kLineStart = u"+-.=>";
    QString out;
    out.reserve(text.size() + text.size() / 4);
    qsizetype codePoints = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (maxLength > 0 && codePoints == maxLength && !c.isLowSurrogate()) {
            out += QChar(0x2026);
            break;
        }
        if (!c.isLowSurrogate())
            ++codePoints;
        if (c == u'\n' || c == u'\r' || c == u'\t')
            out += u' ';
        else if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            out += QChar(0xfffd); // a raw control character has no business in a chat post
        else if (kSpecial.contains(c) || (i == 0 && kLineStart.contains(c)))
            out += u'\\', out += c;
        else
            out += c;
    }
    return out;
}

} // namespace wpm
