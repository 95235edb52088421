#include "NotifierListEditor.h"

#include "NotifierForm.h"
#include "notify/NotificationQueue.h"
#include "notify/NotifierRegistry.h"

#include <QDateTime>
#include <QGridLayout>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QPointer>
#include <QPushButton>
#include <QThread>

namespace wpm {

NotifierListEditor::NotifierListEditor(const QList<NotifierSettings>& notifiers, SecretStore store, QWidget* parent)
    : QWidget(parent)
    , m_notifiers(notifiers)
    , m_store(std::move(store))
    , m_list(new QListWidget(this))
    , m_add(new QPushButton(tr("Add"), this))
    , m_edit(new QPushButton(tr("Edit…"), this))
    , m_remove(new QPushButton(tr("Remove"), this))
    , m_test(new QPushButton(tr("Send test notification"), this))
    , m_result(new QLabel(this))
{
    setObjectName(QStringLiteral("notifierListEditor"));
    auto* types = new QMenu(m_add);
    for (const QString& type : NotifierRegistry::builtIn().names())
        types->addAction(type, this, [this, type] { addOfType(type); });
    m_add->setMenu(types);
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    connect(m_edit, &QPushButton::clicked, this, [this] { edit(m_list->currentRow()); });
    connect(m_list, &QListWidget::itemDoubleClicked, this, [this] { edit(m_list->currentRow()); });
    connect(m_remove, &QPushButton::clicked, this, [this] { remove(m_list->currentRow()); });
    connect(m_test, &QPushButton::clicked, this, [this] { sendTest(m_list->currentRow()); });
    connect(m_list, &QListWidget::currentRowChanged, this, [this](int row) {
        m_edit->setEnabled(row >= 0);
        m_remove->setEnabled(row >= 0);
        m_test->setEnabled(row >= 0 && !m_testQueue);
    });
    connect(this, &NotifierListEditor::secretsStored, this, &NotifierListEditor::showResult);
    connect(
        this, &NotifierListEditor::testFinished, this, [this](bool, const QString& message) { showResult(message); });
    auto* layout = new QGridLayout(this);
    layout->addWidget(m_list, 0, 0, 5, 1);
    layout->addWidget(m_add, 0, 1);
    layout->addWidget(m_edit, 1, 1);
    layout->addWidget(m_remove, 2, 1);
    layout->addWidget(m_test, 3, 1);
    layout->addWidget(m_result, 5, 0, 1, 2);
    refresh();
}

NotifierListEditor::~NotifierListEditor() = default; // the test queue shuts down within its bound

void NotifierListEditor::refresh()
{
    const int row = m_list->currentRow();
    m_list->clear();
    for (const NotifierSettings& notifier : m_notifiers) {
        // The first option that says where it goes (a URL, a host, a program), never a secret.
        QString where;
        for (const QString& name : { QStringLiteral("server_url"), QStringLiteral("url"), QStringLiteral("smtp_host") })
            where = where.isEmpty() ? notifier.options.value(name).toString() : where;
        if (where.isEmpty())
            where = notifier.options.value(QStringLiteral("argv")).toArray().first().toString();
        m_list->addItem(where.isEmpty() ? notifier.type : QStringLiteral("%1 — %2").arg(notifier.type, where));
    }
    m_list->setCurrentRow(qMin(row, m_list->count() - 1));
    Q_EMIT m_list->currentRowChanged(m_list->currentRow());
}

void NotifierListEditor::addOfType(const QString& type)
{
    const NotifierType* known = NotifierRegistry::builtIn().find(type);
    NotifierForm form(*known, {}, this);
    if (form.exec() == QDialog::Accepted)
        setEntry(-1, type, form.options(), form.typedSecrets());
}

void NotifierListEditor::edit(int row)
{
    if (row < 0 || row >= m_notifiers.size())
        return;
    const NotifierType* known = NotifierRegistry::builtIn().find(m_notifiers.at(row).type);
    if (!known)
        return;
    NotifierForm form(*known, m_notifiers.at(row).options, this);
    if (form.exec() == QDialog::Accepted)
        setEntry(row, form.type(), form.options(), form.typedSecrets());
}

void NotifierListEditor::setEntry(int row, const QString& type, QJsonObject options, const QStringList& typedSecrets)
{
    QList<std::pair<QString, QString>> secrets; // store name, value
    for (const QString& option : typedSecrets) {
        const QString name = QStringLiteral("%1-%2-%3").arg(type, option).arg(QDateTime::currentMSecsSinceEpoch());
        secrets.append({ name, options.value(option).toString() });
        options.insert(option, SecretStore::referencePrefix() + name);
    }
    if (row < 0 || row >= m_notifiers.size())
        m_notifiers.append({ type, options });
    else
        m_notifiers[row] = { type, options };
    refresh();
    m_list->setCurrentRow(row < 0 ? int(m_notifiers.size()) - 1 : row);
    if (secrets.isEmpty())
        return;
    // The keychain may take a while to answer (D-Bus): not on the GUI thread.
    QPointer<NotifierListEditor> self(this);
    QThread* writer = QThread::create([self, store = m_store, secrets] {
        QStringList messages;
        for (const auto& [name, value] : secrets) {
            const Result<SecretStore::Backend> stored = store.write(name, value);
            messages.append(!stored ? stored.error().message
                    : *stored == SecretStore::Backend::Keychain
                    ? tr("The secret %1 is in the system keychain.").arg(name)
                    : tr("No keychain service answered: the secret %1 is in %2 (readable by you only).")
                          .arg(name, store.fallbackFile()));
        }
        QMetaObject::invokeMethod(qApp, [self, messages] {
            if (self)
                Q_EMIT self->secretsStored(messages.join(u'\n'));
        });
    });
    connect(writer, &QThread::finished, writer, &QObject::deleteLater);
    writer->start();
}

void NotifierListEditor::remove(int row)
{
    if (row < 0 || row >= m_notifiers.size())
        return;
    m_notifiers.removeAt(row);
    refresh();
}

void NotifierListEditor::sendTest(int row)
{
    if (row < 0 || row >= m_notifiers.size() || m_testQueue)
        return;
    NotificationQueueOptions options;
    options.maxAttempts = 1; // a test reports the first failure instead of retrying it
    m_testQueue = std::make_unique<NotificationQueue>(
        QList<NotifierSettings> { m_notifiers.at(row) }, options, m_store, NotifierRegistry::builtIn());
    connect(m_testQueue.get(), &NotificationQueue::outcomeAvailable, this, [this](const NotificationOutcome& outcome) {
        const bool sent = outcome.kind == NotificationOutcome::Kind::Sent;
        m_testQueue.release()->deleteLater(); // its worker is idle now: the shutdown returns at once
        m_test->setEnabled(m_list->currentRow() >= 0);
        Q_EMIT testFinished(sent,
            sent ? tr("%1: the test notification was sent.").arg(outcome.notifier)
                 : tr("%1: the test notification was not sent: %2").arg(outcome.notifier, outcome.reason));
    });
    m_test->setEnabled(false);
    showResult(tr("Sending a test notification…"));
    NotificationPayload payload;
    payload.reportId
        = QStringLiteral("test-") + QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-hhmmss"));
    payload.title = tr("web-perfmonitor test notification");
    payload.endpoint = QStringLiteral("GET /web-perfmonitor/test");
    payload.markdown
        = QStringLiteral("# %1\n\n%2\n")
              .arg(payload.title, tr("This message checks that the notifier reaches you. No request was slow."));
    m_testQueue->enqueue(payload);
}

void NotifierListEditor::showResult(const QString& message)
{
    m_result->setText(message);
}

} // namespace wpm
