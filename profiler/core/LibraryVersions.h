#pragma once
// Versions of the libraries the engine runs on, for the About dialog and `--version`.

#include <QList>
#include <QString>

namespace wpm {

struct LibraryVersion {
    QString name;
    QString version;
};

QList<LibraryVersion> libraryVersions();

} // namespace wpm
