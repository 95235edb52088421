#pragma once
// What the live flame-graph page (resources/live/) sees through the web channel as "flame": the newest
// profile as wpm-profile JSON (profiler/report/ProfileJson.h), announced by profileChanged, and the page's
// words in the workbench's language (profiler/report/ReportTexts.h), as a JSON object.

#include <QObject>

namespace wpm {

class FlameGraphBridge : public QObject {
    Q_OBJECT
    Q_PROPERTY(QString profile READ profile NOTIFY profileChanged)
    Q_PROPERTY(QString texts READ texts CONSTANT)
public:
    explicit FlameGraphBridge(QObject* parent = nullptr);

    QString profile() const { return m_profile; }
    QString texts() const;
    void setProfile(const QString& json);

Q_SIGNALS:
    void profileChanged(const QString& json);

private:
    QString m_profile;
};

} // namespace wpm
