#pragma once
// Tells the pages a web view shows (HTML reports, the live flame graph) the workbench's colours, so that
// they follow the palette like the widgets: <html data-scheme="dark|light"> and the palette's base and
// text colours as the CSS variables --bg and --fg (resources/report/report.css uses them).

class QWebEngineView;

namespace wpm {

// Applies the view's (inherited) palette to every page `view` loads from now on, and again to the page on
// screen whenever that palette changes.
void followPaletteScheme(QWebEngineView* view);

} // namespace wpm
