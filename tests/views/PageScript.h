#pragma once
// Runs JavaScript in a web page under test and waits for its value: shared by the tests of the
// flame graph, the report page, the window's pages, the dark palette and Chinese text.

#include <QTest>
#include <QVariant>
#include <QWebEnginePage>

// The value of `script` in `page`, or "no answer" when none came within 10 s.
inline QVariant evaluateInPage(QWebEnginePage* page, const QString& script)
{
    QVariant result;
    bool answered = false;
    page->runJavaScript(script, [&](const QVariant& value) {
        result = value;
        answered = true;
    });
    if (!QTest::qWaitFor([&] { return answered; }, 10000))
        return QStringLiteral("no answer");
    return result;
}
