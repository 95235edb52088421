#include "DurationChart.h"

#include "PaletteColours.h"
#include "RequestsModel.h"

#include <QPainter>

#include <algorithm>

namespace wpm {

DurationChart::DurationChart(RequestsModel* model, QWidget* parent)
    : QWidget(parent)
    , m_model(model)
{
    setMinimumHeight(90);
    // update() coalesces: a burst of requests costs one repaint.
    connect(model, &QAbstractItemModel::rowsInserted, this, qOverload<>(&QWidget::update));
    connect(model, &QAbstractItemModel::rowsRemoved, this, qOverload<>(&QWidget::update));
    connect(model, &QAbstractItemModel::modelReset, this, qOverload<>(&QWidget::update));
    connect(model, &QAbstractItemModel::dataChanged, this, qOverload<>(&QWidget::update));
}

void DurationChart::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QPalette colours = palette();
    painter.fillRect(rect(), colours.base());
    const QFontMetrics metrics(font());
    const int left = metrics.horizontalAdvance(QStringLiteral("00.00 s")) + 8;
    const QRectF plot(left, 6, width() - left - 8, height() - 12 - metrics.height());

    const int rows = m_model->rowCount();
    const double threshold = m_model->thresholdSeconds();
    double longest = threshold * 1.25;
    qint64 first = 0, last = 1;
    for (int row = 0; row < rows; ++row) {
        const RequestRecord* record = m_model->record(row);
        longest = std::max(longest, record->durationSeconds());
        first = row == 0 ? record->startNs : std::min(first, record->startNs);
        last = std::max(last, record->startNs);
    }
    const double span = std::max<double>(double(last - first), 1e9);
    const auto y = [&](double seconds) { return plot.bottom() - plot.height() * seconds / longest; };

    painter.setPen(colours.color(QPalette::Mid));
    painter.drawLine(plot.bottomLeft(), plot.bottomRight());
    painter.setPen(colours.color(QPalette::Text));
    painter.drawText(
        QRectF(0, plot.top() - 2, left - 4, metrics.height()), Qt::AlignRight, tr("%1 s").arg(longest, 0, 'f', 2));
    painter.drawText(QRectF(plot.left(), plot.bottom() + 2, plot.width(), metrics.height()), Qt::AlignLeft,
        rows ? tr("%n request(s) over %1 s", nullptr, rows).arg(span / 1e9, 0, 'f', 0) : tr("No requests yet"));

    const QColor slowColour = errorColour(colours);
    painter.setPen(QPen(slowColour, 1, Qt::DashLine));
    painter.drawLine(QPointF(plot.left(), y(threshold)), QPointF(plot.right(), y(threshold)));
    painter.drawText(QRectF(0, y(threshold) - metrics.height() / 2.0, left - 4, metrics.height()), Qt::AlignRight,
        tr("%1 s").arg(threshold, 0, 'f', 2));

    painter.setPen(Qt::NoPen);
    for (int row = 0; row < rows; ++row) {
        const RequestRecord* record = m_model->record(row);
        const double x = plot.left() + plot.width() * double(record->startNs - first) / span;
        const bool slow = record->durationSeconds() > threshold;
        painter.setBrush(slow ? slowColour : colours.color(QPalette::Highlight));
        painter.drawEllipse(QPointF(x, y(record->durationSeconds())), 3, 3);
    }
}

} // namespace wpm
