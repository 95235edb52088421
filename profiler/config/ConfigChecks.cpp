#include "ConfigChecks.h"

#include "HostPort.h"
#include "NameSuggestion.h"
#include "UrlPattern.h"
#include "notify/NotifierRegistry.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>

#include <cmath>

#include <linux/magic.h>
#include <sys/vfs.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace wpm {

namespace {

// access() says yes to root everywhere but on read-only mounts; /proc and /sys refuse new files anyway.
bool canCreateFilesIn(const QString& directory)
{
    const QByteArray path = QFile::encodeName(directory);
    if (::access(path.constData(), W_OK | X_OK) != 0)
        return false;
    struct statfs fs { };
    if (::statfs(path.constData(), &fs) == 0 && (fs.f_type == PROC_SUPER_MAGIC || fs.f_type == SYSFS_MAGIC))
        return false;
    return true;
}

// A dangling symbolic link does not "exist" for QFileInfo, yet nothing can be created in its place.
bool isPresent(const QFileInfo& info)
{
    return info.exists() || info.isSymLink();
}

} // namespace

QString ConfigChecks::typeName(const QJsonValue& value)
{
    switch (value.type()) {
    case QJsonValue::Bool:
        return tr("a JSON boolean");
    case QJsonValue::Double:
        return tr("a JSON number");
    case QJsonValue::String:
        return tr("a JSON string");
    case QJsonValue::Array:
        return tr("a JSON array");
    case QJsonValue::Object:
        return tr("a JSON object");
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        break;
    }
    return tr("JSON null");
}

Error ConfigChecks::wrongType(const QJsonValue& value, const QString& expected)
{
    return Error { tr("it is %1, not %2").arg(typeName(value), expected) };
}

Error ConfigChecks::notANumber(const QJsonValue& value)
{
    if (value.isString()) // the usual slip: "threshold_seconds": "0.5"
        return Error { tr("it is a JSON string; write the number without quotes") };
    return wrongType(value, tr("a number"));
}

Result<double> ConfigChecks::number(const QJsonValue& value, Range range)
{
    if (!value.isDouble())
        return notANumber(value);
    const double n = value.toDouble();
    const bool aboveMin = range.minExclusive ? n > range.min : n >= range.min;
    const bool belowMax = range.maxExclusive ? n < range.max : n <= range.max;
    if (!std::isfinite(n) || !aboveMin || !belowMax)
        return Error {};
    return n;
}

Result<int> ConfigChecks::integer(const QJsonValue& value, int min, int max)
{
    if (!value.isDouble())
        return notANumber(value);
    const double n = value.toDouble();
    if (!std::isfinite(n) || n < min || n > max)
        return Error {};
    if (std::trunc(n) != n)
        return Error { tr("it is not a whole number") };
    return static_cast<int>(n);
}

Result<QString> ConfigChecks::string(const QJsonValue& value)
{
    if (!value.isString())
        return wrongType(value, tr("a string"));
    return value.toString();
}

Result<qsizetype> ConfigChecks::oneOf(const QJsonValue& value, const QStringList& names)
{
    Result<QString> text = string(value);
    if (!text)
        return text.error();
    const qsizetype index = names.indexOf(text->trimmed());
    if (index >= 0)
        return index;
    if (const QString close = suggestName(text->trimmed(), names); !close.isEmpty())
        return Error { tr("did you mean \"%1\"?").arg(close) };
    return Error {};
}

Result<QString> ConfigChecks::writableDirectory(const QJsonValue& value)
{
    Result<QString> path = string(value);
    if (!path)
        return path;
    if (path->isEmpty())
        return Error { tr("the path is empty") };

    const QFileInfo info(*path);
    if (isPresent(info)) {
        if (!info.isDir())
            return Error { tr("\"%1\" is not a directory").arg(*path) };
        if (!canCreateFilesIn(*path))
            return Error { tr("files cannot be created in \"%1\"").arg(*path) };
        return path;
    }
    // The report writer creates the missing part, so the nearest existing ancestor must allow that.
    QString ancestor = QDir::cleanPath(info.absoluteFilePath());
    do {
        ancestor = QFileInfo(ancestor).absolutePath();
    } while (!isPresent(QFileInfo(ancestor)));
    if (!QFileInfo(ancestor).isDir())
        return Error { tr("it cannot be created because \"%1\" is not a directory").arg(ancestor) };
    if (!canCreateFilesIn(ancestor))
        return Error { tr("it cannot be created because \"%1\" does not allow new entries").arg(ancestor) };
    return path;
}

Result<QStringList> ConfigChecks::urlPatterns(const QJsonValue& value)
{
    if (!value.isArray())
        return wrongType(value, tr("an array of strings"));
    QStringList patterns;
    QStringList problems;
    for (const QJsonValue& item : value.toArray()) {
        if (!item.isString()) {
            problems.append(tr("an item is %1, not a string").arg(typeName(item)));
            continue;
        }
        if (Result<UrlPattern> pattern = UrlPattern::parse(item.toString()); !pattern)
            problems.append(pattern.error().message);
        patterns.append(item.toString());
    }
    if (!problems.isEmpty())
        return Error { problems.join(u"; ") };
    return patterns;
}

