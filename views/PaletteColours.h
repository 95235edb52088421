#pragma once
// Colours the views derive from the palette, so that the workbench follows the system's light or dark
// scheme: QPalette has no role for errors and slow requests, so their red is chosen per scheme here.

#include <QColor>

class QPalette;
class QWidget;

namespace wpm {

// A palette is dark when its window colour is darker than its text.
bool isDarkPalette(const QPalette& palette);

// Red that stays readable on the palette's Base and Window colours (errors, slow requests, the threshold).
QColor errorColour(const QPalette& palette);

// Shows `widget`'s text in errorColour(), or in the palette's own text colour again; the colour is chosen
// anew when the palette it inherits changes (a switch to dark mode while the window is open).
void setErrorColoured(QWidget* widget, bool error);

} // namespace wpm
