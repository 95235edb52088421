#pragma once
// Shorthands for building frames in the profile tests, and a readable QCOMPARE printer for them.

#include "profile/Frame.h"

#include <QTest>

namespace wpm {
// Found by argument-dependent lookup when QCOMPARE fails on two frames.
inline char* toString(const Frame& frame)
{
    return QTest::toString(QStringLiteral("%1{function=\"%2\" file=\"%3\" line=%4 module=\"%5\"}")
                               .arg(frame.kind == FrameKind::Python ? "Python" : "Native", frame.function, frame.file)
                               .arg(frame.line)
                               .arg(frame.module));
}
} // namespace wpm

namespace testframes {

inline wpm::Frame native(const QString& function, const QString& module = {}, const QString& file = {}, int line = 0)
{
    return wpm::Frame { function, file, line, module, wpm::FrameKind::Native };
}

inline wpm::Frame python(const QString& function, const QString& file = QStringLiteral("app.py"), int line = 1)
{
    return wpm::Frame { function, file, line, {}, wpm::FrameKind::Python };
}

} // namespace testframes
