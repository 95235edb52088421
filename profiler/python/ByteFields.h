#pragma once
// Reads a field of a struct copied out of the target: a value of type T at a byte offset, or T{}
// when the copy is too short (a racy or partial read is then caught by the reader's validation).

#include <QByteArrayView>

#include <cstring>

namespace wpm {

template <typename T> T fieldAt(QByteArrayView bytes, quint64 offset)
{
    T value {};
    if (offset + sizeof(T) <= quint64(bytes.size()))
        std::memcpy(&value, bytes.data() + offset, sizeof value);
    return value;
}

} // namespace wpm