Result<QList<NotifierSettings>> ConfigChecks::notifiers(const QJsonValue& value)
{
    if (!value.isArray())
        return wrongType(value, tr("an array of objects"));
    QList<NotifierSettings> notifiers;
    QStringList problems;
    const QJsonArray items = value.toArray();
    for (qsizetype i = 0; i < items.size(); ++i) {
        const QString where = u"notice_list[%1]"_s.arg(i);
        if (!items[i].isObject()) {
            problems.append(tr("%1 is %2, not an object").arg(where, typeName(items[i])));
            continue;
        }
        QJsonObject options = items[i].toObject();
        const QJsonValue type = options.take(u"type"_s);
        const NotifierType* known = NotifierRegistry::builtIn().find(type.toString());
        if (type.isUndefined())
            problems.append(tr("%1 has no \"type\"").arg(where));
        else if (!type.isString())
            problems.append(tr("the \"type\" of %1 is %2, not a string").arg(where, typeName(type)));
        else if (!known)
            problems.append(tr("the type \"%1\" of %2 is not one of %3")
                                .arg(type.toString(), where, NotifierRegistry::builtIn().names().join(u", ")));
        else
            problems.append(NotifierOptionCheck::problems(where, type.toString(), options, known->options));
        notifiers.append({ type.toString(), options });
    }
    if (!problems.isEmpty())
        return Error { problems.join(u"; ") };
    return notifiers;
}

Result<QList<FunctionWatch>> ConfigChecks::functionWatches(const QJsonValue& value)
{
    if (!value.isArray())
        return wrongType(value, tr("an array"));
    constexpr qsizetype kMaxNameLength = 1000;
    QList<FunctionWatch> watches;
    QStringList problems;
    const QJsonArray items = value.toArray();
    for (qsizetype i = 0; i < items.size(); ++i) {
        const QString where = u"watch[%1]"_s.arg(i);
        FunctionWatch watch;
        QJsonValue seconds(QJsonValue::Undefined);
        if (items[i].isString()) {
            // NAME=SECONDS when what follows the last '=' is a number; a name may hold '=' (operator=).
            const QString text = items[i].toString().trimmed();
            const qsizetype equals = text.lastIndexOf(u'=');
            bool isNumber = false;
            const double parsed = equals < 0 ? 0 : text.mid(equals + 1).trimmed().toDouble(&isNumber);
            watch.function = isNumber ? text.left(equals).trimmed() : text;
            if (isNumber)
                seconds = parsed;
        } else if (items[i].isObject()) {
            QJsonObject object = items[i].toObject();
            const QJsonValue function = object.take(u"function"_s);
            seconds = object.take(u"threshold_seconds"_s);
            if (!function.isString())
                problems.append(tr("%1 has no \"function\" string").arg(where));
            watch.function = function.toString().trimmed();
            if (!object.isEmpty())
                problems.append(tr("%1 has unknown fields: %2").arg(where, object.keys().join(u", ")));
        } else {
            problems.append(tr("%1 is %2, not a string or an object").arg(where, typeName(items[i])));
            continue;
        }
        if (watch.function.isEmpty() || watch.function.size() > kMaxNameLength)
            problems.append(tr("%1 needs a function name of 1 to %2 characters").arg(where).arg(kMaxNameLength));
        if (!seconds.isUndefined()) {
            if (Result<double> threshold = number(seconds, Range { 0, 86400 }); threshold)
                watch.thresholdSeconds = *threshold;
            else
                problems.append(tr("the threshold of %1 is not a number of seconds from 0 to 86400").arg(where));
        }
        watches.append(watch);
    }
    if (!problems.isEmpty())
        return Error { problems.join(u"; ") };
    return watches;
}

Result<QString> ConfigChecks::listenAddress(const QJsonValue& value)
{
    Result<QString> text = string(value);
    if (!text)
        return text;
    if (Result<HostPort> address = HostPort::parseListenAddress(*text); !address)
        return address.error();
    return text;
}

Result<QString> ConfigChecks::upstream(const QJsonValue& value)
{
    Result<QString> text = string(value);
    if (!text || text->isEmpty())
        return text;
    if (Result<HostPort> address = HostPort::parseUpstream(*text); !address)
        return address.error();
    return text;
}

QString ConfigChecks::jsonSyntaxError(const QByteArray& json, const QJsonParseError& error)
{
    const QByteArray before = json.left(error.offset);
    const qsizetype lineStart = before.lastIndexOf('\n') + 1;
    const qsizetype line = before.count('\n') + 1;
    const qsizetype column = QString::fromUtf8(before.mid(lineStart)).size() + 1;
    return tr("%1 at line %2, column %3").arg(error.errorString()).arg(line).arg(column);
}

} // namespace wpm
