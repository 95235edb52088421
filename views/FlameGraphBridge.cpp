#include "FlameGraphBridge.h"

#include "report/ReportTexts.h"

namespace wpm {

FlameGraphBridge::FlameGraphBridge(QObject* parent)
    : QObject(parent)
{
}

QString FlameGraphBridge::texts() const
{
    return reportTextsJson();
}

void FlameGraphBridge::setProfile(const QString& json)
{
    m_profile = json;
    Q_EMIT profileChanged(m_profile);
}

} // namespace wpm
