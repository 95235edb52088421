#include "SamplingStatusWidget.h"

#include "PaletteColours.h"

#include <QHBoxLayout>
#include <QLabel>

namespace wpm {

SamplingStatusWidget::SamplingStatusWidget(QWidget* parent)
    : QWidget(parent)
    , m_rate(new QLabel(this))
    , m_overhead(new QLabel(this))
    , m_samples(new QLabel(this))
    , m_warning(new QLabel(tr("⚠ falling behind"), this))
{
    setErrorColoured(m_warning, true);
    QFont bold = m_warning->font();
    bold.setBold(true);
    m_warning->setFont(bold);
    m_warning->setToolTip(tr("The sampler takes fewer samples than asked: the machine is busy, or the target has "
                             "many threads. Lower sampling_rate_hz or close other programs."));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_warning);
    layout->addWidget(m_rate);
    layout->addWidget(m_overhead);
    layout->addWidget(m_samples);
    clear();
}

void SamplingStatusWidget::setStats(const SamplerStats& stats)
{
    m_rate->setText(tr("%1 Hz of %2 Hz").arg(stats.achievedHz, 0, 'f', 0).arg(stats.requestedHz, 0, 'f', 0));
    m_rate->setToolTip(
        tr("Sampling rate achieved, and asked for; the adaptive rate is %1 Hz now.").arg(stats.effectiveHz, 0, 'f', 0));
    m_overhead->setText(tr("overhead %1%").arg(stats.overhead * 100.0, 0, 'f', 2));
    m_samples->setText(tr("%n sample(s)", nullptr, int(std::min<quint64>(stats.samples, INT_MAX))));
    m_warning->setVisible(stats.fallingBehind);
    for (QLabel* label : { m_rate, m_overhead, m_samples })
        label->show();
}

void SamplingStatusWidget::clear()
{
    for (QLabel* label : { m_rate, m_overhead, m_samples, m_warning }) {
        label->clear();
        label->hide();
    }
    m_warning->setText(tr("⚠ falling behind"));
}

QString SamplingStatusWidget::rateText() const
{
    return m_rate->text();
}

QString SamplingStatusWidget::overheadText() const
{
    return m_overhead->text();
}

QString SamplingStatusWidget::samplesText() const
{
    return m_samples->text();
}

bool SamplingStatusWidget::warningShown() const
{
    return !m_warning->isHidden();
}

} // namespace wpm
