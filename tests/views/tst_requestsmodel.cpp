// RequestsModel with real requests: records of a real HttpProxy in front of the test upstream, under
// QAbstractItemModelTester; the slow flag follows the threshold, rows stay bounded, reports attach.
// The chart painted from the same model is checked to draw the threshold and the slow dot in red.

#include "DurationChart.h"
#include "RequestsModel.h"
#include "capture/HttpProxy.h"

#include <QAbstractItemModelTester>
#include <QImage>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QProcess>
#include <QSignalSpy>
#include <QTest>

using namespace wpm;

class TestRequestsModel : public QObject {
    Q_OBJECT

    QProcess m_upstream;
    HttpProxy m_proxy;
    QList<RequestRecord> m_records;

    // Sends GET `target` through the proxy and waits for its record.
    bool request(const char* target)
    {
        QNetworkAccessManager network;
        network.setProxy(QNetworkProxy::NoProxy);
        QNetworkReply* reply
            = network.get(QNetworkRequest(QUrl(QStringLiteral("http://%1%2").arg(m_proxy.address(), target))));
        QSignalSpy finished(reply, &QNetworkReply::finished);
        const qsizetype before = m_records.size();
        return finished.wait(10000) && QTest::qWaitFor([&] { return m_records.size() > before; }, 5000);
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_upstream.start(QStringLiteral("/usr/bin/python3"), { QStringLiteral(WPM_HTTP_UPSTREAM) });
        if (!m_upstream.waitForStarted(5000))
            QSKIP("the test upstream needs /usr/bin/python3");
        QVERIFY(m_upstream.waitForReadyRead(10000));
        const QByteArray ready = m_upstream.readLine();
        QVERIFY2(ready.startsWith("ready port="), ready.constData());
        ProxyOptions options;
        options.upstreamPort = quint16(ready.mid(11).trimmed().toUInt());
        connect(&m_proxy, &HttpProxy::requestFinished, this,
            [this](const RequestRecord& record) { m_records.append(record); });
        const Status started = m_proxy.start(options);
        QVERIFY2(started.ok(), started ? "" : qPrintable(started.error().message));
        QVERIFY(request("/fast"));
        QVERIFY(request("/slow?ms=300"));
        QVERIFY(request("/missing-page"));
    }

    void cleanupTestCase()
    {
        m_proxy.stop();
        m_upstream.kill();
        m_upstream.waitForFinished();
    }

    void showsRealRequests()
    {
        RequestsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setThresholdSeconds(0.2);
        for (const RequestRecord& record : m_records)
            model.append(record);
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.columnCount(), int(RequestsModel::ColumnCount));
        QCOMPARE(model.index(0, RequestsModel::MethodColumn).data().toString(), QStringLiteral("GET"));
        QCOMPARE(model.index(1, RequestsModel::UrlColumn).data().toString(), QStringLiteral("/slow?ms=300"));
        QCOMPARE(model.index(0, RequestsModel::StatusColumn).data().toString(), QStringLiteral("200"));
        QCOMPARE(model.index(2, RequestsModel::StatusColumn).data().toString(), QStringLiteral("404"));
        QVERIFY(model.index(1, 0).data(RequestsModel::DurationSecondsRole).toDouble() >= 0.3);
        QVERIFY(model.index(1, RequestsModel::DurationColumn).data().toString().endsWith(QStringLiteral(" ms")));
        QCOMPARE(model.index(1, RequestsModel::SlowColumn).data().toString(), QStringLiteral("slow"));
        QCOMPARE(model.index(0, RequestsModel::SlowColumn).data().toString(), QString());
        QCOMPARE(model.index(0, RequestsModel::TimeColumn).data().toString(),
            m_records[0].startTime.toLocalTime().toString(QStringLiteral("HH:mm:ss.zzz")));
        QCOMPARE(model.headerData(RequestsModel::UrlColumn, Qt::Horizontal).toString(), QStringLiteral("URL"));

        // A higher threshold makes the slow one ordinary.
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.setThresholdSeconds(1.0);
        QCOMPARE(changed.size(), 1);
        QVERIFY(!model.index(1, 0).data(RequestsModel::IsSlowRole).toBool());
    }

    void attachesReportsById()
    {
        RequestsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        for (const RequestRecord& record : m_records)
            model.append(record);
        model.setReportPath(m_records[1].id, QStringLiteral("/tmp/report.html"));
        QCOMPARE(model.index(1, 0).data(RequestsModel::ReportPathRole).toString(), QStringLiteral("/tmp/report.html"));
        QCOMPARE(model.index(0, 0).data(RequestsModel::ReportPathRole).toString(), QString());
        model.setReportPath(999'999, QStringLiteral("/tmp/other.html")); // a row long gone: ignored
        QCOMPARE(model.rowOf(m_records[2].id), 2);
        QCOMPARE(model.rowOf(999'999), -1);
    }

    void keepsTheNewestRows()
    {
        RequestsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setMaxRows(2);
        for (const RequestRecord& record : m_records)
            model.append(record);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.record(0)->id, m_records[1].id);
        QCOMPARE(model.record(1)->id, m_records[2].id);
        model.clear();
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(!model.record(0));
    }

    void chartDrawsThresholdAndSlowRequests()
    {
        RequestsModel model;
        model.setThresholdSeconds(0.2);
        for (const RequestRecord& record : m_records)
            model.append(record);
        DurationChart chart(&model);
        chart.resize(400, 160);
        const QImage image = chart.grab().toImage();
        int red = 0;
        for (int y = 0; y < image.height(); ++y) {
            for (int x = 0; x < image.width(); ++x) {
                const QColor colour = image.pixelColor(x, y);
                red += colour.red() > 180 && colour.green() < 90 && colour.blue() < 90 ? 1 : 0;
            }
        }
        // The dashed threshold line spans the plot: more red pixels than the slow dot's ~30.
        QVERIFY2(red > 60, qPrintable(QString::number(red)));
        model.setThresholdSeconds(100); // no line in view, no slow dot
        const QImage calm = chart.grab().toImage();
        int redLeft = 0;
        for (int y = 0; y < calm.height(); ++y) {
            for (int x = 0; x < calm.width(); ++x) {
                const QColor colour = calm.pixelColor(x, y);
                redLeft += colour.red() > 180 && colour.green() < 90 && colour.blue() < 90 ? 1 : 0;
            }
        }
        QVERIFY2(redLeft < red, qPrintable(QString::number(redLeft)));
    }
};

QTEST_MAIN(TestRequestsModel)
#include "tst_requestsmodel.moc"
