// URL patterns and the whitelist/blacklist decision: the original library's glob semantics, strict parsing,
// and matching that stays fast on patterns that make backtracking matchers explode.

#include "config/UrlFilter.h"
#include "config/UrlPattern.h"

#include <QElapsedTimer>
#include <QTest>

using namespace wpm;
using namespace Qt::StringLiterals;

class TestUrlFilter : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void matches_data();
    void matches();
    void pathOf_data();
    void pathOf();
    void rejectsMalformed_data();
    void rejectsMalformed();
    void allows_data();
    void allows();
    void createReportsEveryMalformedPattern();
    void pathologicalPatternIsFast_data();
    void pathologicalPatternIsFast();
};

void TestUrlFilter::matches_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("expected");

    // exact
    QTest::newRow("exact") << u"/v1/users"_s << u"/v1/users"_s << true;
    QTest::newRow("exact, longer path") << u"/v1/users"_s << u"/v1/users/7"_s << false;
    QTest::newRow("exact, shorter path") << u"/v1/users"_s << u"/v1/user"_s << false;
    QTest::newRow("exact, trailing slash differs") << u"/health"_s << u"/health/"_s << false;
    QTest::newRow("case sensitive") << u"/Health"_s << u"/health"_s << false;
    QTest::newRow("root") << u"/"_s << u"/"_s << true;
    // *
    QTest::newRow("* crosses /") << u"/api/*"_s << u"/api/v1/users/7"_s << true;
    QTest::newRow("* matches empty") << u"/api/*"_s << u"/api/"_s << true;
    QTest::newRow("* needs the slash before it") << u"/api/*"_s << u"/api"_s << false;
    QTest::newRow("* other prefix") << u"/api/*"_s << u"/apix/users"_s << false;
    QTest::newRow("lone *") << u"*"_s << u"/anything/at/all"_s << true;
    QTest::newRow("leading * suffix") << u"*.css"_s << u"/static/css/site.css"_s << true;
    QTest::newRow("leading * wrong suffix") << u"*.css"_s << u"/static/site.css.map"_s << false;
    QTest::newRow("* in the middle") << u"/api/*/detail"_s << u"/api/users/7/detail"_s << true;
    QTest::newRow("* in the middle, no suffix") << u"/api/*/detail"_s << u"/api/users/7/details"_s << false;
    QTest::newRow("** is *") << u"/a/**/z"_s << u"/a/b/c/z"_s << true;
    QTest::newRow("several *") << u"/*/users/*"_s << u"/v2/users/7"_s << true;
    QTest::newRow("* backtracks") << u"/*ab"_s << u"/aab"_s << true;
    // ?
    QTest::newRow("? one character") << u"/v?/users"_s << u"/v2/users"_s << true;
    QTest::newRow("? not zero characters") << u"/v?/users"_s << u"/v/users"_s << false;
    QTest::newRow("? not two characters") << u"/v?/users"_s << u"/v10/users"_s << false;
    QTest::newRow("? matches /") << u"/a?b"_s << u"/a/b"_s << true;
    // classes
    QTest::newRow("[abc] member") << u"/[abc]x"_s << u"/bx"_s << true;
    QTest::newRow("[abc] non-member") << u"/[abc]x"_s << u"/dx"_s << false;
    QTest::newRow("[a-z] range") << u"/v[0-9]/x"_s << u"/v7/x"_s << true;
    QTest::newRow("[a-z] outside range") << u"/v[0-9]/x"_s << u"/va/x"_s << false;
    QTest::newRow("[!a-z] negated") << u"/[!a-z]"_s << u"/A"_s << true;
    QTest::newRow("[!a-z] negated, member") << u"/[!a-z]"_s << u"/q"_s << false;
    QTest::newRow("class then *") << u"/[vV][12]/*"_s << u"/V2/users"_s << true;
    QTest::newRow("- first is literal") << u"/[-x]"_s << u"/-"_s << true;
    QTest::newRow("- last is literal") << u"/[x-]"_s << u"/-"_s << true;
    QTest::newRow("escaped ] in class") << u"/[\\]]"_s << u"/]"_s << true;
    QTest::newRow("* inside class is literal") << u"/[*]"_s << u"/*"_s << true;
    QTest::newRow("* inside class is not a wildcard") << u"/[*]"_s << u"/x"_s << false;
    QTest::newRow("lone ] is literal") << u"/a]"_s << u"/a]"_s << true;
    // escapes
    QTest::newRow("\\* is a literal star") << u"/files/\\*"_s << u"/files/*"_s << true;
    QTest::newRow("\\* is not a wildcard") << u"/files/\\*"_s << u"/files/x"_s << false;
    QTest::newRow("\\? is not a wildcard") << u"/what\\?"_s << u"/whatx"_s << false;
    QTest::newRow("\\[ is a literal bracket") << u"/\\[x]"_s << u"/[x]"_s << true;
    QTest::newRow("\\\\ is a backslash") << u"/a\\\\b"_s << u"/a\\b"_s << true;
    // query and fragment are not part of the path
    QTest::newRow("query stripped") << u"/search"_s << u"/search?q=slow"_s << true;
    QTest::newRow("fragment stripped") << u"/page"_s << u"/page#top"_s << true;
    QTest::newRow("query and fragment stripped") << u"/page"_s << u"/page?a=1#top"_s << true;
    QTest::newRow("query not matched by *") << u"*q=slow"_s << u"/search?q=slow"_s << false;
    QTest::newRow("? in query is not matched") << u"/a*"_s << u"/b?/a"_s << false;
    // absolute-form request targets
    QTest::newRow("absolute form") << u"/api/*"_s << u"http://localhost:5000/api/users"_s << true;
    QTest::newRow("absolute form, https, query") << u"/api/users"_s << u"https://example.com/api/users?x=1"_s << true;
    QTest::newRow("absolute form, other path") << u"/api/*"_s << u"http://localhost:5000/static/a.js"_s << false;
    QTest::newRow("absolute form, no path is /") << u"/"_s << u"http://localhost:5000"_s << true;
    QTest::newRow("absolute form, query only is /") << u"/"_s << u"http://localhost:5000?x=1"_s << true;
    QTest::newRow("absolute form, host is not path") << u"*localhost*"_s << u"http://localhost:5000/a"_s << false;
    QTest::newRow("scheme-like text inside path") << u"/redirect/*"_s << u"/redirect/http://x/y"_s << true;
    // unicode and percent-encoding are matched as given
    QTest::newRow("unicode literal") << u"/文档/*"_s << u"/文档/介绍"_s << true;
    QTest::newRow("? takes one unicode character") << u"/?"_s << u"/文"_s << true;
    QTest::newRow("? takes a whole surrogate pair") << u"/?"_s << u"/\U0001F600"_s << true;
    QTest::newRow("unicode class range") << u"/[α-ω]"_s << u"/λ"_s << true;
    QTest::newRow("percent-encoded, as given") << u"/caf%C3%A9"_s << u"/caf%C3%A9"_s << true;
    QTest::newRow("percent-encoded is not decoded") << u"/café"_s << u"/caf%C3%A9"_s << false;
    QTest::newRow("percent-encoded slash is not a slash") << u"/a/b"_s << u"/a%2Fb"_s << false;
}

