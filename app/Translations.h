#pragma once
// Chooses the user-interface language (--lang, else the system locale) and installs the
// workbench's and Qt's own translators on the application.

#include "core/Result.h"

#include <QStringList>

class QCoreApplication;

namespace wpm {

// Languages the workbench ships, as locale names ("en" is the source language).
QStringList availableLanguages();

// Installs translators for `requested` (empty: the system locale). Returns the language in use;
// an unknown requested language is an error that lists the available ones.
Result<QString> installTranslations(QCoreApplication& app, const QString& requested);

// The value of --lang in raw arguments, read before the parser exists so that --help is translated.
QString requestedLanguage(const QStringList& arguments);

} // namespace wpm
