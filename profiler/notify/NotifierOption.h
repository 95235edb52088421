#pragma once
// The options one notifier type accepts (the original library's notice_list names), and the check of a
// notice_list entry against them. The same table documents the options in the README.

#include <QCoreApplication>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QStringList>

namespace wpm {

struct NotifierOption {
    enum class Kind {
        Text, // a non-empty string
        OptionalText, // any string, empty included
        Url, // http:// or https:// with a host
        Port, // 1 to 65535
        Flag, // true or false
        TextList, // a non-empty array of non-empty strings
        Choice, // one of choices
        Secret, // a non-empty string: the secret itself, or "keychain:NAME" (see SecretStore)
        File, // an existing, readable file
    };

    QString name;
    Kind kind = Kind::Text;
    bool required = false;
    QJsonValue defaultValue; // null (as {} makes it): none
    QStringList choices; // for Choice
    const char* description = ""; // translated in context wpm::NotifierOption

    QString acceptedText() const;
};

class NotifierOptionCheck {
    Q_DECLARE_TR_FUNCTIONS(wpm::NotifierOptionCheck)

public:
    // Every problem of entry `where` ("notice_list[2]") of type `type`, one message each naming the
    // option, its value (secrets masked) and what is accepted.
    static QStringList problems(
        const QString& where, const QString& type, const QJsonObject& options, const QList<NotifierOption>& accepted);

    // A required secret left out (as saved files do): one message each, saying how to provide it.
    static QStringList missingSecrets(
        const QString& where, const QString& type, const QJsonObject& options, const QList<NotifierOption>& accepted);

    // options with every absent option that has a default set to it.
    static QJsonObject withDefaults(QJsonObject options, const QList<NotifierOption>& accepted);

private:
    static QString valueProblem(const NotifierOption& option, const QJsonValue& value);
};

} // namespace wpm