void TestUrlFilter::matches()
{
    QFETCH(QString, pattern);
    QFETCH(QString, url);
    QFETCH(bool, expected);

    const Result<UrlPattern> parsed = UrlPattern::parse(pattern);
    QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().message));
    QCOMPARE(parsed->matches(url), expected);
}

void TestUrlFilter::pathOf_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("path");

    QTest::newRow("plain path") << u"/a/b"_s << u"/a/b"_s;
    QTest::newRow("query") << u"/a?b=1"_s << u"/a"_s;
    QTest::newRow("fragment") << u"/a#b"_s << u"/a"_s;
    QTest::newRow("fragment before ?") << u"/a#b?c"_s << u"/a"_s;
    QTest::newRow("absolute") << u"http://h:1/a/b?c"_s << u"/a/b"_s;
    QTest::newRow("absolute, upper-case scheme") << u"HTTP://h/a"_s << u"/a"_s;
    QTest::newRow("absolute, no path") << u"http://h:1"_s << u"/"_s;
    QTest::newRow("absolute, fragment only") << u"http://h#x"_s << u"/"_s;
    QTest::newRow("asterisk form") << u"*"_s << u"*"_s;
    QTest::newRow("not a scheme") << u"/x://y"_s << u"/x://y"_s;
}

void TestUrlFilter::pathOf()
{
    QFETCH(QString, url);
    QFETCH(QString, path);
    QCOMPARE(UrlPattern::pathOf(url).toString(), path);
}

void TestUrlFilter::rejectsMalformed_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<QString>("reason");

    QTest::newRow("empty") << QString() << u"empty"_s;
    QTest::newRow("leading space") << u" /api/*"_s << u"white space"_s;
    QTest::newRow("trailing space") << u"/api/* "_s << u"white space"_s;
    QTest::newRow("trailing newline") << u"/api/*\n"_s << u"white space"_s;
    QTest::newRow("control character") << u"/a\u0001b"_s << u"control character at position 3"_s;
    QTest::newRow("DEL") << u"/a\u007f"_s << u"control character"_s;
    QTest::newRow("relative") << u"api/*"_s << u"start with / or *"_s;
    QTest::newRow("full URL") << u"http://host/api"_s << u"start with / or *"_s;
    QTest::newRow("starts with ?") << u"?/x"_s << u"start with / or *"_s;
    QTest::newRow("unclosed [") << u"/[abc"_s << u"[ at position 2 is not closed"_s;
    QTest::newRow("unclosed [!") << u"/x[!"_s << u"not closed"_s;
    QTest::newRow("unclosed after escape") << u"/[a\\]"_s << u"not closed"_s;
    QTest::newRow("empty class") << u"/[]"_s << u"empty"_s;
    QTest::newRow("empty negated class") << u"/a[!]"_s << u"empty"_s;
    QTest::newRow("reversed range") << u"/[z-a]"_s << u"reversed"_s;
    QTest::newRow("dangling backslash") << u"/api\\"_s << u"lone \\"_s;
}

