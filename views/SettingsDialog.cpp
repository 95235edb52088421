#include "SettingsDialog.h"

#include "NotifierListEditor.h"
#include "PatternListEditor.h"
#include "WorkbenchSettings.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QTabWidget>
#include <QVBoxLayout>

namespace wpm {

SettingsDialog::SettingsDialog(
    const MonitorConfig& current, const QStringList& languages, SecretStore secrets, QWidget* parent)
    : QDialog(parent)
    , m_tabs(new QTabWidget(this))
    , m_whitelist(new PatternListEditor(this))
    , m_blacklist(new PatternListEditor(this))
    , m_language(new QComboBox(this))
    , m_notifiers(new NotifierListEditor(current.noticeList, std::move(secrets), this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("settingsDialog"));
    setWindowTitle(tr("Settings"));
    auto* general = new QWidget(this);
    auto* form = new QFormLayout(general);
    for (const QString& name : WorkbenchSettings::editableKeys()) {
        const ConfigKey* key = findConfigKey(name);
        if (key && key->kind != ConfigKind::PatternList && key->kind != ConfigKind::NotifierList)
            addField(form, name, current);
    }
    m_whitelist->setPatterns(current.urlWhitelist);
    m_blacklist->setPatterns(current.urlBlacklist);
    form->addRow(tr("URL whitelist"), m_whitelist);
    form->addRow(tr("URL blacklist"), m_blacklist);
    m_language->addItem(tr("System default"), QString());
    for (const QString& name : languages)
        m_language->addItem(QLocale(name).nativeLanguageName(), name);
    m_language->setCurrentIndex(qMax(0, m_language->findData(QSettings().value(WorkbenchSettings::languageKey))));
    form->addRow(tr("Language (at the next start)"), m_language);
    m_tabs->addTab(general, tr("Recording"));
    m_tabs->addTab(m_notifiers, tr("Notifiers"));

    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(m_buttons);
    check();
}

void SettingsDialog::addField(QFormLayout* form, const QString& keyName, const MonitorConfig& current)
{
    const ConfigKey* key = findConfigKey(keyName);
    if (!key)
        return;
    auto* edit = new QLineEdit(key->toText(key->read(current, SecretHandling::Masked)), this);
    edit->setObjectName(keyName);
    edit->setToolTip(key->description());
    edit->setPlaceholderText(key->defaultText());
    auto* problem = new QLabel(this);
    problem->setWordWrap(true);
    problem->setForegroundRole(QPalette::PlaceholderText);
    auto* cell = new QWidget(this);
    auto* column = new QVBoxLayout(cell);
    column->setContentsMargins(0, 0, 0, 0);
    column->addWidget(edit);
    column->addWidget(problem);
    form->addRow(keyName, cell);
    m_fields.insert(keyName, edit);
    m_problems.insert(keyName, problem);
    connect(edit, &QLineEdit::textChanged, this, &SettingsDialog::check);
}

QString SettingsDialog::problem(const QString& keyName) const
{
    const ConfigKey* key = findConfigKey(keyName);
    const QLineEdit* edit = m_fields.value(keyName);
    return key && edit ? WorkbenchSettings::problem(*key, edit->text()) : QString();
}

bool SettingsDialog::isValid() const
{
    for (auto it = m_fields.cbegin(); it != m_fields.cend(); ++it) {
        if (!problem(it.key()).isEmpty())
            return false;
    }
    return true;
}

void SettingsDialog::check()
{
    for (auto it = m_problems.cbegin(); it != m_problems.cend(); ++it) {
        const QString why = problem(it.key());
        it.value()->setText(why);
        it.value()->setVisible(!why.isEmpty());
    }
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(isValid());
}

void SettingsDialog::save(QSettings& settings) const
{
    for (auto it = m_fields.cbegin(); it != m_fields.cend(); ++it)
        settings.setValue(WorkbenchSettings::settingsKey(*findConfigKey(it.key())), it.value()->text().trimmed());
    settings.setValue(
        WorkbenchSettings::settingsKey(*findConfigKey(QStringLiteral("url_whitelist"))), m_whitelist->patterns());
    settings.setValue(
        WorkbenchSettings::settingsKey(*findConfigKey(QStringLiteral("url_blacklist"))), m_blacklist->patterns());
    // A secret typed here is a reference into the secret store by now ("keychain:NAME"); one that came in
    // clear from a configuration file is left out: plain settings files hold no secrets.
    QJsonArray notifiers;
    for (const NotifierSettings& notifier : m_notifiers->notifiers()) {
        QJsonObject entry = notifier.toJson(SecretHandling::Keep);
        for (const QString& name : entry.keys()) {
            if (isSecretOptionName(name) && !entry.value(name).toString().startsWith(SecretStore::referencePrefix()))
                entry.remove(name);
        }
        notifiers.append(entry);
    }
    settings.setValue(WorkbenchSettings::settingsKey(*findConfigKey(QStringLiteral("notice_list"))),
        QString::fromUtf8(QJsonDocument(notifiers).toJson(QJsonDocument::Compact)));
    settings.setValue(WorkbenchSettings::languageKey, m_language->currentData());
}

void SettingsDialog::addPage(QWidget* page, const QString& title)
{
    m_tabs->addTab(page, title);
}

} // namespace wpm
