#include "HistoryPage.h"

#include "HistoryFilterModel.h"
#include "HistoryModel.h"
#include "HistoryWorker.h"
#include "WebPageScheme.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QDateEdit>
#include <QDesktopServices>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QTableView>
#include <QThread>
#include <QUrl>
#include <QVBoxLayout>
#include <QWebEngineView>

namespace wpm {
namespace {

const QString kExportFolderKey = QStringLiteral("history/exportFolder");
const QDate kAnyDate(2000, 1, 1); // a date edit at its minimum means "no limit"

} // namespace

HistoryPage::HistoryPage(QWidget* parent)
    : QWidget(parent)
    , m_model(new HistoryModel(this))
    , m_filter(new HistoryFilterModel(this))
{
    setObjectName(QStringLiteral("historyPage"));
    m_filter->setSourceModel(m_model);
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("historyTable"));
    m_table->setModel(m_filter);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(HistoryModel::TimeColumn, Qt::DescendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->horizontalHeader()->setSectionResizeMode(HistoryModel::UrlColumn, QHeaderView::Stretch);
    // Wide enough for a date and time on one line in this locale (measured once, not per row).
    const QString widestTime
        = QLocale().toString(QDateTime(QDate(2026, 12, 28), QTime(23, 59, 59)), QLocale::ShortFormat);
    m_table->setColumnWidth(HistoryModel::TimeColumn, m_table->fontMetrics().horizontalAdvance(widestTime) + 24);
    m_table->verticalHeader()->hide();
    m_preview = new QWebEngineView(this);
    m_preview->setObjectName(QStringLiteral("historyPreview"));
    followPaletteScheme(m_preview);

    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_table);
    splitter->addWidget(m_preview);
    splitter->setStretchFactor(1, 2);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(createFilterBar());
    layout->addWidget(splitter, 1);
    layout->addWidget(createActionBar());

    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &HistoryPage::showSelected);
    connect(m_filter, &QAbstractItemModel::modelReset, this, &HistoryPage::updateActions);
    setIdle({});
}

HistoryPage::~HistoryPage()
{
    stopWorker();
}

QWidget* HistoryPage::createFilterBar()
{
    auto* bar = new QWidget(this);
    m_endpoint = new QComboBox(bar);
    m_endpoint->setObjectName(QStringLiteral("endpointFilter"));
    m_endpoint->addItem(tr("All endpoints"), QString());
    m_text = new QLineEdit(bar);
    m_text->setObjectName(QStringLiteral("textFilter"));
    m_text->setPlaceholderText(tr("Search endpoint or URL"));
    m_text->setClearButtonEnabled(true);
    m_from = new QDateEdit(bar);
    m_to = new QDateEdit(bar);
    for (QDateEdit* edit : { m_from, m_to }) {
        edit->setCalendarPopup(true);
        edit->setMinimumDate(kAnyDate);
        edit->setSpecialValueText(tr("any day"));
        edit->setDate(kAnyDate);
        connect(edit, &QDateEdit::dateChanged, this, &HistoryPage::applyFilter);
    }
    m_status = new QComboBox(bar);
    m_status->setObjectName(QStringLiteral("statusFilter"));
    m_status->addItem(tr("Any status"), int(HistoryFilterModel::StatusClass::Any));
    m_status->addItem(tr("2xx success"), int(HistoryFilterModel::StatusClass::Success));
    m_status->addItem(tr("3xx redirect"), int(HistoryFilterModel::StatusClass::Redirect));
    m_status->addItem(tr("4xx client error"), int(HistoryFilterModel::StatusClass::ClientError));
    m_status->addItem(tr("5xx server error"), int(HistoryFilterModel::StatusClass::ServerError));
    connect(m_endpoint, &QComboBox::currentIndexChanged, this, &HistoryPage::applyFilter);
    connect(m_status, &QComboBox::currentIndexChanged, this, &HistoryPage::applyFilter);
    connect(m_text, &QLineEdit::textChanged, this, &HistoryPage::applyFilter);

    auto* layout = new QHBoxLayout(bar);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_endpoint);
    layout->addWidget(m_text, 1);
    layout->addWidget(new QLabel(tr("From"), bar));
    layout->addWidget(m_from);
    layout->addWidget(new QLabel(tr("to"), bar));
    layout->addWidget(m_to);
    layout->addWidget(m_status);
    return bar;
}