void TestUrlFilter::rejectsMalformed()
{
    QFETCH(QString, pattern);
    QFETCH(QString, reason);

    const Result<UrlPattern> parsed = UrlPattern::parse(pattern);
    QVERIFY(!parsed.ok());
    const QString message = parsed.error().message;
    QVERIFY2(message.contains(u'"' + pattern + u'"'), qPrintable(message));
    QVERIFY2(message.contains(reason), qPrintable(message));
}

void TestUrlFilter::allows_data()
{
    QTest::addColumn<QStringList>("whitelist");
    QTest::addColumn<QStringList>("blacklist");
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("expected");

    const QStringList none;
    const QStringList api = { u"/api/*"_s, u"/v1/users"_s };
    const QStringList noise = { u"/health"_s, u"/metrics"_s, u"/static/*"_s };

    QTest::newRow("no lists: everything") << none << none << u"/anything"_s << true;
    QTest::newRow("blacklist only: listed") << none << noise << u"/health"_s << false;
    QTest::newRow("blacklist only: glob") << none << noise << u"/static/app.js"_s << false;
    QTest::newRow("blacklist only: query ignored") << none << noise << u"/health?full=1"_s << false;
    QTest::newRow("blacklist only: other") << none << noise << u"/api/users"_s << true;
    QTest::newRow("blacklist only: absolute form") << none << noise << u"http://127.0.0.1:5000/metrics"_s << false;
    QTest::newRow("whitelist only: glob") << api << none << u"/api/orders/1"_s << true;
    QTest::newRow("whitelist only: exact") << api << none << u"/v1/users"_s << true;
    QTest::newRow("whitelist only: other refused") << api << none << u"/v1/users/7"_s << false;
    QTest::newRow("whitelist only: root refused") << api << none << u"/"_s << false;
    QTest::newRow("both: whitelist wins")
        << api << QStringList { u"/api/internal/*"_s } << u"/api/internal/x"_s << true;
    QTest::newRow("both: exact whitelist wins over *") << api << QStringList { u"*"_s } << u"/v1/users"_s << true;
    QTest::newRow("both: neither list") << api << noise << u"/other"_s << false;
    QTest::newRow("both: only blacklisted") << api << noise << u"/health"_s << false;
}

void TestUrlFilter::allows()
{
    QFETCH(QStringList, whitelist);
    QFETCH(QStringList, blacklist);
    QFETCH(QString, url);
    QFETCH(bool, expected);

    const Result<UrlFilter> filter = UrlFilter::create(whitelist, blacklist);
    QVERIFY2(filter.ok(), qPrintable(filter.ok() ? QString() : filter.error().message));
    QCOMPARE(filter->allows(url), expected);
}

void TestUrlFilter::createReportsEveryMalformedPattern()
{
    const Result<UrlFilter> filter
        = UrlFilter::create({ u"/ok/*"_s, u"api/*"_s }, { u"/[x"_s, u"/fine"_s, u"/bad\\"_s });
    QVERIFY(!filter.ok());
    const QString message = filter.error().message;
    QVERIFY2(message.contains(u"url_whitelist: URL pattern \"api/*\""_s), qPrintable(message));
    QVERIFY2(message.contains(u"url_blacklist: URL pattern \"/[x\""_s), qPrintable(message));
    QVERIFY2(message.contains(u"url_blacklist: URL pattern \"/bad\\\""_s), qPrintable(message));
    QCOMPARE(message.count(u'\n'), 2);
}

void TestUrlFilter::pathologicalPatternIsFast_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<QString>("path");
    QTest::addColumn<bool>("expected");

    const QString as = u"/"_s + QString(20000, u'a');
    QTest::newRow("*a*a*...*b, no b") << u"/*a*a*a*a*a*a*a*a*a*a*a*a*b"_s << as << false;
    QTest::newRow("*a*a*...*b, b at end") << u"/*a*a*a*a*a*a*a*a*a*a*a*a*b"_s << (as + u'b') << true;
    QTest::newRow("?*?*?*...x") << u"/?*?*?*?*?*?*?*?*?*?*x"_s << as << false;
    QTest::newRow("[a]*[a]*...c") << u"/[a]*[a]*[a]*[a]*[a]*[a]*[a]*c"_s << as << false;
}

void TestUrlFilter::pathologicalPatternIsFast()
{
    QFETCH(QString, pattern);
    QFETCH(QString, path);
    QFETCH(bool, expected);

    const Result<UrlPattern> parsed = UrlPattern::parse(pattern);
    QVERIFY(parsed.ok());
    QElapsedTimer timer;
    timer.start();
    QCOMPARE(parsed->matches(path), expected);
    // A backtracking matcher needs astronomically long here; ours does about 20000 * 25 steps.
    QVERIFY2(timer.elapsed() < 1000, qPrintable(u"took %1 ms"_s.arg(timer.elapsed())));
}

QTEST_GUILESS_MAIN(TestUrlFilter)
#include "tst_urlfilter.moc"
