#pragma once
// Trees and metadata shared by the report tests.

#include "profile/FoldedStacks.h"
#include "report/ReportMetadata.h"

#include <QFile>
#include <QTest>

namespace reporttest {

inline wpm::CallTree foldedTree(const QString& dataFile)
{
    QFile file(QStringLiteral(WPM_TEST_DATA_DIR "/") + dataFile);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot open %s", qPrintable(file.fileName()));
    wpm::Result<wpm::CallTree> tree = wpm::readFolded(QString::fromUtf8(file.readAll()), 1000000);
    if (!tree)
        qFatal("%s", qPrintable(tree.error().message));
    return std::move(tree).value();
}

inline wpm::ReportMetadata metadata(const QString& url = QStringLiteral("/api/users/42?page=2"))
{
    wpm::ReportMetadata meta;
    meta.method = QStringLiteral("GET");
    meta.url = url;
    meta.status = 200;
    meta.durationS = 1.234;
    meta.thresholdS = 0.5;
    meta.time = QDateTime(QDate(2026, 11, 25), QTime(18, 0, 1, 250), Qt::UTC);
    meta.command = QStringLiteral("python3 -m flask run --port 5000");
    meta.pid = 4242;
    meta.samples = 103;
    meta.rateHz = 97.5;
    meta.overhead = 0.0125;
    return meta;
}

} // namespace reporttest