QWidget* HistoryPage::createActionBar()
{
    auto* bar = new QWidget(this);
    m_export = new QPushButton(tr("Export &zip…"), bar);
    m_openFolder = new QPushButton(tr("Open containing &folder"), bar);
    m_delete = new QPushButton(tr("&Delete…"), bar);
    m_reindex = new QPushButton(tr("&Reindex"), bar);
    m_reindex->setToolTip(tr("Rebuild the history from the report files in the log path"));
    m_cancel = new QPushButton(tr("Cancel"), bar);
    m_progress = new QProgressBar(bar);
    m_message = new QLabel(bar);
    m_message->setWordWrap(true);
    connect(m_export, &QPushButton::clicked, this, &HistoryPage::askAndExport);
    connect(m_openFolder, &QPushButton::clicked, this, &HistoryPage::openContainingFolder);
    connect(m_delete, &QPushButton::clicked, this, &HistoryPage::askAndRemove);
    connect(m_reindex, &QPushButton::clicked, this, &HistoryPage::reindex);
    connect(m_cancel, &QPushButton::clicked, this, &HistoryPage::cancelWork);
    auto* layout = new QHBoxLayout(bar);
    layout->setContentsMargins(0, 0, 0, 0);
    for (QWidget* widget : std::initializer_list<QWidget*> { m_export, m_openFolder, m_delete, m_reindex })
        layout->addWidget(widget);
    layout->addWidget(m_message, 1);
    layout->addWidget(m_progress);
    layout->addWidget(m_cancel);
    return bar;
}

void HistoryPage::setHistory(const QString& logPath, const HistoryOptions& options)
{
    stopWorker();
    m_logPath = logPath;
    m_thread = new QThread(this);
    m_thread->setObjectName(QStringLiteral("wpm-history"));
    m_worker = new HistoryWorker(logPath, options);
    m_worker->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connectWorker();
    m_thread->start();
    reload();
}

void HistoryPage::connectWorker()
{
    connect(m_worker, &HistoryWorker::entriesAvailable, this, &HistoryPage::showEntries);
    connect(m_worker, &HistoryWorker::reindexProgress, this, [this](qint64 done, qint64 total) {
        m_progress->setRange(0, int(total));
        m_progress->setValue(int(done));
    });
    connect(m_worker, &HistoryWorker::reindexFinished, this, [this](qint64 indexed, const QStringList& skipped) {
        setIdle(skipped.isEmpty() ? tr("Reindexed %n report(s).", nullptr, int(indexed))
                                  : tr("Reindexed %n report(s); skipped: %1", nullptr, int(indexed))
                                        .arg(skipped.join(QLatin1Char('\n'))));
        Q_EMIT reindexFinished(indexed);
    });
    connect(m_worker, &HistoryWorker::exportFinished, this, [this](const QString& zipPath) {
        setIdle(tr("Exported %1").arg(QDir::toNativeSeparators(zipPath)));
        Q_EMIT exportFinished(zipPath);
    });
    connect(m_worker, &HistoryWorker::removeFinished, this, [this](const QString& reportId) {
        setIdle(tr("Deleted %1").arg(reportId));
        Q_EMIT removeFinished(reportId);
    });
    connect(m_worker, &HistoryWorker::failed, this, [this](const QString& message) {
        setIdle(message);
        Q_EMIT failed(message);
    });
}

void HistoryPage::stopWorker()
{
    if (!m_thread)
        return;
    m_worker->cancel();
    m_thread->quit();
    m_thread->wait(); // at most the reindex's current file, then its cancellation
    // Results of the old history still queued for this page are stale: drop them (only the worker
    // queues calls to the page).
    QCoreApplication::removePostedEvents(this, QEvent::MetaCall);
    delete m_thread;
    m_thread = nullptr;
    m_worker = nullptr;
}

void HistoryPage::reload()
{
    if (m_worker)
        QMetaObject::invokeMethod(m_worker, &HistoryWorker::load, Qt::QueuedConnection);
}

void HistoryPage::showEntries(const QList<HistoryEntry>& entries)
{
    const QString selected = m_pendingSelection.isEmpty() ? selectedReportId() : m_pendingSelection;
    m_pendingSelection.clear();
    m_model->resetData(entries);
    const QString endpoint = m_endpoint->currentData().toString();
    const QSignalBlocker blocker(m_endpoint);
    m_endpoint->clear();
    m_endpoint->addItem(tr("All endpoints"), QString());
    for (const QString& name : m_model->endpoints())
        m_endpoint->addItem(name, name);
    m_endpoint->setCurrentIndex(qMax(0, m_endpoint->findData(endpoint)));
    if (!selected.isEmpty())
        selectReport(selected);
    updateActions();
    Q_EMIT entriesLoaded(int(entries.size()));
}

