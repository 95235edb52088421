#pragma once
// The live page: the flame graph refreshing while recording (all samples, the selected request's
// window, or one thread), the requests table with its duration chart, and the selected slow
// request's report (flame graph, top-down, bottom-up, top functions: the HTML report itself).

#include "LiveSource.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSplitter;
class QStackedWidget;
class QTableView;
class QWebEngineView;

namespace wpm {

class DurationChart;
class FlameGraphView;
class RequestsModel;

class LivePage : public QWidget {
    Q_OBJECT
public:
    enum SourceMode { AllSamples, SelectedRequest, SelectedThread };

    explicit LivePage(QWidget* parent = nullptr);

    RequestsModel* requestsModel() const { return m_requests; }
    FlameGraphView* flameGraph() const { return m_flame; }
    QTableView* requestsTable() const { return m_table; }
    QWebEngineView* reportView() const { return m_report; }
    QComboBox* sourceCombo() const { return m_mode; }

    QProgressBar* symbolizationBar() const { return m_symbolizing; }
    QPushButton* cancelSymbolizationButton() const { return m_cancelSymbolizing; }
    QPushButton* resumeSymbolizationButton() const { return m_resumeSymbolizing; }
    QLabel* symbolizationLabel() const { return m_symbolizationNote; }
    QProgressBar* reportSymbolizationBar() const { return m_reportSymbolizing; }
    QPushButton* cancelReportSymbolizationButton() const { return m_cancelReportSymbolizing; }
    QLabel* reportStatusLabel() const { return m_reportStatus; }
    QSplitter* reportSplitter() const { return m_reportSplitter; }

    void setThreads(const QList<pid_t>& threads);
    // Long symbolization of the flame graph's source: a bar with Cancel while done < total.
    void showSymbolizationProgress(qint64 done, qint64 total);
    void showSymbolizationCancelled(const QString& message);
    // A slow request's report being symbolized (`request`: its method and URL): a bar with Cancel while
    // done < total.
    void showReportSymbolizationProgress(quint64 requestId, const QString& request, qint64 done, qint64 total);
    // Its symbolization was cancelled and the report written with `frames` frames as addresses.
    void showReportSymbolizationCancelled(const QString& request, quint64 frames);
    // The report of `requestId` is written: its bar goes, whether or not its progress reached the end (a job
    // cancelled with nothing left to name never does).
    void endReportSymbolization(quint64 requestId);
    LiveSource currentSource() const;
    void clear();

Q_SIGNALS:
    void sourceChanged(const wpm::LiveSource& source);
    void symbolizationCancelRequested();
    void symbolizationResumeRequested();
    void reportSymbolizationCancelRequested(quint64 requestId);

private:
    QWidget* createFlamePane();
    QWidget* createRequestsPane();
    QWidget* createReportPane();
    void fitNarrowColumns(); // so that the URL gets the table's width
    void hideSymbolization();
    void showSelectedRequest();

    RequestsModel* m_requests;
    FlameGraphView* m_flame;
    QComboBox* m_mode;
    QComboBox* m_threads;
    QProgressBar* m_symbolizing;
    QPushButton* m_cancelSymbolizing;
    QPushButton* m_resumeSymbolizing;
    QLabel* m_symbolizationNote; // why the flame graph stopped: symbolization cancelled
    QTableView* m_table;
    DurationChart* m_chart;
    QStackedWidget* m_details;
    QLabel* m_noReport;
    QWebEngineView* m_report;
    QString m_shownReport;
    QProgressBar* m_reportSymbolizing;
    QPushButton* m_cancelReportSymbolizing;
    QLabel* m_reportStatus; // the report symbolized now, or the last one whose symbolization was cancelled
    quint64 m_reportSymbolizingId = 0; // the request whose report the bar shows
    QSplitter* m_reportSplitter = nullptr; // requests table | report
};

} // namespace wpm
