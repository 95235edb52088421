#pragma once
// The history page: log_path's reports in a filterable, sortable table, the selected HTML report
// previewed beside it, and what one does with a report (export a zip, open its folder, delete it) or
// with the whole history (reindex, with progress and Cancel). All history work runs on a HistoryWorker.

#include "history/ReportHistory.h"

#include <QPointer>
#include <QWidget>

class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTableView;
class QThread;
class QWebEngineView;

namespace wpm {

class HistoryFilterModel;
class HistoryModel;
class HistoryWorker;

class HistoryPage : public QWidget {
    Q_OBJECT
public:
    explicit HistoryPage(QWidget* parent = nullptr);
    ~HistoryPage() override;

    // Shows the history of `logPath` (loaded off the GUI thread); called again when the settings change.
    void setHistory(const QString& logPath, const HistoryOptions& options);
    void reload();

    HistoryModel* model() const { return m_model; }
    HistoryFilterModel* filterModel() const { return m_filter; }
    QTableView* table() const { return m_table; }
    QWebEngineView* preview() const { return m_preview; }
    QString selectedReportId() const;
    void selectReport(const QString& reportId);

    QLineEdit* searchEdit() const { return m_text; }

    // The one-click actions, without their dialogs (the buttons ask first).
    void exportSelectedTo(const QString& zipPath);
    void askAndExport(); // Export zip…: asks where (the last folder first); nothing without a selected report
    void removeSelected();
    void reindex();
    void cancelWork();

Q_SIGNALS:
    void entriesLoaded(int count);
    void exportFinished(const QString& zipPath);
    void removeFinished(const QString& reportId);
    void reindexFinished(qint64 indexed);
    void failed(const QString& message);

private:
    QWidget* createFilterBar();
    QWidget* createActionBar();
    void connectWorker();
    void stopWorker();
    void showEntries(const QList<wpm::HistoryEntry>& entries);
    void applyFilter();
    void showSelected();
    void askAndRemove();
    void openContainingFolder();
    void setBusy(const QString& what, bool cancellable);
    void setIdle(const QString& message);
    void updateActions();

    HistoryModel* m_model;
    HistoryFilterModel* m_filter;
    QThread* m_thread = nullptr;
    HistoryWorker* m_worker = nullptr; // lives on m_thread
    QString m_logPath;
    QString m_pendingSelection;
    QComboBox* m_endpoint = nullptr;
    QLineEdit* m_text = nullptr;
    QDateEdit* m_from = nullptr;
    QDateEdit* m_to = nullptr;
    QComboBox* m_status = nullptr;
    QTableView* m_table = nullptr;
    QWebEngineView* m_preview = nullptr;
    QPushButton* m_export = nullptr;
    QPushButton* m_openFolder = nullptr;
    QPushButton* m_delete = nullptr;
    QPushButton* m_reindex = nullptr;
    QPushButton* m_cancel = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_message = nullptr;
};

} // namespace wpm
