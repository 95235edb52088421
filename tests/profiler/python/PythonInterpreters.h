#pragma once
// The CPython interpreters the Python tests run against: pyenv's 3.9-3.13 and Debian's /usr/bin/python3.11,
// one data row each, skipped with a message naming the missing one.

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTest>

#include <algorithm>

inline QString pyenvRoot()
{
    QProcess pyenv;
    pyenv.start(QStringLiteral("pyenv"), { QStringLiteral("root") });
    if (pyenv.waitForFinished(5000) && pyenv.exitCode() == 0) {
        const QString root = QString::fromLocal8Bit(pyenv.readAllStandardOutput()).trimmed();
        if (!root.isEmpty())
            return root;
    }
    if (const QString fromEnvironment = qEnvironmentVariable("PYENV_ROOT"); !fromEnvironment.isEmpty())
        return fromEnvironment;
    return QDir::homePath() + QStringLiteral("/.pyenv");
}

// $(pyenv root)/versions/3.<minor>.*/bin/python3, the newest patch release; empty when none.
inline QString pyenvPython(int minor)
{
    static const QString root = pyenvRoot();
    QDir versions(root + QStringLiteral("/versions"));
    QStringList candidates
        = versions.entryList({ QStringLiteral("3.%1.*").arg(minor) }, QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    std::sort(candidates.begin(), candidates.end(), [](const QString& a, const QString& b) {
        return a.section(QLatin1Char('.'), 2).toInt() < b.section(QLatin1Char('.'), 2).toInt();
    });
    for (auto it = candidates.crbegin(); it != candidates.crend(); ++it) {
        const QString python = versions.filePath(*it + QStringLiteral("/bin/python3"));
        if (QFile::exists(python))
            return python;
    }
    return {};
}

struct PythonInterpreterRow {
    QString label; // "pyenv-3.9", "debian-3.11"
    QString python; // empty when not installed
    int minor = 0;
};

inline QList<PythonInterpreterRow> supportedInterpreters()
{
    const QString debian = QStringLiteral("/usr/bin/python3.11");
    return {
        { QStringLiteral("pyenv-3.9"), pyenvPython(9), 9 },
        { QStringLiteral("pyenv-3.10"), pyenvPython(10), 10 },
        { QStringLiteral("pyenv-3.11"), pyenvPython(11), 11 },
        { QStringLiteral("debian-3.11"), QFile::exists(debian) ? debian : QString(), 11 },
        { QStringLiteral("pyenv-3.12"), pyenvPython(12), 12 },
        { QStringLiteral("pyenv-3.13"), pyenvPython(13), 13 },
    };
}

// Columns "python" (empty when not installed) and "minor", a row per supported interpreter.
inline void addSupportedInterpreterRows()
{
    QTest::addColumn<QString>("python");
    QTest::addColumn<int>("minor");
    for (const PythonInterpreterRow& row : supportedInterpreters())
        QTest::newRow(qPrintable(row.label)) << row.python << row.minor;
}

// Each interpreter's rows skip, naming it, where it is not installed.
#define SKIP_WITHOUT_PYTHON(python, minor)                                                                             \
    if ((python).isEmpty())                                                                                            \
    QSKIP(qPrintable(QStringLiteral("No Python 3.%1 interpreter found (pyenv root %2, /usr/bin/python3.11)")           \
                         .arg(minor)                                                                                   \
                         .arg(pyenvRoot())))
