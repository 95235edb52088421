#include "TargetPage.h"

#include "ConsoleView.h"
#include "PaletteColours.h"
#include "ProcessPickerDialog.h"

#include <QButtonGroup>
#include <QClipboard>
#include <QComboBox>
#include <QDesktopServices>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QUrl>
#include <QVBoxLayout>

namespace wpm {

TargetPage::TargetPage(QWidget* parent)
    : QWidget(parent)
    , m_launchMode(new QRadioButton(tr("&Launch a server"), this))
    , m_attachMode(new QRadioButton(tr("&Attach to a running process"), this))
    , m_recent(new QComboBox(this))
    , m_command(new QLineEdit(this))
    , m_directory(new QLineEdit(this))
    , m_environment(new QPlainTextEdit(this))
    , m_pid(new QSpinBox(this))
    , m_start(new QPushButton(tr("&Start recording"), this))
    , m_stop(new QPushButton(tr("St&op"), this))
    , m_proxy(new QLabel(this))
    , m_copy(new QPushButton(tr("&Copy"), this))
    , m_open(new QPushButton(tr("Open in &browser"), this))
    , m_message(new QLabel(this))
    , m_console(new ConsoleView(this))
{
    setObjectName(QStringLiteral("targetPage"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->hide();
    connect(m_start, &QPushButton::clicked, this, &TargetPage::requestStart);
    connect(m_stop, &QPushButton::clicked, this, &TargetPage::stopRequested);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(createTargetForm());
    layout->addWidget(createProxyRow());
    layout->addWidget(m_message);
    auto* console = new QGroupBox(tr("Server console"), this);
    auto* consoleLayout = new QVBoxLayout(console);
    consoleLayout->addWidget(m_console);
    layout->addWidget(console, 1);
    setRecording(false);
    setProxyAddress({});

    const QList<LaunchSettings> recent = LaunchSettingsStore::recent();
    for (const LaunchSettings& project : recent)
        m_recent->addItem(project.workingDirectory.isEmpty() ? project.commandLine : project.workingDirectory);
    if (!recent.isEmpty())
        setLaunchSettings(recent.first());
    connect(m_recent, &QComboBox::activated, this, &TargetPage::fillFromRecent);
}

QWidget* TargetPage::createTargetForm()
{
    auto* box = new QGroupBox(tr("Server"), this);
    auto* modes = new QButtonGroup(this);
    modes->addButton(m_launchMode);
    modes->addButton(m_attachMode);
    m_launchMode->setChecked(true);

    m_recent->setToolTip(tr("Projects launched before, most recent first"));
    m_command->setPlaceholderText(tr("e.g. python3 app.py --port 5000"));
    m_directory->setPlaceholderText(QDir::currentPath());
    auto* browse = new QPushButton(tr("Browse…"), box);
    connect(browse, &QPushButton::clicked, this, &TargetPage::chooseDirectory);
    auto* directoryRow = new QHBoxLayout;
    directoryRow->addWidget(m_directory, 1);
    directoryRow->addWidget(browse);
    m_environment->setPlaceholderText(tr("NAME=value, one per line"));
    m_environment->setMaximumHeight(72);

    m_pid->setRange(1, 4'194'304); // pid_max's ceiling
    m_pid->setEnabled(false);
    auto* pick = new QPushButton(tr("Choose process…"), box);
    pick->setEnabled(false);
    connect(pick, &QPushButton::clicked, this, &TargetPage::pickProcess);
    auto* pidRow = new QHBoxLayout;
    pidRow->addWidget(m_pid);
    pidRow->addWidget(pick);
    pidRow->addStretch();

    auto* launchForm = new QFormLayout;
    launchForm->addRow(tr("Recent projects:"), m_recent);
    launchForm->addRow(tr("Command line:"), m_command);
    launchForm->addRow(tr("Working directory:"), directoryRow);
    launchForm->addRow(tr("Environment:"), m_environment);
    auto* attachForm = new QFormLayout;
    attachForm->addRow(tr("Process ID:"), pidRow);
    connect(m_attachMode, &QRadioButton::toggled, this, [this, pick](bool attach) {
        for (QWidget* widget : { static_cast<QWidget*>(m_recent), static_cast<QWidget*>(m_command),
                 static_cast<QWidget*>(m_directory), static_cast<QWidget*>(m_environment) })
            widget->setEnabled(!attach);
        m_pid->setEnabled(attach);
        pick->setEnabled(attach);
    });

    auto* buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(m_start);
    buttons->addWidget(m_stop);
    auto* layout = new QVBoxLayout(box);
    layout->addWidget(m_launchMode);
    layout->addLayout(launchForm);
    layout->addWidget(m_attachMode);
    layout->addLayout(attachForm);
    layout->addLayout(buttons);
    return box;
}

QWidget* TargetPage::createProxyRow()
{
    auto* box = new QGroupBox(tr("Send your requests to"), this);
    m_proxy->setTextInteractionFlags(Qt::TextSelectableByMouse);
    connect(m_copy, &QPushButton::clicked, this, [this] { QGuiApplication::clipboard()->setText(proxyUrl()); });
    connect(m_open, &QPushButton::clicked, this, [this] { QDesktopServices::openUrl(QUrl(proxyUrl())); });
    auto* layout = new QHBoxLayout(box);
    layout->addWidget(m_proxy, 1);
    layout->addWidget(m_copy);
    layout->addWidget(m_open);
    return box;
}

LaunchSettings TargetPage::launchSettings() const
{
    QStringList environment;
    for (const QString& line : m_environment->toPlainText().split(u'\n', Qt::SkipEmptyParts)) {
        if (!line.trimmed().isEmpty())
            environment.append(line.trimmed());
    }
    return LaunchSettings { m_command->text().trimmed(), m_directory->text().trimmed(), environment };
}

void TargetPage::setLaunchSettings(const LaunchSettings& settings)
{
    m_command->setText(settings.commandLine);
    m_directory->setText(settings.workingDirectory);
    m_environment->setPlainText(settings.environment.join(u'\n'));
}

LaunchSpec TargetPage::launchSpec() const
{
    const LaunchSettings settings = launchSettings();
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const QString& variable : settings.environment) {
        const qsizetype equals = variable.indexOf(u'=');
        if (equals > 0)
            environment.insert(variable.left(equals), variable.mid(equals + 1));
    }
    return LaunchSpec { QProcess::splitCommand(settings.commandLine), settings.workingDirectory, environment };
}

pid_t TargetPage::attachPid() const
{
    return pid_t(m_pid->value());
}

bool TargetPage::attachSelected() const
{
    return m_attachMode->isChecked();
}

void TargetPage::requestStart()
{
    if (attachSelected()) {
        Q_EMIT startRequested(attachPid(), LaunchSpec {});
        return;
    }
    const LaunchSpec launch = launchSpec();
    if (launch.argv.isEmpty()) {
        showMessage(tr("Type the command that starts your server, e.g. python3 app.py."), true);
        return;
    }
    for (const QString& variable : launchSettings().environment) {
        if (variable.indexOf(u'=') <= 0) {
            showMessage(tr("The environment line \"%1\" is not NAME=value.").arg(variable), true);
            return;
        }
    }
    LaunchSettingsStore::remember(launchSettings());
    Q_EMIT startRequested(0, launch);
}

void TargetPage::pickProcess()
{
    ProcessPickerDialog picker(this);
    picker.selectPid(attachPid());
    if (picker.exec() == QDialog::Accepted)
        m_pid->setValue(int(picker.selectedPid()));
}

void TargetPage::chooseDirectory()
{
    const QString directory = QFileDialog::getExistingDirectory(this, tr("Working directory"), m_directory->text());
    if (!directory.isEmpty())
        m_directory->setText(directory);
}

void TargetPage::fillFromRecent(int index)
{
    const QList<LaunchSettings> recent = LaunchSettingsStore::recent();
    if (index >= 0 && index < recent.size())
        setLaunchSettings(recent.at(index));
}

void TargetPage::setRecording(bool recording)
{
    m_start->setEnabled(!recording);
    m_stop->setEnabled(recording);
    m_launchMode->setEnabled(!recording);
    m_attachMode->setEnabled(!recording);
}

void TargetPage::setProxyAddress(const QString& address)
{
    m_proxy->setText(address.isEmpty() ? tr("The proxy starts once the server listens.")
                                       : QStringLiteral("http://%1/").arg(address));
    m_copy->setEnabled(!address.isEmpty());
    m_open->setEnabled(!address.isEmpty());
}

QString TargetPage::proxyUrl() const
{
    return m_copy->isEnabled() ? m_proxy->text() : QString();
}

QString TargetPage::message() const
{
    return m_message->isHidden() ? QString() : m_message->text();
}

void TargetPage::showMessage(const QString& message, bool isError)
{
    m_message->setText(message);
    setErrorColoured(m_message, isError);
    m_message->setVisible(!message.isEmpty());
}

} // namespace wpm
