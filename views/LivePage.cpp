#include "LivePage.h"

#include "DurationChart.h"
#include "FlameGraphView.h"
#include "RequestsModel.h"
#include "WebPageScheme.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QVBoxLayout>

#include <limits>

namespace wpm {
namespace {

constexpr int kMinReportWidth = 360; // the report's summary table and flame graph stay readable
constexpr int kInitialPaneWidth = 1000;
constexpr qsizetype kMaxShownRequest = 120; // characters of method and URL

} // namespace

LivePage::LivePage(QWidget* parent)
    : QWidget(parent)
    , m_requests(new RequestsModel(this))
    , m_flame(new FlameGraphView(this))
    , m_mode(new QComboBox(this))
    , m_threads(new QComboBox(this))
    , m_symbolizing(new QProgressBar(this))
    , m_cancelSymbolizing(new QPushButton(tr("Cancel"), this))
    , m_resumeSymbolizing(new QPushButton(tr("Go on"), this))
    , m_symbolizationNote(new QLabel(this))
    , m_table(new QTableView(this))
    , m_chart(new DurationChart(m_requests, this))
    , m_details(new QStackedWidget(this))
    , m_noReport(new QLabel(this))
    , m_report(new QWebEngineView(this))
    , m_reportSymbolizing(new QProgressBar(this))
    , m_cancelReportSymbolizing(new QPushButton(tr("Cancel"), this))
    , m_reportStatus(new QLabel(this))
{
    setObjectName(QStringLiteral("livePage"));
    followPaletteScheme(m_report);
    auto* vertical = new QSplitter(Qt::Vertical, this);
    vertical->addWidget(createFlamePane());
    vertical->addWidget(createRequestsPane());
    vertical->setStretchFactor(0, 3);
    vertical->setStretchFactor(1, 2);
    vertical->setSizes({ 420, 300 }); // the flame graph gets the larger share
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(vertical);
}

QWidget* LivePage::createFlamePane()
{
    auto* pane = new QWidget(this);
    m_mode->addItem(tr("All samples"), AllSamples);
    m_mode->addItem(tr("Selected request"), SelectedRequest);
    m_mode->addItem(tr("Selected thread"), SelectedThread);
    m_threads->setEnabled(false);
    m_threads->setMinimumContentsLength(10);
    const auto changed = [this] {
        m_threads->setEnabled(m_mode->currentData().toInt() == SelectedThread);
        Q_EMIT sourceChanged(currentSource());
    };
    connect(this, &LivePage::sourceChanged, this, &LivePage::hideSymbolization); // a new source starts over
    connect(m_cancelSymbolizing, &QPushButton::clicked, this, &LivePage::symbolizationCancelRequested);
    connect(m_resumeSymbolizing, &QPushButton::clicked, this, [this] {
        hideSymbolization();
        Q_EMIT symbolizationResumeRequested();
    });
    m_symbolizing->setMaximumWidth(320);
    hideSymbolization();
    connect(m_mode, &QComboBox::currentIndexChanged, this, changed);
    connect(m_threads, &QComboBox::currentIndexChanged, this, changed);
    auto* bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Flame graph of:"), pane));
    bar->addWidget(m_mode);
    bar->addWidget(m_threads);
    bar->addWidget(m_symbolizing);
    bar->addWidget(m_cancelSymbolizing);
    bar->addWidget(m_symbolizationNote);
    bar->addWidget(m_resumeSymbolizing);
    bar->addStretch();
    auto* layout = new QVBoxLayout(pane);
    layout->setContentsMargins(4, 4, 4, 0);
    layout->addLayout(bar);
    layout->addWidget(m_flame, 1);
    return pane;
}

QWidget* LivePage::createRequestsPane()
{
    m_table->setModel(m_requests);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(RequestsModel::UrlColumn, QHeaderView::Stretch);
    fitNarrowColumns();
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] {
        showSelectedRequest();
        if (m_mode->currentData().toInt() == SelectedRequest)
            Q_EMIT sourceChanged(currentSource());
    });
    // The report of the selected request arrives after its row: show it when it does.
    connect(m_requests, &QAbstractItemModel::dataChanged, this, &LivePage::showSelectedRequest);

    m_noReport->setAlignment(Qt::AlignCenter);
    m_noReport->setWordWrap(true);
    m_details->addWidget(m_noReport);
    m_details->addWidget(m_report);

    auto* left = new QWidget(this);
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(4, 0, 0, 4);
    leftLayout->addWidget(m_table, 1);
    leftLayout->addWidget(m_chart);
    m_reportSplitter = new QSplitter(Qt::Horizontal, this);
    m_reportSplitter->addWidget(left);
    m_reportSplitter->addWidget(createReportPane());
    m_reportSplitter->setChildrenCollapsible(false);
    m_reportSplitter->setStretchFactor(0, 1);
    m_reportSplitter->setStretchFactor(1, 1);
    // Half each: the report's flame graph and tables need the room (the saved sizes replace these). As large as
    // a pane can be, so that no minimum width outweighs them when the page is laid out at its real width.
    m_reportSplitter->setSizes({ kInitialPaneWidth, kInitialPaneWidth });
    showSelectedRequest();
    return m_reportSplitter;
}

