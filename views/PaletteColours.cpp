#include "PaletteColours.h"

#include <QApplication>
#include <QEvent>
#include <QPalette>
#include <QWidget>

namespace wpm {
namespace {

const char* const kKeeperName = "wpmErrorColourKeeper";

// The palette `widget` would have without its own red: its parent's, or the application's for a window.
QPalette inheritedPalette(const QWidget* widget)
{
    return widget->parentWidget() ? widget->parentWidget()->palette() : QApplication::palette(widget);
}

void applyErrorColour(QWidget* widget)
{
    const QColor red = errorColour(inheritedPalette(widget));
    if (widget->palette().color(QPalette::WindowText) == red)
        return; // also ends the PaletteChange that setPalette() below sends
    QPalette palette = widget->palette();
    palette.setColor(QPalette::WindowText, red);
    palette.setColor(QPalette::Text, red);
    widget->setPalette(palette);
}

// Lives as the widget's child while its text is shown as an error; re-derives the colour from a new
// palette (the widget's own WindowText would otherwise keep the old scheme's red). A window hears of a new
// application palette as ApplicationPaletteChange; a child hears of its window's as PaletteChange.
class ErrorColourKeeper : public QObject {
public:
    explicit ErrorColourKeeper(QWidget* widget)
        : QObject(widget)
    {
        setObjectName(QLatin1String(kKeeperName));
        widget->installEventFilter(this);
    }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (event->type() == QEvent::ApplicationPaletteChange || event->type() == QEvent::PaletteChange)
            applyErrorColour(static_cast<QWidget*>(watched));
        return false;
    }
};

} // namespace

bool isDarkPalette(const QPalette& palette)
{
    return palette.color(QPalette::Window).lightness() < palette.color(QPalette::WindowText).lightness();
}

QColor errorColour(const QPalette& palette)
{
    return isDarkPalette(palette) ? QColor(0xef, 0x9a, 0x9a) : QColor(0xc6, 0x28, 0x28);
}

void setErrorColoured(QWidget* widget, bool error)
{
    QObject* keeper = widget->findChild<QObject*>(QLatin1String(kKeeperName), Qt::FindDirectChildrenOnly);
    if (!error) {
        delete keeper;
        widget->setPalette(QPalette()); // back to the inherited palette, whatever it is now
        return;
    }
    if (!keeper)
        new ErrorColourKeeper(widget);
    applyErrorColour(widget);
}

} // namespace wpm
