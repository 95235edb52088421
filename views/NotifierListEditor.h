#pragma once
// The settings dialog's notifiers: the notice_list entries (add, edit, remove; a NotifierForm per type),
// secrets moved to the SecretStore (the entry keeps only "keychain:NAME", so no secret reaches QSettings),
// and "Send test notification" through a real NotificationQueue, its outcome shown. The secret store and
// the queue run off the GUI thread.

#include "config/MonitorConfig.h"
#include "notify/SecretStore.h"

#include <QWidget>

#include <memory>

class QLabel;
class QListWidget;
class QPushButton;

namespace wpm {

// Declared only: notify's NotificationOutcome and history's share a name, and this header meets
// HistoryEntry.h in the library's moc unit.
class NotificationQueue;

class NotifierListEditor : public QWidget {
    Q_OBJECT
public:
    NotifierListEditor(const QList<NotifierSettings>& notifiers, SecretStore store, QWidget* parent = nullptr);
    ~NotifierListEditor() override;

    QList<NotifierSettings> notifiers() const { return m_notifiers; }
    QListWidget* list() const { return m_list; }
    QLabel* result() const { return m_result; }

    // Puts a form's options at `row` (-1: appends). Typed secrets go to the secret store off the GUI
    // thread; secretsStored() follows.
    void setEntry(int row, const QString& type, QJsonObject options, const QStringList& typedSecrets);
    void remove(int row);
    // Sends a test notification through the entry at `row`; testFinished() carries the outcome.
    void sendTest(int row);

Q_SIGNALS:
    void secretsStored(const QString& message);
    void testFinished(bool sent, const QString& message);

private:
    void edit(int row);
    void addOfType(const QString& type);
    void refresh();
    void showResult(const QString& message);

    QList<NotifierSettings> m_notifiers;
    SecretStore m_store;
    QListWidget* m_list;
    QPushButton* m_add;
    QPushButton* m_edit;
    QPushButton* m_remove;
    QPushButton* m_test;
    QLabel* m_result;
    std::unique_ptr<NotificationQueue> m_testQueue; // while a test is being sent
};

} // namespace wpm