void LivePage::fitNarrowColumns()
{
    // Once, to a typical value or the title: sized to contents they would be measured at every new request.
    const QList<std::pair<int, QString>> widest { { RequestsModel::TimeColumn, QStringLiteral("00:00:00.000") },
        { RequestsModel::MethodColumn, QStringLiteral("DELETE") },
        { RequestsModel::StatusColumn, QStringLiteral("000") },
        { RequestsModel::DurationColumn, QStringLiteral("99999.9 ms") },
        { RequestsModel::SlowColumn, QCoreApplication::translate("wpm::RequestsModel", "slow") } };
    const QFontMetrics metrics = m_table->fontMetrics();
    constexpr int kPadding = 24; // the cell's margins and the header's sort arrow
    for (const auto& [column, value] : widest) {
        const QString title = m_requests->headerData(column, Qt::Horizontal).toString();
        m_table->setColumnWidth(
            column, std::max(metrics.horizontalAdvance(value), metrics.horizontalAdvance(title)) + kPadding);
    }
}

QWidget* LivePage::createReportPane()
{
    auto* pane = new QWidget(this);
    pane->setMinimumWidth(kMinReportWidth);
    m_reportSymbolizing->setTextVisible(false); // the label above says it
    m_reportStatus->setWordWrap(true);
    m_reportStatus->setTextFormat(Qt::PlainText); // the URL is the client's
    m_reportSymbolizing->hide();
    m_cancelReportSymbolizing->hide();
    m_reportStatus->hide();
    connect(m_cancelReportSymbolizing, &QPushButton::clicked, this,
        [this] { Q_EMIT reportSymbolizationCancelRequested(m_reportSymbolizingId); });
    auto* bar = new QHBoxLayout;
    bar->addWidget(m_reportSymbolizing, 1);
    bar->addWidget(m_cancelReportSymbolizing);
    auto* layout = new QVBoxLayout(pane);
    layout->setContentsMargins(0, 0, 4, 4);
    layout->addWidget(m_reportStatus);
    layout->addLayout(bar);
    layout->addWidget(m_details, 1);
    return pane;
}

void LivePage::showReportSymbolizationProgress(quint64 requestId, const QString& request, qint64 done, qint64 total)
{
    if (done >= total) {
        m_reportSymbolizing->hide();
        m_cancelReportSymbolizing->hide();
        m_reportStatus->hide();
        return;
    }
    m_reportSymbolizingId = requestId;
    m_reportSymbolizing->setRange(0, int(std::min<qint64>(total, std::numeric_limits<int>::max())));
    m_reportSymbolizing->setValue(int(std::min<qint64>(done, m_reportSymbolizing->maximum())));
    // In a plain-text label, not the bar's format, where a '%' of the URL would read as a placeholder.
    m_reportStatus->setText(tr("Symbolizing the report of %1: %2 of %3 frames")
                                .arg(request.left(kMaxShownRequest), QString::number(done), QString::number(total)));
    m_reportStatus->show();
    m_reportSymbolizing->show();
    m_cancelReportSymbolizing->show();
}

