#pragma once
// One URL glob from url_whitelist / url_blacklist, as in the original library ("/api/*", "/v1/users"):
// '*' matches any run of characters including '/', '?' one character, "[abc]", "[a-z]", "[!a-z]" one
// character of (or not of) a class, and '\' makes the next character literal.

#include "core/Result.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

namespace wpm {

class UrlPattern {
    Q_DECLARE_TR_FUNCTIONS(wpm::UrlPattern)

public:
    // Rejects what is surely a mistake: empty, white space at either end, control characters, not starting
    // with '/' or '*', an unclosed or empty class, a dangling '\'. The message names the pattern.
    static Result<UrlPattern> parse(const QString& text);

    const QString& text() const { return m_text; }

    // Matches the path of a request target: "/a?q#f" and "http://host:port/a" are both matched as "/a".
    bool matches(QStringView urlOrPath) const { return matchesPath(pathOf(urlOrPath)); }
    // Matches a path as given (percent-encoding is not decoded). Linear in practice, O(path * pattern) at worst.
    bool matchesPath(QStringView path) const;

    // The path part of an origin-form or absolute-form request target, without query and fragment.
    static QStringView pathOf(QStringView urlOrPath);

private:
    struct Token {
        enum class Kind { Literal, AnyOne, AnyRun, Class };
        Kind kind = Kind::Literal;
        char32_t character = 0; // Literal
        bool negated = false; // Class
        qsizetype firstRange = 0; // Class: its ranges in m_ranges
        qsizetype rangeCount = 0;
    };
    struct Range {
        char32_t first;
        char32_t last;
    };

    UrlPattern() = default;
    static Error invalid(const QString& text, const QString& reason);
    bool matchesOne(const Token& token, char32_t c) const;

    QString m_text;
    QList<Token> m_tokens; // compiled once, code points rather than UTF-16 units so '?' takes a whole character
    QList<Range> m_ranges;
};

} // namespace wpm
