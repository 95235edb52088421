#pragma once
// The live flame graph: the HTML reports' renderer in a web view (resources/live/live.html), fed
// whole profiles through a QWebChannel. Zoom (click), search and reset are the page's own.

#include <QWebEngineView>

namespace wpm {

class FlameGraphBridge;

class FlameGraphView : public QWebEngineView {
    Q_OBJECT
public:
    explicit FlameGraphView(QWidget* parent = nullptr);

    // Shows `json` (wpm-profile format); the page keeps its zoom and search across updates.
    void setProfile(const QString& json);
    bool isPageLoaded() const { return m_loaded; }

Q_SIGNALS:
    void pageLoaded(bool ok);

private:
    FlameGraphBridge* m_bridge;
    bool m_loaded = false;
};

} // namespace wpm
