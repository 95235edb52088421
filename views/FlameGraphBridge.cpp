#include "FlameGraphBridge.h"

namespace wpm {

FlameGraphBridge::FlameGraphBridge(QObject* parent)
    : QObject(parent)
{
}

void FlameGraphBridge::setProfile(const QString& json)
{
    m_profile = json;
    Q_EMIT profileChanged(m_profile);
}

} // namespace wpm
