// The attach picker on this machine's real processes: the model under QAbstractItemModelTester lists
// a child we start with its command line, the filter finds it, attaching to the workbench itself is
// refused with AttachCheck's message, and attaching to our own child is accepted.

#include "ProcessListModel.h"
#include "ProcessPickerDialog.h"

#include <QAbstractItemModelTester>
#include <QCoreApplication>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QTableView>
#include <QTest>

#include <unistd.h>

using namespace wpm;

class TestProcessPicker : public QObject {
    Q_OBJECT

    QProcess m_child;
    // A marker no other process on the machine has in its command line.
    const QString m_marker = QStringLiteral("wpm-picker-%1").arg(getpid());

private Q_SLOTS:
    void initTestCase()
    {
        m_child.start(QStringLiteral("/bin/sh"), { QStringLiteral("-c"), QStringLiteral("sleep 60"), m_marker });
        QVERIFY(m_child.waitForStarted(5000));
        // Wait until the shell has exec'ed with its final command line.
        QVERIFY(QTest::qWaitFor(
            [this] {
                const std::optional<ProcessInfo> info = readProcessInfo(pid_t(m_child.processId()));
                return info && info->commandLine.contains(m_marker);
            },
            5000));
    }

    void cleanupTestCase()
    {
        m_child.kill();
        m_child.waitForFinished();
    }

    void modelListsRealProcesses()
    {
        ProcessListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.resetData(listProcesses());
        QVERIFY(model.rowCount() > 2);
        int childRow = -1;
        for (int row = 0; row < model.rowCount(); ++row) {
            if (model.index(row, 0).data(ProcessListModel::PidRole).toLongLong() == m_child.processId())
                childRow = row;
        }
        QVERIFY(childRow >= 0);
        QCOMPARE(model.index(childRow, ProcessListModel::PidColumn).data().toLongLong(), m_child.processId());
        QVERIFY(model.index(childRow, ProcessListModel::CommandLineColumn).data().toString().contains(m_marker));
        QCOMPARE(model.headerData(ProcessListModel::CommandLineColumn, Qt::Horizontal).toString(),
            QStringLiteral("Command line"));
        model.resetData({});
        QCOMPARE(model.rowCount(), 0);
    }

    void filterFindsTheChildAndAttachIsChecked()
    {
        ProcessPickerDialog picker;
        QTableView* table = picker.table();
        const int all = table->model()->rowCount();
        picker.filterEdit()->setText(m_marker);
        QCOMPARE(table->model()->rowCount(), 1);
        QVERIFY(table->model()->rowCount() < all);

        // Nothing selected yet: a message, not an attach.
        picker.accept();
        QVERIFY(!picker.errorLabel()->isHidden());
        QCOMPARE(picker.selectedPid(), pid_t(0));

        // The workbench itself cannot be sampled: AttachCheck says so.
        picker.filterEdit()->clear();
        picker.selectPid(getpid());
        picker.accept();
        QVERIFY(!picker.errorLabel()->isHidden());
        QVERIFY2(
            picker.errorLabel()->text().contains(QString::number(getpid())), qPrintable(picker.errorLabel()->text()));
        QCOMPARE(picker.result(), int(QDialog::Rejected));

        // A child of ours can.
        picker.filterEdit()->setText(m_marker);
        picker.selectPid(pid_t(m_child.processId()));
        picker.accept();
        QCOMPARE(picker.result(), int(QDialog::Accepted));
        QCOMPARE(picker.selectedPid(), pid_t(m_child.processId()));
    }
};

QTEST_MAIN(TestProcessPicker)
#include "tst_processpicker.moc"