void LivePage::endReportSymbolization(quint64 requestId)
{
    if (requestId != m_reportSymbolizingId || !m_reportSymbolizing->isVisible())
        return;
    m_reportSymbolizing->hide();
    m_cancelReportSymbolizing->hide();
    m_reportStatus->hide();
}

void LivePage::showReportSymbolizationCancelled(const QString& request, quint64 frames)
{
    m_reportSymbolizing->hide();
    m_cancelReportSymbolizing->hide();
    m_reportStatus->setText(tr("Symbolization of the report of %1 was cancelled: the report was written with %2 frames "
                               "shown as module and file offset (0x...) instead of function names.")
                                .arg(request.left(kMaxShownRequest))
                                .arg(frames));
    m_reportStatus->show();
}

void LivePage::setThreads(const QList<pid_t>& threads)
{
    QList<pid_t> shown;
    for (int i = 0; i < m_threads->count(); ++i)
        shown.append(pid_t(m_threads->itemData(i).toLongLong()));
    if (shown == threads)
        return;
    const QVariant current = m_threads->currentData();
    const QSignalBlocker blocker(m_threads); // the selection stays the same thread
    m_threads->clear();
    for (pid_t tid : threads)
        m_threads->addItem(tr("thread %1").arg(tid), qint64(tid));
    const int index = m_threads->findData(current);
    m_threads->setCurrentIndex(index >= 0 ? index : 0);
}

void LivePage::showSymbolizationProgress(qint64 done, qint64 total)
{
    if (done >= total) {
        hideSymbolization();
        return;
    }
    m_symbolizationNote->hide();
    m_symbolizing->setRange(0, int(std::min<qint64>(total, std::numeric_limits<int>::max())));
    m_symbolizing->setValue(int(std::min<qint64>(done, m_symbolizing->maximum())));
    m_symbolizing->setFormat(tr("Symbolizing %1 of %2 frames").arg(done).arg(total));
    m_symbolizing->show();
    m_cancelSymbolizing->show();
}

void LivePage::showSymbolizationCancelled(const QString& message)
{
    hideSymbolization();
    m_symbolizationNote->setText(tr("Symbolization cancelled: the flame graph stays as it was."));
    m_symbolizationNote->setToolTip(message);
    m_symbolizationNote->show();
    m_resumeSymbolizing->show();
}

void LivePage::hideSymbolization()
{
    m_symbolizing->hide();
    m_cancelSymbolizing->hide();
    m_symbolizationNote->hide();
    m_resumeSymbolizing->hide();
}

LiveSource LivePage::currentSource() const
{
    LiveSource source;
    switch (m_mode->currentData().toInt()) {
    case SelectedThread:
        if (m_threads->currentIndex() >= 0)
            source.thread = pid_t(m_threads->currentData().toLongLong());
        break;
    case SelectedRequest:
        if (const RequestRecord* record = m_requests->record(m_table->currentIndex().row())) {
            source.startNs = record->startNs;
            source.endNs = std::max(record->endNs, record->startNs + 1);
        } else {
            source.startNs = source.endNs = 1; // nothing selected: an empty window
        }
        break;
    default:
        break;
    }
    return source;
}

void LivePage::showSelectedRequest()
{
    const QModelIndex current = m_table->currentIndex();
    const QString report
        = current.isValid() ? current.siblingAtColumn(0).data(RequestsModel::ReportPathRole).toString() : QString();
    if (report.isEmpty()) {
        m_shownReport.clear();
        const bool slow = current.isValid() && current.data(RequestsModel::IsSlowRole).toBool();
        m_noReport->setText(!current.isValid() ? tr("Select a request to see its call tree.")
                : slow                         ? tr("Writing this request's report…")
                       : tr("Requests faster than the threshold get no report. Choose \"Selected request\" above "
                            "to see the samples of its time window."));
        m_details->setCurrentWidget(m_noReport);
        return;
    }
    if (report != m_shownReport) {
        m_shownReport = report;
        m_report->load(QUrl::fromLocalFile(report));
    }
    m_details->setCurrentWidget(m_report);
}

void LivePage::clear()
{
    m_requests->clear();
    m_threads->clear();
    m_reportStatus->hide(); // of the recording before
    showSelectedRequest();
}

} // namespace wpm
