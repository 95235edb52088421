#include "NotifierForm.h"

#include "notify/SecretStore.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace wpm {

using Kind = NotifierOption::Kind;

NotifierForm::NotifierForm(const NotifierType& type, const QJsonObject& options, QWidget* parent)
    : QDialog(parent)
    , m_type(type)
    , m_initial(options)
    , m_problems(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("notifierForm"));
    setWindowTitle(tr("Notifier: %1").arg(type.name));
    auto* form = new QFormLayout;
    for (const NotifierOption& option : type.options) {
        QWidget* field = createField(option, options.value(option.name));
        field->setObjectName(option.name);
        field->setToolTip(
            QCoreApplication::translate("wpm::NotifierOption", option.description) + u'\n' + option.acceptedText());
        form->addRow(option.required ? option.name + QStringLiteral(" *") : option.name, field);
        m_fields.insert(option.name, field);
    }
    m_problems->setWordWrap(true);
    m_problems->setForegroundRole(QPalette::PlaceholderText);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_problems);
    layout->addWidget(m_buttons);
    check();
}

QWidget* NotifierForm::createField(const NotifierOption& option, const QJsonValue& value)
{
    const QJsonValue shown = value.isUndefined() ? option.defaultValue : value;
    if (option.kind == Kind::Flag) {
        auto* box = new QCheckBox(this);
        box->setChecked(shown.toBool());
        connect(box, &QCheckBox::toggled, this, &NotifierForm::check);
        return box;
    }
    if (option.kind == Kind::Choice) {
        auto* combo = new QComboBox(this);
        combo->addItems(option.choices);
        combo->setCurrentText(shown.toString());
        connect(combo, &QComboBox::currentTextChanged, this, &NotifierForm::check);
        return combo;
    }
    auto* edit = new QLineEdit(this);
    if (option.kind == Kind::Secret) {
        edit->setEchoMode(QLineEdit::Password);
        const QString kept = value.toString();
        if (kept.startsWith(SecretStore::referencePrefix()))
            edit->setPlaceholderText(tr("kept in the secret store as %1; type to replace")
                                         .arg(kept.mid(SecretStore::referencePrefix().size())));
        else if (!kept.isEmpty())
            edit->setPlaceholderText(tr("set in the configuration; type to replace"));
    } else if (option.kind == Kind::TextList) {
        QStringList items;
        for (const QJsonValue& item : value.toArray())
            items.append(item.toString());
        edit->setText(items.join(QStringLiteral(", ")));
        edit->setPlaceholderText(tr("comma-separated"));
    } else if (!value.isUndefined()) {
        edit->setText(value.isDouble() ? QString::number(value.toInt()) : value.toString());
    } else if (!option.defaultValue.isNull()) {
        edit->setPlaceholderText(option.defaultValue.isDouble() ? QString::number(option.defaultValue.toInt())
                                                                : option.defaultValue.toString());
    }
    connect(edit, &QLineEdit::textChanged, this, &NotifierForm::check);
    return edit;
}

QJsonValue NotifierForm::fieldValue(const NotifierOption& option) const
{
    QWidget* field = m_fields.value(option.name);
    if (auto* box = qobject_cast<QCheckBox*>(field))
        return box->isChecked();
    if (auto* combo = qobject_cast<QComboBox*>(field))
        return combo->currentText();
    const QString text = static_cast<QLineEdit*>(field)->text().trimmed();
    if (text.isEmpty())
        return option.kind == Kind::Secret ? m_initial.value(option.name) : QJsonValue(QJsonValue::Undefined);
    if (option.kind == Kind::Port) {
        bool ok = false;
        const int port = text.toInt(&ok);
        return ok ? QJsonValue(port) : QJsonValue(text); // text: the check names it
    }
    if (option.kind == Kind::TextList) {
        QJsonArray items;
        for (const QString& item : text.split(u',', Qt::SkipEmptyParts))
            items.append(item.trimmed());
        return items;
    }
    return text;
}

QJsonObject NotifierForm::options() const
{
    QJsonObject options;
    for (const NotifierOption& option : m_type.options) {
        if (const QJsonValue value = fieldValue(option); !value.isUndefined())
            options.insert(option.name, value);
    }
    return options;
}

QStringList NotifierForm::typedSecrets() const
{
    QStringList names;
    for (const NotifierOption& option : m_type.options) {
        if (option.kind == Kind::Secret && !static_cast<QLineEdit*>(m_fields.value(option.name))->text().isEmpty())
            names.append(option.name);
    }
    return names;
}

QStringList NotifierForm::problems() const
{
    return NotifierOptionCheck::problems(m_type.name, m_type.name, options(), m_type.options);
}

void NotifierForm::check()
{
    const QStringList found = problems();
    m_problems->setText(found.join(u'\n'));
    m_problems->setVisible(!found.isEmpty());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(found.isEmpty());
}

} // namespace wpm
