#pragma once
// The result of one attempt to send a notification: sent, or failed with a reason and whether trying
// again may help (connection refused, timeouts, server errors) or not (refused credentials, bad request).

#include <QString>

namespace wpm {

struct DeliveryResult {
    enum class State { Sent, TransientFailure, PermanentFailure };

    State state = State::Sent;
    QString message; // what failed and what to do; for Sent, an optional detail such as the post id

    static DeliveryResult sent(QString detail = {}) { return { State::Sent, std::move(detail) }; }
    static DeliveryResult transient(QString reason) { return { State::TransientFailure, std::move(reason) }; }
    static DeliveryResult permanent(QString reason) { return { State::PermanentFailure, std::move(reason) }; }

    bool ok() const { return state == State::Sent; }
};

} // namespace wpm
