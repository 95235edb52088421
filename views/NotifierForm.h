#pragma once
// The form of one notifier, generated from its type's option descriptions (NotifierRegistry): a field per
// option, the whole entry checked as it is typed by NotifierOptionCheck, with its messages. A secret is
// never shown: one kept in the secret store (or the configuration file) stays unless a new value is typed.

#include "notify/NotifierRegistry.h"

#include <QDialog>
#include <QMap>

class QDialogButtonBox;
class QLabel;

namespace wpm {

class NotifierForm : public QDialog {
    Q_OBJECT
public:
    NotifierForm(const NotifierType& type, const QJsonObject& options, QWidget* parent = nullptr);

    QString type() const { return m_type.name; }
    // As typed; a newly typed secret is in clear here: the caller moves it to the secret store.
    QJsonObject options() const;
    QStringList typedSecrets() const; // the secret options given a new value
    QStringList problems() const;
    QWidget* field(const QString& option) const { return m_fields.value(option); }

private:
    QWidget* createField(const NotifierOption& option, const QJsonValue& value);
    QJsonValue fieldValue(const NotifierOption& option) const; // undefined: left empty
    void check();

    NotifierType m_type;
    QJsonObject m_initial;
    QMap<QString, QWidget*> m_fields;
    QLabel* m_problems;
    QDialogButtonBox* m_buttons;
};

} // namespace wpm
