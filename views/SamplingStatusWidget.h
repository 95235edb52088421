#pragma once
// The status bar's sampling figures: achieved rate against the asked one, overhead estimate,
// sample count, and a warning while the sampler falls behind.

#include "sampling/SamplerStats.h"

#include <QWidget>

class QLabel;

namespace wpm {

class SamplingStatusWidget : public QWidget {
    Q_OBJECT
public:
    explicit SamplingStatusWidget(QWidget* parent = nullptr);

    void setStats(const SamplerStats& stats);
    void clear();

    QString rateText() const;
    QString overheadText() const;
    QString samplesText() const;
    bool warningShown() const;

private:
    QLabel* m_rate;
    QLabel* m_overhead;
    QLabel* m_samples;
    QLabel* m_warning;
};

} // namespace wpm
