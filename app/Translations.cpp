#include "Translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace wpm {

QStringList availableLanguages()
{
    return { QStringLiteral("en"), QStringLiteral("zh_CN") };
}

Result<QString> installTranslations(QCoreApplication& app, const QString& requested)
{
    QString language = requested;
    if (language.isEmpty()) {
        const QString system = QLocale::system().name();
        language = availableLanguages().contains(system) ? system : QStringLiteral("en");
    } else if (!availableLanguages().contains(language)) {
        return Error { QCoreApplication::translate(
            "wpm::Translations", "Unknown language \"%1\": available languages are %2.")
                           .arg(language, availableLanguages().join(QStringLiteral(", "))) };
    }
    if (language == QLatin1String("en"))
        return language;

    const QLocale locale(language);
    auto* own = new QTranslator(&app);
    if (!own->load(locale, QStringLiteral("web-perfmonitor"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        return Error { QCoreApplication::translate("wpm::Translations",
            "The %1 translation is missing from this build: rebuild with "
            "Qt's LinguistTools installed.")
                           .arg(language) };
    app.installTranslator(own);

    // Qt's own strings (standard buttons, About Qt). Their absence only leaves those in English.
    auto* qt = new QTranslator(&app);
    if (qt->load(
            locale, QStringLiteral("qtbase"), QStringLiteral("_"), QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        app.installTranslator(qt);
    else
        delete qt;
    return language;
}

QString requestedLanguage(const QStringList& arguments)
{
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString& argument = arguments[i];
        if (argument == QLatin1String("--lang") && i + 1 < arguments.size())
            return arguments[i + 1];
        if (argument.startsWith(QLatin1String("--lang=")))
            return argument.mid(7);
    }
    return {};
}

} // namespace wpm
