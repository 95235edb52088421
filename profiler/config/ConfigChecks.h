#pragma once
// The checks behind the configuration table: each takes a JSON-typed value and returns it converted, or an
// Error whose message is the specific reason (empty when "expected <accepted values>" says it all).

#include "MonitorConfig.h"
#include "core/Result.h"

#include <QCoreApplication>
#include <QJsonParseError>
#include <QJsonValue>

namespace wpm {

class ConfigChecks {
    Q_DECLARE_TR_FUNCTIONS(wpm::ConfigChecks)

public:
    struct Range {
        double min;
        double max;
        bool minExclusive = false;
        bool maxExclusive = false;
    };

    static Result<double> number(const QJsonValue& value, Range range);
    static Result<int> integer(const QJsonValue& value, int min, int max);
    static Result<QString> string(const QJsonValue& value);
    // One of `names`, as its index.
    static Result<qsizetype> oneOf(const QJsonValue& value, const QStringList& names);
    // A directory that exists and takes new files, or a path whose nearest existing ancestor is such a
    // directory. Creates nothing.
    static Result<QString> writableDirectory(const QJsonValue& value);
    static Result<QStringList> urlPatterns(const QJsonValue& value);
    static Result<QList<NotifierSettings>> notifiers(const QJsonValue& value);
    static Result<QString> listenAddress(const QJsonValue& value);
    static Result<QString> upstream(const QJsonValue& value);
    // Items "NAME[=SECONDS]" (flags, environment) or {"function": NAME, "threshold_seconds": S} (file).
    static Result<QList<FunctionWatch>> functionWatches(const QJsonValue& value);

    // "unterminated string at line 3, column 14", counted in characters from 1.
    static QString jsonSyntaxError(const QByteArray& json, const QJsonParseError& error);

private:
    static QString typeName(const QJsonValue& value);
    static Error wrongType(const QJsonValue& value, const QString& expected);
    static Error notANumber(const QJsonValue& value);
};

} // namespace wpm
