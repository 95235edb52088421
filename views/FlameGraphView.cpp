#include "FlameGraphView.h"

#include "FlameGraphBridge.h"
#include "WebPageScheme.h"

#include <QWebChannel>

namespace wpm {

FlameGraphView::FlameGraphView(QWidget* parent)
    : QWebEngineView(parent)
    , m_bridge(new FlameGraphBridge(this))
{
    auto* channel = new QWebChannel(this);
    channel->registerObject(QStringLiteral("flame"), m_bridge);
    page()->setWebChannel(channel);
    connect(this, &QWebEngineView::loadFinished, this, [this](bool ok) {
        m_loaded = ok;
        Q_EMIT pageLoaded(ok);
    });
    setContextMenuPolicy(Qt::NoContextMenu);
    followPaletteScheme(this);
    load(QUrl(QStringLiteral("qrc:/wpm/live/live.html")));
}

void FlameGraphView::setProfile(const QString& json)
{
    m_bridge->setProfile(json);
}

} // namespace wpm
