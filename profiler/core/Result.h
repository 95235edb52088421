#pragma once
// Errors inside the core are values: a Result<T> holds either a T or an Error whose message
// says what failed and what to do about it. Nothing in profiler/ throws across threads.

#include <QString>
#include <QStringList>

#include <utility>
#include <variant>

namespace wpm {

struct Error {
    QString message;
};

template <typename T>
class [[nodiscard]] Result {
public:
    Result(T value) : m_state(std::move(value)) {}
    Result(Error error) : m_state(std::move(error)) {}

    bool ok() const { return std::holds_alternative<T>(m_state); }
    explicit operator bool() const { return ok(); }

    const T& value() const& { return std::get<T>(m_state); }
    T& value() & { return std::get<T>(m_state); }
    T&& value() && { return std::get<T>(std::move(m_state)); }
    const T& operator*() const& { return value(); }
    const T* operator->() const { return &value(); }

    const Error& error() const { return std::get<Error>(m_state); }

private:
    std::variant<T, Error> m_state;
};

// For operations that produce nothing but can fail.
struct Done {};
using Status = Result<Done>;

inline Status success() { return Done{}; }

} // namespace wpm
