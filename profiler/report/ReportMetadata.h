#pragma once
// What a report says about the request and the run besides the call tree: everything its summary shows.
// Every string here may come from the request or the target and is untrusted (escaped by each writer).

#include <QDateTime>
#include <QString>
#include <QStringList>
#include <QtGlobal>

namespace wpm {

struct ReportMetadata {
    QString method; // HTTP method as received, e.g. "GET"
    QString url; // request target as received (path and query)
    int status = 0; // HTTP status, 0 when the request did not complete
    double durationS = 0; // request wall time
    double thresholdS = 0; // the slow-request threshold it exceeded
    QDateTime time; // when the request started (wall clock); written in UTC
    QString command; // the server's command line
    qint64 pid = 0;
    quint64 samples = 0; // samples in the request's window (normally the tree's total)
    double rateHz = 0; // achieved sampling rate
    double overhead = 0; // fraction of the target's time spent stopped for sampling (0.01 = 1%)
    QStringList notes; // what a reader should know about how the report was made (plain text, one sentence each)
};

} // namespace wpm
