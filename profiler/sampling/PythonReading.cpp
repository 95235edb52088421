#include "PythonReading.h"

namespace wpm {

const QStringList& pythonReadingNames()
{
    static const QStringList names { QStringLiteral("mixed"), QStringLiteral("gil_holder"),
        QStringLiteral("nonblocking") };
    return names;
}

QString pythonReadingName(PythonReading reading)
{
    return pythonReadingNames().value(qsizetype(reading));
}

std::optional<PythonReading> pythonReadingNamed(QStringView name)
{
    const qsizetype index = pythonReadingNames().indexOf(name);
    if (index < 0)
        return std::nullopt;
    return PythonReading(index);
}

} // namespace wpm
