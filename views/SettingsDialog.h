#pragma once
// The settings dialog: the configuration keys of WorkbenchSettings (each checked as it is typed, with the
// configuration's own messages), the URL lists and the language, saved with QSettings for the next
// recording, and the notifiers on a page of their own (their secrets go to the secret store).

#include "config/MonitorConfig.h"
#include "notify/SecretStore.h"

#include <QDialog>
#include <QMap>

class QComboBox;
class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QSettings;
class QTabWidget;

namespace wpm {

class NotifierListEditor;
class PatternListEditor;

class SettingsDialog : public QDialog {
    Q_OBJECT
public:
    // Shows `current`; `languages` are the locale names the workbench ships ("en", "zh_CN").
    SettingsDialog(const MonitorConfig& current, const QStringList& languages, SecretStore secrets = SecretStore(),
        QWidget* parent = nullptr);

    QLineEdit* field(const QString& keyName) const { return m_fields.value(keyName); }
    QString problem(const QString& keyName) const; // shown under the field; empty when accepted
    PatternListEditor* whitelist() const { return m_whitelist; }
    PatternListEditor* blacklist() const { return m_blacklist; }
    QComboBox* language() const { return m_language; }
    NotifierListEditor* notifiers() const { return m_notifiers; }
    bool isValid() const;

    // Writes every value to `settings` (all of them pass: OK is disabled otherwise).
    void save(QSettings& settings) const;
    void addPage(QWidget* page, const QString& title);

private:
    void addField(QFormLayout* form, const QString& keyName, const MonitorConfig& current);
    void check();

    QTabWidget* m_tabs;
    QMap<QString, QLineEdit*> m_fields;
    QMap<QString, QLabel*> m_problems;
    PatternListEditor* m_whitelist;
    PatternListEditor* m_blacklist;
    QComboBox* m_language;
    NotifierListEditor* m_notifiers;
    QDialogButtonBox* m_buttons;
};

} // namespace wpm