void HistoryPage::applyFilter()
{
    const auto dateOf = [](const QDateEdit* edit) { return edit->date() == kAnyDate ? QDate() : edit->date(); };
    m_filter->setEndpoint(m_endpoint->currentData().toString());
    m_filter->setText(m_text->text());
    m_filter->setDateRange(dateOf(m_from), dateOf(m_to));
    m_filter->setStatusClass(HistoryFilterModel::StatusClass(m_status->currentData().toInt()));
    updateActions();
}

QString HistoryPage::selectedReportId() const
{
    return m_table->currentIndex().data(HistoryModel::ReportIdRole).toString();
}

void HistoryPage::selectReport(const QString& reportId)
{
    const int row = m_model->rowOf(reportId);
    if (row < 0) {
        m_pendingSelection = reportId; // not loaded yet
        return;
    }
    const QModelIndex index = m_filter->mapFromSource(m_model->index(row, 0));
    if (index.isValid())
        m_table->setCurrentIndex(index);
}

void HistoryPage::showSelected()
{
    const HistoryEntry* entry = m_model->entry(m_filter->mapToSource(m_table->currentIndex()).row());
    if (entry)
        m_preview->load(QUrl::fromLocalFile(QDir(m_logPath).filePath(entry->fileNames().constFirst())));
    else
        m_preview->setHtml(QString());
    updateActions();
}

void HistoryPage::exportSelectedTo(const QString& zipPath)
{
    const QString id = selectedReportId();
    if (id.isEmpty() || !m_worker)
        return;
    setBusy(tr("Exporting %1…").arg(id), false);
    QMetaObject::invokeMethod(m_worker, [worker = m_worker, id, zipPath] { worker->exportZip(id, zipPath); });
}

void HistoryPage::askAndExport()
{
    const QString id = selectedReportId();
    if (id.isEmpty())
        return;
    QSettings settings;
    const QString folder = settings.value(kExportFolderKey, QDir::homePath()).toString();
    const QString zipPath = QFileDialog::getSaveFileName(
        this, tr("Export report"), QDir(folder).filePath(id + QStringLiteral(".zip")), tr("Zip archives (*.zip)"));
    if (zipPath.isEmpty())
        return;
    settings.setValue(kExportFolderKey, QFileInfo(zipPath).absolutePath());
    exportSelectedTo(zipPath);
}

void HistoryPage::removeSelected()
{
    const QString id = selectedReportId();
    if (id.isEmpty() || !m_worker)
        return;
    setBusy(tr("Deleting %1…").arg(id), false);
    QMetaObject::invokeMethod(m_worker, [worker = m_worker, id] { worker->remove(id); });
}

void HistoryPage::askAndRemove()
{
    const QString id = selectedReportId();
    if (id.isEmpty())
        return;
    const auto answer = QMessageBox::question(this, tr("Delete report"),
        tr("Delete the report %1 (its HTML, Markdown, speedscope and folded files) and its history?").arg(id));
    if (answer == QMessageBox::Yes)
        removeSelected();
}

void HistoryPage::reindex()
{
    if (!m_worker)
        return;
    setBusy(tr("Reindexing…"), true);
    QMetaObject::invokeMethod(m_worker, &HistoryWorker::reindex, Qt::QueuedConnection);
}

void HistoryPage::cancelWork()
{
    if (m_worker)
        m_worker->cancel();
}

void HistoryPage::openContainingFolder()
{
    QDesktopServices::openUrl(QUrl::fromLocalFile(m_logPath));
}

void HistoryPage::setBusy(const QString& what, bool cancellable)
{
    m_message->setText(what);
    m_progress->setRange(0, 0);
    m_progress->show();
    m_cancel->setVisible(cancellable);
    m_reindex->setEnabled(false);
}

void HistoryPage::setIdle(const QString& message)
{
    m_message->setText(message);
    m_progress->hide();
    m_cancel->hide();
    m_reindex->setEnabled(true);
    updateActions();
}

void HistoryPage::updateActions()
{
    const bool selected = !selectedReportId().isEmpty();
    m_export->setEnabled(selected);
    m_delete->setEnabled(selected);
    m_openFolder->setEnabled(!m_logPath.isEmpty());
}

} // namespace wpm
