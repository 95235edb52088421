#include "WebPageScheme.h"

#include "PaletteColours.h"

#include <QEvent>
#include <QWebEngineScript>
#include <QWebEngineScriptCollection>
#include <QWebEngineView>

namespace wpm {
namespace {

const QString kScriptName = QStringLiteral("wpm-palette-scheme");

// Sets the scheme on the root element as soon as the parser creates it, before the first paint.
QString schemeScript(const QPalette& palette)
{
    return QStringLiteral(R"((function () {
  const apply = () => {
    const root = document.documentElement;
    root.dataset.scheme = '%1';
    root.style.setProperty('--bg', '%2');
    root.style.setProperty('--fg', '%3');
  };
  if (document.documentElement) { apply(); return; }
  new MutationObserver((changes, observer) => {
    if (!document.documentElement) return;
    observer.disconnect();
    apply();
  }).observe(document, { childList: true });
})();)")
        .arg(isDarkPalette(palette) ? QStringLiteral("dark") : QStringLiteral("light"),
            palette.color(QPalette::Base).name(), palette.color(QPalette::Text).name());
}

// Returns the script applied: the page is only told again when the palette's colours change.
QString applyScheme(QWebEngineView* view, const QString& applied)
{
    const QPalette palette = view->palette(); // inherited: the window's, or the application's
    const QString script = schemeScript(palette);
    if (script == applied)
        return script;
    QWebEngineScriptCollection& scripts = view->page()->scripts();
    for (const QWebEngineScript& old : scripts.find(kScriptName))
        scripts.remove(old);
    QWebEngineScript next;
    next.setName(kScriptName);
    next.setInjectionPoint(QWebEngineScript::DocumentCreation);
    next.setWorldId(QWebEngineScript::ApplicationWorld); // the DOM is shared; the page's own scripts are not touched
    next.setSourceCode(script);
    scripts.insert(next);
    view->page()->setBackgroundColor(palette.color(QPalette::Base)); // no white flash before a page paints
    view->page()->runJavaScript(script, QWebEngineScript::ApplicationWorld); // the page already on screen
    return script;
}

// The view's child: re-applies the scheme when the application palette changes (a top-level view hears
// of it as ApplicationPaletteChange, an embedded one as PaletteChange).
class SchemeFollower : public QObject {
public:
    explicit SchemeFollower(QWebEngineView* view)
        : QObject(view)
        , m_applied(applyScheme(view, {}))
    {
        view->installEventFilter(this);
    }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (event->type() == QEvent::ApplicationPaletteChange || event->type() == QEvent::PaletteChange)
            m_applied = applyScheme(static_cast<QWebEngineView*>(watched), m_applied);
        return false;
    }

private:
    QString m_applied;
};

} // namespace

void followPaletteScheme(QWebEngineView* view)
{
    new SchemeFollower(view);
}

} // namespace wpm
