#pragma once
// Turns SIGINT and SIGTERM into a Qt signal (self-pipe + QSocketNotifier), so that a headless
// session stops sampling cleanly and writes what it has instead of dying mid-sample.

#include <QObject>

class QSocketNotifier;

namespace wpm {

class UnixSignalWatcher : public QObject {
    Q_OBJECT
public:
    explicit UnixSignalWatcher(QObject* parent = nullptr);
    ~UnixSignalWatcher() override; // restores the default actions

Q_SIGNALS:
    void terminationRequested(int signalNumber);

private:
    QSocketNotifier* m_notifier = nullptr;
};

} // namespace wpm
